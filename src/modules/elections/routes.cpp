// HTTP routes of the elections module: an election and its seven steps (open, supervisor
// sign-off), visits, candidates and vetting, complaints, the frozen roll, secret online ballots
// (token, cast, receipt), paper accounting and double entry, the count and lot drawings, and
// the self-management statistics of the street.
#include <algorithm>
#include <functional>
#include <set>

#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "core/text.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_items.hpp"
#include "http/record_scope.hpp"
#include "modules/committees/committees.hpp"
#include "modules/elections/module.hpp"
#include "modules/elections/rules.hpp"
#include "modules/elections/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/voting.hpp"
#include "store/timeline.hpp"

namespace weizhi::elections {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

constexpr std::size_t kMaxText = 2000;  // bytes of notes, reasons, complaints and answers

Json optional_json(const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); }

// Each candidate's votes judged by the round's electing rule, beside the kept result (whose bytes stay as
// counted): the bound and whether it is met, and the alternates' bound; null before the count.
Json verdicts_json(RoundKind kind, const std::optional<std::string>& stored) {
  if (!stored) return nullptr;
  Json result = parse_json(*stored);
  std::int64_t needed =
      electing_votes(kind, result["base"].get<std::int64_t>(), result["returned"].get<std::int64_t>());
  Json candidates = Json::array();
  for (const auto& entry : result["tally"]) {
    candidates.push_back({{"candidate_id", entry["candidate_id"]},
                          {"votes_needed", needed},
                          {"meets_rule", entry["votes"].get<std::int64_t>() >= needed}});
  }
  return {{"electing_votes", needed},
          {"alternate_votes", alternate_votes(result["base"].get<std::int64_t>())},
          {"candidates", candidates}};
}

Json election_json(store::Connection& connection, const Election& election, TimePoint now) {
  auto compound = org::find_node(connection, election.compound_node_id);
  Json steps = Json::array();
  auto records = steps_of(connection, election.id);
  std::set<std::int64_t> signers;
  for (const auto& record : records) {
    if (record.signed_off_by_user_id) signers.insert(*record.signed_off_by_user_id);
  }
  auto actors = store::actors(connection, signers, now);
  for (std::int64_t step = 1; step <= kStepCount; ++step) {
    Json shown{{"step", step},
               {"name", election.step_names[static_cast<std::size_t>(step - 1)]},
               {"has_publicity", has_publicity(step)},
               {"opened_at", nullptr},
               {"publicity_ends_on", nullptr},
               {"signed_off_at", nullptr},
               {"signed_off_by_user_id", nullptr},
               {"signed_off_by", nullptr},
               {"sign_off_note", nullptr}};
    for (const auto& record : records) {
      if (record.step != step) continue;
      shown["opened_at"] = record.opened_at;
      shown["publicity_ends_on"] = optional_json(record.publicity_ends_on);
      shown["signed_off_at"] = optional_json(record.signed_off_at);
      shown["signed_off_by_user_id"] =
          record.signed_off_by_user_id ? Json(*record.signed_off_by_user_id) : Json(nullptr);
      if (record.signed_off_by_user_id) {
        const store::Actor& signer = actors[*record.signed_off_by_user_id];
        shown["signed_off_by"] = {{"id", *record.signed_off_by_user_id}, {"name", signer.name}, {"role", signer.role}};
      }
      // An empty note is no note.
      if (record.sign_off_note && !record.sign_off_note->empty()) shown["sign_off_note"] = *record.sign_off_note;
    }
    steps.push_back(shown);
  }
  Json rounds = Json::array();
  for (const auto& round : rounds_of(connection, election.id)) {
    rounds.push_back({{"round", round.round},
                      {"kind", code_of(kRoundKinds, round.kind)},
                      {"seats", round.seats},
                      {"candidate_ids", round.candidate_ids},
                      {"result", round.result ? parse_json(*round.result) : Json(nullptr)},
                      {"verdicts", verdicts_json(round.kind, round.result)},
                      {"lot_drawings", round.lot_drawing ? parse_json(*round.lot_drawing) : Json::array()}});
  }
  return {{"id", election.id},
          {"compound", {{"id", election.compound_node_id}, {"name", compound ? compound->name : ""}}},
          {"title", election.title},
          {"seats", election.seats},
          {"roll_policy", code_of(kRollPolicies, election.roll_policy)},
          {"majority_base", code_of(kMajorityBases, election.majority_base)},
          {"current_step", election.current_step},
          {"state", code_of(kStates, election.state)},
          {"committee_id", election.committee_id ? Json(*election.committee_id) : Json(nullptr)},
          {"steps", steps},
          {"rounds", rounds},
          {"created_at", election.created_at}};
}

