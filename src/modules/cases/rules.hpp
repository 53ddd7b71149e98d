// Pure rules of cases: codes, the catalogue item checks, the transition table with the permission
// each step needs, due times, overdue, who may verify, ratings that reopen, and the median. No SQL,
// no HTTP, no clock: "now" is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"
#include "modules/governance/governance.hpp"
#include "modules/cases/model.hpp"

namespace weizhi::cases {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of); those of the states, which
// other modules read too, are in cases.hpp.
constexpr CodeTable<Party> kParties = {{Party::PropertyCompany, "property_company"},
                                       {Party::Committee, "committee"},
                                       {Party::Commissioner, "commissioner"},
                                       {Party::Community, "community"},
                                       {Party::Street, "street"},
                                       {Party::Utility, "utility"},
                                       {Party::SocialOrg, "social_org"}};
constexpr CodeTable<StateType> kStateTypes = {
    {StateType::Open, "open"}, {StateType::Fixed, "fixed"}, {StateType::Closed, "closed"}};
constexpr CodeTable<Channel> kChannels = {{Channel::ResidentH5, "resident_h5"},
                                          {Channel::Hotline, "hotline"},
                                          {Channel::Patrol, "patrol"},
                                          {Channel::Open311, "open311"},
                                          {Channel::Schedule, "schedule"}};

bool is_open(State state);

// 400 naming the field: code, name (1–100 bytes), category (1–40 bytes), response hours 1–720,
// resolution days 1–365, and the pre-intervention schedule.
void check_item(const Item& item);
// 400 naming pre_schedule[i]: at most 12 distinct valid "MM-DD" days (02-29 refused, a task must
// come every year), and only on items where pre-intervention applies.
void check_pre_schedule(bool pre, const std::vector<std::string>& month_days);
// Whether an active pre-intervention item schedules a task on the street day (YYYY-MM-DD).
bool pre_task_due(const Item& item, const std::string& street_day);

// The permission a step from `from` to `to` needs, nullopt when the step is not in the table:
//   reported → accepted | returned | duplicate (cases.accept), closed_not_fixed (cases.close)
//   accepted → assigned (cases.assign), returned | duplicate (cases.accept), closed_not_fixed
//   assigned | transferred → in_progress (cases.resolve), transferred (cases.assign), closed_not_fixed
//   transferred → assigned (cases.assign)
//   in_progress → resolved (cases.resolve), transferred (cases.assign), closed_not_fixed
//   resolved → verified, or back to in_progress when the fix does not hold (cases.verify)
//   verified → closed (cases.close);  returned → accepted (cases.accept)
// Closed, duplicate and closed_not_fixed are final. Reopening by a rating is not a step of this
// table: it is rating_reopens's decision.
std::optional<std::string> transition_permission(State from, State to);
// The permission of the step; 409 naming `to` when the step is not allowed.
std::string check_transition(State from, State to);
// The permissions of the steps into `to` from any state: a caller holding none of them is refused
// (403) before the case's state is looked at, so that the refusal does not tell the state. 400
// naming `to` when no step leads there (reported).
std::vector<std::string> permissions_into(State to);

// 403 when the verifier works for a property company or is the assignee: nobody verifies their
// own work (docs/rules.md#j-verifier: the property serves and others check).
void check_verifier(bool holds_property_role, bool is_assignee);

// Acceptance is due `response_hours` after the report.
TimePoint response_due(TimePoint reported_at, std::int64_t response_hours);
// The street day the fix is due on: `resolution_days` after the report's street day, so a report at
// 23:30 gets the same day count as one at 08:00.
std::string resolve_due_on(TimePoint reported_at, std::int64_t resolution_days);
// The fix is due until that day is over (docs/rules.md#j-due-day-end).
TimePoint resolve_due(TimePoint reported_at, std::int64_t resolution_days);
// The street day whose end `day_end` is: the due day a stored resolve_due_at stands for.
std::string due_day_ending(TimePoint day_end);
// Still reported and past the response's due time: nobody has taken the case on in time.
bool response_overdue(State state, TimePoint response_due_at, TimePoint now);
// Open and past the fix's due time (docs/rules.md#j-due-day-end).
bool resolution_overdue(State state, TimePoint resolve_due_at, TimePoint now);
// Either deadline missed.
bool is_overdue(State state, TimePoint response_due_at, TimePoint resolve_due_at, TimePoint now);

