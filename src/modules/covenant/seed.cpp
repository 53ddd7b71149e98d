// The covenant module's part of the demo street (Demo size only), through the module's own store
// functions: 东二东三苑 adopts its covenant by a published vote of matter 2, then 87 illegal
// structures totalling 4,627.00 m² are reported, notified, re-inspected and removed, the last one
// 39 days after adoption (docs/rules.md#figures); two thirds of the homes have acknowledged the covenant;
// three parking violations are still open, one of them overdue and escalated. 德胜新村, the demo
// resident's compound, adopted its 管理规约 the same way; half its other homes have acknowledged it,
// not the demo resident's, and a car it told to move is overdue, of which its managers are notified.
#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "audit/audit.hpp"
#include "modules/covenant/module.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/covenant/store.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"
#include "store/rows.hpp"

namespace weizhi::covenant {

namespace {

constexpr const char* kCompoundCode = "dong-er-dong-san";
constexpr const char* kResidentCompoundCode = "desheng-xincun";
constexpr std::int64_t kRemovedStructures = 87;
constexpr std::int64_t kRemovedAreaCentiM2 = 462'700;  // 4,627.00 m²
constexpr std::int64_t kDaysToLastRemoval = 39;
constexpr std::int64_t kDaysSinceAdoption = 100;
constexpr std::int64_t kResidentCompoundDaysSinceAdoption = 60;
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// The five public-management items of the article, as clauses with their enforcement rules.
std::vector<Clause> demo_clauses() {
  return {
      {1, kParking, "机动车按划定车位停放，不得占用消防通道、绿地和单元出入口。", 3, 3},
      {2, kIllegalStructure, "不得违法搭建建筑物、构筑物，已搭建的限期自行拆除。", 30, 7},
      {3, "stairwell_clutter", "楼道、消防通道内不得堆放杂物、停放电动自行车。", 7, 3},
      {4, "pets", "文明养犬，出户拴绳，及时清理宠物粪便。", 7, 7},
      {5, "noise", "22:00 至次日 7:00 不得进行产生噪声的装修和娱乐活动。", 3, 3},
  };
}

// A published vote of matter 2 on the compound that the owners passed: nine in ten voted, most agreeing.
std::int64_t passed_covenant_vote(store::Tx& tx, std::int64_t compound, const std::string& title, TimePoint opened,
                                  TimePoint closed) {
  std::int64_t organiser = modules::demo_user_id(tx, "admin");
  voting::VoteInput input{compound,
                          "关于制定《" + title + "》的表决",
                          2,
                          voting::VoteScope{},
                          {"同意《" + title + "》（含停车管理、违建整治等五项公共管理条款）"},
                          iso_utc(opened),
                          iso_utc(closed),
                          {voting::Channel::Online, voting::Channel::Paper, voting::Channel::Meeting},
                          voting::Policies{}};
  std::int64_t id =
      voting::create_vote(tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), organiser);
  voting::seed_passed_vote(tx, id, organiser, opened, closed);
  return id;
}

// The compound's covenant of the demo clauses, adopted on the day of `adopted_at` by a vote closed six days before.
Version adopted_covenant(store::Tx& tx, std::int64_t compound, const std::string& title, TimePoint adopted_at) {
  std::int64_t vote_id = passed_covenant_vote(tx, compound, title, adopted_at - Days(20), adopted_at - Days(6));
  std::int64_t version_id = create_version(tx, compound, title, demo_clauses());
  adopt_version(tx, *find_version(tx.connection(), version_id), vote_id, 1, street_date(adopted_at));
  return *find_version(tx.connection(), version_id);
}

std::vector<std::int64_t> residential_part_ids(store::Tx& tx, const org::Node& compound) {
  std::vector<std::int64_t> ids;
  for (const auto& row : tx.query("SELECT p.node_id FROM parts p JOIN org_nodes n ON n.id = p.node_id "
                                  "WHERE p.use = 'residential' AND " +
                                      org::subtree_condition(tx.dialect(), "n.path") + " ORDER BY p.node_id",
                                  org::subtree_params(compound.path))) {
    ids.push_back(row.i64(0));
  }
  return ids;
}

std::string plus_days(const std::string& day, std::int64_t days) { return *deadline(day, days); }

// Areas between 15 and 91 m², the last one making the total exact.
std::vector<std::int64_t> structure_areas() {
  std::vector<std::int64_t> areas;
  for (std::int64_t i = 0; i + 1 < kRemovedStructures; ++i) areas.push_back(1500 + (i * 2654) % 7600);
  std::int64_t last = kRemovedAreaCentiM2 - area_sum(areas);
  if (last < 1) throw std::logic_error("covenant seed: structure areas exceed the total");
  areas.push_back(last);
  return areas;
}

// Reported, notified, rectified and removed after a passed re-inspection by `staff`, between 3 and
// 39 days after adoption; every ninth structure first failed a re-inspection.
void remove_structures(store::Tx& tx, std::int64_t compound, const std::string& adopted_on,
                       const std::vector<std::int64_t>& parts, std::int64_t staff) {
  auto areas = structure_areas();
  const char* places[] = {"底层院内", "屋顶平台", "阳台外挑", "楼间通道", "围墙边"};
  for (std::int64_t i = 0; i < kRemovedStructures; ++i) {
    std::int64_t removal = 3 + i * (kDaysToLastRemoval - 3) / (kRemovedStructures - 1);
    std::int64_t reported = 1 + i % (removal - 2);
    ViolationInput input;
    input.compound_node_id = compound;
    input.clause_number = 2;
    input.reported_on = plus_days(adopted_on, reported);
    input.location = std::string(places[i % 5]) + "搭建彩钢棚";
    if (i % 3 == 0 && !parts.empty()) input.part_node_id = parts[static_cast<std::size_t>(i) % parts.size()];
    input.area_centi_m2 = areas[static_cast<std::size_t>(i)];
    std::int64_t id = report_violation(tx, input, staff);
    notify(tx, *find_violation(tx.connection(), id), input.reported_on, staff);
    start_rectifying(tx, *find_violation(tx.connection(), id), plus_days(adopted_on, reported + 1), staff);
    if (i % 9 == 0) {
      add_inspection(tx, *find_violation(tx.connection(), id), plus_days(adopted_on, removal - 1), false,
                     "主体已拆，基础和建筑垃圾未清理", staff);
    }
    std::string removed_on = plus_days(adopted_on, removal);
    add_inspection(tx, *find_violation(tx.connection(), id), removed_on, true, "已拆除到位，垃圾清运完毕", staff);
    remove(tx, *find_violation(tx.connection(), id), removed_on, staff);
  }
}

// Still open: one just reported, one notified yesterday, one overdue for a week (escalated twice).
void open_parking_violations(store::Tx& tx, std::int64_t compound, const std::string& today, std::int64_t staff) {
  struct Car {
    const char* plate;
    const char* place;
    std::int64_t notified_days_ago;  // 0: not notified yet
  };
  const Car cars[] = {
      {"浙A·3K7Q2", "3 幢单元出入口", 0}, {"浙A·D5R81", "消防通道北段", 1}, {"浙A·8M2N6", "中心绿地旁", 10}};
  for (const auto& car : cars) {
    ViolationInput input;
    input.compound_node_id = compound;
    input.clause_number = 1;
    input.reported_on = plus_days(today, -std::max<std::int64_t>(car.notified_days_ago, 0));
    input.plate = car.plate;
    input.place = car.place;
    std::int64_t id = report_violation(tx, input, staff);
    if (car.notified_days_ago > 0) notify(tx, *find_violation(tx.connection(), id), input.reported_on, staff);
  }
}

// The parts the demo resident's person is linked to: left unacknowledged, for the demo to sign.
std::vector<std::int64_t> demo_resident_parts(store::Tx& tx) {
  return store::map_rows(tx.query("SELECT l.part_node_id FROM users u JOIN part_links l ON l.person_id = u.person_id "
                                  "WHERE u.login = 'resident'"),
                         store::first_integer);
}

// A car on the fire lane, reported and told to move by the commissioner five days ago with three
// days to do so: its managers, the compound's commissioner and the community's secretary, are told it
// is overdue.
void overdue_parking_notice(store::Tx& tx, std::int64_t compound, const std::string& today) {
  std::int64_t commissioner = modules::demo_user_id(tx, "commissioner");
  ViolationInput input;
  input.compound_node_id = compound;
  input.clause_number = 1;
  input.reported_on = plus_days(today, -5);
  input.plate = "浙A·6H3T9";
  input.place = "消防通道南段";
  std::int64_t id = report_violation(tx, input, commissioner);
  notify(tx, *find_violation(tx.connection(), id), input.reported_on, commissioner);
  Violation violation = *find_violation(tx.connection(), id);
  std::string compound_name = org::find_node(tx.connection(), compound)->name;
  notifications::notify(
      tx, {commissioner, modules::demo_user_id(tx, "secretary")},
      {"covenant.violation.overdue", "违约停车逾期未整改",
       compound_name + input.place + "违停车辆 " + input.plate + " 应于 " + *violation.deadline_on +
           " 前驶离，已逾期 " + std::to_string(days_overdue(*violation.deadline_on, today)) + " 天，请跟进处理。",
       "/covenant/violations/" + std::to_string(id), compound, notifications::Entity{"covenant_violation", id}});
}

// 德胜新村's 管理规约, adopted 60 days ago; every other home but the demo resident's has acknowledged it.
void resident_compound_covenant(store::Tx& tx, std::int64_t compound_id, const std::string& today) {
  org::Node compound = *org::find_node(tx.connection(), compound_id);
  Version version = adopted_covenant(tx, compound_id, compound.name + "管理规约",
                                     tx.now() - Days(kResidentCompoundDaysSinceAdoption));
  auto resident_parts = demo_resident_parts(tx);
  auto parts = residential_part_ids(tx, compound);
  std::int64_t recorder = modules::demo_user_id(tx, "commissioner");
  for (std::size_t i = 0; i < parts.size(); i += 2) {
    if (std::find(resident_parts.begin(), resident_parts.end(), parts[i]) != resident_parts.end()) continue;
    acknowledge(tx, version, parts[i], std::nullopt, recorder);
  }
  overdue_parking_notice(tx, compound_id, today);
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  store::Tx& tx = seed.tx;
  std::int64_t compound_id = seed.node(kCompoundCode);
  org::Node compound = *org::find_node(tx.connection(), compound_id);
  TimePoint now = tx.now();
  TimePoint adopted_at = now - Days(kDaysSinceAdoption);
  std::string adopted_on = street_date(adopted_at);
  std::string today = street_date(now);

  Version version = adopted_covenant(tx, compound_id, "东二东三苑小区公约", adopted_at);

  auto parts = residential_part_ids(tx, compound);
  std::int64_t recorder = modules::demo_user_id(tx, "admin");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i % 3 != 2) acknowledge(tx, version, parts[i], std::nullopt, recorder);
  }
  remove_structures(tx, compound_id, adopted_on, parts, recorder);
  open_parking_violations(tx, compound_id, today, recorder);
  auto escalations = record_escalations(tx, compound.path, today, std::nullopt);
  resident_compound_covenant(tx, seed.node(kResidentCompoundCode), today);

  Stats stats = compound_stats(tx.connection(), compound_id);
  audit::record(tx, "cli:seed", "covenant.seed", "covenant",
                {{"compound", kCompoundCode},
                 {"vote_id", *version.vote_id},
                 {"covenant_id", version.id},
                 {"adopted_on", adopted_on},
                 {"violations", stats.violations},
                 {"removed", stats.removed},
                 {"removed_area_centi_m2", stats.removed_area_centi_m2},
                 {"escalations", static_cast<std::int64_t>(escalations.size())}});
}

}  // namespace weizhi::covenant
