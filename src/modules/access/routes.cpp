// HTTP routes of the access module: a compound's gates and the main gates' roster, credentials issued, suspended,
// restored and revoked, the resident's own credentials with the current rotating code, and the compound's figures.
// A gate, credential, compound or person the caller cannot read is answered as missing (404).
#include <functional>

#include "core/crypto.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "http/record_scope.hpp"
#include "modules/access/devices_store.hpp"
#include "modules/access/module.hpp"
#include "modules/access/permissions.hpp"
#include "modules/access/route_support.hpp"
#include "modules/access/rules.hpp"
#include "modules/access/store.hpp"
#include "modules/access/visitors_store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/property/property.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kNoCredential = "找不到该门禁凭证";

Credential require_credential(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_credential(connection, id), kNoCredential);
}

http::ScopeResolver gate_scope() { return record_scope(require_gate, &Gate::compound_node_id, kNoGate); }

http::ScopeResolver credential_scope() {
  return record_scope(
      require_credential, [](const Credential& credential) { return credential.input.compound_node_id; },
      kNoCredential);
}

http::ScopeResolver body_compound_scope() {
  return http::scope::readable_by(kRead, http::scope::body_node("compound_id"), "找不到该小区");
}

// --- Gates ---

Json shifts_json(const std::vector<Shift>& shifts) {
  Json items = Json::array();
  for (const auto& shift : shifts) {
    Json item = window_json(shift.window);
    item["guard_name"] = shift.guard_name;
    items.push_back(item);
  }
  return items;
}

Json company_json(const std::optional<property::ServingCompany>& company) {
  if (!company) return nullptr;
  return {{"contract_id", company->contract_id}, {"name", company->name}};
}

Json roster_json(store::Connection& connection, const Gate& gate) {
  return {{"gate_id", gate.id},
          {"company", company_json(property::company_in_force(connection, gate.compound_node_id))},
          {"shifts", shifts_json(shifts_of(connection, gate.id))}};
}

Json gate_json(store::Connection& connection, const Gate& gate, TimePoint now) {
  Json shown{{"id", gate.id},
             {"compound", {{"id", gate.compound_node_id}, {"name", gate.compound_name}}},
             {"name", gate.input.name},
             {"tier", code_of(kTiers, gate.input.tier)},
             {"hours", hours_json(gate.input.hours)},
             {"open_now", gate.input.status == GateStatus::Open && is_open_at(gate.input.hours, now)},
             {"status", code_of(kGateStatuses, gate.input.status)},
             {"note", gate.input.note},
             {"created_at", gate.created_at},
             {"updated_at", gate.updated_at}};
  if (gate.input.tier == Tier::Main) shown["roster"] = roster_json(connection, gate);
  return shown;
}

constexpr const char* kUnknownTier = "门岗层级应为 main（大门）、middle（中门）或 small（小门）";

Tier tier_field(JsonObject& body) { return code_field(body, "tier", parser_of(kTiers), kUnknownTier); }

std::optional<GateStatus> status_field(JsonObject& body) {
  return optional_code_field(body, "status", parser_of(kGateStatuses),
                             "状态应为 open（开放）、closed（关闭）或 fault（故障）");
}

Response list_gates_route(Context& context) {
  auto lease = context.read();
  auto compound = org::require_compound(*lease, org::queried_compound_id(context));
  TimePoint now = context.services.clock.now();
  Json items = Json::array();
  for (const auto& gate : gates_of_compound(*lease, compound.id)) items.push_back(gate_json(*lease, gate, now));
  return Response::json(200, {{"items", items}});
}

Response create_gate_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t compound_id = http::body_id(context, body, "compound_id");
  GateInput gate;
  gate.name = body.text("name");
  gate.tier = tier_field(body);
  gate.hours = read_hours(body.any("hours"), "hours");
  gate.status = status_field(body).value_or(GateStatus::Open);
  gate.note = body.optional_text("note").value_or("");
  body.finish();
  check_gate(gate);
  Json created = context.write([&](store::Tx& tx) {
    org::require_compound(tx.connection(), compound_id);
    std::int64_t id = insert_gate(tx, compound_id, gate);
    context.audit(tx, "access.gate.create", "access_gate:" + std::to_string(id),
                  {{"compound_id", compound_id}, {"name", gate.name}, {"tier", code_of(kTiers, gate.tier)}});
    return gate_json(tx.connection(), require_gate(tx.connection(), id), tx.now());
  });
  return Response::json(201, created);
}