Election require_election(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_election(connection, id), "找不到该选举");
}

http::ScopeResolver election_scope() { return http::scope::record_node(require_election, &Election::compound_node_id); }

std::string required_text(JsonObject& body, const std::string& key, std::size_t max_bytes, const std::string& label) {
  std::string text = body.text(key);
  check_text(text, max_bytes, key, "请填写" + label + "（不超过 " + std::to_string(max_bytes / 3) + " 字）");
  return text;
}

std::vector<std::int64_t> id_list(Context& context, JsonObject& body, const std::string& key) {
  const Json& value = body.any(key);
  if (!value.is_array() || value.size() > 100) fail_invalid(key, "字段 " + key + " 应为编号数组");
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ids.push_back(context.parse_id(value[i].is_number_integer() ? value[i].dump() : "", element_field(key, i)));
  }
  return ids;
}

// A change to one election: loads it in the write, applies `change`, audits `action` with the
// summary `change` returns, and answers with the election.
Response election_change(Context& context, int status, const std::string& action,
                         const std::function<Json(store::Tx&, const Election&)>& change) {
  http::StepTarget<Election> target{
      context.path_id("id"), "election", require_election,
      [](store::Tx& tx, const Election& election) { return election_json(tx.connection(), election, tx.now()); }};
  return http::audited_step(context, target, action, status, change);
}

// --- Elections and steps ---

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  ElectionInput input;
  input.compound_node_id = http::body_id(context, body, "compound_id");
  input.title = body.text("title");
  input.seats = body.integer("seats");
  if (auto policy = optional_code_field(body, "roll_policy", parser_of(kRollPolicies),
                                        "选民登记方式应为 household 或 adult_residents")) {
    input.roll_policy = *policy;
  }
  if (auto base = optional_code_field(body, "majority_base", parser_of(kMajorityBases),
                                      "过半数基数应为 returned、valid 或 registered")) {
    input.majority_base = *base;
  }
  if (const Json* names = body.optional_any("step_names")) {
    input.step_names = text_array(*names, "step_names", "字段 step_names 应为文字数组", "应为文字");
  }
  body.finish();
  check_election_input(input);
  std::int64_t user_id = context.user().user_id;
  Json created = context.write([&](store::Tx& tx) {
    check_election_compound(org::find_node(tx.connection(), input.compound_node_id));
    std::int64_t id = create_election(tx, input, user_id);
    context.audit(tx, "election.create", "election:" + std::to_string(id),
                  {{"compound_id", input.compound_node_id}, {"title", input.title}, {"seats", input.seats}});
    return election_json(tx.connection(), require_election(tx.connection(), id), tx.now());
  });
  return Response::json(201, created);
}

Response list_route(Context& context) {
  TimePoint now = context.services.clock.now();
  return org::subtree_items(context, elections_under, [now](store::Connection& connection, const Election& election) {
    return election_json(connection, election, now);
  });
}

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(
      200, election_json(*lease, require_election(*lease, context.path_id("id")), context.services.clock.now()));
}

std::int64_t step_of_path(Context& context) {
  std::int64_t step = context.path_id("step");
  if (step > kStepCount) fail_not_found("步骤应为 1–7");
  return step;
}

Response open_step_route(Context& context) {
  std::int64_t step = step_of_path(context);
  return election_change(context, 200, "election.step.open", [&](store::Tx& tx, const Election& election) {
    check_running(election);
    check_open(election.current_step, signed_off(tx.connection(), election.id, election.current_step), step);
    auto opening = step_opening(election, step, street_date(tx.now()), opening_facts(tx.connection(), election));
    open_step(tx, election, step, opening);
    Json summary{{"step", step}};
    if (step == kRegistration) summary["voters"] = opening.voters.size();
    return summary;
  });
}

