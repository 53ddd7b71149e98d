// HTTP routes of observation care (docs/rules.md#i-observation-care): a household's daily health check-in and its
// help requests from the H5, a staff member's check-in entered during a phone call, the households board of a day,
// the help requests of an observation, and the street's check-in hour. Health values and request details are
// sealed with the data key; only the observation's staff and those managing its compound read them, other readers
// get counts.
#include <algorithm>

#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "modules/epidemic/care_store.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/epidemic/permissions.hpp"
#include "modules/epidemic/rules.hpp"
#include "modules/epidemic/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::epidemic {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

constexpr const char* kTemperatureMessage = "体温应为 35.0–42.0 之间的数字，如 36.5";

// --- Health values, sealed ---

HealthInput read_health(JsonObject& body) {
  HealthInput input;
  const Json& temperature = body.any("temperature");
  if (!temperature.is_number()) fail_invalid(body.field_name("temperature"), kTemperatureMessage);
  input.temperature_tenths = temperature_tenths(temperature.get<double>());
  input.symptoms = code_array(body.any("symptoms"), body.field_name("symptoms"), "症状应为数组", parser_of(kSymptoms),
                              "症状应为 fever、cough、fatigue、sore_throat 或 none");
  input.note = body.optional_text("note").value_or("");
  return input;
}

Json health_json(const crypto::DataKey& key, const std::string& sealed) {
  Json values = Json::parse(key.decrypt(sealed));
  return {{"temperature", static_cast<double>(values.at("temperature_tenths").get<std::int64_t>()) / 10},
          {"symptoms", values.at("symptoms")},
          {"note", values.at("note")}};
}

Json check_in_json(const crypto::DataKey& key, const StoredCheckIn& check_in) {
  Json shown = health_json(key, check_in.sealed_health);
  shown["on_date"] = check_in.on_date;
  shown["channel"] = code_of(kCheckInChannels, check_in.channel);
  shown["abnormal"] = check_in.abnormal;
  shown["legal_basis"] = check_in.legal_basis;
  shown["recorded_at"] = check_in.recorded_at;
  return shown;
}

Json part_json(const Household& household) { return {{"id", household.part_id}, {"address", household.address}}; }

// Whether the caller reads the households' health values and requests: named on the observation's staff, or
// managing its compound.
bool sees_care(Context& context, std::int64_t observation_id) {
  std::int64_t compound = 0;
  bool staff = false;
  {
    auto lease = context.read();
    compound = require_observation(*lease, observation_id).compound_node_id;
    staff = on_staff(*lease, observation_id, context.user().user_id);
  }
  return staff || context.can(kManage, compound);
}

// Records a household's check-in of `today`, replacing one it gave that day; audited without the values.
Json record_check_in(Context& context, store::Tx& tx, const Observation& observation, const Household& household,
                     const HealthInput& input, CheckInChannel channel) {
  std::string today = street_date(tx.now());
  bool replaced = find_check_in(tx.connection(), observation.id, household.part_id, today).has_value();
  StoredCheckIn check_in{.observation_id = observation.id,
                         .part_id = household.part_id,
                         .on_date = today,
                         .channel = channel,
                         .abnormal = abnormal(input),
                         .sealed_health = seal_health(context.services.data_key, input),
                         .legal_basis = kLegalBasis};
  save_check_in(tx, check_in, context.user().user_id);
  context.audit(tx, replaced ? "epidemic.check_in.replace" : "epidemic.check_in.record",
                "epidemic_observation:" + std::to_string(observation.id),
                {{"part_id", household.part_id},
                 {"on_date", today},
                 {"channel", code_of(kCheckInChannels, channel)},
                 {"legal_basis", kLegalBasis}});
  Json shown = check_in_json(context.services.data_key,
                             *find_check_in(tx.connection(), observation.id, household.part_id, today));
  shown["part"] = part_json(household);
  shown["replaced"] = replaced;
  return shown;
}

// --- The resident's side ---

// A home of the caller's under a running observation.
struct Home {
  Household household;
  Observation observation;
};

std::vector<Home> homes_under_observation(store::Connection& connection, std::int64_t user_id) {
  auto person = people::person_of_user(connection, user_id);
  if (!person) return {};
  std::vector<Home> homes;
  for (const auto& link : people::links_of_person(connection, *person)) {
    std::int64_t part = link.part.id;
    if (std::any_of(homes.begin(), homes.end(), [&](const Home& home) { return home.household.part_id == part; })) {
      continue;
    }
    auto path = people::node_path(connection, part);
    auto running = path ? running_observation_over(connection, *path) : std::nullopt;
    auto observation = running ? find_observation(connection, *running) : std::nullopt;
    if (!observation) continue;
    std::string address =
        (link.building ? link.building->name : "") + (link.unit ? link.unit->name : "") + link.part.name;
    homes.push_back({{part, address}, *observation});
  }
  return homes;
}