Response get_gate_route(Context& context) {
  auto lease = context.read();
  return Response::json(200,
                        gate_json(*lease, require_gate(*lease, context.path_id("id")), context.services.clock.now()));
}

Response update_gate_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto name = body.optional_text("name");
  auto tier = optional_code_field(body, "tier", parser_of(kTiers), kUnknownTier);
  std::optional<Hours> hours;
  if (const Json* given = body.optional_any("hours")) hours = read_hours(*given, "hours");
  auto status = status_field(body);
  auto note = body.optional_text("note");
  body.finish();
  http::StepTarget<Gate> target{id, "access_gate", require_gate, [](store::Tx& tx, const Gate& gate) {
                                  return gate_json(tx.connection(), gate, tx.now());
                                }};
  return http::audited_step(context, target, "access.gate.update", 200, [&](store::Tx& tx, const Gate& before) {
    GateInput after = before.input;
    if (name) after.name = *name;
    if (tier) after.tier = *tier;
    if (hours) after.hours = *hours;
    if (status) after.status = *status;
    if (note) after.note = *note;
    check_gate(after);
    update_gate(tx, id, after);
    Json summary{
        {"name", after.name}, {"tier", code_of(kTiers, after.tier)}, {"status", code_of(kGateStatuses, after.status)}};
    // Only a main gate keeps guards: a gate leaving the tier leaves its roster behind.
    if (before.input.tier == Tier::Main && after.tier != Tier::Main) {
      summary["shifts_removed"] = shifts_of(tx.connection(), id).size();
      replace_shifts(tx, id, {});
    }
    return summary;
  });
}

Response get_roster_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, roster_json(*lease, require_gate(*lease, context.path_id("id"))));
}

Response put_roster_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto shifts =
      read_array(body.any("shifts"), "shifts", "排班应为数组", [](const Json& element, const std::string& field) {
        JsonObject entry(element, field);
        Shift shift;
        shift.guard_name = entry.text("guard_name");
        shift.window = read_window(entry, field);
        entry.finish();
        return shift;
      });
  body.finish();
  Json saved = context.write([&](store::Tx& tx) {
    Gate gate = require_gate(tx.connection(), id);
    check_roster(gate.input.tier, shifts);
    replace_shifts(tx, id, shifts);
    context.audit(tx, "access.gate.roster", "access_gate:" + std::to_string(id), {{"shifts", shifts.size()}});
    return roster_json(tx.connection(), gate);
  });
  return Response::json(200, saved);
}

// --- Credentials ---

// Where a resident holder lives in the compound, one entry per part: its id (the household) and "3幢 2单元 301".
Json address_json(store::Connection& connection, const Credential& credential) {
  Json parts = Json::array();
  if (!credential.input.person_id) return parts;
  for (const auto& link : people::links_of_person(connection, *credential.input.person_id)) {
    if (!link.compound || link.compound->id != credential.input.compound_node_id) continue;
    std::string text;
    if (link.building) text += link.building->name + " ";
    if (link.unit) text += link.unit->name + " ";
    parts.push_back({{"part_id", link.part.id}, {"text", text + link.part.name}});
  }
  return parts;
}

