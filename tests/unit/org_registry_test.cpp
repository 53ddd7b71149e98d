// The registry's value rules, kind rules and where a node may move.
#include <gtest/gtest.h>

#include "modules/org/registry.hpp"
#include "modules/org/rules.hpp"

using namespace weizhi;
using org::NodeKind;

TEST(OrgRegistryFloors, OneToSixtyFloorsAreAccepted) {
  EXPECT_FALSE(org::floors_problem(1));
  EXPECT_FALSE(org::floors_problem(60));
}
TEST(OrgRegistryFloors, NoFloorsOrMoreThanSixtyAreRefused) {
  EXPECT_TRUE(org::floors_problem(0));
  EXPECT_TRUE(org::floors_problem(61));
  EXPECT_TRUE(org::floors_problem(-3));
}

TEST(OrgRegistryFloor, APartMaySitFromBasementFiveToTheTopFloor) {
  EXPECT_FALSE(org::floor_problem(-5, 6));
  EXPECT_FALSE(org::floor_problem(1, 6));
  EXPECT_FALSE(org::floor_problem(6, 6));
}
TEST(OrgRegistryFloor, AboveTheTopFloorOrBelowBasementFiveIsRefused) {
  EXPECT_TRUE(org::floor_problem(7, 6));
  EXPECT_TRUE(org::floor_problem(-6, 6));
}
TEST(OrgRegistryFloor, FloorZeroDoesNotExist) { EXPECT_TRUE(org::floor_problem(0, 6)); }

TEST(OrgRegistryArea, MustBeMoreThanZero) {
  EXPECT_TRUE(org::area_problem(0));
  EXPECT_TRUE(org::area_problem(-100));
  EXPECT_FALSE(org::area_problem(1));
}
TEST(OrgRegistryArea, MustBeLessThanOneHundredThousandSquareMetres) {
  EXPECT_FALSE(org::area_problem(9'999'999));
  EXPECT_TRUE(org::area_problem(10'000'000));
}
TEST(OrgRegistryArea, ShownAsSquareMetresWithTwoDecimals) {
  EXPECT_EQ(org::area_m2_text(8735), "87.35");
  EXPECT_EQ(org::area_m2_text(12000), "120.00");
  EXPECT_EQ(org::area_m2_text(5), "0.05");
}

TEST(OrgRegistryRoomNumber, BlankIsRefused) {
  EXPECT_TRUE(org::room_number_problem(""));
  EXPECT_TRUE(org::room_number_problem("  "));
  EXPECT_FALSE(org::room_number_problem("301"));
}
TEST(OrgRegistryRoomNumber, TwentyCharactersAreCountedNotBytes) {
  std::string twenty_chinese;
  for (int i = 0; i < 20; ++i) twenty_chinese += "车";
  EXPECT_FALSE(org::room_number_problem(twenty_chinese));
  EXPECT_TRUE(org::room_number_problem(twenty_chinese + "1"));
  EXPECT_TRUE(org::room_number_problem(std::string(21, '1')));
}

TEST(OrgRegistryCodes, UsesAndAreaSourcesRoundTrip) {
  for (auto use : {org::PartUse::Residential, org::PartUse::Commercial, org::PartUse::Parking, org::PartUse::Other}) {
    EXPECT_EQ(parse_code(org::kPartUses, code_of(org::kPartUses, use)), use);
  }
  for (auto source : {org::AreaSource::Registered, org::AreaSource::Surveyed, org::AreaSource::Contract}) {
    EXPECT_EQ(parse_code(org::kAreaSources, code_of(org::kAreaSources, source)), source);
  }
  EXPECT_EQ(code_of(org::kPartUses, org::PartUse::Parking), "parking");
  EXPECT_EQ(code_of(org::kAreaSources, org::AreaSource::Registered), "registered");
}
TEST(OrgRegistryCodes, UnknownCodesAreNotGuessed) {
  EXPECT_FALSE(parse_code(org::kPartUses, "Residential"));
  EXPECT_FALSE(parse_code(org::kAreaSources, "measured"));
}

TEST(OrgRegistryKinds, EachKindSitsOnlyUnderTheOneAbove) {
  EXPECT_EQ(org::child_kind(NodeKind::Community), NodeKind::Compound);
  EXPECT_EQ(org::child_kind(NodeKind::Building), NodeKind::Unit);
  EXPECT_NE(org::child_kind(NodeKind::Street), NodeKind::Compound);
}

TEST(OrgRegistryMove, ACompoundMayMoveToAnotherCommunity) {
  EXPECT_FALSE(org::move_problem(NodeKind::Compound, "/1/2/5/", NodeKind::Community, "/1/3/"));
}
TEST(OrgRegistryMove, AWrongParentKindIsRefused) {
  EXPECT_TRUE(org::move_problem(NodeKind::Compound, "/1/2/5/", NodeKind::Street, "/1/"));
  EXPECT_TRUE(org::move_problem(NodeKind::Part, "/1/2/5/6/7/8/", NodeKind::Building, "/1/2/5/6/"));
}
TEST(OrgRegistryMove, UnderItselfOrItsOwnDescendantIsRefused) {
  auto under_descendant = org::move_problem(NodeKind::Unit, "/1/2/5/6/", NodeKind::Part, "/1/2/5/6/9/");
  ASSERT_TRUE(under_descendant);
  EXPECT_NE(under_descendant->find("下级"), std::string::npos);
  EXPECT_TRUE(org::move_problem(NodeKind::Compound, "/1/2/5/", NodeKind::Community, "/1/2/5/"));
}
TEST(OrgRegistryMove, ANodeWhoseIdSharesADigitPrefixIsNotADescendant) {
  EXPECT_FALSE(org::move_problem(NodeKind::Building, "/1/2/5/", NodeKind::Compound, "/1/2/55/"));
}
TEST(OrgRegistryMove, TheNewPathIsTheParentPathAndTheId) {
  EXPECT_EQ(org::child_path("/1/3/", 5), "/1/3/5/");
  EXPECT_EQ(org::child_path("", 1), "/1/");
}
TEST(OrgSubtreeRange, HoldsEveryDescendantAndNoSiblingWhoseIdSharesADigitPrefix) {
  const std::string path = "/1/4/";
  const std::string end = org::subtree_end(path);
  auto within = [&](const std::string& candidate) { return candidate >= path && candidate < end; };
  EXPECT_TRUE(within("/1/4/"));
  EXPECT_TRUE(within("/1/4/9/"));
  EXPECT_TRUE(within("/1/4/99999/123/"));
  EXPECT_FALSE(within("/1/40/"));
  EXPECT_FALSE(within("/1/41/7/"));
  EXPECT_FALSE(within("/1/5/"));
  EXPECT_FALSE(within("/1/3/9/"));
}
TEST(OrgPathIds, ListsTheIdsAlongAPathRootFirst) {
  EXPECT_EQ(org::path_ids("/1/40/9/"), (std::vector<std::int64_t>{1, 40, 9}));
  EXPECT_EQ(org::path_ids("/123456789012/"), (std::vector<std::int64_t>{123456789012}));
  EXPECT_TRUE(org::path_ids("").empty());
  EXPECT_TRUE(org::path_ids("/").empty());
}
