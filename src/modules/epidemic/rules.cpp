// Pure rules of the epidemic module: see rules.hpp and docs/rules.md#i-observations.
#include "modules/epidemic/rules.hpp"

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::epidemic {

namespace {

constexpr CodeTable<ObservationState> kStates = {
    {ObservationState::Planned, "planned"}, {ObservationState::Active, "active"}, {ObservationState::Ended, "ended"}};
constexpr std::size_t kMostStaff = 20;

bool suspended_by_observation(const access::HeldCredential& credential) {
  return credential.state == access::CredentialState::Suspended && credential.suspended_by &&
         credential.suspended_by->kind == kObservationKind;
}

}  // namespace

std::string state_code(ObservationState state) { return code_of(kStates, state); }
std::optional<ObservationState> parse_state(std::string_view code) { return parse_code(kStates, code); }

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

}  // namespace weizhi::epidemic