// The home a resident's request is for: 403 when none is under observation, 404 for a part that is not one of
// them, 400 naming `part_id` when several are and none is named.
Home pick_home(const std::vector<Home>& homes, std::optional<std::int64_t> part_id) {
  if (homes.empty()) fail_forbidden("您的住所不在居家隔离医学观察中");
  if (!part_id) {
    if (homes.size() > 1) fail_invalid("part_id", "请选择住所");
    return homes.front();
  }
  auto home = std::find_if(homes.begin(), homes.end(),
                           [&](const Home& candidate) { return candidate.household.part_id == *part_id; });
  if (home == homes.end()) fail_not_found("找不到正在居家观察的该住所");
  return *home;
}

Response my_check_in_route(Context& context) {
  JsonObject body(context.json_body());
  auto part = http::optional_body_id(context, body, "part_id");
  HealthInput input = read_health(body);
  body.finish();
  check_health(input);
  std::int64_t user = context.user().user_id;
  Json recorded = context.write([&](store::Tx& tx) {
    Home home = pick_home(homes_under_observation(tx.connection(), user), part);
    return record_check_in(context, tx, home.observation, home.household, input, CheckInChannel::H5);
  });
  return Response::json(recorded["replaced"].get<bool>() ? 200 : 201, recorded);
}

Json help_request_json(const crypto::DataKey& key, store::Connection& connection, const StoredHelpRequest& request,
                       bool with_detail) {
  auto record = cases::find_case(connection, request.case_id);
  Json detail = nullptr;
  if (with_detail && request.sealed_detail) detail = key.decrypt(*request.sealed_detail);
  return {
      {"id", request.id},
      {"observation_id", request.observation_id},
      {"part", {{"id", request.part_id}, {"address", request.address}}},
      {"kind", code_of(kHelpKinds, request.kind)},
      {"detail", detail},
      {"case", record ? Json{{"id", record->id}, {"state", code_of(cases::kStates, record->state)}} : Json(nullptr)},
      {"created_at", request.created_at}};
}

Response my_epidemic_route(Context& context) {
  std::int64_t user = context.user().user_id;
  auto lease = context.read();
  auto& connection = *lease;
  std::string today = street_date(context.services.clock.now());
  Json homes = Json::array();
  std::optional<std::int64_t> hour;
  for (const auto& home : homes_under_observation(connection, user)) {
    const auto& observation = home.observation;
    auto check_in = find_check_in(connection, observation.id, home.household.part_id, today);
    if (!hour) {
      auto compound = org::find_node(connection, observation.compound_node_id);
      if (compound) hour = check_in_hour(connection, org::street_of(compound->path));
    }
    homes.push_back({{"part", part_json(home.household)},
                     {"observation",
                      {{"id", observation.id},
                       {"address", observed_address(connection, observation)},
                       {"starts_on", observation.input.starts_on},
                       {"ends_on", observation.input.ends_on}}},
                     {"today",
                      {{"date", today},
                       {"check_in", check_in ? check_in_json(context.services.data_key, *check_in) : Json(nullptr)}}}});
  }
  Json requests = Json::array();
  for (const auto& request : help_requests_of_user(connection, user)) {
    requests.push_back(help_request_json(context.services.data_key, connection, request, true));
  }
  return Response::json(
      200, {{"homes", homes}, {"check_in_by_hour", hour.value_or(kDefaultCheckInHour)}, {"help_requests", requests}});
}

Response my_help_request_route(Context& context) {
  JsonObject body(context.json_body());
  auto part = http::optional_body_id(context, body, "part_id");
  HelpKind kind = code_field(body, "kind", parser_of(kHelpKinds), "求助类型应为 supplies、medicine 或 counselling");
  std::string detail = body.text("detail");
  body.finish();
  check_help_detail(detail);
  std::int64_t user = context.user().user_id;
  Json created = context.write([&](store::Tx& tx) {
    Home home = pick_home(homes_under_observation(tx.connection(), user), part);
    const auto& observation = home.observation;
    auto compound = found_or_404(org::find_node(tx, observation.compound_node_id), "找不到该小区");
    auto item = help_item(tx, org::street_of(compound.path), kind);
    // The case carries no detail: it stays sealed here, read on the observation's page by its staff.
    cases::NewCase input{
        .item_id = item.id,
        .compound_node_id = observation.compound_node_id,
        .part_node_id = home.household.part_id,
        .description = "居家隔离医学观察住户求助：" + code_of(kHelpKindNames, kind) + "（详情见观察点页面）",
        .channel = cases::Channel::ResidentH5,
        .reporter_user_id = user,
        .reported_at = tx.now()};
    StoredHelpRequest request{.observation_id = observation.id,
                              .part_id = home.household.part_id,
                              .address = home.household.address,
                              .kind = kind,
                              .sealed_detail = context.services.data_key.encrypt(detail),
                              .case_id = cases::create_case(tx, input, item)};
    request.id = insert_help_request(tx, request, user);
    context.audit(tx, "epidemic.help_request.create", "epidemic_observation:" + std::to_string(observation.id),
                  {{"help_request_id", request.id},
                   {"kind", code_of(kHelpKinds, kind)},
                   {"case_id", request.case_id},
                   {"legal_basis", kLegalBasis}});
    return help_request_json(context.services.data_key, tx.connection(), request, true);
  });
  return Response::json(201, created);
}

