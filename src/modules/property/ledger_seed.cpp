// The demo street's funding lines, revenue, costs and ledgers.
// Jan–Nov of the year it is seeded in, so that the year's figures show whenever the demo runs, for its eight
// communities (both sizes): the street's eight funding lines pay each community every
// month; each earns advertising and parking from its compounds' common parts and rents out a venue; each pays
// its compounds' contracts and its upkeep. Seven run without subsidy; 南苑社区's flood-season repairs of June to
// August outrun its income, and the street closes those three gaps (社区自营自转，街道基本不贴).
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

constexpr std::int64_t kContractBaseYuan = 22'000;  // per compound and month
constexpr std::int64_t kUpkeepYuan = 3'500;         // the community's own upkeep
constexpr std::int64_t kParkingUpkeepYuan = 1'500;  // the parking spaces' upkeep, a cost of common parts
constexpr std::int64_t kAdvertisingYuan = 4'000;
constexpr std::int64_t kVenueYuan = 2'000;
constexpr std::int64_t kFloodRepairsYuan = 12'000;  // 防汛排涝, June to August

std::string month_text(std::int64_t year, int number) {
  return std::to_string(year) + (number < 10 ? "-0" : "-") + std::to_string(number);
}

struct Compound {
  std::int64_t id;
  std::optional<std::int64_t> contract_id;
};

std::vector<Compound> compounds_of(store::Tx& tx, std::int64_t community_id) {
  return store::map_rows(tx.query("SELECT k.id, (SELECT MIN(c.id) FROM property_contracts c WHERE c.compound_node_id "
                                  "= k.id AND c.state = 'in_force') FROM org_nodes k WHERE k.parent_id = ? AND "
                                  "k.kind = 'compound' ORDER BY k.id",
                                  {community_id}),
                         [](const store::Row& row) {
                           return Compound{row.i64(0), row.optional_i64(1)};
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
                      bool common_parts, std::int64_t yuan, const char* note) {
        insert_cost(tx, {community, compound, month, kind, contract, common_parts, yuan * kYuan, note}, std::nullopt);
      };
      for (const auto& compound : compounds) {
        cost(compound.id, CostKind::ContractBase, compound.contract_id, false, kContractBaseYuan, "物业基础服务费");
      }
      cost(std::nullopt, CostKind::Maintenance, std::nullopt, false, kUpkeepYuan, "社区公共设施日常养护");
      cost(compounds.at(1).id, CostKind::Maintenance, std::nullopt, true, kParkingUpkeepYuan, "停车位划线及道闸维护");
      if (subsidised && number >= 6 && number <= 8) {
        cost(std::nullopt, CostKind::Maintenance, std::nullopt, false, kFloodRepairsYuan, "防汛排涝设施抢修");
      }
    }
  }
  audit::record(tx, "cli:seed", "property.ledger.seed", "property_funding_line",
                {{"year", year}, {"funding_lines", line_ids.size()}});
}

}  // namespace weizhi::property
