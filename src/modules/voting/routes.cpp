// HTTP routes of the voting module: preparing, opening, closing, extending and publishing a vote;
// its frozen roll and live turnout; ballots online (the voter or their proxy), at a meeting and
// on paper (two clerks, a supervisor for mismatches); the public publication and receipt check; the identity check
// before an online ballot, proxies an owner names on the H5, and the street's identity-check policy.
#include <functional>
#include <set>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/masking.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/query_code.hpp"
#include "http/record_items.hpp"
#include "http/record_scope.hpp"
#include "modules/media/media.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/module.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"

namespace weizhi::voting {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Json policies_json(const Policies& policies) {
  return {{"follow_majority", code_of(kFollowMajorityRules, policies.follow_majority)},
          {"extension", code_of(kExtensions, policies.extension)}};
}

Json optional_text_json(const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); }

Json documents_json(const std::vector<Document>& documents) {
  Json shown = Json::array();
  for (const auto& document : documents) shown.push_back({{"name", document.name}, {"reference", document.reference}});
  return shown;
}

// Whether the vote asks an online voter to prove who they are, under the policy frozen when it opened, or for a
// draft under the street's policy now (which opening will freeze).
Json identity_check_json(store::Connection& connection, const Vote& vote) {
  IdentityCheckPolicy policy = vote.identity_check.value_or(IdentityCheckPolicy::All);
  if (!vote.identity_check) {
    policy = identity_check_policy_of_street(connection, org::street_of_node(connection, vote.input.compound_node_id));
  }
  return {{"required", identity_check_required(policy, vote.input.matter)},
          {"policy", code_of(kIdentityCheckPolicies, policy)},
          {"frozen", vote.identity_check.has_value()}};
}

// The terms a vote is created with, as both the vote and its draft show them, with its materials.
Json terms_json(const Vote& vote) {
  const VoteInput& input = vote.input;
  Json channels = Json::array();
  for (Channel channel : input.channels) channels.push_back(code_of(kChannels, channel));
  return {{"title", input.title},
          {"matter", input.matter},
          {"scope", {{"kind", code_of(kScopeKinds, input.scope.kind)}, {"node_ids", input.scope.node_ids}}},
          {"items", input.items},
          {"opens_at", input.opens_at},
          {"closes_at", input.closes_at},
          {"channels", channels},
          {"policies", policies_json(input.policies)},
          {"documents", documents_json(vote.materials.documents)},
          {"photos", vote.materials.photos}};
}

Json vote_json(store::Connection& connection, const Vote& vote) {
  const VoteInput& input = vote.input;
  auto compound = org::find_node(connection, input.compound_node_id);
  Json shown = terms_json(vote);
  shown.update({{"id", vote.id},
                {"compound", {{"id", input.compound_node_id}, {"name", compound ? compound->name : ""}}},
                {"threshold", code_of(kThresholds, *threshold_of(input.matter))},
                {"bounds", bounds_json(*threshold_of(input.matter))},
                {"extended", vote.extended},
                {"state", code_of(kVoteStates, vote.state)},
                {"organiser_user_id", vote.organiser_user_id},
                {"roll_fingerprint", optional_text_json(vote.roll_fingerprint)},
                {"created_at", vote.created_at},
                {"opened_at", optional_text_json(vote.opened_at)},
                {"closed_at", optional_text_json(vote.closed_at)},
                {"published_at", optional_text_json(vote.published_at)},
                {"terms_fixed_by", optional_text_json(vote.terms_fixed_by)},
                {"identity_check", identity_check_json(connection, vote)}});
  return shown;
}

Json ballot_json(const BallotRecord& ballot) {
  Json choices = Json::array();
  for (Choice choice : ballot.choices) choices.push_back(code_of(kChoices, choice));
  return {{"voter_id", ballot.voter_id},
          {"channel", code_of(kChannels, ballot.channel)},
          {"choices", choices},
          {"receipt_code", ballot.receipt_code},
          {"proxy_person_id", ballot.proxy_person_id ? Json(*ballot.proxy_person_id) : Json(nullptr)},
          {"recorded_at", ballot.recorded_at}};
}

Vote require_vote(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_vote(connection, id), "找不到该表决");
}

http::ScopeResolver vote_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return found_or_404(vote_compound(connection, id), "找不到该表决");
  });
}

std::vector<std::string> text_list(JsonObject& body, const std::string& key) {
  const Json& value = body.any(key);
  if (!value.is_array()) fail_invalid(key, "字段 " + key + " 应为数组");
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) fail_invalid(key + "[" + std::to_string(i) + "]", "应为文字");
    texts.push_back(value[i].get<std::string>());
  }
  return texts;
}

// --- Preparing and running a vote ---

// The proposal's documents (absent or null: none), each {name, reference}.
std::vector<Document> read_documents(JsonObject& body) {
  const Json* value = body.optional_any("documents");
  std::vector<Document> documents;
  if (!value || value->is_null()) return documents;
  if (!value->is_array()) fail_invalid("documents", "字段 documents 应为数组");
  if (value->size() > kMaxDocuments) fail_invalid("documents", "表决材料最多 " + std::to_string(kMaxDocuments) + " 份");
  for (std::size_t i = 0; i < value->size(); ++i) {
    JsonObject document((*value)[i], "documents[" + std::to_string(i) + "]");
    documents.push_back(Document{document.text("name"), document.text("reference")});
    document.finish();
  }
  return documents;
}

