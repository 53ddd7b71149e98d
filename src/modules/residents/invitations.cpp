// HTTP of the household invitation letters (docs/modules/residents.md#invitation-letters): staff issue a
// building's letters and follow what became of them, a resident redeems one on the H5 with a new phone and
// an SMS code, and — when invitation_needs_confirmation is on — staff confirm the phone before it is kept.
#include <sodium.h>

#include <algorithm>
#include <initializer_list>
#include <map>

#include "audit/audit.hpp"
#include "auth/sign_in.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/residents/module.hpp"
#include "modules/residents/rules.hpp"
#include "modules/residents/sign_in.hpp"
#include "modules/residents/store.hpp"

namespace weizhi::residents {

namespace {

// Every body of these routes is a few short fields.
constexpr std::size_t kMaxBodyBytes = 1024;
const InvitationPolicy kPolicy{};
const std::string kInvite = "residents.invite";
const std::string kProgress = "residents.progress";

// Keyed hashes with domains of their own: a letter's code as kept, and the address its wrong codes count against.
std::string letter_hash(const crypto::DataKey& key, const std::string& code) {
  return key.blind_index("invitation:" + code);
}
std::string guesser_index(const crypto::DataKey& key, const std::string& address) {
  return key.blind_index("invitation-client:" + address);
}

// The node `id` when it is of one of `kinds` and the caller holds `permission` over it; otherwise 404 naming
// `field`, the same for a node of another scope as for none, so that ids tell nothing of other streets.
org::Node visible_node(Context& context, const std::string& permission, std::int64_t id,
                       std::initializer_list<org::NodeKind> kinds, const std::string& field,
                       const std::string& missing) {
  std::optional<org::Node> node;
  {
    auto lease = context.read();
    node = org::find_node(*lease, id);
  }
  bool fits = node && std::find(kinds.begin(), kinds.end(), node->kind) != kinds.end();
  if (!fits || !context.can(permission, node->id)) throw ApiError(404, "not_found", missing, field);
  return *node;
}

Response wait_answer(std::int64_t wait, const std::string& message, const std::string& field) {
  return Response::error(429, "too_many_requests", message, field).header("Retry-After", std::to_string(wait));
}

// POST /api/v1/residents/invitations {"building_id"}: a letter for each household of the building where
// someone has no phone in the registry; the codes are shown only in this answer. Earlier unused letters
// of the building are voided.
Response issue_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t building_id = http::body_id(context, body, "building_id");
  body.finish();
  org::Node building =
      visible_node(context, kInvite, building_id, {org::NodeKind::Building}, "building_id", "找不到该楼幢");
  std::vector<Household> households;
  std::string compound;
  {
    auto lease = context.read();
    households = households_of_building(*lease, building.id);
    if (auto parent = org::find_node(*lease, building.parent_id.value_or(0))) compound = parent->name;
  }
  std::vector<const Household*> invited;
  std::int64_t with_phones = 0;
  std::int64_t without_people = 0;
  for (const auto& household : households) {
    if (household.members.empty()) {
      ++without_people;
    } else if (!needs_letter(household.members)) {
      ++with_phones;
    } else {
      invited.push_back(&household);
    }
  }
  if (invited.size() > kPolicy.letters_per_building)
    fail_unprocessable(
        "该楼幢需要邀请函的住户超过 " + std::to_string(kPolicy.letters_per_building) + " 户，请先核对房屋登记",
        "building_id");
  if (invited.empty())
    fail_unprocessable("该楼幢没有需要邀请函的住户：登记的人员都已有手机号，或尚未登记人员", "building_id");
  const crypto::DataKey& key = context.services.data_key;
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < invited.size(); ++i) {
    InvitationBytes bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    codes.push_back(invitation_code_from_bytes(bytes));
  }
  std::optional<std::int64_t> wait;
  TimePoint issued_at{};
  std::int64_t batch = 0;
  std::int64_t voided = 0;
  context.write([&](store::Tx& tx) {
    wait = wait_before_reissuing(last_issued(tx.connection(), building.id), tx.now(), kPolicy);
    if (wait) return;
    issued_at = tx.now();
    voided = void_unused_letters(tx, building.id);
    batch = insert_batch(tx, building.id, context.user().user_id, issued_at + kPolicy.valid_for);
    for (std::size_t i = 0; i < invited.size(); ++i)
      insert_letter(tx, batch, invited[i]->part_id, letter_hash(key, codes[i]));
    context.audit(tx, "residents.invitation.issue", "org_node:" + std::to_string(building.id),
                  {{"batch", batch}, {"letters", invited.size()}, {"voided", voided}});
  });
  if (wait)
    return wait_answer(*wait, "该楼幢的邀请函刚刚生成，请 " + std::to_string(*wait) + " 秒后再试", "building_id");
  Json letters = Json::array();
  for (std::size_t i = 0; i < invited.size(); ++i) {
    letters.push_back({{"part_id", invited[i]->part_id},
                       {"address", invited[i]->address},
                       {"code", codes[i]},
                       {"url", "/m/invite?code=" + codes[i]}});
  }
  return Response::json(201, {{"batch_id", batch},
                              {"building",
                               {{"id", building.id},
                                {"name", building.name},
                                {"compound_id", building.parent_id.value_or(0)},
                                {"compound", compound}}},
                              {"issued_at", iso_utc(issued_at)},
                              {"expires_at", iso_utc(issued_at + kPolicy.valid_for)},
                              {"voided", voided},
                              {"skipped", {{"with_phones", with_phones}, {"without_people", without_people}}},
                              {"letters", letters}});
}

