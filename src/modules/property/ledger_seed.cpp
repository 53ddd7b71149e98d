// The demo street's funding lines, revenue, costs and ledgers.
// Jan–Nov of the year it is seeded in, so that the year's figures show whenever the demo runs, for its eight
// communities (both sizes): the street's eight funding lines pay each community every
// month; each earns advertising and parking from its compounds' common parts and rents out a venue; each pays
// its compounds' contracts their base and its upkeep. Seven run without subsidy, even once the monthly evaluation
// adds performance pay; 南苑社区's flood-season repairs of June to August outrun its income by ¥4,000 a month, and
// the street closes those three gaps (社区自营自转，街道基本不贴).
#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/property/ledger_rules.hpp"
#include "modules/property/ledger_store.hpp"
#include "modules/property/module.hpp"
#include "store/rows.hpp"

namespace weizhi::property {

namespace {

constexpr int kMonthsRecorded = 11;
constexpr std::int64_t kYuan = 100;  // fen

struct LineSeed {
  const char* code;
  const char* name;
  std::int64_t monthly_yuan;  // paid to each community every month
};

constexpr LineSeed kLines[] = {
    {"sanitation", "环境卫生", 30'000},       {"greening", "绿化养护", 12'000},
    {"waste-sorting", "垃圾分类", 8'000},     {"facility-repair", "公共设施维修", 10'000},
    {"fire-safety", "消防安全", 5'000},       {"patrol", "治安巡防", 9'000},
    {"parking-order", "停车秩序管理", 6'000}, {"elderly-care", "居家养老服务", 4'000},
};

constexpr const char* kCommunities[] = {"desheng", "cuiyu", "dongyi", "donger", "xiyi", "xier", "nanyuan", "shangtang"};
// The community whose summer repairs need the street's help.
constexpr const char* kSubsidised = "nanyuan";

constexpr std::int64_t kUpkeepYuan = 3'500;         // the community's own upkeep
constexpr std::int64_t kParkingUpkeepYuan = 1'500;  // the parking spaces' upkeep, a cost of common parts
constexpr std::int64_t kAdvertisingYuan = 4'000;
constexpr std::int64_t kVenueYuan = 2'000;
constexpr std::int64_t kFloodGapYuan = 4'000;  // what 防汛排涝 of June to August leaves uncovered each month

std::string month_text(std::int64_t year, int number) {
  return std::to_string(year) + (number < 10 ? "-0" : "-") + std::to_string(number);
}

struct Compound {
  std::int64_t id;
  std::optional<std::int64_t> contract_id;
  std::int64_t base_fen;  // its contract's monthly base; 0 without a contract
};

std::vector<Compound> compounds_of(store::Tx& tx, std::int64_t community_id) {
  return store::map_rows(
      tx.query("SELECT k.id, c.id, COALESCE(c.base_fen, 0) FROM org_nodes k LEFT JOIN property_contracts c ON c.id = "
               "(SELECT MIN(f.id) FROM property_contracts f WHERE f.compound_node_id = k.id AND f.state = 'in_force') "
               "WHERE k.parent_id = ? AND k.kind = 'compound' ORDER BY k.id",
               {community_id}),
      [](const store::Row& row) {
        return Compound{row.i64(0), row.optional_i64(1), row.i64(2)};
      });
}

}  // namespace

void seed_ledger_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  std::int64_t street = seed.node("street");
  const std::int64_t year = std::stoll(street_date(tx.now()).substr(0, 4));
  std::vector<std::int64_t> line_ids;
  for (const auto& line : kLines) {
    std::int64_t budget = line.monthly_yuan * kYuan * 12 * static_cast<std::int64_t>(std::size(kCommunities));
    line_ids.push_back(insert_funding_line(tx, {street, year, line.code, line.name, budget}, std::nullopt));
  }
  for (std::size_t index = 0; index < std::size(kCommunities); ++index) {
    std::int64_t community = seed.node(kCommunities[index]);
    bool subsidised = std::string_view(kCommunities[index]) == kSubsidised;
    std::vector<Compound> compounds = compounds_of(tx, community);
    // Parking earns more where there are more spaces: a little more in each community down the list.
    std::int64_t parking_yuan = 8'000 + 500 * static_cast<std::int64_t>(index);
    std::int64_t base_fen = 0;
    for (const auto& compound : compounds) base_fen += compound.base_fen;
    std::int64_t funding_fen = 0;
    for (const auto& line : kLines) funding_fen += line.monthly_yuan * kYuan;
    std::int64_t income_fen = funding_fen + (kAdvertisingYuan + parking_yuan + kVenueYuan) * kYuan;
    std::int64_t upkeep_fen = (kUpkeepYuan + kParkingUpkeepYuan) * kYuan;
    // The summer's repairs cost what is left of the month's income, and the gap on top.
    std::int64_t flood_repairs_fen = income_fen - base_fen - upkeep_fen + kFloodGapYuan * kYuan;
    for (int number = 1; number <= kMonthsRecorded; ++number) {
      std::string month = month_text(year, number);
      for (std::size_t line = 0; line < line_ids.size(); ++line) {
        insert_payment(tx, {line_ids[line], community, month, kLines[line].monthly_yuan * kYuan, std::nullopt},
                       std::nullopt);
      }
      auto revenue = [&](std::optional<std::int64_t> compound, RevenueKind kind, std::int64_t yuan, const char* note) {
        insert_revenue(tx, {community, compound, month, kind, compound.has_value(), yuan * kYuan, note}, std::nullopt);
      };
      revenue(compounds.at(0).id, RevenueKind::Advertising, kAdvertisingYuan, "楼道及电梯厅广告位");
      revenue(compounds.at(1).id, RevenueKind::Parking, parking_yuan, "地面停车位");
      revenue(std::nullopt, RevenueKind::Venue, kVenueYuan, "社区活动室场地出租");
      auto cost = [&](std::optional<std::int64_t> compound, CostKind kind, std::optional<std::int64_t> contract,
                      bool common_parts, std::int64_t fen, const char* note) {
        insert_cost(tx, {community, compound, month, kind, contract, common_parts, fen, note}, std::nullopt);
      };
      for (const auto& compound : compounds) {
        if (compound.contract_id) {
          cost(compound.id, CostKind::ContractBase, compound.contract_id, false, compound.base_fen, "物业基础服务费");
        }
      }
      cost(std::nullopt, CostKind::Maintenance, std::nullopt, false, kUpkeepYuan * kYuan, "社区公共设施日常养护");
      cost(compounds.at(1).id, CostKind::Maintenance, std::nullopt, true, kParkingUpkeepYuan * kYuan,
           "停车位划线及道闸维护");
      if (subsidised && number >= 6 && number <= 8) {
        cost(std::nullopt, CostKind::Maintenance, std::nullopt, false, flood_repairs_fen, "防汛排涝设施抢修");
      }
    }
  }
  audit::record(tx, "cli:seed", "property.ledger.seed", "property_funding_line",
                {{"year", year}, {"funding_lines", line_ids.size()}});
}

}  // namespace weizhi::property