Response sign_off_route(Context& context) {
  std::int64_t step = step_of_path(context);
  JsonObject body(context.json_body());
  std::string note = body.optional_text("note").value_or("");
  body.finish();
  if (note.size() > kMaxText) fail_invalid("note", "签字意见过长");
  std::int64_t supervisor = context.user().user_id;
  return election_change(context, 200, "election.step.sign_off", [&](store::Tx& tx, const Election& election) {
    std::string today = street_date(tx.now());
    check_sign_off_step(election, step);
    check_sign_off(sign_off_facts(tx.connection(), election, step, today));
    auto filing = filing_at(step, filing_facts(tx.connection(), election));
    auto filed = sign_off_step(tx, election, step, supervisor, note, today, filing);
    Json summary{{"step", step}, {"note", note}};
    if (filed) {
      summary["committee_id"] = filed->committee_id;
      summary["previous_committee_id"] =
          filed->previous_committee_id ? Json(*filed->previous_committee_id) : Json(nullptr);
    }
    return summary;
  });
}

// --- Visits, candidates, complaints ---

Response add_visit_route(Context& context) {
  JsonObject body(context.json_body());
  VisitInput visit{};
  visit.visitor_person_id = http::body_id(context, body, "visitor_person_id");
  visit.visited_person_id = http::body_id(context, body, "visited_person_id");
  visit.visited_on = body.text("visited_on");
  visit.notes = body.optional_text("notes").value_or("");
  body.finish();
  if (!is_date(visit.visited_on)) {
    fail_invalid("visited_on", "走访日期应为 YYYY-MM-DD");
  }
  if (visit.notes.size() > kMaxText) fail_invalid("notes", "走访记录过长");
  // The right to the election is no right to the people it names.
  people::require_person(context, "people.read", visit.visitor_person_id, "visitor_person_id");
  people::require_person(context, "people.read", visit.visited_person_id, "visited_person_id");
  return election_change(context, 201, "election.visit.add", [&](store::Tx& tx, const Election& election) {
    visit.compound_node_id = election.compound_node_id;
    visit.election_id = election.id;
    check_visit(is_person(tx.connection(), visit.visitor_person_id),
                is_person(tx.connection(), visit.visited_person_id));
    std::int64_t id = add_visit(tx, visit);
    return Json{{"visit_id", id}, {"visited_person_id", visit.visited_person_id}};
  });
}

Response visits_route(Context& context) {
  return http::record_items(context, require_election, visits_of, [](const Visit& visit) {
    return Json{{"id", visit.id},
                {"visitor", {{"id", visit.input.visitor_person_id}, {"name", visit.visitor_name}}},
                {"visited", {{"id", visit.input.visited_person_id}, {"name", visit.visited_name}}},
                {"visited_on", visit.input.visited_on},
                {"notes", visit.input.notes}};
  });
}

// Candidates approved once the vetting step has opened are publicised by name
// (docs/rules.md#d-names-publicised): standing is consent to it, and a ballot must name whom it chooses.
// Everyone else stays masked.
bool publicised(const Election& election, const Candidate& candidate) {
  return election.current_step >= kVetting && candidate.vetting == Vetting::Approved;
}

Json candidates_json(store::Connection& connection, const crypto::DataKey& key, const Election& election) {
  Json items = Json::array();
  for (const auto& candidate : candidates_of(connection, election.id)) {
    Json person{{"id", candidate.person_id}, {"name", candidate.name}};
    if (publicised(election, candidate)) person["full_name"] = people::full_name(connection, key, candidate.person_id);
    items.push_back({{"id", candidate.id},
                     {"person", person},
                     {"party_member", candidate.party_member},
                     {"nomination", code_of(kNominations, candidate.nomination)},
                     {"nominated_by", candidate.nominated_by},
                     {"origin", candidate.origin},
                     {"vetting", code_of(kVettings, candidate.vetting)},
                     {"vetting_reason", optional_json(candidate.vetting_reason)}});
  }
  return items;
}

Response add_candidate_route(Context& context) {
  JsonObject body(context.json_body());
  CandidateInput candidate{};
  candidate.person_id = http::body_id(context, body, "person_id");
  candidate.nomination =
      code_field(body, "nomination", parser_of(kNominations), "提名方式应为 self、joint 或 organisation");
  candidate.nominated_by = body.optional_text("nominated_by").value_or("");
  if (candidate.nominated_by.size() > 300) fail_invalid("nominated_by", "提名人过长");
  auto origin = parse_code(committees::kOrigins, body.optional_text("origin").value_or("enthusiastic_resident"));
  if (!origin)
    fail_invalid(
        "origin",
        "来源应为 social_worker、resident_group_leader、building_leader、enthusiastic_resident 或 commissioner");
  candidate.origin = *origin;
  body.finish();
  people::require_person(context, "people.read", candidate.person_id, "person_id");
  return election_change(context, 201, "election.candidate.add", [&](store::Tx& tx, const Election& election) {
    check_nomination(election, nominee_facts(tx.connection(), election, candidate.person_id));
    std::int64_t id = add_candidate(tx, election, candidate);
    return Json{{"candidate_id", id},
                {"person_id", candidate.person_id},
                {"nomination", code_of(kNominations, candidate.nomination)}};
  });
}

