// Observation care outside the routes (docs/rules.md#i-observation-care): the notices to the compound's group robots
// when an observation is declared, when its last day changes and when it ends, the 今日待办 items of its staff
// (households not checked in by the street's hour, abnormal check-ins), help-request cases routed to its staff, and
// the daily purge of care records once the retention period has passed.
#include <chrono>

#include "audit/audit.hpp"
#include "modules/epidemic/care_store.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/epidemic/rules.hpp"
#include "modules/epidemic/store.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/org/org.hpp"

namespace weizhi::epidemic {

std::string observed_address(store::Connection& connection, const Observation& observation) {
  std::string address = observation.compound_name;
  auto node = org::find_node(connection, observation.input.node_id);
  if (node && node->kind == org::NodeKind::Unit && node->parent_id) {
    if (auto building = org::find_node(connection, *node->parent_id)) address += building->name;
  }
  return address + observation.node_name;
}

std::vector<Household> households_of(store::Connection& connection, const Observation& observation) {
  auto node = org::find_node(connection, observation.input.node_id);
  if (!node) return {};
  return households_under(connection, node->path);
}

std::string seal_health(const crypto::DataKey& key, const HealthInput& input) {
  Json symptoms = Json::array();
  for (Symptom symptom : input.symptoms) symptoms.push_back(code_of(kSymptoms, symptom));
  return key.encrypt(
      Json{{"temperature_tenths", input.temperature_tenths}, {"symptoms", symptoms}, {"note", input.note}}.dump());
}

cases::Item help_item(store::Tx& tx, std::int64_t street_id, HelpKind kind) {
  std::string code = help_item_code(kind);
  if (auto item = cases::find_item_by_code(tx.connection(), street_id, code)) {
    if (!item->active) fail_unprocessable("本街道已停用该求助事项", "kind");
    return *item;
  }
  bool counselling = kind == HelpKind::Counselling;
  cases::Item item{.street_node_id = street_id,
                   .code = code,
                   .name = "居家观察求助：" + code_of(kHelpKindNames, kind),
                   .category = "疫情防控",
                   .party = cases::Party::Community,
                   .response_hours = counselling ? 24 : 2,
                   .resolution_days = counselling ? 3 : 1};
  item.id = cases::create_item(tx, item);
  return item;
}

void tell_compound(store::Tx& tx, const Observation& observation, Notice notice, const std::string& from_ends_on) {
  // The robots post to the residents' groups: the text names the place and the dates, never a person.
  std::string address = observed_address(tx.connection(), observation);
  notifications::Message message{.link = "/epidemic/observations/" + std::to_string(observation.id),
                                 .node_id = observation.compound_node_id,
                                 .entity = notifications::Entity{"epidemic_observation", observation.id}};
  if (notice == Notice::Declared) {
    message.kind = "epidemic.observation.declared";
    message.title = "居家隔离医学观察：" + address;
    message.body = address + " 自 " + observation.input.starts_on + " 至 " + observation.input.ends_on +
                   " 实行居家隔离医学观察，期间该处住户门禁暂停。请住户每日健康打卡，生活物资、药品和心理疏导可在微治"
                   "“居家观察”中求助。";
  } else if (notice == Notice::Changed) {
    bool extended = observation.input.ends_on > from_ends_on;
    message.kind = "epidemic.observation.changed";
    message.title = std::string(extended ? "延长" : "缩短") + "居家隔离医学观察：" + address;
    message.body = address + " 的居家隔离医学观察结束日期由 " + from_ends_on + " 调整为 " + observation.input.ends_on +
                   "，住户门禁于结束日期次日恢复。";
  } else {
    message.kind = "epidemic.observation.ended";
    message.title = "解除居家隔离医学观察：" + address;
    message.body = address + " 的居家隔离医学观察已于 " + street_date(tx.now()) + " 解除，住户门禁已恢复。";
  }
  notifications::notify(tx, observation.input.staff_user_ids, message);
}

namespace {

using Hours = std::chrono::hours;

// The street's instant `hour` o'clock on `day`.
std::optional<TimePoint> at_hour(const std::string& day, std::int64_t hour) {
  auto end = street_day_end(day);
  if (!end) return std::nullopt;
  return *end - Hours(24) + Hours(hour);
}

// The items of one running observation the caller works on: one for its households not checked in once the hour
// has passed, one for its abnormal check-ins of the day.
void observation_items(const modules::TodayAsk& ask, const Observation& observation,
                       std::vector<modules::TodayItem>& items) {
  auto& connection = ask.connection;
  std::string today = street_date(ask.now);
  auto compound = org::find_node(connection, observation.compound_node_id);
  if (!compound) return;
  std::int64_t hour = check_in_hour(connection, org::street_of(compound->path));
  auto households = households_of(connection, observation);
  auto check_ins = check_ins_on(connection, observation.id, today);
  std::string address = observed_address(connection, observation);
  std::string link = "/epidemic/observations/" + std::to_string(observation.id) + "?date=" + today;
  auto missing = static_cast<std::int64_t>(households.size()) - static_cast<std::int64_t>(check_ins.size());
  if (missing > 0 && check_in_missed(ask.now, hour)) {
    items.push_back({.kind = "epidemic.check_in_missing",
                     .title = "居家观察未打卡：" + address,
                     .node_id = observation.compound_node_id,
                     .node_name = observation.compound_name,
                     .due_at = at_hour(today, hour),
                     .overdue = true,
                     .link = link,
                     .count = missing});
  }
  auto abnormal = std::count_if(check_ins.begin(), check_ins.end(), [](const auto& c) { return c.abnormal; });
  if (abnormal > 0) {
    items.push_back({.kind = "epidemic.check_in_abnormal",
                     .title = "居家观察体温或症状异常：" + address,
                     .node_id = observation.compound_node_id,
                     .node_name = observation.compound_name,
                     .link = link,
                     .count = static_cast<std::int64_t>(abnormal)});
  }
}

// Purges the care records of each ended observation whose retention period has passed, audited with counts only.
void purge_day(store::Tx& tx, const std::string& today) {
  for (const auto& ended : observations_to_purge(tx.connection())) {
    auto at = parse_iso(ended.ended_at);
    if (!at || today < purge_on(street_date(*at))) continue;
    Purged purged = purge_care(tx, ended.id);
    audit::record(tx, "system", "epidemic.care.purge", "epidemic_observation:" + std::to_string(ended.id),
                  {{"check_ins", purged.check_ins}, {"help_request_details", purged.help_request_details}});
  }
}

// A help request's case goes to the staff of the running observation over its household, the first named first.
std::optional<cases::CaseRouting> route_to_staff(store::Connection& connection, const cases::Case& created) {
  if (created.item_code.rfind("epidemic-", 0) != 0 || !created.input.part_node_id) return std::nullopt;
  auto part = org::find_node(connection, *created.input.part_node_id);
  if (!part) return std::nullopt;
  auto running = running_observation_over(connection, part->path);
  if (!running) return std::nullopt;
  auto observation = find_observation(connection, *running);
  if (!observation || observation->staff.empty()) return std::nullopt;
  return cases::CaseRouting{observation->staff.front().user_id, observation->input.staff_user_ids,
                            "居家观察求助，由观察点工作人员承办"};
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  for (std::int64_t id : running_observations_of_staff(ask.connection, ask.caller.user_id)) {
    if (auto observation = find_observation(ask.connection, id)) observation_items(ask, *observation, items);
  }
  return items;
}

modules::Job purge_job() {
  return modules::Job{"epidemic.care.purge", [](TimePoint now) { return street_date(now); }, purge_day};
}

cases::CaseRouter case_router() { return route_to_staff; }

}  // namespace weizhi::epidemic
