// The deliberation module's part of the demo street, through the module's own store functions:
// 德胜新村's parking topic open for comments (one comment hidden with its reason) in both sizes;
// in the Demo size also 西六苑's greening topic in consultation with a round table's minutes,
// 西七苑's elevator topic drafting its second plan version, 南七苑's fire-safety topic with its
// vote open, and 西五苑's roof-repair topic resolved by a passed vote, its three actions two done
// and one overdue.
#include <chrono>
#include <stdexcept>

#include "audit/audit.hpp"
#include "modules/deliberation/module.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/deliberation/store.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::deliberation {

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// The first child of a node (the compound's first building, the building's first unit).
std::int64_t first_child(store::Tx& tx, std::int64_t node_id) {
  auto row = tx.query_one("SELECT id FROM org_nodes WHERE parent_id = ? ORDER BY id LIMIT 1", {node_id});
  if (!row) throw std::runtime_error("deliberation seed: node " + std::to_string(node_id) + " has no child");
  return row->i64(0);
}

void step_to(store::Tx& tx, std::int64_t topic_id, Step to) { advance(tx, *find_topic(tx.connection(), topic_id), to); }

std::string day(TimePoint now, std::int64_t days_from_today) { return street_date(now + Days(days_from_today)); }

// Commenting, then a round table on `held_on`, then drafting with one plan version.
void consult_and_draft(store::Tx& tx, std::int64_t topic_id, std::int64_t staff, const MeetingInput& meeting,
                       const PlanInput& plan) {
  step_to(tx, topic_id, Step::Commenting);
  step_to(tx, topic_id, Step::Consulting);
  add_meeting(tx, *find_topic(tx.connection(), topic_id), meeting, staff);
  step_to(tx, topic_id, Step::Drafting);
  add_plan(tx, *find_topic(tx.connection(), topic_id), plan, staff);
}

MeetingInput round_table(const std::string& held_on, const std::string& place, const std::string& minutes) {
  return MeetingInput{held_on,
                      place,
                      {"王建国", "李秀英", "张志强", "刘桂芳", "陈明"},
                      18,
                      minutes,
                      {{"居民代表", "支持，希望尽快实施，费用按户分摊要公开透明。"},
                       {"物业", "可以配合施工组织，日常维护纳入物业服务。"},
                       {"自管会", "建议先出两套方案，比较费用后再表决。"}},
                      {}};
}

void commenting_topic(store::Tx& tx, std::int64_t compound) {
  std::int64_t resident = modules::demo_user_id(tx, "resident");
  std::int64_t committee = modules::demo_user_id(tx, "committee");
  std::int64_t commissioner = modules::demo_user_id(tx, "commissioner");
  auto person = tx.query_one("SELECT person_id FROM users WHERE id = ?", {resident})->optional_i64(0);
  std::int64_t id =
      create_topic(tx,
                   TopicInput{compound, voting::VoteScope{}, Category::Parking, "夜间停车难，能否在北门空地增设车位",
                              "北门内侧有一块闲置空地，晚上车辆只能停在消防通道。建议划出 20 个临时车位，"
                              "夜间停放、白天腾空。"},
                   ProposerKind::Resident, resident);
  step_to(tx, id, Step::Commenting);
  Topic topic = *find_topic(tx.connection(), id);
  add_comment(tx, topic, resident, person, ProposerKind::Resident, "赞成，晚上十点以后基本找不到车位。");
  add_comment(tx, topic, committee, std::nullopt, ProposerKind::CommitteeMember,
              "空地归属需要先和社区核实，自管会下周去现场看一下。");
  std::int64_t hidden =
      add_comment(tx, topic, resident, person, ProposerKind::Resident, "3 幢 502 的车天天乱停，曝光他的车牌！");
  hide_comment(tx, *find_comment(tx.connection(), hidden), "含有针对个人的信息，请就事论事", commissioner);
}

void consulting_topic(store::Tx& tx, std::int64_t compound, std::int64_t staff, TimePoint now) {
  std::int64_t id =
      create_topic(tx,
                   TopicInput{compound, voting::VoteScope{}, Category::Environment, "中心绿地改造为口袋公园",
                              "中心绿地长期荒废，建议改造为带座椅和健身器材的口袋公园。"},
                   ProposerKind::Staff, staff);
  step_to(tx, id, Step::Commenting);
  step_to(tx, id, Step::Consulting);
  add_meeting(tx, *find_topic(tx.connection(), id),
              round_table(day(now, -3), "西六苑党群服务站",
                          "百姓圆桌会议讨论了口袋公园的位置、设施和后期养护。多数居民支持改造，底层住户担心噪声，"
                          "会议商定健身器材远离住宅一侧布置，晚九点后不开放音响。"),
              staff);
}