// A draft as the create route takes it: the vote's terms and the proposal's materials.
struct Draft {
  VoteInput input;
  Materials materials;
};

Draft read_draft(Context& context, const Json& json) {
  JsonObject body(json);
  Draft draft{};
  VoteInput& input = draft.input;
  input.compound_node_id = body.integer("compound_id");
  input.title = body.text("title");
  std::int64_t matter = body.integer("matter");
  input.matter = matter >= 1 && matter <= kMatters ? static_cast<int>(matter) : 0;
  if (const Json* scope = body.optional_any("scope")) {
    if (!scope->is_object()) fail_invalid("scope", "字段 scope 应为对象");
    JsonObject scope_body(*scope, "scope");
    std::string kind = scope_body.text("kind");
    auto parsed = parse_code(kScopeKinds, kind);
    if (!parsed) fail_invalid("scope.kind", "范围应为 compound、buildings、units 或 parts");
    input.scope.kind = *parsed;
    if (const Json* ids = scope_body.optional_any("node_ids")) {
      if (!ids->is_array()) fail_invalid("scope.node_ids", "字段 scope.node_ids 应为编号数组");
      for (std::size_t i = 0; i < ids->size(); ++i) {
        input.scope.node_ids.push_back(context.parse_id((*ids)[i].is_number_integer() ? (*ids)[i].dump() : "",
                                                        "scope.node_ids[" + std::to_string(i) + "]"));
      }
    }
    scope_body.finish();
  }
  input.items = text_list(body, "items");
  input.opens_at = body.text("opens_at");
  input.closes_at = body.text("closes_at");
  auto channel_codes = text_list(body, "channels");
  for (std::size_t i = 0; i < channel_codes.size(); ++i) {
    auto channel = parse_code(kChannels, channel_codes[i]);
    if (!channel) fail_invalid("channels[" + std::to_string(i) + "]", "渠道应为 online、paper 或 meeting");
    input.channels.push_back(*channel);
  }
  if (const Json* policies = body.optional_any("policies")) {
    if (!policies->is_object()) fail_invalid("policies", "字段 policies 应为对象");
    JsonObject policy_body(*policies, "policies");
    if (auto rule = policy_body.optional_text("follow_majority")) {
      auto parsed = parse_code(kFollowMajorityRules, *rule);
      if (!parsed) fail_invalid("policies.follow_majority", "随多数规则应为 both_dimensions 或 abstain");
      input.policies.follow_majority = *parsed;
    }
    if (auto extension = policy_body.optional_text("extension")) {
      auto parsed = parse_code(kExtensions, *extension);
      if (!parsed) fail_invalid("policies.extension", "延期规则应为 once_if_quorum_not_met 或 none");
      input.policies.extension = *parsed;
    }
    policy_body.finish();
  }
  draft.materials.documents = read_documents(body);
  draft.materials.photos = media::photo_ids_field(body, "photos");
  body.finish();
  check_materials(draft.materials);
  return draft;
}

// A draft in the form the create route takes, so that an edit is checked as a creation.
Json draft_json(const Vote& vote) {
  Json draft = terms_json(vote);
  draft["compound_id"] = vote.input.compound_node_id;
  return draft;
}

Response create_vote_route(Context& context) {
  Draft draft = read_draft(context, context.json_body());
  const VoteInput& input = draft.input;
  std::int64_t organiser = context.user().user_id;
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_vote(tx, check_vote_terms(input, terms_facts(tx.connection(), input)), organiser);
    save_materials(tx, id, draft.materials);
    context.audit(tx, "vote.create", "vote:" + std::to_string(id),
                  {{"title", input.title}, {"matter", input.matter}, {"compound_id", input.compound_node_id}});
    return vote_json(tx.connection(), require_vote(tx.connection(), id));
  });
  return Response::json(201, created);
}

// Edits a draft: the fields sent replace the stored ones, and the whole is checked as on creation.
Response update_vote_route(Context& context) {
  const Json& changes = context.json_body();
  if (!changes.is_object()) fail_invalid("body", "请求体应为 JSON 对象");
  std::int64_t id = context.path_id("id");
  Json updated = context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    Json terms = draft_json(vote);
    for (const auto& [key, value] : changes.items()) terms[key] = value;
    Draft draft = read_draft(context, terms);
    check_draft_edit(vote, draft.input);
    update_draft(tx, vote, check_vote_terms(draft.input, terms_facts(tx.connection(), draft.input)));
    save_materials(tx, id, draft.materials);
    context.audit(tx, "vote.update", "vote:" + std::to_string(id), {{"changed", changes}});
    return vote_json(tx.connection(), require_vote(tx.connection(), id));
  });
  return Response::json(200, updated);
}

Response list_votes_route(Context& context) { return org::subtree_items(context, votes_under, vote_json); }

Response get_vote_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, vote_json(*lease, require_vote(*lease, context.path_id("id"))));
}