Response vet_candidate_route(Context& context) {
  std::int64_t candidate_id = context.path_id("candidate_id");
  JsonObject body(context.json_body());
  auto vetting = parse_code(kVettings, body.text("vetting"));
  if (!vetting || *vetting == Vetting::Pending) fail_invalid("vetting", "审查结论应为 approved 或 rejected");
  std::string reason = required_text(body, "reason", kMaxText, "审查理由");
  body.finish();
  return election_change(context, 200, "election.candidate.vet", [&](store::Tx& tx, const Election& election) {
    check_vetting(election, candidates_of(tx.connection(), election.id), candidate_id);
    vet_candidate(tx, election, candidate_id, *vetting, reason);
    return Json{{"candidate_id", candidate_id}, {"vetting", code_of(kVettings, *vetting)}, {"reason", reason}};
  });
}

Response candidates_route(Context& context) {
  auto lease = context.read();
  Election election = require_election(*lease, context.path_id("id"));
  return Response::json(200, {{"items", candidates_json(*lease, context.services.data_key, election)}});
}

// The publicised list: approved candidates once the vetting step has opened, for anyone.
Response public_candidates_route(Context& context) {
  auto lease = context.read();
  auto election = find_election(*lease, context.path_id("id"));
  if (!election || election->current_step < kVetting) fail_not_found("候选人名单尚未公示");
  Json items = Json::array();
  for (const auto& candidate : candidates_of(*lease, election->id)) {
    if (candidate.vetting != Vetting::Approved) continue;
    items.push_back({{"id", candidate.id}, {"name", candidate.name}, {"party_member", candidate.party_member}});
  }
  return Response::json(
      200,
      {{"election", {{"id", election->id}, {"title", election->title}, {"seats", election->seats}}}, {"items", items}});
}

// The candidates a voter of the election's roll is shown, by full name: the approved list while the
// candidates are publicised (step 5) and the open round's while voting runs; none otherwise.
Json publicised_candidates(store::Connection& connection, const crypto::DataKey& key, const Election& election,
                           const std::optional<Round>& open_round) {
  Json candidates = Json::array();
  bool publicity = election.state == ElectionState::Running && election.current_step == kVetting;
  if (!publicity && !open_round) return candidates;
  for (const auto& candidate : candidates_of(connection, election.id)) {
    bool listed = open_round ? std::find(open_round->candidate_ids.begin(), open_round->candidate_ids.end(),
                                         candidate.id) != open_round->candidate_ids.end()
                             : candidate.vetting == Vetting::Approved;
    if (!listed || !publicised(election, candidate)) continue;
    candidates.push_back({{"id", candidate.id},
                          {"name", people::full_name(connection, key, candidate.person_id)},
                          {"party_member", candidate.party_member},
                          {"origin", candidate.origin}});
  }
  return candidates;
}

// The signed-in resident's elections: where they are on the roll, the candidates publicised to
// its voters, the round open for voting, and whether they have voted in it (never how).
Response my_elections_route(Context& context) {
  auto lease = context.read();
  auto person = people::person_of_user(*lease, context.user().user_id);
  Json items = Json::array();
  for (const auto& [election, voted_round] :
       person ? elections_of_voter(*lease, *person) : std::vector<VoterElection>{}) {
    auto compound = org::find_node(*lease, election.compound_node_id);
    auto round = current_round(*lease, election.id);
    bool voting_open =
        election.state == ElectionState::Running && election.current_step == kVoting && round && !round->result;
    Json candidates = publicised_candidates(*lease, context.services.data_key, election,
                                            voting_open ? round : std::optional<Round>{});
    items.push_back({{"id", election.id},
                     {"title", election.title},
                     {"compound", {{"id", election.compound_node_id}, {"name", compound ? compound->name : ""}}},
                     {"seats", voting_open ? round->seats : election.seats},
                     {"current_step", election.current_step},
                     {"step_name", election.step_names[static_cast<std::size_t>(election.current_step - 1)]},
                     {"state", code_of(kStates, election.state)},
                     {"voting_open", voting_open},
                     {"round", round ? Json(round->round) : Json(nullptr)},
                     {"voted", round && voted_round == round->round},
                     {"candidates", candidates}});
  }
  return Response::json(200, {{"items", items}});
}