// --- The staff's side ---

Response staff_check_in_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t part = http::body_id(context, body, "part_id");
  HealthInput input = read_health(body);
  body.finish();
  check_health(input);
  if (!sees_care(context, id)) fail_forbidden("只有观察点工作人员和本小区管理人员可以代录健康打卡");
  Json recorded = context.write([&](store::Tx& tx) {
    auto observation = require_observation(tx.connection(), id);
    if (observation.state != ObservationState::Active) fail_conflict("观察点不在观察中", "state");
    auto households = households_of(tx.connection(), observation);
    auto household = std::find_if(households.begin(), households.end(),
                                  [&](const Household& candidate) { return candidate.part_id == part; });
    if (household == households.end()) fail_unprocessable("该房屋不是本观察点的住户", "part_id");
    return record_check_in(context, tx, observation, *household, input, CheckInChannel::Phone);
  });
  return Response::json(recorded["replaced"].get<bool>() ? 200 : 201, recorded);
}

std::string board_date(Context& context) {
  auto date = context.query("date");
  if (!date) return street_date(context.services.clock.now());
  if (!parse_date(*date)) fail_invalid("date", "日期应为 YYYY-MM-DD");
  return *date;
}

Response board_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::string date = board_date(context);
  bool detail = sees_care(context, id);
  auto lease = context.read();
  auto observation = require_observation(*lease, id);
  auto households = households_of(*lease, observation);
  auto check_ins = check_ins_on(*lease, id, date);
  std::int64_t abnormal_count =
      std::count_if(check_ins.begin(), check_ins.end(), [](const auto& c) { return c.abnormal; });
  Json items = Json::array();
  if (detail) {
    for (const auto& household : households) {
      auto check_in = std::find_if(check_ins.begin(), check_ins.end(), [&](const StoredCheckIn& candidate) {
        return candidate.part_id == household.part_id;
      });
      bool checked = check_in != check_ins.end();
      items.push_back({{"part", part_json(household)},
                       {"state", !checked ? "missing" : (check_in->abnormal ? "abnormal" : "checked_in")},
                       {"check_in", checked ? check_in_json(context.services.data_key, *check_in) : Json(nullptr)}});
    }
  }
  auto compound = org::find_node(*lease, observation.compound_node_id);
  auto households_count = static_cast<std::int64_t>(households.size());
  auto checked_count = static_cast<std::int64_t>(check_ins.size());
  return Response::json(200, {{"observation_id", id},
                              {"date", date},
                              {"check_in_by_hour",
                               compound ? check_in_hour(*lease, org::street_of(compound->path)) : kDefaultCheckInHour},
                              {"detail", detail},
                              {"purged", observation.purged_at.has_value()},
                              {"counts",
                               {{"households", households_count},
                                {"checked_in", checked_count},
                                {"missing", std::max<std::int64_t>(0, households_count - checked_count)},
                                {"abnormal", abnormal_count}}},
                              {"items", items}});
}

Response help_requests_route(Context& context) {
  std::int64_t id = context.path_id("id");
  bool detail = sees_care(context, id);
  auto lease = context.read();
  auto requests = help_requests_of_observation(*lease, id);
  Json items = Json::array();
  if (detail) {
    for (const auto& request : requests) {
      items.push_back(help_request_json(context.services.data_key, *lease, request, true));
    }
  }
  return Response::json(200, {{"detail", detail}, {"count", requests.size()}, {"items", items}});
}

// --- The street's check-in hour ---

Json policy_json(std::int64_t street_id, std::int64_t hour) {
  return {{"street_id", street_id}, {"check_in_by_hour", hour}};
}

Response get_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  return org::street_policy(context, check_in_hour, [&](std::int64_t hour) { return policy_json(street_id, hour); });
}

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  std::int64_t hour = body.integer("check_in_by_hour");
  body.finish();
  check_check_in_hour(hour);
  return org::save_street_policy(context, street_id, "epidemic.policy.update", policy_json(street_id, hour),
                                 [&](store::Tx& tx) { save_check_in_hour(tx, street_id, hour); });
}

}  // namespace

void add_care_routes(http::Router& router) {
  const std::string observation = "/api/v1/epidemic/observations/{id}";
  router.add(Method::Get, observation + "/board", Access::permission(kRead, observation_scope()), board_route);
  router.add(Method::Post, observation + "/check-ins", Access::permission(kRead, observation_scope()),
             staff_check_in_route);
  router.add(Method::Get, observation + "/help-requests", Access::permission(kRead, observation_scope()),
             help_requests_route);
  router.add(Method::Get, "/api/v1/me/epidemic", Access::signed_in(), my_epidemic_route);
  router.add(Method::Post, "/api/v1/me/epidemic/check-ins", Access::signed_in(), my_check_in_route);
  router.add(Method::Post, "/api/v1/me/epidemic/help-requests", Access::signed_in(), my_help_request_route);
  org::add_street_policy_routes(router, "/api/v1/epidemic-policies", kRead, kManage, get_policy_route,
                                put_policy_route);
}

}  // namespace weizhi::epidemic
