// THE BIG ONE: the full demo street (SeedSize::Demo, 20,000+ parts, seeded once per test binary)
// checked for its org chart and registry against docs/rules.md#figures; every other API test works on a copy
// of the small test street.
#include <iostream>

#include "app/modules.hpp"
#include "core/crypto.hpp"
#include "support/test_server.hpp"

namespace {

using namespace weizhi;

TEST(OrgDemoSeedBigTest, TheFullDemoStreetHasEightCommunitiesThirtyCompoundsAndTwentyThousandParts) {
  auto& street = weizhi::testing::demo_street();
  auto& report = street.report;
  auto lease = street.db.read();
  auto count = [&](const std::string& sql) { return lease->scalar(sql); };
  std::int64_t parts = count("SELECT COUNT(*) FROM parts");
  std::cout << "[ demo seed ] " << parts << " parts in " << street.seed_seconds << " s\n";
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_nodes WHERE kind = 'community'"), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_nodes WHERE kind = 'compound'"), 30);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_nodes WHERE kind = 'compound' AND code IS NULL"), 0);
  EXPECT_GE(parts, 20000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_nodes WHERE kind = 'part'"), parts);
  EXPECT_EQ(count("SELECT COUNT(*) FROM buildings WHERE floors < 4 OR floors > 7"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM buildings WHERE has_elevator = 1"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM parts WHERE use = 'commercial' AND floor = 1"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM parts WHERE use = 'parking'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM parts WHERE use <> 'parking' AND (area_centi_m2 < 3500 OR "
                  "area_centi_m2 > 12000)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM parts WHERE area_source = 'registered'"), parts / 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_nodes b JOIN org_nodes c ON c.id = b.parent_id "
                  "WHERE c.code = 'nan-qi' AND b.name = '12幢'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM property_clusters"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM property_cluster_communities"), 8);
  bool counts_reported = false;
  for (const auto& line : report) counts_reported = counts_reported || line.find("组织架构") != std::string::npos;
  EXPECT_TRUE(counts_reported);
}

}  // namespace