// A complaint comes from a voter on the election's roll or from staff of its compound: anyone else,
// a device account included, would hold up the filing sign-off, which waits for every answer.
void require_voter_or_staff(Context& context) {
  std::int64_t compound_id;
  {
    auto lease = context.read();
    compound_id = require_election(*lease, context.path_id("id")).compound_node_id;
  }
  if (context.can("elections.read", compound_id)) return;
  auto lease = context.read();
  auto person = people::person_of_user(*lease, context.user().user_id);
  if (!person || !on_roll(*lease, context.path_id("id"), *person)) {
    fail_forbidden("只有本次选举的选民和本小区的选举工作人员可以提出异议");
  }
}

Response add_complaint_route(Context& context) {
  require_voter_or_staff(context);
  JsonObject body(context.json_body());
  std::string text = required_text(body, "text", kMaxText, "异议内容");
  body.finish();
  return election_change(context, 201, "election.complaint.add", [&](store::Tx& tx, const Election& election) {
    check_running(election);
    return Json{{"complaint_id", add_complaint(tx, election, text)}};
  });
}

Response answer_complaint_route(Context& context) {
  std::int64_t complaint_id = context.path_id("complaint_id");
  JsonObject body(context.json_body());
  std::string answer = required_text(body, "answer", kMaxText, "答复");
  body.finish();
  return election_change(context, 200, "election.complaint.answer", [&](store::Tx& tx, const Election& election) {
    check_answer(find_complaint(tx.connection(), election.id, complaint_id));
    answer_complaint(tx, election, complaint_id, answer);
    return Json{{"complaint_id", complaint_id}};
  });
}

Response complaints_route(Context& context) {
  return http::record_items(context, require_election, complaints_of, [](const Complaint& complaint) {
    return Json{{"id", complaint.id},
                {"step", complaint.step},
                {"text", complaint.text},
                {"answer", optional_json(complaint.answer)},
                {"created_at", complaint.created_at}};
  });
}

// --- Ballots ---

// A ballot as casting and typing in a paper one read it: the election of the path, the text `key` of the
// body that names the ballot (the voter's token, the paper ballot's number) and the candidates it marks.
struct MarkedBallot {
  std::int64_t election_id;
  std::string reference;
  std::vector<std::int64_t> choices;
};

MarkedBallot marked_ballot(Context& context, const std::string& key) {
  MarkedBallot ballot{context.path_id("id"), {}, {}};
  JsonObject body(context.json_body());
  ballot.reference = body.text(key);
  ballot.choices = id_list(context, body, "choices");
  body.finish();
  return ballot;
}

// The round of `election` taking ballots now (ballot_round), with `choices` checked against its candidates.
Round marked_round(store::Connection& connection, const Election& election, const std::vector<std::int64_t>& choices) {
  Round round = ballot_round(election, current_round(connection, election.id));
  choice_indexes(choices, round.candidate_ids, "choices");
  return round;
}

// The voter's one-time token; the audit records that this voter received one, never a ballot.
Response ballot_token_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t user_id = context.user().user_id;
  std::string token;
  context.write([&](store::Tx& tx) {
    Election election = require_election(tx.connection(), id);
    auto person = people::person_of_user(tx.connection(), user_id);
    if (!person) fail_forbidden("您不在本次选举的选民名册中");
    Round round = ballot_round(election, current_round(tx.connection(), id));
    check_token(round, voted_round(tx.connection(), id, *person));
    token = issue_ballot_token(tx, election, round, *person);
    context.audit(tx, "election.ballot_token.issue", "election:" + std::to_string(id), Json::object());
  });
  return Response::json(201, {{"token", token}});
}