Json credential_json(store::Connection& connection, const Credential& credential, const std::string& today) {
  const auto& input = credential.input;
  Json tiers = Json::array();
  for (Tier tier : tiers_covered(input.approval.has_value())) tiers.push_back(code_of(kTiers, tier));
  Json approval = nullptr;
  if (input.approval) {
    approval = {
        {"member",
         {{"person_id", input.approval->member_person_id}, {"name", credential.approver_name_masked.value_or("")}}},
        {"reference", input.approval->reference}};
  }
  Json suspended_by = nullptr;
  if (credential.suspended_by) {
    suspended_by = {{"kind", credential.suspended_by->kind}, {"id", or_null(credential.suspended_by->id)}};
  }
  Json shown{{"id", credential.id},
             {"compound", {{"id", input.compound_node_id}, {"name", credential.compound_name}}},
             {"holder",
              {{"kind", input.person_id ? "person" : "user"},
               {"id", input.person_id ? *input.person_id : input.user_id.value_or(0)},
               {"name", credential.holder_name}}},
             {"address", address_json(connection, credential)},
             {"kind", code_of(kCredentialKinds, input.kind)},
             {"card_number", input.kind == CredentialKind::Card ? or_null(input.number) : Json(nullptr)},
             {"face_reference", input.kind == CredentialKind::Face ? or_null(input.number) : Json(nullptr)},
             {"tiers", tiers},
             {"valid_from", input.valid_from},
             {"valid_to", input.valid_to},
             {"state", code_of(kCredentialStates, credential.state)},
             {"reason", or_null(credential.reason)},
             {"suspended_by", suspended_by},
             {"approval", approval},
             {"usable_today", usable_on(credential.state, input, today)},
             {"created_at", credential.created_at},
             {"updated_at", credential.updated_at}};
  return shown;
}

std::optional<std::int64_t> query_id(Context& context, const std::string& name) {
  auto text = context.query(name);
  if (!text) return std::nullopt;
  return context.parse_id(*text, name);
}

Response list_credentials_route(Context& context) {
  CredentialFilter filter;
  filter.compound_node_id = org::queried_compound_id(context);
  filter.person_id = query_id(context, "person");
  filter.user_id = query_id(context, "user");
  filter.part_node_id = query_id(context, "part");
  filter.state =
      http::query_code(context, "state", parser_of(kCredentialStates), "状态应为 active、suspended 或 revoked");
  filter.limit = http::page_limit(context, 50, 200);
  filter.before_id = http::page_cursor(context);
  auto lease = context.read();
  org::require_compound(*lease, filter.compound_node_id);
  std::string today = street_date(context.services.clock.now());
  auto credentials = credentials_where(*lease, filter);
  Json items = Json::array();
  for (const auto& credential : credentials) items.push_back(credential_json(*lease, credential, today));
  return Response::json(200, http::page_json(items, filter.limit, credentials.empty() ? 0 : credentials.back().id));
}

// The holder a credential is issued to, checked before the write: a person or account out of the caller's reach is
// as missing (404); one that neither lives in nor works on the compound is refused (422).
void check_holder(Context& context, const CredentialInput& input, const org::Node& compound) {
  auto lease = context.read();
  if (input.person_id) {
    auto person = people::find_person(*lease, *input.person_id);
    if (!person || !context.can(kRead, person->home_node_id)) {
      throw ApiError(404, "not_found", "找不到该居民", "person_id");
    }
    if (!lives_in(*lease, person->id, compound.path)) {
      fail_unprocessable("该居民未登记在本小区居住（业主、租户或居住人），不能发放门禁凭证", "person_id");
    }
  } else {
    if (!lease->query_one("SELECT id FROM users WHERE id = ?", {*input.user_id})) {
      throw ApiError(404, "not_found", "找不到该账号", "user_id");
    }
    if (!works_on(*lease, *input.user_id, compound.path, modules::kStaff, iso_utc(context.services.clock.now()))) {
      fail_unprocessable("该账号在本小区没有工作岗位，不能发放门禁凭证", "user_id");
    }
  }
  if (input.approval && !on_committee(*lease, compound.id, input.approval->member_person_id)) {
    fail_unprocessable("批准人应为本小区现任自管会成员", "approval.member_person_id");
  }
}

std::optional<Approval> approval_field(Context& context, JsonObject& body) {
  const Json* given = body.optional_any("approval");
  if (!given) return std::nullopt;
  JsonObject approval(*given, "approval");
  Approval read{http::body_id(context, approval, "member_person_id"), approval.text("reference")};
  approval.finish();
  return read;
}