// GET /api/v1/residents/invitations?compound=ID: the compound's batches, newest first.
Response batches_route(Context& context) {
  org::Node compound = visible_node(context, kInvite, org::queried_compound_id(context), {org::NodeKind::Compound},
                                    "compound", "找不到该小区");
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& batch : batches_under(*lease, compound.path, context.services.clock.now())) {
    items.push_back({{"id", batch.id},
                     {"building_id", batch.building_id},
                     {"building", batch.building},
                     {"issued_at", batch.issued_at},
                     {"issued_by", batch.issued_by},
                     {"expires_at", batch.expires_at},
                     {"letters", batch.letters},
                     {"used", batch.used},
                     {"voided", batch.voided},
                     {"expired", batch.expired}});
  }
  return Response::json(200, {{"items", items}});
}

// --- Redeeming a letter ---

// What a typed letter code comes to: the letter, or the refusal to answer.
struct LetterCheck {
  std::optional<FoundLetter> letter;
  std::optional<Response> refusal;
};

// Reads the body's letter code and finds its letter. The address's wrong codes are counted and the code
// looked up in one write, so that a burst of guesses cannot pass the limit together: over it, every code
// is refused (429), the right one too. 400 for a code of the wrong shape, 404 for one no letter has
// (a wrong try), 410 for a letter used, voided or expired.
LetterCheck check_letter(Context& context, const std::string& typed) {
  auto code = read_invitation_code(typed);
  if (!code) fail_invalid("invitation_code", "邀请码应为 8 位字母或数字（不含 0、O、1、I）");
  const crypto::DataKey& key = context.services.data_key;
  std::string guesser = guesser_index(key, context.request.client_address);
  std::string hash = letter_hash(key, *code);
  std::optional<std::int64_t> wait;
  std::optional<FoundLetter> letter;
  TimePoint now{};
  context.write([&](store::Tx& tx) {
    now = tx.now();
    wait = wait_before_guessing(guesses_since(tx.connection(), guesser, now - std::chrono::hours(1)), now, kPolicy);
    if (wait) return;
    letter = letter_by_hash(tx.connection(), hash);
    if (!letter) record_guess(tx, guesser);
  });
  if (wait)
    return {std::nullopt,
            wait_answer(*wait, "邀请码错误次数过多，请 " + std::to_string(*wait) + " 秒后再试", "invitation_code")};
  if (!letter) throw ApiError(404, "invitation_not_found", "邀请码不正确，请核对邀请函上的邀请码", "invitation_code");
  switch (invitation_state(letter->stored, now)) {
    case InvitationState::Valid:
      break;
    case InvitationState::Used:
      throw ApiError(410, "invitation_used", "该邀请码已使用；如需帮助请联系社区工作人员", "invitation_code");
    case InvitationState::Voided:
      throw ApiError(410, "invitation_voided", "该邀请函已作废，请使用社区最新发放的邀请函", "invitation_code");
    case InvitationState::Expired:
      throw ApiError(410, "invitation_expired", "该邀请码已过期，请联系社区重新打印邀请函", "invitation_code");
  }
  return {letter, std::nullopt};
}

