// The org module's part of the demo street: 大关街道 with its 8 communities, 30 compounds and 3
// property clusters (docs/rules.md#figures), and the registry of buildings, units and parts — the full
// street (20,000+ parts) for SeedSize::Demo, a few parts per compound for SeedSize::Test.
#include <cstdint>

#include "audit/audit.hpp"
#include "modules/org/module.hpp"
#include "modules/org/outline.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

namespace {

struct CommunitySeed {
  const char* name;
  const char* code;
};

// The article names the first four; the others are invented.
constexpr CommunitySeed kCommunities[] = {
    {"德胜社区", "desheng"}, {"翠玉社区", "cuiyu"}, {"东一社区", "dongyi"},  {"东二社区", "donger"},
    {"西一社区", "xiyi"},    {"西二社区", "xier"},  {"南苑社区", "nanyuan"}, {"上塘社区", "shangtang"},
};

struct CompoundSeed {
  const char* name;
  const char* code;
  const char* community_code;
};

// The article's compounds keep the codes other modules look them up by; invented ones start with c-.
constexpr CompoundSeed kCompounds[] = {
    {"德胜新村", "desheng-xincun", "desheng"},
    {"德胜坝小区", "c-deshengba", "desheng"},
    {"德胜西苑", "c-desheng-xiyuan", "desheng"},
    {"潮王苑", "c-chaowang", "desheng"},
    {"翠玉苑", "c-cuiyu", "cuiyu"},
    {"翠玉东苑", "c-cuiyu-dong", "cuiyu"},
    {"香积苑", "c-xiangji", "cuiyu"},
    {"长征桥小区", "c-changzhengqiao", "cuiyu"},
    {"东一苑", "c-dongyi", "dongyi"},
    {"东一北苑", "c-dongyi-bei", "dongyi"},
    {"大关苑", "c-daguan", "dongyi"},
    {"东新园", "c-dongxinyuan", "dongyi"},
    {"东二东三苑", "dong-er-dong-san", "donger"},
    {"东四苑", "c-dongsi", "donger"},
    {"东五苑", "c-dongwu", "donger"},
    {"东六苑", "c-dongliu", "donger"},
    {"西四苑", "xi-si", "xiyi"},
    {"西五苑", "xi-wu", "xiyi"},
    {"西一苑", "c-xiyi", "xiyi"},
    {"西二苑", "c-xier", "xiyi"},
    {"西六苑", "xi-liu", "xier"},
    {"西七苑", "xi-qi", "xier"},
    {"西三苑", "c-xisan", "xier"},
    {"南七苑", "nan-qi", "nanyuan"},
    {"南一苑", "c-nanyi", "nanyuan"},
    {"南二苑", "c-naner", "nanyuan"},
    {"南三苑", "c-nansan", "nanyuan"},
    {"上塘苑", "c-shangtang", "shangtang"},
    {"小河苑", "c-xiaohe", "shangtang"},
    {"和睦新村", "c-hemu", "shangtang"},
};

struct ClusterSeed {
  const char* name;
  const char* code;
  std::vector<const char*> community_codes;
};

// 德胜 and 翠玉 share a cluster: the article's "big leads small" (以大带小) joint operation.
const ClusterSeed kClusters[] = {
    {"北片组团（以大带小）", "cluster-north", {"desheng", "cuiyu"}},
    {"东片组团", "cluster-east", {"dongyi", "donger", "shangtang"}},
    {"西南片组团", "cluster-southwest", {"xiyi", "xier", "nanyuan"}},
};

// The article's whole-building quarantine point was 南七苑 building 12 (docs/rules.md#i-observation-points).
constexpr const char* kQuarantineCompound = "nan-qi";
constexpr std::int64_t kQuarantineBuilding = 12;

// A fixed-seed linear congruential generator: the same street on every machine and library.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  // A number in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return low + static_cast<std::int64_t>((state_ >> 33) % static_cast<std::uint64_t>(high - low + 1));
  }
  bool one_in(std::int64_t n) { return between(1, n) == 1; }

 private:
  std::uint64_t state_;
};

struct Counts {
  std::int64_t buildings = 0;
  std::int64_t parts = 0;
};

// Rooms are numbered floor then position: 301 is the first door on the third floor.
std::string room_number(std::int64_t floor, std::int64_t position) {
  return std::to_string(floor) + (position < 10 ? "0" : "") + std::to_string(position);
}

AreaSource seeded_area_source(Lcg& random) {
  std::int64_t draw = random.between(1, 20);
  if (draw == 1) return AreaSource::Contract;
  if (draw <= 3) return AreaSource::Surveyed;
  return AreaSource::Registered;
}