Response issue_route(Context& context) {
  JsonObject body(context.json_body());
  CredentialInput input;
  input.compound_node_id = http::body_id(context, body, "compound_id");
  input.person_id = http::optional_body_id(context, body, "person_id");
  input.user_id = http::optional_body_id(context, body, "user_id");
  input.kind = code_field(body, "kind", parser_of(kCredentialKinds),
                          "凭证类型应为 card（门禁卡）、qr（动态二维码）或 face（人脸）");
  auto card_number = body.optional_text("card_number");
  auto face_reference = body.optional_text("face_reference");
  if (input.kind != CredentialKind::Face && face_reference) fail_invalid("face_reference", "只有人脸凭证填写登记编号");
  if (input.kind == CredentialKind::Face && card_number) fail_invalid("card_number", "人脸凭证不填卡号");
  input.number = input.kind == CredentialKind::Face ? face_reference : card_number;
  input.valid_from = body.text("valid_from");
  input.valid_to = body.text("valid_to");
  input.approval = approval_field(context, body);
  body.finish();
  TimePoint now = context.services.clock.now();
  check_credential(input, street_date(now));
  org::Node compound = [&] {
    auto lease = context.read();
    return org::require_compound(*lease, input.compound_node_id);
  }();
  check_holder(context, input, compound);
  // The secret leaves the server only as codes; at rest it is sealed with the data key like personal data.
  std::optional<std::string> secret_enc;
  if (input.kind == CredentialKind::Qr)
    secret_enc = context.services.data_key.encrypt(crypto::random_hex(kSecretBytes));
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = insert_credential(tx, input, secret_enc);
    Json summary{{"compound_id", input.compound_node_id}, {"person_id", or_null(input.person_id)},
                 {"user_id", or_null(input.user_id)},     {"kind", code_of(kCredentialKinds, input.kind)},
                 {"valid_from", input.valid_from},        {"valid_to", input.valid_to}};
    if (input.approval) {
      summary["approval"] = {{"member_person_id", input.approval->member_person_id},
                             {"reference", input.approval->reference}};
    }
    context.audit(tx, "access.credential.issue", "access_credential:" + std::to_string(id), summary);
    return credential_json(tx.connection(), require_credential(tx.connection(), id), street_date(tx.now()));
  });
  return Response::json(201, created);
}

std::string reason_field(Context& context) {
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  return reason;
}

template <class Step>
Response credential_step(Context& context, const std::string& action, Step&& step) {
  http::StepTarget<Credential> target{context.path_id("id"), "access_credential", require_credential,
                                      [](store::Tx& tx, const Credential& credential) {
                                        return credential_json(tx.connection(), credential, street_date(tx.now()));
                                      }};
  return http::audited_step(context, target, action, 200, std::forward<Step>(step));
}

Response suspend_route(Context& context) {
  std::string reason = reason_field(context);
  return credential_step(context, "access.credential.suspend", [&](store::Tx& tx, const Credential& credential) {
    check_suspend(credential.state, reason);
    set_state(tx, credential.id, CredentialState::Suspended, reason, SuspendedBy{"manual", std::nullopt});
    return Json{{"reason", reason}, {"by", "manual"}};
  });
}

Response restore_route(Context& context) {
  // Nothing to say: an empty body, or an empty object.
  if (!context.request.body.empty()) JsonObject(context.json_body()).finish();
  return credential_step(context, "access.credential.restore", [&](store::Tx& tx, const Credential& credential) {
    check_restore(credential.state);
    set_state(tx, credential.id, CredentialState::Active, std::nullopt, std::nullopt);
    return Json{{"suspended_for", or_null(credential.reason)}};
  });
}

Response revoke_route(Context& context) {
  std::string reason = reason_field(context);
  return credential_step(context, "access.credential.revoke", [&](store::Tx& tx, const Credential& credential) {
    check_revoke(credential.state, reason);
    set_state(tx, credential.id, CredentialState::Revoked, reason, std::nullopt);
    return Json{{"reason", reason}, {"from", code_of(kCredentialStates, credential.state)}};
  });
}

// --- The resident's own ---