void drafting_topic(store::Tx& tx, std::int64_t compound, std::int64_t staff, TimePoint now) {
  std::int64_t unit = first_child(tx, first_child(tx, compound));
  std::int64_t id =
      create_topic(tx,
                   TopicInput{compound, voting::VoteScope{voting::ScopeKind::Units, {unit}}, Category::Elevator,
                              "1 幢 1 单元加装电梯", "本单元老人多，上下楼困难，申请加装电梯，费用按楼层分摊。"},
                   ProposerKind::Staff, staff);
  consult_and_draft(
      tx, id, staff,
      round_table(day(now, -20), "西七苑自管会议事室", "住户逐层发表意见，一楼住户担心采光，同意先做采光评估。"),
      PlanInput{"贴墙式电梯方案",
                "电梯贴北墙布置，平层入户。",
                68'000'000,
                {{"方案效果图", "demo/deliberation/elevator-v1.pdf"}}});
  add_plan(tx, *find_topic(tx.connection(), id),
           PlanInput{"连廊式电梯方案（修订）",
                     "电梯离墙 2 米以连廊入户，减少对一楼采光的影响。",
                     72'500'050,
                     {{"方案效果图", "demo/deliberation/elevator-v2.pdf"},
                      {"采光评估报告", "demo/deliberation/daylight.pdf"}}},
           staff);
}

void voting_topic(store::Tx& tx, std::int64_t compound, std::int64_t staff, TimePoint now) {
  std::int64_t id = create_topic(tx,
                                 TopicInput{compound, voting::VoteScope{}, Category::Safety, "楼道增设电动自行车充电桩",
                                            "楼道充电火灾隐患大，建议在小区东侧集中建设充电棚。"},
                                 ProposerKind::Staff, staff);
  consult_and_draft(tx, id, staff,
                    round_table(day(now, -15), "南七苑社区活动室", "各方同意集中充电，讨论了选址和收费。"),
                    PlanInput{"东侧集中充电棚", "建设 60 个充电口，按电量收费。", 15'000'000, {}});
  auto plans = plans_of(tx.connection(), id);
  std::int64_t vote_id = send_to_vote(tx, *find_topic(tx.connection(), id),
                                      VoteRequest{plans.back().id,
                                                  8,
                                                  iso_utc(now - Days(2)),
                                                  iso_utc(now + Days(12)),
                                                  {voting::Channel::Online, voting::Channel::Paper}},
                                      staff);
  voting::open_vote(tx, *voting::find_vote(tx.connection(), vote_id), now - Days(2));
}

// A vote of the building's owners, nine in ten agreeing, published; the resolution and its actions.
void resolved_topic(store::Tx& tx, std::int64_t compound, std::int64_t staff, TimePoint now) {
  std::int64_t building = first_child(tx, compound);
  std::int64_t id = create_topic(
      tx,
      TopicInput{compound, voting::VoteScope{voting::ScopeKind::Buildings, {building}}, Category::Facilities,
                 "1 幢屋顶防水维修", "顶楼住户反映雨季屋顶渗漏，申请使用维修资金修缮屋面防水。"},
      ProposerKind::Staff, staff);
  consult_and_draft(tx, id, staff, round_table(day(now, -60), "西五苑党群服务站", "顶楼和其他楼层住户均同意维修。"),
                    PlanInput{"屋面整体翻修", "铲除旧防水层，铺设 SBS 改性沥青卷材两道。", 12'800'000, {}});
  auto plans = plans_of(tx.connection(), id);
  TimePoint opened = now - Days(45);
  TimePoint closed = now - Days(35);
  std::int64_t vote_id =
      send_to_vote(tx, *find_topic(tx.connection(), id),
                   VoteRequest{plans.back().id, 5, iso_utc(opened), iso_utc(closed), {voting::Channel::Online}}, staff);
  voting::seed_vote(tx, vote_id, staff, opened, closed, [](std::size_t i) -> std::optional<voting::SeedBallot> {
    return voting::SeedBallot{i % 10 == 9 ? voting::Choice::Oppose : voting::Choice::Agree, voting::Channel::Online, 1};
  });
  resolve(tx, *find_topic(tx.connection(), id),
          "同意使用维修资金对 1 幢屋面进行整体翻修，由物业组织施工，自管会监督。");
  Topic topic = *find_topic(tx.connection(), id);
  std::int64_t quotes =
      add_action(tx, topic, ActionInput{"三家施工单位比价", "自管会 王建国", std::nullopt, day(now, -25)});
  std::int64_t notice = add_action(tx, topic, ActionInput{"施工公告张贴", "物业 李经理", std::nullopt, day(now, -20)});
  add_action(tx, topic, ActionInput{"屋面施工及验收", "物业 李经理", std::nullopt, day(now, -5)});
  complete_action(tx, *find_action(tx.connection(), quotes), day(now, -27), "选定报价最低且资质齐全的单位");
  complete_action(tx, *find_action(tx.connection(), notice), day(now, -21), "");
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  commenting_topic(tx, seed.node("desheng-xincun"));
  std::int64_t topics = 1;
  if (seed.size == modules::SeedSize::Demo) {
    TimePoint now = tx.now();
    std::int64_t staff = modules::demo_user_id(tx, "admin");
    consulting_topic(tx, seed.node("xi-liu"), staff, now);
    drafting_topic(tx, seed.node("xi-qi"), staff, now);
    voting_topic(tx, seed.node("nan-qi"), staff, now);
    resolved_topic(tx, seed.node("xi-wu"), staff, now);
    topics += 4;
  }
  audit::record(tx, "cli:seed", "deliberation.seed", "deliberation", {{"topics", topics}});
}

}  // namespace weizhi::deliberation