// The people of the letter's household who may claim it (those without a phone), by person id; 409 when
// none is left.
std::vector<std::int64_t> claimants(store::Connection& connection, const FoundLetter& letter) {
  std::vector<std::int64_t> people;
  for (const auto& member : members_of_part(connection, letter.part_id))
    if (may_claim_letter(member)) people.push_back(member.person_id);
  if (people.empty())
    throw ApiError(409, "household_has_phones", "该户登记的人员都已有手机号，请直接用手机号和验证码登录",
                   "invitation_code");
  return people;
}

// 409 for a phone registered already: it signs in by phone as it is. Said only to whoever proved they hold
// the phone (its code), so that a letter is no way to learn whose phone is registered.
void refuse_registered(store::Connection& connection, const crypto::DataKey& key, const std::string& phone) {
  if (people::find_by_phone(connection, key, phone))
    throw ApiError(409, "phone_registered", "该手机号已登记，请直接用手机号和验证码登录", "phone");
}

// POST /api/v1/residents/invitations/sms-code {"invitation_code","phone"}: a code to the phone, within the
// limits of the sign-in code, when the letter is valid; the same answer whether the phone is registered or not.
Response letter_code_route(Context& context) {
  JsonObject body(context.json_body());
  std::string typed = body.text("invitation_code");
  std::string phone = read_phone(body);
  body.finish();
  LetterCheck check = check_letter(context, typed);
  if (check.refusal) return *check.refusal;
  {
    auto lease = context.read();
    claimants(*lease, *check.letter);
  }
  return send_code(context, phone, true, check.letter->id);
}

[[noreturn]] void letter_gone() {
  throw ApiError(410, "invitation_used", "该邀请码已使用；如需帮助请联系社区工作人员", "invitation_code");
}

// POST /api/v1/residents/invitations/redeem {"invitation_code","phone","code","person_id"?}: the letter's
// household people to choose from, then the phone registered on the one chosen and the resident signed in
// as by phone — or, when invitation_needs_confirmation is on, a request waiting for the community (202).
Response redeem_route(Context& context) {
  JsonObject body(context.json_body());
  std::string typed = body.text("invitation_code");
  std::string phone = read_phone(body);
  std::string code = body.text("code");
  std::optional<std::int64_t> chosen = http::optional_body_id(context, body, "person_id");
  body.finish();
  if (!code_shaped(code)) fail_invalid("code", "验证码应为 6 位数字");
  LetterCheck check = check_letter(context, typed);
  if (check.refusal) return *check.refusal;
  const FoundLetter letter = *check.letter;
  auto& services = context.services;
  const crypto::DataKey& key = services.data_key;
  std::optional<StoredCode> stored;
  std::vector<std::int64_t> people_ids;
  {
    auto lease = context.read();
    stored = last_sent_code(*lease, key.blind_index(phone), letter.id);
  }
  if (!stored) refuse_code();
  bool matches = same_secret(stored->code_hash, code_hash(key, phone, code));
  Verdict verdict = judge_code(stored->sent, matches, services.clock.now(), policy_of(services.settings));
  if (verdict == Verdict::Wrong) context.write([&](store::Tx& tx) { count_failure(tx, stored->id); });
  if (verdict != Verdict::Accepted) refuse_code();
  {
    auto lease = context.read();
    refuse_registered(*lease, key, phone);
    people_ids = claimants(*lease, letter);
  }
  std::int64_t code_id = stored->id;
  if (chosen && std::find(people_ids.begin(), people_ids.end(), *chosen) == people_ids.end())
    fail_invalid("person_id", "请重新选择您是哪一位");
  if (!chosen && people_ids.size() == 1) chosen = people_ids.front();
  std::vector<people::Person> household;
  {
    auto lease = context.read();
    for (std::int64_t id : people_ids)
      if (auto person = people::find_person(*lease, id)) household.push_back(*person);
  }
  if (!chosen) {
    // Several people of the household have no phone: the resident picks themself by masked name; the code
    // is neither spent nor counted as a try.
    Json choices = Json::array();
    for (const auto& person : household) choices.push_back({{"person_id", person.id}, {"name", person.name_masked}});
    return Response::json(200, {{"choose", choices}});
  }
  auto person = std::find_if(household.begin(), household.end(),
                             [&](const people::Person& candidate) { return candidate.id == *chosen; });
  if (person == household.end()) fail_invalid("person_id", "请重新选择您是哪一位");
  const people::Person claimant = *person;
  std::string masked = mask_phone(phone);
  if (services.settings.invitation_needs_confirmation) {
    std::int64_t request = context.write([&](store::Tx& tx) {
      if (!use_code(tx, code_id)) refuse_code();
      if (!spend_letter(tx, letter.id)) letter_gone();
      refuse_registered(tx.connection(), key, phone);
      std::int64_t id = insert_letter_request(
          tx, NewLetterRequest{letter.id, claimant.id, key.encrypt(phone), key.blind_index(phone), masked});
      context.audit(tx, "residents.invitation.request", "person:" + std::to_string(claimant.id),
                    {{"request", id}, {"letter", letter.id}, {"phone", masked}});
      return id;
    });
    return Response::json(202, {{"pending", true}, {"request_id", request}});
  }
  std::int64_t letter_id = letter.id;
  return auth::open_resident_session(context,
                                     [code_id, letter_id, claimant, phone, masked, &key](store::Tx& tx) {
                                       if (!use_code(tx, code_id)) refuse_code();
                                       if (!spend_letter(tx, letter_id)) letter_gone();
                                       people::PersonChange change;
                                       change.phone = std::optional<std::string>(phone);
                                       people::update_person(tx, key, claimant.id, change);
                                       ResidentAccount account = resident_account(tx, claimant);
                                       audit::record(tx, account.user.login, "residents.invitation.redeem",
                                                     "user:" + std::to_string(account.user.id),
                                                     {{"person", claimant.id},
                                                      {"letter", letter_id},
                                                      {"phone", masked},
                                                      {"account_created", account.created},
                                                      {"roles_added", account.changes.add.size()},
                                                      {"roles_ended", account.changes.end.size()}});
                                       return account.user;
                                     },
                                     {{"client", context.request.client_address}, {"via", "invitation"}});
}