// One chain level per missed period (the item's resolution days) past the fix's due time:
// commissioner as soon as it is overdue, then tripartite director, community secretary and the
// street, which is the last. None for cases that are not open or not yet due.
EscalationLevel escalation_level(State state, TimePoint resolve_due_at, std::int64_t resolution_days, TimePoint now);

// 400 naming `score` unless 1–5; 400 naming `comment` above 1000 bytes.
void check_rating(std::int64_t score, const std::string& comment);
// 409 unless the case is resolved, verified or closed (there is a fix to rate).
void check_rateable(State state);
// Whether the case waits for the rating of the resident who reported it on the H5: there is a fix
// (resolved, verified or closed) they have not rated since it was made.
bool awaiting_rating(const Case& record);
// Whether the rating reopens the case: a score of 2 or less, and only the first time.
bool rating_reopens(std::int64_t score, bool already_reopened);

// 409 naming original_id when the case is a duplicate: its work goes to the original.
void check_not_duplicate(State state, std::optional<std::int64_t> original_id);

// 409 naming code when another item of the street has the code, after check_item's 400s.
void check_new_item(const Item& item, bool code_taken);

// The category residents always have: what fits no other.
inline constexpr const char* kOtherCategory = "other";
// 400 naming code (as an item's) or name (1–10 characters); 422 naming item_code when the item is
// inactive or of another street; 409 naming active when `other` would be put out of use.
void check_resident_category(const ResidentCategory& category, const Item& item);

// Staff map a case to a catalogue item at triage: 409 unless it is still reported or accepted (nobody
// works it yet), 422 naming item_code when the item is inactive or of another street.
void check_classify(const Case& record, const Item& item, std::int64_t street_node_id);

// The checks of a new case, in this order: 404 without its compound; 422 naming item_code when the
// item is inactive or of another street; 404 when the part or building named is missing or not
// one, 422 naming part_id or building_id when it lies outside the compound; 400 naming address
// (above 200 bytes), description (blank or above 2000 bytes) or photos (more than 6).
void check_new_case(const NewCase& input, const Item& item, const CaseSite& site);

// The checks of a step before it is written, in this order: check_not_duplicate, check_transition,
// 400 naming note above 2000 bytes; into assigned or transferred, 400 naming assignee_user_id when
// absent and 422 when the account is missing or disabled; into duplicate, 400 naming original_id
// when absent, 422 when the original is missing, the case itself, a duplicate itself or in another
// compound; into closed_not_fixed, 400 naming reason when blank or above 600 bytes.
void check_transition_step(const Case& record, const TransitionInput& input, const TransitionFacts& facts);

// The step a bulk assignment takes: a case already assigned or in progress is handed over
// (transferred), any other is assigned.
State bulk_assign_step(State current);

// check_not_duplicate, then 400 naming note when blank or above 2000 bytes.
void check_note(const Case& record, const std::string& note);

// check_not_duplicate; 400 naming on unless a date (YYYY-MM-DD), naming note above 2000 bytes;
// 409 unless resolved, verified or closed; 400 naming on before the report's street day.
void check_revisit(const Case& record, const std::string& on, const std::string& note);

// The escalation levels the case reaches now beyond the one already recorded, lowest first: each
// one passed is told, even when the job did not run for a while. Empty when nothing new.
std::vector<EscalationLevel> escalations_due(State state, TimePoint resolve_due_at, std::int64_t resolution_days,
                                             std::int64_t recorded_level, TimePoint now);

// The median of the values (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

}  // namespace weizhi::cases