// A unit of a Demo building: two homes per floor (shops on the ground floor of street-side
// buildings), and in some buildings a few basement parking spaces.
UnitPlan demo_unit(Lcg& random, const std::string& name, std::int64_t floors, bool street_side, bool basement_parking) {
  UnitPlan unit{name, {}};
  for (std::int64_t floor = 1; floor <= floors; ++floor) {
    for (std::int64_t position = 1; position <= 2; ++position) {
      PartUse use = street_side && floor == 1 ? PartUse::Commercial : PartUse::Residential;
      std::int64_t area = random.between(3500, 12000);
      unit.parts.push_back(PartInput{room_number(floor, position), floor, use, area, seeded_area_source(random)});
    }
  }
  for (std::int64_t space = 1; basement_parking && space <= 4; ++space) {
    unit.parts.push_back(PartInput{"车位" + std::to_string(space), -1, PartUse::Parking, random.between(1200, 1500),
                                   AreaSource::Registered});
  }
  return unit;
}

// A Demo compound's buildings go in together, as an import's would: a few statements per compound.
void seed_demo_compound(store::Tx& tx, Lcg& random, const Node& compound, Counts& counts) {
  std::int64_t buildings = random.between(22, 31);
  std::vector<BuildingPlan> plans;
  for (std::int64_t number = 1; number <= buildings; ++number) {
    std::int64_t floors = random.between(4, 7);
    bool has_elevator = floors == 7 && random.one_in(4);
    BuildingPlan& plan = plans.emplace_back(BuildingPlan{{std::to_string(number) + "幢", floors, has_elevator}, {}});
    bool street_side = number == 1 && random.one_in(3);
    bool basement_parking = random.one_in(6);
    std::int64_t units = random.between(2, 3);
    for (std::int64_t unit_number = 1; unit_number <= units; ++unit_number) {
      plan.units.push_back(demo_unit(random, std::to_string(unit_number) + "单元", floors, street_side,
                                     basement_parking && unit_number == 1));
      counts.parts += static_cast<std::int64_t>(plan.units.back().parts.size());
    }
  }
  create_buildings(tx, compound, plans);
  counts.buildings += buildings;
}

// Test size: one 4-floor building with one unit and 2–4 homes per compound; 德胜新村 gets a
// second building so tests have siblings.
void seed_test_compound(store::Tx& tx, const CompoundSeed& seed, std::size_t index, const Node& compound,
                        Counts& counts) {
  std::string compound_code = seed.code;
  std::int64_t first_number = compound_code == kQuarantineCompound ? kQuarantineBuilding : 1;
  std::int64_t buildings = compound_code == "desheng-xincun" ? 2 : 1;
  for (std::int64_t number = first_number; number < first_number + buildings; ++number) {
    Node building = create_building(tx, compound, BuildingInput{std::to_string(number) + "幢", 4, false});
    ++counts.buildings;
    Node unit = create_unit(tx, building, "1单元");
    std::int64_t parts = 2 + static_cast<std::int64_t>(index % 3);
    for (std::int64_t part = 0; part < parts; ++part) {
      std::int64_t floor = 1 + part / 2;
      create_part(tx, unit,
                  PartInput{room_number(floor, 1 + part % 2), floor, PartUse::Residential, 6000 + 1525 * part,
                            AreaSource::Registered});
      ++counts.parts;
    }
  }
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  Node street = insert_node(tx, std::nullopt, NodeKind::Street, "大关街道", "street");
  for (const auto& community : kCommunities) {
    std::string name = community.name;
    create_community(tx, street, name, community.code, CommunityDetails{name + "党委", name + "三方办"});
  }
  Lcg random(20240601);
  Counts counts;
  for (std::size_t index = 0; index < std::size(kCompounds); ++index) {
    const CompoundSeed& compound_seed = kCompounds[index];
    Node community = *find_node(tx, seed.node(compound_seed.community_code));
    Node compound = create_compound(tx, community, compound_seed.name, compound_seed.code);
    if (seed.size == modules::SeedSize::Test) {
      seed_test_compound(tx, compound_seed, index, compound, counts);
    } else {
      seed_demo_compound(tx, random, compound, counts);
    }
  }
  for (const auto& cluster : kClusters) {
    std::vector<std::int64_t> community_ids;
    for (const char* code : cluster.community_codes) community_ids.push_back(seed.node(code));
    create_cluster(tx, cluster.name, cluster.code, community_ids);
  }
  seed_outlines(seed);
  Json summary{{"communities", std::size(kCommunities)},
               {"compounds", std::size(kCompounds)},
               {"buildings", counts.buildings},
               {"parts", counts.parts}};
  audit::record(tx, "cli:seed", "org.seed", "org_node:" + std::to_string(street.id), summary);
  seed.report.push_back("组织架构：" + std::to_string(std::size(kCommunities)) + " 个社区、" +
                        std::to_string(std::size(kCompounds)) + " 个小区、" + std::to_string(counts.buildings) +
                        " 幢楼、" + std::to_string(counts.parts) + " 户");
}

}  // namespace weizhi::org