// --- Requests waiting for confirmation ---

Json request_json(const LetterRequest& request) {
  return {{"id", request.id},
          {"person_id", request.person_id},
          {"name", request.person_name_masked},
          {"phone", request.phone_masked},
          {"requested_at", request.requested_at},
          {"state", request.state},
          {"part_id", request.part_id},
          {"address", request.address},
          {"compound_id", request.compound_id},
          {"compound", request.compound}};
}

// GET /api/v1/residents/invitation-requests?compound=ID: the requests waiting in the compound, oldest first.
Response requests_route(Context& context) {
  org::Node compound = visible_node(context, kInvite, org::queried_compound_id(context), {org::NodeKind::Compound},
                                    "compound", "找不到该小区");
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& request : pending_requests_under(*lease, compound.path)) items.push_back(request_json(request));
  return Response::json(200, {{"items", items}});
}

enum class Decision { Confirm, Refuse };

// POST /api/v1/residents/invitation-requests/{id}/confirm|refuse: a confirmed request registers the phone on
// its person (409 when it is another's by now), who then signs in by phone; a refused one keeps nothing.
// Either spends the request (409 when settled already).
Response settle(Context& context, Decision decision) {
  std::int64_t id = context.path_id("id");
  std::optional<LetterRequest> request;
  {
    auto lease = context.read();
    request = find_letter_request(*lease, id);
  }
  if (!request || !context.can(kInvite, request->part_id)) fail_not_found("找不到该登记申请");
  const crypto::DataKey& key = context.services.data_key;
  bool confirm = decision == Decision::Confirm;
  context.write([&](store::Tx& tx) {
    if (!settle_letter_request(tx, id, confirm ? "confirmed" : "refused", context.user().user_id))
      fail_conflict("该申请已处理");
    if (confirm) {
      people::PersonChange change;
      change.phone = std::optional<std::string>(key.decrypt(request->phone_sealed));
      people::update_person(tx, key, request->person_id, change);
    }
    context.audit(tx, confirm ? "residents.invitation.confirm" : "residents.invitation.refuse",
                  "person:" + std::to_string(request->person_id), {{"request", id}, {"phone", request->phone_masked}});
  });
  auto lease = context.read();
  return Response::json(200, request_json(*find_letter_request(*lease, id)));
}