// Casting needs only the token. Nothing is audited per ballot (an entry, even anonymous, would sit
// next to the token's issue); the round's sealed ballot box accounts for the ballots instead. The
// route is registered discreet: the access log leaves out the address and the exact moment. The
// answer is made inside the write, so that an Idempotency-Key's answer is kept with the ballot.
Response cast_route(Context& context) {
  MarkedBallot ballot = marked_ballot(context, "token");
  const std::string& token = ballot.reference;
  if (token.empty() || token.size() > 100) fail_invalid("token", "选票凭证无效");
  return context.write([&](store::Tx& tx) {
    Election election = require_election(tx.connection(), ballot.election_id);
    Round round = marked_round(tx.connection(), election, ballot.choices);
    check_cast(round, token_line(tx.connection(), election, token));
    std::string receipt = cast_ballot(tx, election, round, token, ballot.choices, street_date(tx.now()));
    return Response::json(201, {{"receipt_code", receipt}});
  });
}

Response receipt_route(Context& context) {
  std::string code = voting::typed_receipt_code(context.request.path_params.at("code"));
  auto lease = context.read();
  auto receipt = find_receipt(*lease, code);
  if (!receipt) fail_not_found("没有该回执码对应的选票");
  return Response::json(200, {{"election", {{"id", receipt->election_id}, {"title", receipt->election_title}}},
                              {"round", receipt->round},
                              {"channel", receipt->channel},
                              {"cast_on", receipt->cast_on},
                              {"counted", receipt->counted}});
}

Response paper_account_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t issued = body.integer("issued");
  std::int64_t returned = body.integer("returned");
  std::int64_t spoiled = body.integer("spoiled");
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return election_change(context, 200, "election.paper.account", [&](store::Tx& tx, const Election& election) {
    Round round = ballot_round(election, current_round(tx.connection(), election.id));
    check_paper_account(issued, returned, spoiled);
    record_paper_account(tx, election, round, issued, returned, spoiled, user_id);
    return Json{{"issued", issued}, {"returned", returned}, {"spoiled", spoiled}};
  });
}

Response paper_entry_route(Context& context) {
  MarkedBallot ballot = marked_ballot(context, "ballot_number");
  const std::string& number = ballot.reference;
  std::int64_t id = ballot.election_id;
  if (number.empty() || number.size() > 32 ||
      number.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos) {
    fail_invalid("ballot_number", "选票编号应为 1–32 位数字或字母");
  }
  std::int64_t clerk = context.user().user_id;
  std::string status;
  context.write([&](store::Tx& tx) {
    Election election = require_election(tx.connection(), id);
    Round round = marked_round(tx.connection(), election, ballot.choices);
    auto outcome = paper_ballot_outcome(paper_ballot(tx.connection(), id, round.round, number), clerk, ballot.choices);
    save_paper_entry(tx, election, round, number, clerk, ballot.choices, outcome, street_date(tx.now()));
    status = code_of(paper_entry::kOutcomes, outcome);
    context.audit(tx, "election.paper.enter", "election:" + std::to_string(id),
                  {{"ballot_number", number}, {"outcome", status}});
  });
  return Response::json(status == "counted" ? 201 : 202, {{"status", status}});
}

Response held_route(Context& context) {
  auto lease = context.read();
  Election election = require_election(*lease, context.path_id("id"));
  return Response::json(200, {{"items", held_paper_ballots(*lease, election)}});
}

Response settle_route(Context& context) {
  std::string number = context.request.path_params.at("number");
  JsonObject body(context.json_body());
  auto choices = id_list(context, body, "choices");
  body.finish();
  return election_change(context, 201, "election.paper.settle", [&](store::Tx& tx, const Election& election) {
    auto current = current_round(tx.connection(), election.id);
    check_held(current ? paper_ballot(tx.connection(), election.id, current->round, number) : paper_entry::Form{});
    Round round = ballot_round(election, current);
    choice_indexes(choices, round.candidate_ids, "choices");
    settle_paper_ballot(tx, election, round, number, choices, street_date(tx.now()));
    return Json{{"ballot_number", number}};
  });
}

// --- Count ---

Response count_route(Context& context) {
  return election_change(context, 200, "election.count", [](store::Tx& tx, const Election& election) {
    Round round = ballot_round(election, current_round(tx.connection(), election.id));
    RoundFacts facts = round_facts(tx.connection(), election, round);
    RoundCount count = count_of_round(election, round, facts);
    save_count(tx, election, round, count, facts.ballots);
    const CountResult& result = count.result;
    return Json{{"round_valid", result.round_valid()},
                {"valid_ballots", result.valid_ballots},
                {"void_ballots", result.void_ballots},
                {"elected", result.elected.size()},
                {"runoff", result.runoff},
                {"vacant_seats", result.vacant_seats}};
  });
}

