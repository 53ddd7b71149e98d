// Pure rules of events with sign-ups (docs/rules.md#h-events): the codes, the checks of an event and
// a venue, the sign-up window, the decision between a place and the waiting list, who moves up when
// places free, the check-in day and the venue's clashes and opening hours. No SQL, no HTTP, no
// clock: the time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/engagement/model.hpp"

namespace weizhi::engagement {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Kind> kEventKinds = {{Kind::SecretaryContest, "secretary_contest"},
                                         {Kind::Roundtable, "roundtable"},
                                         {Kind::RenewalOpinion, "renewal_opinion"},
                                         {Kind::PartyActivity, "party_activity"},
                                         {Kind::Other, "other"}};
constexpr CodeTable<Audience> kEventAudiences = {{Audience::Residents, "residents"},
                                                 {Audience::PartyMembers, "party_members"}};
constexpr CodeTable<SignupStatus> kSignupStatuses = {
    {SignupStatus::Confirmed, "confirmed"}, {SignupStatus::Waiting, "waiting"}, {SignupStatus::Cancelled, "cancelled"}};
// The kinds' Chinese names, as the console and reports show them.
constexpr CodeTable<Kind> kEventKindNames = {{Kind::SecretaryContest, "书记比武"},
                                             {Kind::Roundtable, "百姓圆桌会"},
                                             {Kind::RenewalOpinion, "旧改征集民意"},
                                             {Kind::PartyActivity, "党员活动"},
                                             {Kind::Other, "其他"}};
// Every kind, in the order forms offer them.
const std::vector<Kind>& kinds();

inline constexpr std::int64_t kMaxCapacity = 10000;

// "HH:MM" with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59: a time of day in the street's time.
bool is_clock_time(const std::string& text);
// A moment as the street reads it: "YYYY-MM-DD HH:MM" (Asia/Shanghai), for messages.
std::string street_minute(TimePoint moment);

// 400 naming the field: title 1–100 characters, capacity 1–kMaxCapacity, ends_at after starts_at,
// signup_closes_at after signup_opens_at and not after ends_at.
void check_event(const EventInput& input);
// 409 naming capacity when it would fall below the places already confirmed (nobody loses a place).
void check_capacity_change(std::int64_t capacity, std::int64_t confirmed);

// 409 naming `signup` outside [opens, closes), the message naming the window.
void check_signup_window(TimePoint opens, TimePoint closes, TimePoint now);
// Whether a person whose places (home node, compounds of their parts) lie at `places` lives under the
// event's node.
bool lives_under(const std::vector<std::string>& places, const std::string& event_node_path);
// Whether the event is offered to a person living under its node: any event for residents, one for
// party members only to those the registry marks as one.
bool offered_to(const Event& event, bool party_member);
// 422 naming person_id unless the person may join the event: they live under its node, or they are
// staff of it signing themselves up; and, for an event of party members, the registry marks them one.
void check_may_join(const Event& event, bool lives_there, bool staff_of_event, bool party_member);
// A new sign-up takes a place while the confirmed are fewer than the capacity and nobody waits (the
// waiting go first); otherwise it waits, behind everyone who came before.
SignupStatus decide_signup(const Counts& counts, std::int64_t capacity);
// Of the waiting sign-ups in order of arrival, those that move up to the places free under
// `capacity`: the first in line first.
std::vector<std::int64_t> promotions(std::int64_t capacity, std::int64_t confirmed,
                                     const std::vector<std::int64_t>& waiting_in_order);

inline constexpr std::size_t kMaxCancelReason = 200;
// Calling off an event (docs/rules.md#h-cancel): 400 naming reason unless 1–200 characters; 409 naming
// `state` once called off, 409 naming `event` once it has ended.
void check_cancel(const Event& event, const std::string& reason, TimePoint now);
// 409 naming `field` when the event is called off: nothing more happens to it.
void check_not_cancelled(const Event& event, const std::string& field);

// 409 naming the field unless the sign-up may check in now: confirmed (a waiting or cancelled one
// may not: `signup_id`), not checked in yet, and on the event's day in the street's time (`event`).
void check_check_in(const Signup& signup, TimePoint event_starts_at, TimePoint now);

// 400 naming the field: name 1–50 characters, address at most 200 bytes, opens_at and closes_at as
// HH:MM with closes_at later.
void check_venue(const VenueInput& input);
// Whether an event of the node at `event_path` may be held at the venue (docs/rules.md#h-venues): the venue
// lies on the node's line (at or above it, or inside it), or it is a partner's venue sunk to the node or
// to a node above it.
bool venue_open_to(const Venue& venue, const std::string& event_path);
// Whether [a_start, a_end) and [b_start, b_end) share a moment.
bool overlaps(TimePoint a_start, TimePoint a_end, TimePoint b_start, TimePoint b_end);
// 409 naming venue_id with the other event's title and time when there is a clash.
void check_clash(const std::optional<Clash>& clash);
// 422 naming venue_id unless the event lies within one street day and the venue's opening hours.
void check_opening_hours(const VenueInput& venue, TimePoint starts_at, TimePoint ends_at);

}  // namespace weizhi::engagement