// --- Sign-up progress ---

// GET /api/v1/residents/sign-up-progress?node=ID (a street, community or compound): households and those
// signed up, per compound and building.
Response progress_route(Context& context) {
  auto id = context.query("node");
  if (!id) fail_invalid("node", "请指定街道、社区或小区（node）");
  org::Node node = visible_node(context, kProgress, context.parse_id(*id, "node"),
                                {org::NodeKind::Street, org::NodeKind::Community, org::NodeKind::Compound}, "node",
                                "找不到该街道、社区或小区");
  std::vector<HouseholdRow> rows;
  {
    auto lease = context.read();
    rows = household_sign_ups(*lease, node.path, context.services.clock.now());
  }
  std::vector<HouseholdSignUp> households;
  std::map<std::int64_t, std::string> names;
  std::map<std::int64_t, std::int64_t> compound_of_building;
  for (const auto& row : rows) {
    households.push_back(row.sign_up);
    names[row.sign_up.compound_id] = row.compound;
    names[row.sign_up.building_id] = row.building;
    compound_of_building[row.sign_up.building_id] = row.sign_up.compound_id;
  }
  SignUpProgress progress = count_sign_ups(households);
  Json compounds = Json::array();
  for (const auto& compound : progress.compounds) {
    Json buildings = Json::array();
    for (const auto& building : progress.buildings) {
      if (compound_of_building[building.id] != compound.id) continue;
      buildings.push_back({{"building_id", building.id},
                           {"building", names[building.id]},
                           {"households", building.households},
                           {"signed_up", building.signed_up}});
    }
    compounds.push_back({{"compound_id", compound.id},
                         {"compound", names[compound.id]},
                         {"households", compound.households},
                         {"signed_up", compound.signed_up},
                         {"buildings", buildings}});
  }
  return Response::json(
      200, {{"node", {{"id", node.id}, {"name", node.name}, {"kind", code_of(org::kNodeKinds, node.kind)}}},
            {"households", progress.total.households},
            {"signed_up", progress.total.signed_up},
            {"compounds", compounds}});
}

}  // namespace

void add_invitation_routes(http::Router& router) {
  // Staff find the building or compound themselves, so that one of another scope is a 404 like a missing one.
  router.add(http::Route{Method::Post, "/api/v1/residents/invitations", Access::permission(kInvite, http::scope::any()),
                         issue_route, kMaxBodyBytes});
  router.add(Method::Get, "/api/v1/residents/invitations", Access::permission(kInvite, http::scope::any()),
             batches_route);
  router.add(http::Route{Method::Post, "/api/v1/residents/invitations/sms-code", Access::anyone(), letter_code_route,
                         kMaxBodyBytes});
  router.add(
      http::Route{Method::Post, "/api/v1/residents/invitations/redeem", Access::anyone(), redeem_route, kMaxBodyBytes});
  router.add(Method::Get, "/api/v1/residents/invitation-requests", Access::permission(kInvite, http::scope::any()),
             requests_route);
  router.add(http::Route{Method::Post, "/api/v1/residents/invitation-requests/{id}/confirm",
                         Access::permission(kInvite, http::scope::any()),
                         [](Context& context) { return settle(context, Decision::Confirm); }, kMaxBodyBytes});
  router.add(http::Route{Method::Post, "/api/v1/residents/invitation-requests/{id}/refuse",
                         Access::permission(kInvite, http::scope::any()),
                         [](Context& context) { return settle(context, Decision::Refuse); }, kMaxBodyBytes});
  router.add(Method::Get, "/api/v1/residents/sign-up-progress", Access::permission(kProgress, http::scope::any()),
             progress_route);
}

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  for (const auto& scope : ask.scopes_with(kInvite)) {
    for (const auto& pending : pending_counts_under(ask.connection, scope.path)) {
      items.push_back({.kind = "residents.invitation_request",
                       .title = "确认居民凭入户邀请函登记的手机号",
                       .node_id = pending.compound_id,
                       .node_name = pending.compound,
                       .link = "/residents/invitations?compound=" + std::to_string(pending.compound_id),
                       .count = pending.count});
    }
  }
  return items;
}

}  // namespace weizhi::residents
