// Pure rules of the epidemic module (docs/rules.md#i-observations): an observation's dates and reason, which
// credentials an observation suspends, holds or leaves when it starts, and what becomes of each when it ends,
// so that overlapping observations suspend once and restore only when the last ends. No SQL, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "modules/access/access.hpp"
#include "modules/epidemic/model.hpp"

namespace weizhi::epidemic {

std::string state_code(ObservationState state);
std::optional<ObservationState> parse_state(std::string_view code);

// 400 naming the field: dates YYYY-MM-DD with `ends_on` not before `starts_on` (nor before `today`), a reason
// of 1–200 characters, at most 20 staff.
void check_observation(const ObservationInput& input, const std::string& today);
// The state an observation of these dates is in on `today`.
ObservationState state_on(const std::string& starts_on, const std::string& ends_on, const std::string& today);

// The reason a credential is suspended with while an observation holds it.
inline constexpr const char* kSuspensionReason = "居家隔离医学观察";
inline constexpr const char* kObservationKind = "observation";

// What an observation starting does with a credential of someone living under its node.
enum class OnStart {
  Suspend,  // active: suspended by this observation, and held
  Hold,     // already suspended by another observation: held too, so it is restored only when both have ended
  Leave,    // the holder is on the observation's staff, or a worker suspended it by hand: left as it is
};
OnStart on_start(const access::HeldCredential& credential, const std::set<std::int64_t>& staff_person_ids);

// What an observation ending does with a credential it held.
enum class OnEnd {
  Restore,   // suspended by an observation and held by no other still running: active again
  HandOver,  // suspended by an observation, but another one still running holds it: stays suspended by that one
  Leave,     // revoked, restored or suspended by hand meanwhile: left as it is
};
OnEnd on_end(const access::HeldCredential& credential, std::optional<std::int64_t> other_holder);

}  // namespace weizhi::epidemic
