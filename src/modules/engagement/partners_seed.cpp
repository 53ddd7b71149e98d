// The demo street's 运河红盟 (the demo size only; API tests start with none): 市建委 and 市水务集团 with a
// contact and their agreement, the pump station's hall (泵站大厅) lent as a venue sunk to the pilot compounds
// with an event booked there, a few talents of each pilot compound with when they can help, and a gold
// mediator serving all of 德胜社区.
#include <chrono>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/partners_store.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/engagement/store.hpp"
#include "modules/engagement/talent_store.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kPilots[] = {"desheng-xincun", "nan-qi", "xi-liu"};

// 工作日晚上 and 周末白天, the two answers residents give most.
const std::vector<Window>& evenings_and_weekends() {
  static const std::vector<Window> windows{{{1, 2, 3, 4, 5}, "18:30", "21:00"}, {{6, 7}, "09:00", "17:00"}};
  return windows;
}

// Up to three tagged people living in each pilot compound join the pool.
std::int64_t seed_talents(modules::SeedContext& seed, std::int64_t user) {
  std::int64_t added = 0;
  for (const char* code : kPilots) {
    std::int64_t compound = seed.node(code);
    auto rows =
        seed.tx.query("SELECT id FROM people WHERE home_node_id = ? AND tags <> '[]' ORDER BY id LIMIT 3", {compound});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      TalentInput input{
          .node_id = compound,
          .skills = i == 0 ? "熟悉邻里情况，调解家庭和邻里纠纷" : "楼道整治、垃圾分类宣传",
          .availability = i == 1 ? std::vector<Window>{{{6, 7}, "09:00", "17:00"}} : evenings_and_weekends(),
          .active = true};
      save_talent(seed.tx, rows[i].i64(0), input, user);
      ++added;
    }
  }
  return added;
}

}  // namespace

void seed_partners(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  store::Tx& tx = seed.tx;
  std::int64_t street = seed.node("street");
  std::int64_t admin = modules::demo_user_id(tx, "secretary");
  std::int64_t jianwei = insert_partner(
      tx, {.street_id = street, .name = "市建委", .kind = UnitKind::Government, .alliance = "运河红盟"}, admin);
  std::int64_t water = insert_partner(
      tx, {.street_id = street, .name = "市水务集团", .kind = UnitKind::StateEnterprise, .alliance = "运河红盟"},
      admin);
  insert_contact(tx, seed.data_key, jianwei, {.name = "周建国", .role = "城建处副处长", .phone = "13900571101"});
  insert_contact(tx, seed.data_key, water, {.name = "钱水清", .role = "党建办主任", .phone = "13900571102"});
  for (std::int64_t unit : {jianwei, water}) {
    insert_agreement(tx, unit,
                     {.title = "运河红盟党建共建协议",
                      .signed_on = "2026-03-01",
                      .valid_to = "2028-02-29",
                      .summary = "结对共建老旧小区，资源下沉到试点小区：场地共享、志愿服务、专业指导。"});
  }
  std::vector<std::int64_t> pilots;
  for (const char* code : kPilots) pilots.push_back(seed.node(code));
  std::int64_t hall = insert_venue(tx,
                                   {.node_id = seed.node("desheng"),
                                    .name = "泵站大厅",
                                    .address = "德胜路泵站一楼",
                                    .partner_unit_id = water,
                                    .opens_at = "09:00",
                                    .closes_at = "20:00"},
                                   admin);
  insert_resource(
      tx, water,
      {.kind = ResourceKind::Venue, .description = "泵站大厅，可容纳 80 人", .venue_id = hall, .serves = pilots});
  insert_resource(tx, water,
                  {.kind = ResourceKind::Volunteers,
                   .description = "供水抢修党员志愿队",
                   .venue_id = std::nullopt,
                   .serves = pilots});
  insert_resource(tx, jianwei,
                  {.kind = ResourceKind::Expertise,
                   .description = "老旧小区改造与加装电梯技术指导",
                   .venue_id = std::nullopt,
                   .serves = {seed.node("desheng")}});
  // An event of the first pilot booked at the hall, a week from today at 14:00 street time.
  TimePoint midnight = *street_day_end(street_date(tx.now())) - std::chrono::hours(24);
  TimePoint starts = midnight + std::chrono::hours(24 * 7 + 14);
  EventInput event{.node_id = pilots.front(),
                   .title = "节水护水进小区——运河红盟共建日",
                   .kind = Kind::PartyActivity,
                   .venue_id = hall,
                   .starts_at = starts,
                   .ends_at = starts + std::chrono::minutes(120),
                   .capacity = 60,
                   .audience = Audience::Residents,
                   .signup_opens_at = tx.now(),
                   .signup_closes_at = starts};
  check_event(event);
  insert_event(tx, event, admin);
  std::int64_t talents = seed_talents(seed, admin);
  // 德胜社区's first gold mediator serves the whole community, so every compound's mediation finds one.
  auto mediator = tx.query_one(
      "SELECT p.id FROM people p JOIN org_nodes n ON n.id = p.home_node_id JOIN org_nodes c ON c.id = ? WHERE "
      "p.tags LIKE '%\"gold_mediator\"%' AND n.path LIKE c.path || '%' ORDER BY p.id LIMIT 1",
      {seed.node("desheng")});
  if (mediator) {
    save_talent(tx, mediator->i64(0),
                {.node_id = seed.node("desheng"),
                 .skills = "人民调解员，擅长邻里和物业纠纷",
                 .availability = evenings_and_weekends(),
                 .active = true},
                admin);
    ++talents;
  }
  audit::record(tx, "cli:seed", "engagement.seed", "partners",
                {{"units", 2}, {"resources", 3}, {"events", 1}, {"talents", talents}});
}

}  // namespace weizhi::engagement
