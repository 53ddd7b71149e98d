// Pure rules of cases: codes, the catalogue item checks, the transition table with the permission
// each step needs, due times, overdue, who may verify, ratings that reopen, and the median. No SQL,
// no HTTP, no clock: "now" is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "modules/governance/governance.hpp"
#include "modules/cases/model.hpp"

namespace weizhi::cases {

std::string party_code(Party party);
std::optional<Party> parse_party(std::string_view code);
std::optional<State> parse_state(std::string_view code);
std::string state_type_code(StateType type);
std::string channel_code(Channel channel);
std::optional<Channel> parse_channel(std::string_view code);

using governance::escalation_level_code;

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
// The fix is due at the end (24:00 street time) of the street day `resolution_days` after the
// report's street day: a report at 23:30 gets the same day count as one at 08:00.
TimePoint resolve_due(TimePoint reported_at, std::int64_t resolution_days);
// Open and past the fix's due time, or still reported and past the response's.
bool is_overdue(State state, TimePoint response_due_at, TimePoint resolve_due_at, TimePoint now);

// One chain level per missed period (the item's resolution days) past the fix's due time:
// commissioner as soon as it is overdue, then tripartite director, community secretary and the
// street, which is the last. None for cases that are not open or not yet due.
EscalationLevel escalation_level(State state, TimePoint resolve_due_at, std::int64_t resolution_days, TimePoint now);

// 400 naming `score` unless 1–5; 400 naming `comment` above 1000 bytes.
void check_rating(std::int64_t score, const std::string& comment);
// 409 unless the case is resolved, verified or closed (there is a fix to rate).
void check_rateable(State state);
// Whether the rating reopens the case: a score of 2 or less, and only the first time.
bool rating_reopens(std::int64_t score, bool already_reopened);

// 409 naming original_id when the case is a duplicate: its work goes to the original.
void check_not_duplicate(State state, std::optional<std::int64_t> original_id);

// The median of the values (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

}  // namespace weizhi::cases