// A change of state: loads the vote in the write, applies `change`, audits `action`.
Response state_change(Context& context, const std::string& action,
                      const std::function<Json(store::Tx&, const Vote&)>& change) {
  http::StepTarget<Vote> target{context.path_id("id"), "vote", require_vote,
                                [](store::Tx& tx, const Vote& vote) { return vote_json(tx.connection(), vote); }};
  return http::audited_step(context, target, action, 200, change);
}

Response open_vote_route(Context& context) {
  return state_change(context, "vote.open", [](store::Tx& tx, const Vote& vote) {
    check_can_open(vote);
    auto roll = registry_roll(tx.connection(), vote);
    check_roll_has_voter(roll);
    freeze_roll(tx, vote, roll, tx.now());
    auto electorate = electorate_of(roll);
    return Json{{"parts", roll.size()},
                {"owner_count", electorate.owner_count},
                {"total_area_centi_m2", electorate.total_area_centi_m2},
                {"roll_fingerprint", *require_vote(tx.connection(), vote.id).roll_fingerprint}};
  });
}

Response close_vote_route(Context& context) {
  return state_change(context, "vote.close", [](store::Tx& tx, const Vote& vote) {
    check_closing(vote, tx.now());
    close_vote(tx, vote, tx.now());
    return Json::object();
  });
}

Response extend_vote_route(Context& context) {
  JsonObject body(context.json_body());
  std::string closes_at = body.text("closes_at");
  body.finish();
  return state_change(context, "vote.extend", [&](store::Tx& tx, const Vote& vote) {
    check_extendable(vote);
    bool quorum_met =
        turnout(*frozen_electorate(tx.connection(), vote), voters_with_ballot(tx.connection(), vote.id)).quorum_met;
    extend_vote(tx, vote.id, extended_deadline(vote, quorum_met, closes_at, tx.now()));
    return Json{{"from", vote.input.closes_at}, {"to", closes_at}};
  });
}

// The roll's totals are of the whole roll; its lines may be filtered on the ballot (?voted=yes|no) and
// searched by address (?address=).
Response roll_route(Context& context) {
  auto voted_filter = http::query_code(context, "voted", parser_of(kVotedFilters), "voted 应为 yes 或 no");
  auto address = context.query("address");
  auto lease = context.read();
  Vote vote = require_vote(*lease, context.path_id("id"));
  if (vote.state == VoteState::Draft) fail_conflict("表决开启时才冻结业主名册");
  auto roll = named_roll(*lease, vote.id);
  auto keys = address ? address_keys_meant(*address) : std::nullopt;
  auto at_address = keys ? std::optional(roll_parts_at_address(*lease, vote.id, *keys)) : std::nullopt;
  auto with_ballot = voters_with_ballot(*lease, vote.id);
  std::set<std::int64_t> voted_ids(with_ballot.begin(), with_ballot.end());
  std::vector<RollEntry> entries;
  Json items = Json::array();
  for (const auto& named : roll) {
    const RollEntry& entry = named.entry;
    entries.push_back(entry);
    bool voted = voted_ids.count(entry.owner_id) > 0;
    if (voted_filter && !passes_voted_filter(entry, voted, *voted_filter)) continue;
    if (at_address && !at_address->contains(entry.part_id)) continue;
    if (address && !keys && !address_text_matches(named.building_name, named.unit_name, named.part_name, *address))
      continue;
    items.push_back({{"part", {{"id", entry.part_id}, {"name", named.part_name}}},
                     {"building", named.building_name},
                     {"unit", named.unit_name},
                     {"owner", entry.owner_id ? Json{{"id", entry.owner_id}, {"name", named.owner_name.value_or("")}}
                                              : Json(nullptr)},
                     {"owner_kind", code_of(kOwnerKinds, entry.owner_kind)},
                     {"area_centi_m2", entry.area_centi_m2},
                     {"use", code_of(kPartUses, entry.use)},
                     {"voted", voted}});
  }
  auto electorate = electorate_of(entries);
  return Response::json(200, {{"fingerprint", *vote.roll_fingerprint},
                              {"total_area_centi_m2", electorate.total_area_centi_m2},
                              {"owner_count", electorate.owner_count},
                              {"voters", electorate.owner_ids.size()},
                              {"items", items}});
}

// Tells the owners on the roll who have not voted and hold an account, in their inboxes.
Response remind_route(Context& context) {
  JsonObject body(context.json_body());
  auto message = body.optional_text("message");
  body.finish();
  std::int64_t id = context.path_id("id");
  Json sent = context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    std::string text = reminder_text(vote, message);
    auto accounts = non_voter_accounts(tx.connection(), id);
    notifications::notify(tx, accounts,
                          {.kind = "vote.reminder",
                           .title = "请参加表决：《" + vote.input.title + "》",
                           .body = text,
                           .link = "/votes/" + std::to_string(id),
                           .entity = notifications::Entity{"vote", id}});
    context.audit(tx, "vote.remind", "vote:" + std::to_string(id), {{"message", text}, {"count", accounts.size()}});
    return Json{{"message", text}, {"count", accounts.size()}};
  });
  return Response::json(201, sent);
}

