// Pure rules of the epidemic module: see rules.hpp and docs/rules.md#i-observations.
#include "modules/epidemic/rules.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::epidemic {

namespace {

constexpr std::size_t kMostStaff = 20;
constexpr std::int64_t kLowestTenths = 350, kHighestTenths = 420, kAbnormalTenths = 373;

bool suspended_by_observation(const access::HeldCredential& credential) {
  return credential.state == access::CredentialState::Suspended && credential.suspended_by &&
         credential.suspended_by->kind == kObservationKind;
}

}  // namespace

void check_observation(const ObservationInput& input, const std::string& today) {
  if (!parse_date(input.starts_on)) fail_invalid("starts_on", "开始日期应为 YYYY-MM-DD");
  if (!parse_date(input.ends_on)) fail_invalid("ends_on", "结束日期应为 YYYY-MM-DD");
  if (input.ends_on < input.starts_on) fail_invalid("ends_on", "结束日期不能早于开始日期");
  if (input.ends_on < today) fail_invalid("ends_on", "结束日期已过");
  if (blank(input.reason) || characters(input.reason) > 200) {
    fail_invalid("reason", "请填写观察原因（不超过 200 字）");
  }
  if (input.staff_user_ids.size() > kMostStaff) fail_invalid("staff_user_ids", "工作人员最多 20 名");
}

ObservationState state_on(const std::string& starts_on, const std::string& ends_on, const std::string& today) {
  if (today < starts_on) return ObservationState::Planned;
  if (today > ends_on) return ObservationState::Ended;
  return ObservationState::Active;
}

EndChange change_end(const Observation& observation, const std::string& ends_on, const std::string& reason,
                     const std::string& today) {
  if (observation.state == ObservationState::Ended) fail_conflict("该观察点已结束，不能调整结束日期", "state");
  if (!parse_date(ends_on)) fail_invalid("ends_on", "结束日期应为 YYYY-MM-DD");
  if (ends_on < observation.input.starts_on) fail_invalid("ends_on", "结束日期不能早于开始日期");
  if (ends_on < today) fail_invalid("ends_on", "结束日期不能早于今天");
  if (ends_on == observation.input.ends_on) fail_conflict("结束日期未改变", "ends_on");
  if (blank(reason) || characters(reason) > 200) fail_invalid("reason", "请填写调整原因（不超过 200 字）");
  return ends_on > observation.input.ends_on ? EndChange::Extend : EndChange::Shorten;
}

OnStart on_start(const access::HeldCredential& credential, const std::set<std::int64_t>& staff_person_ids) {
  if (credential.person_id && staff_person_ids.count(*credential.person_id)) return OnStart::Leave;
  if (credential.state == access::CredentialState::Active) return OnStart::Suspend;
  if (suspended_by_observation(credential)) return OnStart::Hold;
  return OnStart::Leave;
}

OnEnd on_end(const access::HeldCredential& credential, std::optional<std::int64_t> other_holder) {
  if (!suspended_by_observation(credential)) return OnEnd::Leave;
  return other_holder ? OnEnd::HandOver : OnEnd::Restore;
}

std::string help_item_code(HelpKind kind) { return "epidemic-" + code_of(kHelpKinds, kind); }

std::int64_t temperature_tenths(double celsius) {
  double tenths = celsius * 10;
  auto rounded = static_cast<std::int64_t>(std::llround(tenths));
  if (!std::isfinite(celsius) || std::fabs(tenths - static_cast<double>(rounded)) > 1e-6 || rounded < kLowestTenths ||
      rounded > kHighestTenths) {
    fail_invalid("temperature", "体温应在 35.0–42.0 ℃ 之间，保留一位小数");
  }
  return rounded;
}

void check_health(const HealthInput& input) {
  if (input.temperature_tenths < kLowestTenths || input.temperature_tenths > kHighestTenths) {
    fail_invalid("temperature", "体温应在 35.0–42.0 ℃ 之间，保留一位小数");
  }
  const auto& symptoms = input.symptoms;
  if (symptoms.empty()) fail_invalid("symptoms", "请选择症状，没有症状请选「无」");
  std::set<Symptom> seen(symptoms.begin(), symptoms.end());
  if (seen.size() != symptoms.size()) fail_invalid("symptoms", "症状不能重复");
  if (seen.count(Symptom::None) && symptoms.size() > 1) fail_invalid("symptoms", "选择「无」时不能再选其他症状");
  if (characters(input.note) > 200) fail_invalid("note", "备注不超过 200 字");
}

bool abnormal(const HealthInput& input) {
  bool symptom = std::any_of(input.symptoms.begin(), input.symptoms.end(),
                             [](Symptom symptom) { return symptom != Symptom::None; });
  return symptom || input.temperature_tenths >= kAbnormalTenths;
}

bool check_in_missed(TimePoint now, std::int64_t by_hour) {
  // The street's hour of `now`, from its local ISO time (UTC+8, as street_date counts days).
  std::int64_t hour = std::stoi(iso_utc(now + std::chrono::hours(8)).substr(11, 2));
  return hour >= by_hour;
}

void check_check_in_hour(std::int64_t hour) {
  if (hour < 0 || hour > 23) fail_invalid("check_in_by_hour", "打卡截止时间应为 0–23 点");
}

void check_help_detail(const std::string& detail) {
  if (blank(detail) || characters(detail) > 500) fail_invalid("detail", "请填写求助内容（不超过 500 字）");
}

std::string purge_on(const std::string& ended_on) {
  auto date = parse_date(ended_on);
  if (!date) throw std::invalid_argument("purge_on: not a date: " + ended_on);
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*date) + std::chrono::days(kRetentionDays)});
}

}  // namespace weizhi::epidemic