Response my_credentials_route(Context& context) {
  const auto& user = context.user();
  auto lease = context.read();
  auto person = people::person_of_user(*lease, user.user_id);
  std::string today = street_date(context.services.clock.now());
  Json items = Json::array();
  for (const auto& credential : credentials_of_holder(*lease, person, user.user_id)) {
    items.push_back(credential_json(*lease, credential, today));
  }
  return Response::json(200, {{"items", items}});
}

Response my_code_route(Context& context) {
  const auto& user = context.user();
  std::int64_t id = context.path_id("id");
  auto lease = context.read();
  auto credential = find_credential(*lease, id);
  auto person = people::person_of_user(*lease, user.user_id);
  bool mine =
      credential && ((person && credential->input.person_id == person) || credential->input.user_id == user.user_id);
  if (!mine) fail_not_found(kNoCredential);
  if (credential->input.kind != CredentialKind::Qr) fail_unprocessable("该凭证不是动态二维码", "kind");
  TimePoint now = context.services.clock.now();
  if (!usable_on(credential->state, credential->input, street_date(now))) {
    fail_conflict(credential->state == CredentialState::Active ? "凭证不在有效期内" : "凭证已暂停或注销", "state");
  }
  auto sealed = secret_of(*lease, id);
  auto secret = sealed ? bytes_from_hex(context.services.data_key.decrypt(*sealed)) : std::nullopt;
  if (!secret) throw std::runtime_error("access credential " + std::to_string(id) + " has no readable secret");
  Response response =
      Response::json(200, {{"code", qr_payload(id, totp(*secret, now))}, {"expires_in", expires_in(now)}});
  response.header("Cache-Control", "no-store");
  return response;
}

// --- Figures ---

Response stats_route(Context& context, const ObservationCount& observations) {
  auto lease = context.read();
  auto compound = org::require_compound(*lease, org::queried_compound_id(context));
  AccessCounts counts = counts_of_compound(*lease, compound.id);
  return Response::json(
      200, {{"gates", {{"main", counts.main}, {"middle", counts.middle}, {"small", counts.small}}},
            {"devices", device_count(*lease, compound.id)},
            {"credentials_active", counts.active},
            {"credentials_suspended", counts.suspended},
            {"visitor_passes_active", active_pass_count(*lease, compound.id, iso_utc(context.services.clock.now()))},
            {"observations_active", observations ? observations(*lease, compound.id) : 0}});
}

}  // namespace

void add_routes(http::Router& router, const ObservationCount& observations) {
  const std::string gates = "/api/v1/access/gates";
  const std::string credentials = "/api/v1/access/credentials";
  auto on_gate = [](const char* permission) { return Access::permission(permission, gate_scope()); };
  auto on_credential = [](const char* permission) { return Access::permission(permission, credential_scope()); };
  router.add(Method::Get, gates, Access::permission(kRead, compound_scope()), list_gates_route);
  router.add(Method::Post, gates, Access::permission(kManage, body_compound_scope()), create_gate_route);
  router.add(Method::Get, gates + "/{id}", on_gate(kRead), get_gate_route);
  router.add(Method::Patch, gates + "/{id}", on_gate(kManage), update_gate_route);
  router.add(Method::Get, gates + "/{id}/roster", on_gate(kRead), get_roster_route);
  router.add(Method::Put, gates + "/{id}/roster", on_gate(kManage), put_roster_route);
  router.add(Method::Get, credentials, Access::permission(kRead, compound_scope()), list_credentials_route);
  router.add(Method::Post, credentials, Access::permission(kManage, body_compound_scope()), issue_route);
  router.add(Method::Post, credentials + "/{id}/suspend", on_credential(kManage), suspend_route);
  router.add(Method::Post, credentials + "/{id}/restore", on_credential(kManage), restore_route);
  router.add(Method::Post, credentials + "/{id}/revoke", on_credential(kManage), revoke_route);
  router.add(Method::Get, "/api/v1/me/credentials", Access::signed_in(), my_credentials_route);
  router.add(Method::Get, "/api/v1/me/credentials/{id}/code", Access::signed_in(), my_code_route);
  router.add(Method::Get, "/api/v1/stats/access", Access::permission(kRead, compound_scope()),
             [observations](Context& context) { return stats_route(context, observations); });
}

}  // namespace weizhi::access