Response turnout_route(Context& context) {
  auto lease = context.read();
  Vote vote = require_vote(*lease, context.path_id("id"));
  if (vote.state == VoteState::Draft) fail_conflict("表决尚未开启");
  auto voters = voters_with_ballot(*lease, vote.id);
  Json shown = turnout_json(turnout(*frozen_electorate(*lease, vote), voters));
  shown["state"] = code_of(kVoteStates, vote.state);
  shown["ballots"] = voters.size();
  shown["held_paper_forms"] = held_forms(*lease, vote.id).size();
  return Response::json(200, shown);
}

Response record_proxy_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t voter_id = http::body_id(context, body, "voter_id");
  std::int64_t proxy_id = http::body_id(context, body, "proxy_person_id");
  std::string letter = body.text("letter_reference");
  body.finish();
  if (letter.find_first_not_of(" \t") == std::string::npos || letter.size() > 100) {
    fail_invalid("letter_reference", "请填写委托书编号（不超过 100 个字符）");
  }
  // The voter is checked against the roll; the proxy, who may live anywhere, against the caller's scope.
  people::require_person(context, "voting.manage", proxy_id, "proxy_person_id");
  std::int64_t id = context.path_id("id");
  context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    check_proxy(vote, proxy_id, proxy_facts(tx.connection(), id, voter_id, proxy_id));
    record_proxy(tx, id, NewProxy{voter_id, proxy_id, ProxySource::Paper, letter, std::nullopt}, tx.now());
    context.audit(tx, "vote.proxy.record", "vote:" + std::to_string(id),
                  {{"voter_id", voter_id}, {"proxy_person_id", proxy_id}, {"letter_reference", letter}});
  });
  return Response::json(201, {{"voter_id", voter_id}, {"proxy_person_id", proxy_id}, {"letter_reference", letter}});
}

// The recorded proxies: a paper letter's reference, or the statement the owner typed on the H5 (decrypted for the
// organisers, who keep it as they keep the letter).
Response proxies_route(Context& context) {
  const crypto::DataKey& key = context.services.data_key;
  return http::record_items(context, require_vote, proxies_of, [&key](const ProxyRecord& proxy) {
    return Json{{"voter", {{"id", proxy.voter_id}, {"name", proxy.voter_name}}},
                {"proxy", {{"id", proxy.proxy_person_id}, {"name", proxy.proxy_name}}},
                {"source", code_of(kProxySources, proxy.source)},
                {"letter_reference", proxy.source == ProxySource::Paper ? Json(proxy.letter_reference) : Json(nullptr)},
                {"statement", proxy.statement_sealed ? Json(key.decrypt(*proxy.statement_sealed)) : Json(nullptr)},
                {"created_at", proxy.created_at}};
  });
}

// --- The identity check and proxies named on the H5 (docs/rules.md#c-identity-check, #c-h5-proxy) ---

// The caller's person when they cast in the vote (on its roll or a proxy in it); a vote they have no part in is
// answered 404 like a missing one.
std::int64_t caster_in(store::Connection& connection, const Vote& vote, std::int64_t user_id) {
  auto person = people::person_of_user(connection, user_id);
  if (!person || voters_cast_by(connection, vote.id, *person).empty()) fail_not_found("找不到该表决");
  return *person;
}

Response refusal(const ApiError& error, const Json& more = Json::object()) {
  Json body = {{"code", error.code()}, {"message", error.message()}};
  if (!error.field().empty()) body["field"] = error.field();
  body.update(more);
  return Response::json(error.status(), {{"error", body}});
}

// POST /votes/{id}/identity-check {"id_last4"}: the caller proves who they are by the last four characters of
// their ID number, checked against the registry in memory. Every attempt is audited without the digits, and a
// wrong answer is counted in the same write, so it is answered (not thrown, which would undo the count).
Response identity_check_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string typed = body.text("id_last4");
  body.finish();
  std::string last4 = typed_id_last4(typed);
  std::int64_t user_id = context.user().user_id;
  const crypto::DataKey& key = context.services.data_key;
  return context.write([&](store::Tx& tx) {
    store::Connection& connection = tx.connection();
    Vote vote = require_vote(connection, id);
    std::int64_t person = caster_in(connection, vote, user_id);
    if (!asks_identity(vote)) return Response::json(200, {{"passed", true}, {"required", false}});
    check_identity_attempt(vote, tx.now());
    IdentityCheck check = identity_check_of(connection, id, person);
    if (check.passed) return Response::json(200, {{"passed", true}, {"required", true}});
    std::string entity = "vote:" + std::to_string(id);
    auto attempt = [&](const std::string& result, std::int64_t tries_left) {
      context.audit(tx, "vote.identity_check", entity,
                    {{"person_id", person}, {"result", result}, {"tries_left", tries_left}});
    };
    if (identity_locked(check)) {
      attempt("locked", 0);
      return refusal(identity_locked_error(vote));
    }
    auto id_number = people::read_secrets(connection, key, person).id_number;
    if (!id_number) {
      attempt("no_id_number", identity_tries_left(check));
      return refusal(no_id_number_error(vote));
    }
    if (id_last4_matches(*id_number, last4) && pass_identity(tx, id, person, tx.now())) {
      attempt("passed", identity_tries_left(check));
      return Response::json(200, {{"passed", true}, {"required", true}});
    }
    auto failures = count_identity_failure(tx, id, person, tx.now());
    std::int64_t tries_left = identity_tries_left(IdentityCheck{failures.value_or(kIdentityTries), false});
    if (tries_left == 0) {
      attempt("locked", 0);
      return refusal(identity_locked_error(vote));
    }
    attempt("failed", tries_left);
    return refusal(identity_mismatch_error(tries_left), {{"tries_left", tries_left}});
  });
}