Response lot_route(Context& context) {
  std::int64_t round = context.path_id("round");
  JsonObject body(context.json_body());
  auto order = id_list(context, body, "order");
  body.finish();
  return election_change(context, 200, "election.lot", [&](store::Tx& tx, const Election& election) {
    save_lot_drawings(tx, election, round,
                      lot_drawings_with(election, find_round(tx.connection(), election.id, round), order));
    return Json{{"round", round}, {"order", order}};
  });
}

// --- Statistics ---

// The self-management figures of the street (docs/rules.md#figures), computed from records.
Response stats_route(Context& context) {
  auto lease = context.read();
  SelfManagementStats stats = self_management_stats(*lease);
  return Response::json(200, {{"pilot_communities", stats.pilot_communities},
                              {"pilot_compounds", stats.pilot_compounds},
                              {"visits", stats.visits},
                              {"candidates", stats.candidates},
                              {"committee_members", stats.committee_members},
                              {"commissioners_on_committees", stats.commissioners_on_committees},
                              {"min_party_share", stats.min_party_share ? Json{{"num", stats.min_party_share->first},
                                                                               {"den", stats.min_party_share->second}}
                                                                        : Json(nullptr)}});
}

}  // namespace

void add_routes(http::Router& router) {
  auto allowed = [](const char* permission) { return Access::permission(permission, election_scope()); };
  const std::string base = "/api/v1/elections";
  router.add(Method::Get, base, Access::permission("elections.read", org::node_query_scope()), list_route);
  router.add(Method::Post, base, Access::permission("elections.manage", http::scope::body_node("compound_id")),
             create_route);
  router.add(Method::Get, base + "/{id}", allowed("elections.read"), get_route);
  router.add(Method::Post, base + "/{id}/steps/{step}/open", allowed("elections.manage"), open_step_route);
  router.add(Method::Post, base + "/{id}/steps/{step}/sign-off", allowed("elections.supervise"), sign_off_route);
  router.add(Method::Get, base + "/{id}/visits", allowed("elections.read"), visits_route);
  router.add(Method::Post, base + "/{id}/visits", allowed("elections.manage"), add_visit_route);
  router.add(Method::Get, base + "/{id}/candidates", allowed("elections.read"), candidates_route);
  router.add(Method::Post, base + "/{id}/candidates", allowed("elections.manage"), add_candidate_route);
  router.add(Method::Post, base + "/{id}/candidates/{candidate_id}/vetting", allowed("elections.manage"),
             vet_candidate_route);
  router.add(Method::Get, base + "/{id}/public-candidates", Access::anyone(), public_candidates_route);
  router.add(Method::Get, base + "/{id}/complaints", allowed("elections.read"), complaints_route);
  router.add(Method::Post, base + "/{id}/complaints", Access::signed_in(), add_complaint_route);
  router.add(Method::Post, base + "/{id}/complaints/{complaint_id}/answer", allowed("elections.manage"),
             answer_complaint_route);
  router.add(Method::Post, base + "/{id}/ballot-token", Access::signed_in(), ballot_token_route);
  router.add(Method::Get, "/api/v1/me/elections", Access::signed_in(), my_elections_route);
  http::Route cast{Method::Post, base + "/{id}/ballots", Access::anyone(), cast_route};
  cast.discreet_access_log = true;
  // Retries are scoped to the ballot token, the voter's only credential here (docs/rules.md#d-secret-ballot).
  cast.caller_secret = http::body_secret("token");
  router.add(std::move(cast));
  router.add(Method::Post, base + "/{id}/paper-account", allowed("elections.clerk"), paper_account_route);
  router.add(Method::Post, base + "/{id}/paper-entries", allowed("elections.clerk"), paper_entry_route);
  router.add(Method::Get, base + "/{id}/paper-held", allowed("elections.supervise"), held_route);
  router.add(Method::Post, base + "/{id}/paper-held/{number}/settle", allowed("elections.supervise"), settle_route);
  router.add(Method::Post, base + "/{id}/count", allowed("elections.manage"), count_route);
  router.add(Method::Post, base + "/{id}/rounds/{round}/lot", allowed("elections.manage"), lot_route);
  router.add(Method::Get, "/api/v1/election-receipts/{code}", Access::anyone(), receipt_route);
  router.add(Method::Get, "/api/v1/stats/self-management", Access::signed_in(), stats_route);
}

}  // namespace weizhi::elections
