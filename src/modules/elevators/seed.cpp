// The elevators module's part of the demo street (both sizes), through the module's own store
// functions: 西四苑's first eligible stairwell unit has its elevator in service — a five-person
// working group, a published matter-7 consent vote that passed, a per-floor cost agreement, the
// city's first "15+2" maintenance contract and one agreed mediation (docs/modules/elevators.md).
#include <chrono>
#include <map>
#include <stdexcept>

#include "audit/audit.hpp"
#include "modules/elevators/module.hpp"
#include "modules/elevators/rules.hpp"
#include "modules/elevators/store.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::elevators {

namespace {

constexpr const char* kCompoundCode = "xi-si";
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// Owners of the unit lead the group; neighbours outside the registry fill it to five.
std::vector<Member> five_members(store::Tx& tx, std::int64_t unit_id) {
  const char* roles[] = {"组长", "副组长", "财务监督", "施工协调", "居民联络"};
  const char* names[] = {"陈建华", "周美玲", "孙志强", "吴秀英", "沈国平"};
  std::vector<Member> members;
  for (const auto& row :
       tx.query("SELECT DISTINCT l.person_id FROM part_links l JOIN parts p ON p.node_id = l.part_node_id "
                "JOIN people pe ON pe.id = l.person_id WHERE p.unit_node_id = ? AND "
                "l.relation = 'owner' AND pe.is_developer = 0 ORDER BY l.person_id",
                {unit_id})) {
    if (members.size() == 2) break;
    members.push_back(Member{row.i64(0), "", roles[members.size()]});
  }
  for (std::size_t i = 0; members.size() < 5; ++i)
    members.push_back(Member{std::nullopt, names[i], roles[members.size()]});
  return members;
}

// The ground floor pays nothing; each floor above pays 0.2 more per floor: 2 → "0.4", 5 → "1".
std::map<std::int64_t, Weight> floor_weights(std::int64_t floors) {
  std::map<std::int64_t, Weight> weights;
  for (std::int64_t floor = 1; floor <= floors; ++floor) {
    std::int64_t tenths = floor == 1 ? 0 : 2 * floor;
    std::string text = std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
    weights[floor] = parse_weight(text, "floor_weights");
  }
  return weights;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  org::Node compound = *org::find_node(tx.connection(), seed.node(kCompoundCode));
  Policy policy = policy_for_node(tx.connection(), compound.id);
  std::optional<UnitRecord> chosen;
  for (const auto& unit : units_under(tx.connection(), compound)) {
    if (eligibility(unit.facts, policy).eligible) {
      chosen = unit;
      break;
    }
  }
  if (!chosen) {
    seed.report.push_back("加装电梯：西四苑没有符合条件的单元，未生成演示项目");
    return;
  }
  std::int64_t admin = modules::demo_user_id(tx, "admin");
  TimePoint now = tx.now();
  auto day = [&](std::int64_t days_ago) { return street_date(now - Days(days_ago)); };

  std::int64_t id = create_project(tx, chosen->unit_id, std::nullopt, admin, day(540));
  save_group(tx, *find_project(tx.connection(), id), five_members(tx, chosen->unit_id));
  TimePoint opened = now - Days(530);
  TimePoint closed = now - Days(516);
  std::int64_t vote_id =
      start_consent_vote(tx, *find_project(tx.connection(), id), iso_utc(opened), iso_utc(closed),
                         {voting::Channel::Online, voting::Channel::Paper, voting::Channel::Meeting}, admin, day(530));
  // Every owner of the unit agrees, on paper or online; the vote is closed and published.
  voting::seed_vote(tx, vote_id, admin, opened, closed, [](std::size_t i) -> std::optional<voting::SeedBallot> {
    return voting::SeedBallot{voting::Choice::Agree, i % 2 == 0 ? voting::Channel::Paper : voting::Channel::Online,
                              1 + static_cast<std::int64_t>(i % 7)};
  });
  advance(tx, *find_project(tx.connection(), id), Stage::Design, day(510), admin);
  save_cost(tx, *find_project(tx.connection(), id),
            CostAgreement{parse_yuan("586000.00", "total_yuan"), floor_weights(chosen->facts.floors.value_or(0)), {}});
  start_publicity(tx, *find_project(tx.connection(), id), day(480));
  advance(tx, *find_project(tx.connection(), id), Stage::Approval, day(450), admin);
  advance(tx, *find_project(tx.connection(), id), Stage::Construction, day(400), admin);
  MediationInput mediation{day(380),
                           MediationLevel::Community,
                           {"一楼住户", "加装电梯工作小组"},
                           std::nullopt,
                           "西一社区人民调解委员会",
                           "一楼住户担心电梯井道遮挡采光、施工噪声影响休息",
                           MediationOutcome::Agreed,
                           "施工限于 8:00–12:00、14:00–18:00；一楼住户不分摊加装费用，井道采用透光玻璃幕墙"};
  add_mediation(tx, *find_project(tx.connection(), id), mediation, admin);
  advance(tx, *find_project(tx.connection(), id), Stage::Acceptance, day(240), admin);
  save_contract(tx, *find_project(tx.connection(), id),
                Contract{"杭州拱宸电梯工程有限公司",
                         day(240),
                         15,
                         2,
                         parse_yuan("6800", "annual_fee_yuan"),
                         30,
                         "全生命周期维保：质保 2 年，期满后 15 年维护保养、零部件更换与 24 小时应急救援",
                         {}});
  advance(tx, *find_project(tx.connection(), id), Stage::InService, day(230), admin);

  audit::record(
      tx, "cli:seed", "elevators.seed", "elevator_project:" + std::to_string(id),
      {{"compound", kCompoundCode}, {"unit_id", chosen->unit_id}, {"vote_id", vote_id}, {"contract", "15+2"}});
  seed.report.push_back("加装电梯：西四苑" + chosen->building_name + chosen->unit_name +
                        "已投入使用（\"15+2\" 维保合同）");
}

}  // namespace weizhi::elevators