// POST /votes/{id}/my-proxy {"voter_id","proxy_phone","statement"}: an owner names the person of the registry
// with that phone to cast for them, in their own words (kept sealed), and the proxy is told in their inbox.
Response name_proxy_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t voter_id = http::body_id(context, body, "voter_id");
  std::string phone = body.text("proxy_phone");
  std::string statement = checked_statement(body.text("statement"));
  body.finish();
  if (people::phone_problem(phone)) fail_invalid("proxy_phone", "请填写受托人的 11 位手机号");
  std::int64_t user_id = context.user().user_id;
  const crypto::DataKey& key = context.services.data_key;
  std::string phone_index = key.blind_index(normalise_phone(phone));
  return context.write([&](store::Tx& tx) {
    store::Connection& connection = tx.connection();
    Vote vote = require_vote(connection, id);
    std::int64_t person = caster_in(connection, vote, user_id);
    people::PeopleFilter filter;
    filter.scope_path =
        people::node_path(connection, org::street_of_node(connection, vote.input.compound_node_id)).value_or("/");
    filter.phone_index = phone_index;
    filter.limit = 2;
    NamedProxyFacts facts;
    auto castable = voters_cast_by(connection, id, person);
    facts.caller_is_voter = voter_id == person && !castable.empty() && castable.front() == person;
    facts.ballot_channel = facts.caller_is_voter ? ballot_channel(connection, id, voter_id) : std::nullopt;
    facts.identity = identity_check_of(connection, id, person);
    for (const auto& holder : people::search_people(connection, filter)) facts.phone_people.push_back(holder.id);
    facts.voter_has_proxy = proxy_of(connection, id, voter_id).has_value();
    std::int64_t proxy = check_named_proxy(vote, voter_id, facts, tx.now());
    record_proxy(tx, id, NewProxy{voter_id, proxy, ProxySource::H5, "", key.encrypt(statement)}, tx.now());
    auto named = *proxy_of(connection, id, voter_id);
    notifications::notify(tx, accounts_of_person(connection, proxy),
                          {.kind = "vote.proxy",
                           .title = "业主 " + named.voter_name + " 委托您参加表决：《" + vote.input.title + "》",
                           .body = statement,
                           .link = "/votes/" + std::to_string(id),
                           .entity = notifications::Entity{"vote", id}});
    context.audit(tx, "vote.proxy.name", "vote:" + std::to_string(id),
                  {{"voter_id", voter_id}, {"proxy_person_id", proxy}, {"source", "h5"}});
    return Response::json(201, {{"voter_id", voter_id},
                                {"proxy", {{"id", proxy}, {"name", named.proxy_name}}},
                                {"source", "h5"},
                                {"statement", statement}});
  });
}

// DELETE /votes/{id}/my-proxy/{voter_id}: the owner withdraws the proxy they named, before a ballot is cast.
Response withdraw_proxy_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t voter_id = context.path_id("voter_id");
  std::int64_t user_id = context.user().user_id;
  context.write([&](store::Tx& tx) {
    store::Connection& connection = tx.connection();
    Vote vote = require_vote(connection, id);
    auto person = people::person_of_user(connection, user_id);
    auto proxy = proxy_of(connection, id, voter_id);
    ProxyWithdrawalFacts facts;
    facts.caller_is_voter = person == voter_id;
    facts.proxy_source = proxy ? std::optional(proxy->source) : std::nullopt;
    facts.ballot_channel = ballot_channel(connection, id, voter_id);
    check_proxy_withdrawal(vote, facts);
    withdraw_proxy(tx, id, voter_id);
    context.audit(tx, "vote.proxy.withdraw", "vote:" + std::to_string(id),
                  {{"voter_id", voter_id}, {"proxy_person_id", proxy->proxy_person_id}});
  });
  return Response::no_content();
}

// --- The street's identity-check policy ---

Json voting_policy_json(IdentityCheckPolicy policy) {
  return {{"online_ballot_id_check", code_of(kIdentityCheckPolicies, policy)}};
}

Response get_policy_route(Context& context) {
  return org::street_policy(context, identity_check_policy_of_street, voting_policy_json);
}

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  auto policy = code_field(body, "online_ballot_id_check", parser_of(kIdentityCheckPolicies),
                           "实名核验范围应为 all、major_matters 或 off");
  body.finish();
  return org::save_street_policy(context, street_id, "voting.policy.update", voting_policy_json(policy),
                                 [&](store::Tx& tx) { save_identity_check_policy(tx, street_id, policy); });
}

// --- Ballots ---

