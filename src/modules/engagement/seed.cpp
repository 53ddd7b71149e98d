// The engagement module's part of the demo street (both sizes): two venues (德胜社区's hall and
// 德胜新村's activity room) and three events of 德胜社区 — a 百姓圆桌会 that is full with a waiting
// list, a 旧改征集民意 meeting with places left, and a 书记比武 held ten days ago with its attendance.
#include <chrono>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/engagement/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::engagement {

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// The street midnight `days` from today's, plus `minutes`: seeded events fall at set hours of the street's day.
TimePoint street_moment(TimePoint now, std::int64_t days, std::int64_t minutes) {
  TimePoint midnight = *street_day_end(street_date(now)) - std::chrono::hours(24);
  return midnight + Days(days) + std::chrono::minutes(minutes);
}

struct EventSeed {
  const char* title;
  Kind kind;
  bool in_hall;             // else 德胜新村's activity room
  std::int64_t days;        // from today; negative for a past event
  std::int64_t start_hour;  // street time
  std::int64_t capacity;
  std::size_t signups;
  std::size_t attended;  // of a past event
};

constexpr EventSeed kEvents[] = {
    {"德胜新村加装电梯百姓圆桌会", Kind::Roundtable, true, 3, 19, 20, 23, 0},
    {"德胜新村老旧小区改造征集民意座谈会", Kind::RenewalOpinion, false, 7, 14, 30, 6, 0},
    {"德胜社区小区书记比武擂台赛", Kind::SecretaryContest, true, -10, 14, 50, 12, 9},
};

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  TimePoint now = tx.now();
  std::int64_t community = seed.node("desheng");
  std::int64_t compound = seed.node("desheng-xincun");
  std::int64_t secretary = modules::demo_user_id(tx, "secretary");
  std::int64_t hall = insert_venue(tx,
                                   {.node_id = community,
                                    .name = "德胜社区党群服务中心多功能厅",
                                    .address = "德胜社区党群服务中心二楼",
                                    .partner_unit_id = std::nullopt,
                                    .opens_at = "08:30",
                                    .closes_at = "21:00"},
                                   secretary);
  std::int64_t room = insert_venue(tx,
                                   {.node_id = compound,
                                    .name = "德胜新村居民活动室",
                                    .address = "德胜新村 2 幢底层",
                                    .partner_unit_id = std::nullopt,
                                    .opens_at = "08:00",
                                    .closes_at = "20:00"},
                                   secretary);
  // Residents of the community who are not the demo resident, so that the demo resident can sign up.
  std::vector<std::int64_t> residents;
  for (const auto& row :
       tx.query("SELECT p.id FROM people p JOIN org_nodes n ON n.id = p.home_node_id WHERE " +
                    org::subtree_condition(tx.dialect(), "n.path") +
                    " AND p.is_developer = 0 AND p.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) "
                    "ORDER BY p.id LIMIT 40",
                org::subtree_params(org::find_node(tx, community)->path))) {
    residents.push_back(row.i64(0));
  }
  std::int64_t signed_up = 0;
  for (const auto& entry : kEvents) {
    EventInput input{.node_id = entry.in_hall ? community : compound,
                     .title = entry.title,
                     .kind = entry.kind,
                     .venue_id = entry.in_hall ? hall : room,
                     .starts_at = street_moment(now, entry.days, entry.start_hour * 60),
                     .ends_at = street_moment(now, entry.days, entry.start_hour * 60 + 90),
                     .capacity = entry.capacity,
                     .audience = Audience::Residents,
                     .signup_opens_at = street_moment(now, std::min<std::int64_t>(entry.days, 0) - 14, 8 * 60),
                     .signup_closes_at = street_moment(now, entry.days, entry.start_hour * 60)};
    check_event(input);
    std::int64_t event = insert_event(tx, input, secretary);
    Counts counts;
    for (std::size_t i = 0; i < entry.signups && i < residents.size(); ++i) {
      SignupStatus status = decide_signup(counts, entry.capacity);
      std::int64_t id = insert_signup(tx, event, residents[i], status, secretary);
      (status == SignupStatus::Confirmed ? counts.confirmed : counts.waiting) += 1;
      if (i < entry.attended) {
        tx.exec("UPDATE event_signups SET checked_in_at = ?, checked_in_by_user_id = ? WHERE id = ?",
                {iso_utc(input.starts_at + std::chrono::minutes(5 + static_cast<std::int64_t>(i))), secretary, id});
      }
      ++signed_up;
    }
  }
  audit::record(tx, "cli:seed", "engagement.seed", "events",
                {{"venues", 2}, {"events", std::size(kEvents)}, {"signups", signed_up}});
}

}  // namespace weizhi::engagement
