// Pure rules of the epidemic module (docs/rules.md#i-observation-points): an observation's dates and reason, which
// credentials an observation suspends, holds or leaves when it starts, and what becomes of each when it ends,
// so that overlapping observations suspend once and restore only when the last ends; a change of its last day; and
// its care
// (docs/rules.md#i-observation-care): a check-in's values, when one is abnormal or missed, when care records are
// purged. No SQL, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/code_table.hpp"
#include "core/time.hpp"
#include "modules/access/access.hpp"
#include "modules/epidemic/model.hpp"

namespace weizhi::epidemic {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<ObservationState> kObservationStates = {
    {ObservationState::Planned, "planned"}, {ObservationState::Active, "active"}, {ObservationState::Ended, "ended"}};
constexpr CodeTable<Symptom> kSymptoms = {{Symptom::Fever, "fever"},
                                          {Symptom::Cough, "cough"},
                                          {Symptom::Fatigue, "fatigue"},
                                          {Symptom::SoreThroat, "sore_throat"},
                                          {Symptom::None, "none"}};
constexpr CodeTable<CheckInChannel> kCheckInChannels = {{CheckInChannel::H5, "h5"}, {CheckInChannel::Phone, "phone"}};
constexpr CodeTable<HelpKind> kHelpKinds = {
    {HelpKind::Supplies, "supplies"}, {HelpKind::Medicine, "medicine"}, {HelpKind::Counselling, "counselling"}};

// 400 naming the field: dates YYYY-MM-DD with `ends_on` not before `starts_on` (nor before `today`), a reason
// of 1–200 characters, at most 20 staff.
void check_observation(const ObservationInput& input, const std::string& today);
// The state an observation of these dates is in on `today`.
ObservationState state_on(const std::string& starts_on, const std::string& ends_on, const std::string& today);

// A change of a running or planned observation's last day (docs/rules.md#i-observation-change): lengthened or
// shortened.
enum class EndChange { Extend, Shorten };
// 409 naming `state` for an ended observation; 400 naming `ends_on` for a date that is not YYYY-MM-DD, before its
// first day or before `today`; 409 naming `ends_on` for its present last day; 400 naming `reason` unless 1–200
// characters.
EndChange change_end(const Observation& observation, const std::string& ends_on, const std::string& reason,
                     const std::string& today);
constexpr CodeTable<EndChange> kEndChanges = {{EndChange::Extend, "extend"}, {EndChange::Shorten, "shorten"}};

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

// --- Care (docs/rules.md#i-observation-care) ---

// The code of the street's case catalogue item a help request of this kind becomes, and the kinds' names.
std::string help_item_code(HelpKind kind);
constexpr CodeTable<HelpKind> kHelpKindNames = {
    {HelpKind::Supplies, "生活物资"}, {HelpKind::Medicine, "药品"}, {HelpKind::Counselling, "心理疏导"}};

// Recorded with each check-in and help request: health data handled to respond to a public-health emergency.
inline constexpr const char* kLegalBasis = "PIPL Art. 13(4)";
// Check-ins and help-request details are purged this many days after their observation ended. A policy constant:
// the purge is a daily job, which reads no street's settings.
inline constexpr int kRetentionDays = 30;

// A temperature as the body gives it, in °C with at most one decimal, as tenths: 400 naming `temperature` outside
// 35.0–42.0 or with more decimals.
std::int64_t temperature_tenths(double celsius);
// 400 naming the field: symptoms one or more known ones, none twice, 无 alone; a note of at most 200 characters.
void check_health(const HealthInput& input);
// A temperature of 37.3 °C or more, or any symptom, calls for the staff's attention.
bool abnormal(const HealthInput& input);
// Whether a household without a check-in today counts as missed at `now`: from the street's hour `by_hour` on.
bool check_in_missed(TimePoint now, std::int64_t by_hour);
// 400 naming `check_in_by_hour` outside 0–23.
void check_check_in_hour(std::int64_t hour);
// 400 naming `detail`: 1–500 characters.
void check_help_detail(const std::string& detail);
// The first day an observation's care records may be purged: kRetentionDays after the day it ended.
std::string purge_on(const std::string& ended_on);

}  // namespace weizhi::epidemic