Response cast_online_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto requested_voter = body.optional_integer("voter_id");
  auto codes = text_list(body, "choices");
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    auto person = people::person_of_user(tx.connection(), user_id);
    auto castable = person ? voters_cast_by(tx.connection(), id, *person) : std::vector<std::int64_t>{};
    auto [voter, proxy] = online_voter(requested_voter, person, castable);
    auto choices = parse_choices(codes, vote.input.items.size(), InvalidChoices::Refused, "choices");
    check_ballot_terms(vote, Channel::Online, tx.now());
    check_identity_for_ballot(vote, identity_check_of(tx.connection(), id, *person));
    BallotRecord ballot = record_ballot(tx, vote, NewBallot{voter, Channel::Online, choices, user_id, proxy}, tx.now());
    context.audit(tx, "vote.ballot.online", "vote:" + std::to_string(id),
                  {{"voter_id", voter}, {"proxy_person_id", proxy ? Json(*proxy) : Json(nullptr)}});
    return Response::json(201, ballot_json(ballot));
  });
}

// A form filled on paper or at a meeting and entered by an official for the voter it names.
struct EnteredForm {
  std::int64_t voter;
  std::vector<Choice> choices;
  std::int64_t entered_by;
};

// Reads a form's body {voter_id, choices} and runs `enter` in the write with the vote as it is there;
// a mis-marked choice ("invalid") is kept, as the paper shows it.
Response enter_form(Context& context,
                    const std::function<Response(store::Tx&, const Vote&, const EnteredForm&)>& enter) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t voter = http::body_id(context, body, "voter_id");
  auto codes = text_list(body, "choices");
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    auto choices = parse_choices(codes, vote.input.items.size(), InvalidChoices::Allowed, "choices");
    return enter(tx, vote, EnteredForm{voter, choices, user_id});
  });
}

Response cast_meeting_route(Context& context) {
  return enter_form(context, [&](store::Tx& tx, const Vote& vote, const EnteredForm& form) {
    check_ballot_terms(vote, Channel::Meeting, tx.now());
    BallotRecord ballot = record_ballot(
        tx, vote, NewBallot{form.voter, Channel::Meeting, form.choices, form.entered_by, std::nullopt}, tx.now());
    context.audit(tx, "vote.ballot.meeting", "vote:" + std::to_string(vote.id), {{"voter_id", form.voter}});
    return Response::json(201, ballot_json(ballot));
  });
}

Response paper_entry_route(Context& context) {
  return enter_form(context, [&](store::Tx& tx, const Vote& vote, const EnteredForm& form) {
    auto held = paper_form(tx.connection(), vote.id, form.voter);
    auto decided = paper_entry_outcome(vote, held, form.entered_by, form.choices, tx.now());
    auto ballot = save_paper_entry(tx, vote, form.voter, form.entered_by, form.choices, decided, tx.now());
    std::string outcome = code_of(paper_entry::kOutcomes, decided);
    context.audit(tx, "vote.paper.enter", "vote:" + std::to_string(vote.id),
                  {{"voter_id", form.voter}, {"choices", choices_text(form.choices)}, {"outcome", outcome}});
    if (ballot) return Response::json(201, {{"status", outcome}, {"ballot", ballot_json(*ballot)}});
    return Response::json(202, {{"status", outcome}});
  });
}

Response held_forms_route(Context& context) {
  return http::record_items(context, require_vote, held_forms, [](const HeldForm& form) {
    Json entries = Json::array();
    for (const auto& entry : form.entries) {
      Json choices = Json::array();
      for (Choice choice : entry.choices) choices.push_back(code_of(kChoices, choice));
      entries.push_back({{"clerk", {{"id", entry.clerk_user_id}, {"login", entry.clerk_login}}},
                         {"choices", choices},
                         {"entered_at", entry.entered_at}});
    }
    return Json{{"voter", {{"id", form.voter_id}, {"name", form.voter_name}}}, {"entries", entries}};
  });
}

Response settle_form_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t voter = context.path_id("voter_id");
  JsonObject body(context.json_body());
  auto codes = text_list(body, "choices");
  body.finish();
  std::int64_t supervisor = context.user().user_id;
  Json settled = context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    auto choices = parse_choices(codes, vote.input.items.size(), InvalidChoices::Allowed, "choices");
    check_settling(vote, paper_form(tx.connection(), id, voter));
    BallotRecord ballot = settle_paper_form(tx, vote, voter, supervisor, choices, tx.now());
    context.audit(tx, "vote.paper.settle", "vote:" + std::to_string(id),
                  {{"voter_id", voter}, {"choices", choices_text(choices)}});
    return ballot_json(ballot);
  });
  return Response::json(201, settled);
}

// --- Publication ---

