// The cases module's part of the demo street, through the module's own store functions: the 57
// compound public service items with a calendar of pre-intervention tasks, a dozen cases in 德胜新村
// plus a few elsewhere across the states (both sizes), and for the full street some 2,400 cases
// over the last five months with their working times, ratings and escalations.
#include <chrono>
#include <random>

#include "audit/audit.hpp"
#include "modules/cases/module.hpp"
#include "modules/cases/notices.hpp"
#include "modules/cases/rules.hpp"
#include "modules/cases/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::cases {

namespace {

using P = Party;
using Hours = std::chrono::hours;

struct ItemSeed {
  const char* code;
  const char* name;
  const char* category;
  Party party;
  bool pre, in_process, follow_up;
  std::int64_t response_hours, resolution_days;
  bool revisit;
};

// The 57 items (小区公共服务事项), with who answers first and the steps that apply.
const ItemSeed kItems[] = {
    {"stairwell-clutter", "楼道堆物清理", "环境卫生", P::PropertyCompany, true, true, true, 24, 3, false},
    {"street-lamp", "路灯损坏维修", "公共设施", P::PropertyCompany, false, true, true, 24, 5, false},
    {"septic-tank", "化粪池清掏", "环境卫生", P::PropertyCompany, true, true, true, 24, 7, true},
    {"greenery-pruning", "绿化修剪", "绿化养护", P::PropertyCompany, true, true, false, 48, 10, false},
    {"greenery-occupation", "毁绿占绿整治", "绿化养护", P::Committee, false, true, true, 48, 15, true},
    {"ebike-charging", "电动自行车充电管理", "消防安全", P::PropertyCompany, true, true, true, 12, 5, true},
    {"ebike-indoor", "电动车进楼入户劝阻", "消防安全", P::Commissioner, true, true, true, 12, 3, true},
    {"thrown-objects", "高空抛物治理", "公共安全", P::Commissioner, true, true, true, 12, 7, true},
    {"waste-sorting", "垃圾分类督导", "环境卫生", P::Community, true, true, false, 24, 7, false},
    {"bulky-waste", "大件垃圾清运", "环境卫生", P::PropertyCompany, false, true, false, 24, 3, false},
    {"renovation-waste", "装修垃圾清运", "环境卫生", P::PropertyCompany, false, true, false, 24, 5, false},
    {"parking-order", "停车秩序管理", "停车管理", P::PropertyCompany, true, true, false, 12, 3, false},
    {"fire-lane", "消防通道占用", "消防安全", P::PropertyCompany, true, true, true, 4, 1, false},
    {"illegal-structure", "违章搭建巡查", "违建治理", P::Street, true, true, true, 24, 30, true},
    {"elevator-coordination", "加装电梯协调", "设施更新", P::Commissioner, true, true, true, 72, 60, true},
    {"elevator-fault", "电梯故障报修", "设施设备", P::PropertyCompany, false, true, true, 2, 2, false},
    {"secondary-water", "二次供水水箱清洗", "供水", P::Utility, true, true, true, 24, 10, false},
    {"water-pipe-leak", "供水管道漏水", "供水", P::Utility, false, true, false, 4, 3, false},
    {"facade-tiles", "外墙瓷砖脱落", "房屋安全", P::PropertyCompany, true, true, true, 4, 7, true},
    {"roof-leak", "屋面渗漏", "房屋安全", P::PropertyCompany, true, true, true, 24, 15, true},
    {"drain-blockage", "雨污管道堵塞", "排水", P::PropertyCompany, true, true, false, 8, 3, false},
    {"flood-prevention", "汛前排水设施检查", "排水", P::PropertyCompany, true, false, false, 48, 15, false},
    {"manhole-cover", "窨井盖破损", "公共设施", P::PropertyCompany, false, true, false, 4, 2, false},
    {"road-damage", "小区道路破损", "公共设施", P::PropertyCompany, false, true, false, 48, 15, false},
    {"gate-access", "门禁系统故障", "智慧安防", P::PropertyCompany, false, true, false, 8, 3, false},
    {"cctv", "监控设施维护", "智慧安防", P::PropertyCompany, false, true, false, 24, 7, false},
    {"fire-equipment", "消防器材检查更换", "消防安全", P::PropertyCompany, true, true, false, 24, 7, false},
    {"pest-control", "四害消杀", "环境卫生", P::PropertyCompany, true, true, false, 48, 7, false},
    {"public-toilet", "公共厕所保洁", "环境卫生", P::PropertyCompany, false, true, false, 24, 2, false},
    {"pets", "文明养犬劝导", "文明行为", P::Committee, true, true, false, 24, 7, false},
    {"noise", "噪声扰民调处", "文明行为", P::Commissioner, false, true, true, 12, 5, true},
    {"neighbour-dispute", "邻里纠纷调解", "矛盾调解", P::Commissioner, false, true, true, 24, 10, true},
    {"property-fee", "物业费催缴协调", "物业服务", P::Committee, false, true, false, 72, 30, false},
    {"repair-fund", "维修资金使用申请", "物业服务", P::Committee, true, true, true, 72, 30, false},
    {"public-revenue", "公共收益公示", "物业服务", P::Committee, true, false, true, 72, 30, false},
    {"bicycle-shed", "非机动车棚管理", "停车管理", P::PropertyCompany, false, true, false, 24, 7, false},
    {"zombie-vehicles", "僵尸车清理", "停车管理", P::Street, false, true, false, 48, 30, false},
    {"charging-pile", "充电桩安装协调", "设施更新", P::Community, true, true, false, 72, 30, false},
    {"clothes-drying", "晾晒设施设置", "公共设施", P::Committee, false, true, false, 72, 30, false},
    {"fitness-equipment", "健身器材维修", "公共设施", P::PropertyCompany, false, true, false, 48, 10, false},
    {"playground", "儿童游乐设施安全", "公共设施", P::PropertyCompany, true, true, false, 24, 7, false},
    {"stairwell-light", "楼道灯维修", "公共设施", P::PropertyCompany, false, true, false, 24, 3, false},
    {"mailbox", "信报箱维修", "公共设施", P::PropertyCompany, false, true, false, 72, 15, false},
    {"wall-ads", "小广告清理", "环境卫生", P::PropertyCompany, false, true, false, 24, 3, false},
    {"overhead-wires", "架空线缆梳理", "公共设施", P::Utility, true, true, false, 72, 60, false},
    {"gas-safety", "燃气安全隐患", "公共安全", P::Utility, true, true, true, 2, 2, true},
    {"power-outage", "公共部位停电", "供电", P::Utility, false, true, false, 4, 2, false},
    {"tree-hazard", "树木倒伏隐患", "绿化养护", P::PropertyCompany, true, true, false, 8, 3, false},
    {"lonely-elderly", "独居老人关爱走访", "为老服务", P::SocialOrg, true, true, true, 24, 7, true},
    {"accessibility", "无障碍设施改造", "设施更新", P::Community, true, true, false, 72, 60, false},
    {"epidemic-duty", "防疫值守配合", "公共卫生", P::Community, true, true, false, 12, 3, false},
    {"group-renting", "群租房整治", "公共安全", P::Street, true, true, true, 24, 30, true},
    {"shop-occupation", "沿街店铺占道经营", "市容秩序", P::Street, false, true, false, 24, 7, false},
    {"volunteers", "志愿服务组织", "社区参与", P::SocialOrg, true, true, false, 72, 15, false},
    {"notice-board", "公示栏信息更新", "信息公开", P::Committee, true, false, false, 72, 7, false},
    {"security-patrol", "夜间安全巡逻", "公共安全", P::PropertyCompany, true, true, false, 24, 7, false},
    {"water-pressure", "高层水压不足", "供水", P::Utility, false, true, true, 24, 15, false},
};
static_assert(std::size(kItems) == 57, "the article's 57 public service items");

// The street's calendar of pre-intervention tasks: before the flood season, the summer heat, the
// fire-prevention day (11-09) and the winter.
const std::pair<const char*, std::vector<std::string>> kPreSchedules[] = {
    {"flood-prevention", {"04-15", "05-15"}},
    {"drain-blockage", {"05-01"}},
    {"secondary-water", {"03-01", "09-01"}},
    {"septic-tank", {"04-01", "10-01"}},
    {"pest-control", {"04-01"}},
    {"fire-equipment", {"11-09"}},
    {"tree-hazard", {"06-15"}},
    {"gas-safety", {"11-01"}},
    {"lonely-elderly", {"01-10", "07-10"}},
};

std::vector<std::string> pre_schedule_of(const std::string& code) {
  for (const auto& [item, days] : kPreSchedules) {
    if (code == item) return days;
  }
  return {};
}

// The items residents and patrols report most, with a description each; the bulk cases draw from
// them (the rest of the catalogue is rarer and appears in the hand-written cases).
struct CommonItem {
  const char* code;
  const char* description;
  std::uint32_t weight;
};
const CommonItem kCommonItems[] = {
    {"stairwell-clutter", "楼道堆放杂物影响通行", 12},
    {"street-lamp", "路灯不亮，夜间出行不便", 8},
    {"stairwell-light", "楼道灯损坏", 9},
    {"parking-order", "车辆乱停占道", 10},
    {"ebike-charging", "车棚充电插座损坏或私拉电线", 7},
    {"ebike-indoor", "电动车推进楼道充电", 5},
    {"bulky-waste", "大件垃圾堆放多日未清运", 8},
    {"waste-sorting", "垃圾桶满溢，分类投放不到位", 8},
    {"drain-blockage", "下水道堵塞返水", 7},
    {"greenery-pruning", "树枝遮挡窗户", 6},
    {"manhole-cover", "窨井盖松动破损", 4},
    {"wall-ads", "楼道小广告", 5},
    {"noise", "夜间噪声扰民", 5},
    {"pets", "遛狗不牵绳、粪便不清理", 5},
    {"water-pipe-leak", "供水管道漏水", 4},
    {"roof-leak", "顶楼屋面渗水", 3},
    {"facade-tiles", "外墙瓷砖松动脱落", 2},
    {"gate-access", "单元门禁失灵", 4},
    {"thrown-objects", "楼上抛物", 2},
    {"fire-lane", "消防通道被占用", 4},
};

struct CaseSeed {
  const char* compound;
  const char* item;
  const char* description;
  const char* address;
  Channel channel;
  std::int64_t hours_ago;  // reported this long before the seed runs
  State state;             // walked to through the transition table
  std::int64_t rating;     // 0: not rated
};

// 德胜新村 first (the demo resident lives there), then other compounds.
const CaseSeed kCases[] = {
    {"desheng-xincun", "stairwell-clutter", "3 幢 2 单元楼道堆放纸箱和旧家具，影响通行", "3 幢 2 单元",
     Channel::ResidentH5, 3, State::Reported, 0},
    {"desheng-xincun", "street-lamp", "中心花园东侧两盏路灯不亮", "中心花园东侧", Channel::ResidentH5, 60,
     State::Reported, 0},
    {"desheng-xincun", "ebike-charging", "车棚充电口有三处损坏，有人私拉电线", "北门车棚", Channel::Patrol, 30,
     State::Accepted, 0},
    {"desheng-xincun", "septic-tank", "5 幢南侧化粪池外溢，气味很大", "5 幢南侧", Channel::Hotline, 200,
     State::Assigned, 0},
    {"desheng-xincun", "thrown-objects", "楼上多次扔下烟头和果皮", "7 幢北侧", Channel::ResidentH5, 100,
     State::InProgress, 0},
    {"desheng-xincun", "waste-sorting", "垃圾房周边垃圾满溢，分类不到位", "西门垃圾房", Channel::Patrol, 52,
     State::Resolved, 0},
    {"desheng-xincun", "parking-order", "晚间车辆占用消防通道停放", "2 幢东侧通道", Channel::ResidentH5, 120,
     State::Verified, 5},
    {"desheng-xincun", "greenery-pruning", "树枝遮挡二楼窗户采光", "9 幢前绿地", Channel::ResidentH5, 400,
     State::Closed, 4},
    {"desheng-xincun", "facade-tiles", "外墙瓷砖脱落砸到自行车", "6 幢西山墙", Channel::ResidentH5, 150, State::Closed,
     2},
    {"desheng-xincun", "secondary-water", "自来水有黄色沉淀", "8 幢", Channel::ResidentH5, 80, State::ClosedNotFixed,
     0},
    {"desheng-xincun", "elevator-coordination", "希望加装电梯，部分低层住户有顾虑", "4 幢 1 单元", Channel::Hotline,
     500, State::Transferred, 0},
    {"desheng-xincun", "illegal-structure", "一楼院内新搭彩钢棚", "10 幢 1 楼院内", Channel::Patrol, 20,
     State::Returned, 0},
    {"c-deshengba", "drain-blockage", "雨水井堵塞，下雨积水", "主干道中段", Channel::Patrol, 90, State::InProgress, 0},
    {"c-deshengba", "bulky-waste", "旧沙发丢在楼下一周无人清运", "2 幢楼下", Channel::Hotline, 30, State::Resolved, 0},
    {"dong-er-dong-san", "parking-order", "夜间乱停车", "小区入口", Channel::Hotline, 240, State::Closed, 0},
    {"dong-er-dong-san", "manhole-cover", "窨井盖松动有响声", "1 幢北侧", Channel::Patrol, 10, State::Reported, 0},
};

// The steps from reported to `target`, as the table allows them.
std::vector<State> path_to(State target) {
  switch (target) {
    case State::Reported:
      return {};
    case State::Accepted:
      return {State::Accepted};
    case State::Assigned:
      return {State::Accepted, State::Assigned};
    case State::InProgress:
      return {State::Accepted, State::Assigned, State::InProgress};
    case State::Transferred:
      return {State::Accepted, State::Assigned, State::InProgress, State::Transferred};
    case State::Resolved:
      return {State::Accepted, State::Assigned, State::InProgress, State::Resolved};
    case State::Verified:
      return {State::Accepted, State::Assigned, State::InProgress, State::Resolved, State::Verified};
    case State::Closed:
      return {State::Accepted, State::Assigned, State::InProgress, State::Resolved, State::Verified, State::Closed};
    case State::ClosedNotFixed:
      return {State::Accepted, State::ClosedNotFixed};
    case State::Returned:
      return {State::Returned};
    default:
      return {};
  }
}

// Who works the bulk cases: the demo accounts where they serve (德胜社区), the street's
// administrator elsewhere, since the demo street has no accounts for the other compounds' staff.
struct Workers {
  std::string desheng_path;
  std::int64_t xincun;
  std::int64_t property_staff, property_manager, commissioner, admin;
  std::int64_t assignee(const std::string& compound_path, std::int64_t compound) const {
    if (compound == xincun) return property_staff;
    return compound_path.rfind(desheng_path, 0) == 0 ? property_manager : admin;
  }
  std::int64_t checker(std::int64_t compound) const { return compound == xincun ? commissioner : admin; }
};

constexpr std::int64_t kBulkCases = 2400;
// What residents pick on the H5, in plain words, each standing for the item staff would most often
// choose; 其他 goes to the commissioner, who stands behind everything in the compound.
struct CategorySeed {
  const char* code;
  const char* name;
  const char* item;
};
constexpr CategorySeed kResidentCategories[] = {
    {"water", "水电", "water-pipe-leak"},
    {"stairwell", "楼道", "stairwell-clutter"},
    {"waste", "垃圾", "bulky-waste"},
    {"parking", "停车", "parking-order"},
    {"noise", "噪音", "noise"},
    {"safety", "安全", "security-patrol"},
    {"greenery", "绿化", "greenery-pruning"},
    {"facilities", "设施", "street-lamp"},
    {"neighbours", "邻里", "neighbour-dispute"},
    {kOtherCategory, "其他", "neighbour-dispute"},
};

constexpr std::int64_t kBulkDays = 150;

// Cases over the last kBulkDays days, each walked through the table at plausible times: the later
// a case's due day, the further it got. Most older cases are closed and many rated (by the
// commissioner's telephone follow-up); a few were left open and have climbed the chain.
std::int64_t seed_bulk_cases(store::Tx& tx, std::int64_t street, const Workers& workers) {
  std::mt19937 random(20261128);  // fixed: the demo street is the same on every machine
  auto below = [&](std::uint32_t bound) { return random() % bound; };
  std::uint32_t total_weight = 0;
  for (const auto& item : kCommonItems) total_weight += item.weight;
  std::vector<std::pair<std::int64_t, std::string>> compounds;
  for (const auto& row : tx.query("SELECT id, path FROM org_nodes WHERE kind = 'compound' ORDER BY id")) {
    compounds.emplace_back(row.i64(0), row.text(1));
  }
  const TimePoint now = tx.now();
  for (std::int64_t n = 0; n < kBulkCases; ++n) {
    const auto& [compound, path] = compounds[below(static_cast<std::uint32_t>(compounds.size()))];
    std::uint32_t pick = below(total_weight);
    const CommonItem* common = kCommonItems;
    while (pick >= common->weight) pick -= (common++)->weight;
    Item item = *find_item_by_code(tx.connection(), street, common->code);

    NewCase input;
    input.item_id = item.id;
    input.compound_node_id = compound;
    input.address = std::to_string(1 + below(12)) + " 幢附近";
    input.description = common->description;
    input.channel = below(2) ? Channel::Patrol : Channel::Hotline;
    std::int64_t worker = workers.assignee(path, compound);
    input.reporter_user_id = worker;
    input.reported_at = now - Hours(1 + below(kBulkDays * 24));
    std::int64_t id = create_case(tx, input, item);

    // The state it has reached: fresh ones wait, ones within their time are being worked, older
    // ones are mostly closed, some without a fix or sent back, and one in fifty was let slip.
    auto age = std::chrono::duration_cast<Hours>(now - input.reported_at).count();
    std::vector<State> steps;
    if (age < item.response_hours) {
      steps = {};
    } else if (age < item.resolution_days * 24) {
      steps = path_to(std::array{State::Accepted, State::Assigned, State::InProgress, State::Resolved}[below(4)]);
    } else {
      std::uint32_t roll = below(100);
      steps = path_to(roll < 2   ? State::Assigned
                      : roll < 6 ? State::ClosedNotFixed
                      : roll < 9 ? State::Returned
                                 : State::Closed);
    }
    TimePoint at = input.reported_at;
    for (State step : steps) {
      Hours spent = step == State::Accepted   ? Hours(1 + below(static_cast<std::uint32_t>(item.response_hours)))
                    : step == State::Resolved ? Hours(2 + below(static_cast<std::uint32_t>(item.resolution_days * 24)))
                                              : Hours(1 + below(20));
      if (at + spent >= now) break;
      at += spent;
      TransitionInput change{step, "", std::nullopt, std::nullopt, "", worker};
      if (step == State::Assigned) change.assignee_user_id = worker;
      if (step == State::Verified || step == State::Closed) change.user_id = workers.checker(compound);
      if (step == State::ClosedNotFixed) change.reason = "涉及专有部分，需业主自行维修，已告知办理途径";
      if (step == State::Returned) change.note = "经核实不属于小区公共服务事项，已告知居民向有关部门反映";
      store::Tx then(tx.connection(), at);
      transition(then, *find_case(tx.connection(), id), change);
    }
    Case record = *find_case(tx.connection(), id);
    if (record.state != State::Closed || below(10) >= 6 || at + Hours(48) >= now) continue;
    // Telephone follow-up two days after closing: mostly satisfied, now and then not.
    static constexpr std::int64_t kScores[] = {5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2};
    std::int64_t score = kScores[below(std::size(kScores))];
    store::Tx follow_up(tx.connection(), at + Hours(48));
    rate(follow_up, record, score, score >= 4 ? "电话回访：居民表示满意" : "电话回访：居民认为处理不彻底",
         workers.checker(compound));
    if (item.revisit_required && score >= 3) {
      revisit(follow_up, *find_case(tx.connection(), id), street_date(at + Hours(48)), "现场回访，问题未再出现",
              workers.checker(compound));
    }
  }
  return kBulkCases;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  std::int64_t street = seed.node("street");
  for (const auto& entry : kItems) {
    create_item(tx, Item{0, street, entry.code, entry.name, entry.category, entry.party, entry.pre, entry.in_process,
                         entry.follow_up, entry.response_hours, entry.resolution_days, entry.revisit, true,
                         pre_schedule_of(entry.code)});
  }
  std::int64_t position = 0;
  for (const auto& entry : kResidentCategories) {
    create_category(tx, ResidentCategory{0, street, entry.code, entry.name, 0, ++position, true},
                    *find_item_by_code(tx.connection(), street, entry.item));
  }
  std::int64_t resident = modules::demo_user_id(tx, "resident");
  std::int64_t staff = modules::demo_user_id(tx, "property-staff");
  std::int64_t manager = modules::demo_user_id(tx, "property");
  std::int64_t commissioner = modules::demo_user_id(tx, "commissioner");
  TimePoint now = tx.now();
  std::int64_t made = 0;
  for (const auto& entry : kCases) {
    std::int64_t compound = seed.node(entry.compound);
    NewCase input;
    input.compound_node_id = compound;
    input.item_id = find_item_by_code(tx.connection(), street, entry.item)->id;
    input.address = entry.address;
    input.description = entry.description;
    input.channel = entry.channel;
    bool by_resident = entry.channel == Channel::ResidentH5;
    input.reporter_user_id = by_resident ? resident : manager;
    input.reported_at = now - Hours(entry.hours_ago);
    std::int64_t id = create_case(tx, input, *find_item(tx.connection(), input.item_id));
    for (State step : path_to(entry.state)) {
      TransitionInput transition_input{step, "", std::nullopt, std::nullopt, "", manager};
      if (step == State::Assigned) transition_input.assignee_user_id = staff;
      if (step == State::Transferred) transition_input.assignee_user_id = commissioner;
      if (step == State::Verified || step == State::Closed) transition_input.user_id = commissioner;
      if (step == State::ClosedNotFixed)
        transition_input.reason = "水质检测合格，沉淀来自住户自家老旧管道，已告知更换方法";
      if (step == State::Returned) transition_input.note = "属违建查处，已转街道城管中队按违建程序办理";
      transition(tx, *find_case(tx.connection(), id), transition_input);
      if (step == State::Resolved) {
        // A plausible working time rather than the instant of seeding.
        tx.exec("UPDATE cases SET resolved_at = ? WHERE id = ?",
                {iso_utc(input.reported_at + Hours(entry.hours_ago / 2 + 1)), id});
      }
    }
    if (entry.rating > 0 && by_resident) {
      rate(tx, *find_case(tx.connection(), id), entry.rating,
           entry.rating >= 4 ? "处理及时，满意" : "只清理了表面，问题还在", *input.reporter_user_id);
    }
    ++made;
  }
  if (seed.size == modules::SeedSize::Demo) {
    made += seed_bulk_cases(
        tx, street,
        Workers{org::find_node(tx.connection(), seed.node("desheng"))->path, seed.node("desheng-xincun"), staff,
                manager, commissioner, modules::demo_user_id(tx, "admin")});
  }
  auto escalations = record_escalations(tx, now);
  notify_escalations(tx, escalations);
  audit::record(tx, "cli:seed", "cases.seed", "cases",
                {{"items", static_cast<std::int64_t>(std::size(kItems))},
                 {"cases", made},
                 {"escalations", static_cast<std::int64_t>(escalations.size())}});
}

}  // namespace weizhi::cases
