// Pure rules of events with sign-ups (see rules.hpp; docs/rules.md#h-events).
#include "modules/engagement/rules.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/tree_path.hpp"

namespace weizhi::engagement {

bool is_clock_time(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return text.substr(0, 2) <= "23" && text[3] <= '5';
}

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all{Kind::SecretaryContest, Kind::Roundtable, Kind::RenewalOpinion,
                                     Kind::PartyActivity, Kind::Other};
  return all;
}

std::string street_minute(TimePoint moment) {
  std::string text = iso_utc(moment + std::chrono::hours(8));
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

void check_event(const EventInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "活动名称应为 1 至 100 个字");
  if (input.capacity < 1 || input.capacity > kMaxCapacity) fail_invalid("capacity", "名额应为 1 至 10000");
  if (input.ends_at <= input.starts_at) fail_invalid("ends_at", "结束时间应晚于开始时间");
  if (input.signup_closes_at <= input.signup_opens_at) fail_invalid("signup_closes_at", "报名截止应晚于报名开始");
  if (input.signup_closes_at > input.ends_at) fail_invalid("signup_closes_at", "报名截止不应晚于活动结束");
}

void check_capacity_change(std::int64_t capacity, std::int64_t confirmed) {
  if (capacity < confirmed)
    fail_conflict("已有 " + std::to_string(confirmed) + " 人报名成功，名额不能少于此数", "capacity");
}

void check_signup_window(TimePoint opens, TimePoint closes, TimePoint now) {
  if (now < opens || now >= closes)
    fail_conflict("不在报名时间内（" + street_minute(opens) + " 至 " + street_minute(closes) + "）", "signup");
}

bool lives_under(const std::vector<std::string>& places, const std::string& event_node_path) {
  return std::any_of(places.begin(), places.end(),
                     [&](const std::string& place) { return path_within(place, event_node_path); });
}

bool offered_to(const Event& event, bool party_member) {
  return event.input.audience == Audience::Residents || party_member;
}

void check_may_join(const Event& event, bool lives_there, bool staff_of_event, bool party_member) {
  if (!lives_there && !staff_of_event) fail_unprocessable("该居民不住在" + event.node_name + "，不能报名", "person_id");
  if (!offered_to(event, party_member)) fail_unprocessable("本活动仅限党员报名", "person_id");
}

SignupStatus decide_signup(const Counts& counts, std::int64_t capacity) {
  return counts.confirmed < capacity && counts.waiting == 0 ? SignupStatus::Confirmed : SignupStatus::Waiting;
}

std::vector<std::int64_t> promotions(std::int64_t capacity, std::int64_t confirmed,
                                     const std::vector<std::int64_t>& waiting_in_order) {
  std::int64_t free = std::max<std::int64_t>(0, capacity - confirmed);
  auto count = std::min<std::size_t>(static_cast<std::size_t>(free), waiting_in_order.size());
  return {waiting_in_order.begin(), waiting_in_order.begin() + static_cast<std::ptrdiff_t>(count)};
}

void check_cancel(const Event& event, const std::string& reason, TimePoint now) {
  if (blank(reason) || characters(reason) > kMaxCancelReason) fail_invalid("reason", "取消原因应为 1 至 200 个字");
  check_not_cancelled(event, "state");
  if (now >= event.input.ends_at) fail_conflict("活动已结束，不能取消", "event");
}

void check_not_cancelled(const Event& event, const std::string& field) {
  if (event.cancelled_at) fail_conflict("活动已取消（" + event.cancel_reason.value_or("") + "）", field);
}

void check_check_in(const Signup& signup, TimePoint event_starts_at, TimePoint now) {
  if (signup.status == SignupStatus::Waiting) fail_conflict("候补报名不能签到", "signup_id");
  if (signup.status == SignupStatus::Cancelled) fail_conflict("该报名已取消，不能签到", "signup_id");
  if (signup.checked_in_at) fail_conflict("已签到，不必重复签到", "signup_id");
  if (street_date(now) != street_date(event_starts_at))
    fail_conflict("只能在活动当天（" + street_date(event_starts_at) + "）签到", "event");
}

void check_venue(const VenueInput& input) {
  if (blank(input.name) || characters(input.name) > 50) fail_invalid("name", "场地名称应为 1 至 50 个字");
  if (input.address.size() > 200) fail_invalid("address", "场地地址不超过 200 字节");
  if (!is_clock_time(input.opens_at)) fail_invalid("opens_at", "开放时间应为 HH:MM");
  if (!is_clock_time(input.closes_at)) fail_invalid("closes_at", "关闭时间应为 HH:MM");
  if (input.closes_at <= input.opens_at) fail_invalid("closes_at", "关闭时间应晚于开放时间");
}

bool venue_open_to(const Venue& venue, const std::string& event_path) {
  if (path_within(event_path, venue.node_path) || path_within(venue.node_path, event_path)) return true;
  return std::any_of(venue.served_paths.begin(), venue.served_paths.end(),
                     [&](const std::string& served) { return path_within(event_path, served); });
}

bool overlaps(TimePoint a_start, TimePoint a_end, TimePoint b_start, TimePoint b_end) {
  return a_start < b_end && b_start < a_end;
}

void check_clash(const std::optional<Clash>& clash) {
  if (!clash) return;
  fail_conflict("场地已被「" + clash->title + "」占用（" + street_minute(clash->starts_at) + " 至 " +
                    street_minute(clash->ends_at) + "）",
                "venue_id");
}

void check_opening_hours(const VenueInput& venue, TimePoint starts_at, TimePoint ends_at) {
  std::string start = street_minute(starts_at);
  std::string end = street_minute(ends_at);
  bool same_day = start.substr(0, 10) == end.substr(0, 10);
  if (!same_day || start.substr(11) < venue.opens_at || end.substr(11) > venue.closes_at)
    fail_unprocessable("活动时间不在场地开放时间内（每日 " + venue.opens_at + " 至 " + venue.closes_at + "）",
                       "venue_id");
}

}  // namespace weizhi::engagement