Json publication_json(store::Connection& connection, const Vote& vote) {
  auto names = voter_names(connection, vote.id);
  Json ballots = Json::array();
  for (const auto& ballot : ballots_of(connection, vote.id)) {
    Json choices = Json::array();
    for (Choice choice : ballot.choices) choices.push_back(code_of(kChoices, choice));
    ballots.push_back(
        {{"voter", names[ballot.voter_id]}, {"channel", code_of(kChannels, ballot.channel)}, {"choices", choices}});
  }
  auto electorate = frozen_electorate(connection, vote);
  Json shown = vote_json(connection, vote);
  shown.erase("organiser_user_id");
  shown.erase("roll_fingerprint");
  // The ratios are explained beside result.json, whose bytes the result fingerprint covers.
  Json ratios = Json::array();
  for (const auto& item : parse_result_json(*vote.result)) {
    ratios.push_back(ratios_json(item));
    ratios.back()["item"] = item.item;
  }
  return {
      {"vote", shown},
      {"roll", {{"total_area_centi_m2", electorate->total_area_centi_m2}, {"owner_count", electorate->owner_count}}},
      {"result", Json::parse(*vote.result)},
      {"ratios", ratios},
      {"fingerprints",
       {{"roll", *vote.roll_fingerprint},
        {"ballots", *vote.ballots_fingerprint},
        {"result", *vote.result_fingerprint}}},
      {"ballots", ballots}};
}

Response publish_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Json published = context.write([&](store::Tx& tx) {
    Vote vote = require_vote(tx.connection(), id);
    check_publishable(vote);
    VoteFiles files = publish_vote(tx, vote, tx.now());
    Json outcomes = Json::array();
    for (const auto& result : files.results) outcomes.push_back(code_of(kOutcomes, result.outcome));
    context.audit(tx, "vote.publish", "vote:" + std::to_string(id),
                  {{"outcomes", outcomes}, {"result_fingerprint", crypto::sha256_hex(files.result_json)}});
    return publication_json(tx.connection(), require_vote(tx.connection(), id));
  });
  return Response::json(200, published);
}

Response publication_route(Context& context) {
  auto lease = context.read();
  auto vote = find_vote(*lease, context.path_id("id"));
  if (!vote || vote->state != VoteState::Published) fail_not_found("该表决结果尚未公布");
  return Response::json(200, publication_json(*lease, *vote));
}

// The export files of a published vote, the bytes its fingerprints cover, for `weizhi tally` to recount.
struct ExportFile {
  const char* name;
  const char* content_type;
  std::string VoteFiles::*bytes;
};
constexpr ExportFile kExportFiles[] = {
    {"roll.csv", "text/csv; charset=utf-8", &VoteFiles::roll_csv},
    {"ballots.csv", "text/csv; charset=utf-8", &VoteFiles::ballots_csv},
    {"result.json", "application/json", &VoteFiles::result_json},
};

http::Handler export_file_route(const ExportFile& file) {
  return [&file](Context& context) {
    auto lease = context.read();
    Vote vote = require_vote(*lease, context.path_id("id"));
    if (vote.state != VoteState::Published) fail_conflict("表决结果公布后才能下载导出文件", "state");
    VoteFiles files = vote_files(*lease, vote);
    files.result_json = *vote.result;
    Response response;
    response.content_type = file.content_type;
    response.body = files.*file.bytes;
    response.header("Content-Disposition",
                    "attachment; filename=\"vote-" + std::to_string(vote.id) + "-" + file.name + "\"");
    return response;
  };
}

Response receipt_route(Context& context) {
  std::string code = typed_receipt_code(context.request.path_params.at("code"));
  auto lease = context.read();
  auto receipt = find_receipt(*lease, code);
  if (!receipt) fail_not_found("没有该回执码对应的选票");
  Json choices = Json::array();
  for (Choice choice : receipt->choices) choices.push_back(code_of(kChoices, choice));
  return Response::json(200, {{"vote",
                               {{"id", receipt->vote_id},
                                {"title", receipt->vote_title},
                                {"state", code_of(kVoteStates, receipt->vote_state)}}},
                              {"channel", code_of(kChannels, receipt->channel)},
                              {"choices", choices},
                              {"recorded_at", receipt->recorded_at},
                              {"counted_in_published_result", receipt->vote_state == VoteState::Published}});
}

// The matters of Art. 278 para. 1 with the threshold and bounds each fixes, and how many items a vote may hold, for
// choosing before a vote exists.
Response matters_route(Context&) {
  Json items = Json::array();
  for (int matter = 1; matter <= kMatters; ++matter) {
    Threshold threshold = *threshold_of(matter);
    items.push_back(
        {{"matter", matter}, {"threshold", code_of(kThresholds, threshold)}, {"bounds", bounds_json(threshold)}});
  }
  return Response::json(200, {{"items", items}, {"max_items", kMaxItems}});
}

// A photo of the proposal, to those who may read the vote and to those who cast in it (its voters and their
// proxies), and only a photo of this vote: an id of another vote's photo is refused as unknown.
Response vote_photo_route(Context& context) {
  auto lease = context.read();
  Vote vote = require_vote(*lease, context.path_id("id"));
  if (!context.can("voting.read", vote.input.compound_node_id)) {
    auto person = people::person_of_user(*lease, context.user().user_id);
    if (!person || voters_cast_by(*lease, vote.id, *person).empty()) {
      fail_forbidden("只有表决的组织者和参加表决的业主可以查看表决材料");
    }
  }
  return media::cited_photo_reply(context, *lease, vote.materials.photos, "该表决没有这张照片");
}

Response my_votes_route(Context& context) {
  std::int64_t user_id = context.user().user_id;
  auto lease = context.read();
  auto person = people::person_of_user(*lease, user_id);
  Json items = Json::array();
  if (person) {
    // The caller is asked for the last four of their own ID number under their own (masked) name.
    auto caller = people::find_person(*lease, *person);
    for (const auto& vote : votes_of_person(*lease, *person)) {
      Json shown = vote_json(*lease, vote);
      Json voters = Json::array();
      for (std::int64_t voter : voters_cast_by(*lease, vote.id, *person)) {
        auto ballot = find_ballot(*lease, vote.id, voter);
        bool own = ballot && cast_by_or_for(*ballot, *person);
        bool self = voter == *person;
        // The owner sees whom they asked to cast for them; a proxy is not shown their own name back.
        auto proxy = self ? proxy_of(*lease, vote.id, voter) : std::nullopt;
        voters.push_back(
            {{"voter_id", voter},
             {"self", self},
             {"voted_channel", ballot ? Json(code_of(kChannels, ballot->channel)) : Json(nullptr)},
             {"receipt_code", own ? Json(ballot->receipt_code) : Json(nullptr)},
             {"proxy", proxy ? Json{{"name", proxy->proxy_name}, {"source", code_of(kProxySources, proxy->source)}}
                             : Json(nullptr)}});
      }
      shown["my_voters"] = voters;
      IdentityCheck check = identity_check_of(*lease, vote.id, *person);
      shown["my_identity_check"] = {{"name", caller ? caller->name_masked : ""},
                                    {"passed", check.passed},
                                    {"locked", identity_locked(check)},
                                    {"tries_left", identity_tries_left(check)},
                                    {"other_channels", other_channels_advice(vote)}};
      items.push_back(shown);
    }
  }
  return Response::json(200, {{"items", items}});
}

}  // namespace

void add_routes(http::Router& router) {
  auto allowed = [](const char* permission) { return Access::permission(permission, vote_scope()); };
  const std::string base = "/api/v1/votes";
  router.add(Method::Get, base, Access::permission("voting.read", org::node_query_scope()), list_votes_route);
  router.add(Method::Post, base, Access::permission("voting.manage", http::scope::body_node("compound_id")),
             create_vote_route);
  router.add(Method::Get, base + "/{id}", allowed("voting.read"), get_vote_route);
  router.add(Method::Patch, base + "/{id}", allowed("voting.manage"), update_vote_route);
  router.add(Method::Post, base + "/{id}/open", allowed("voting.manage"), open_vote_route);
  router.add(Method::Post, base + "/{id}/close", allowed("voting.manage"), close_vote_route);
  router.add(Method::Post, base + "/{id}/extend", allowed("voting.manage"), extend_vote_route);
  router.add(Method::Post, base + "/{id}/publish", allowed("voting.manage"), publish_route);
  router.add(Method::Get, base + "/{id}/roll", allowed("voting.read"), roll_route);
  router.add(Method::Get, base + "/{id}/turnout", allowed("voting.manage"), turnout_route);
  router.add(Method::Post, base + "/{id}/reminders", allowed("voting.manage"), remind_route);
  router.add(Method::Get, base + "/{id}/proxies", allowed("voting.read"), proxies_route);
  router.add(Method::Post, base + "/{id}/proxies", allowed("voting.manage"), record_proxy_route);
  router.add(Method::Post, base + "/{id}/ballots", Access::signed_in(), cast_online_route);
  router.add(Method::Post, base + "/{id}/identity-check", Access::signed_in(), identity_check_route);
  router.add(Method::Post, base + "/{id}/my-proxy", Access::signed_in(), name_proxy_route);
  router.add(Method::Delete, base + "/{id}/my-proxy/{voter_id}", Access::signed_in(), withdraw_proxy_route);
  router.add(Method::Post, base + "/{id}/meeting-ballots", allowed("voting.clerk"), cast_meeting_route);
  router.add(Method::Post, base + "/{id}/paper-entries", allowed("voting.clerk"), paper_entry_route);
  router.add(Method::Get, base + "/{id}/paper-held", allowed("voting.supervise"), held_forms_route);
  router.add(Method::Post, base + "/{id}/paper-held/{voter_id}/settle", allowed("voting.supervise"), settle_form_route);
  router.add(Method::Get, base + "/{id}/publication", Access::anyone(), publication_route);
  router.add(Method::Get, base + "/{id}/photos/{photo}", Access::signed_in(), vote_photo_route);
  for (const auto& file : kExportFiles) {
    router.add(Method::Get, base + "/{id}/files/" + file.name, allowed("voting.read"), export_file_route(file));
  }
  router.add(Method::Get, "/api/v1/vote-receipts/{code}", Access::anyone(), receipt_route);
  router.add(Method::Get, "/api/v1/me/votes", Access::signed_in(), my_votes_route);
  router.add(Method::Get, "/api/v1/vote-matters", Access::signed_in(), matters_route);
  org::add_street_policy_routes(router, "/api/v1/voting-policies", "voting.read", "voting.policy", get_policy_route,
                                put_policy_route);
}

}  // namespace weizhi::voting
