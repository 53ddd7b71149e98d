// The outline rules: what GeoJSON a compound's outline may be (modules/org/outline_rules.hpp).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/org/outline_rules.hpp"

using weizhi::ApiError;
using weizhi::Json;
using weizhi::org::checked_outline;

namespace {

std::string refused_field(const Json& body) {
  try {
    checked_outline(body);
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 400);
    return error.field();
  }
  return "(accepted)";
}

Json ring_of(int positions) {
  Json ring = Json::array();
  for (int i = 0; i + 1 < positions; ++i) ring.push_back({120.15 + i * 1e-5, 30.31 + (i % 2) * 1e-5});
  ring.push_back(ring.front());
  return ring;
}

}  // namespace

TEST(OutlineRules, AFeatureKeepsOnlyItsGeometry) {
  Json polygon{{"type", "Polygon"}, {"coordinates", {ring_of(5)}}};
  Json kept = checked_outline({{"type", "Feature"}, {"properties", {{"name", "x"}}}, {"geometry", polygon}});
  EXPECT_EQ(kept, polygon);
}

TEST(OutlineRules, RingsAreClosedOfFourPositionsAtLeastAndTwoThousandAtMost) {
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", {ring_of(4)}}}), "(accepted)");
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", {ring_of(3)}}}), "coordinates[0]");
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", {ring_of(2000)}}}), "(accepted)");
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", {ring_of(1000), ring_of(1001)}}}), "coordinates");
  Json open = ring_of(5);
  open[4] = {121, 31};
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", {ring_of(4), open}}}), "coordinates[1]");
  EXPECT_EQ(refused_field({{"type", "Polygon"}, {"coordinates", Json::array()}}), "coordinates");
}

TEST(OutlineRules, PositionsAreLongitudeThenLatitudeOnTheGlobe) {
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {180, -90}}}), "(accepted)");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {120.15, 30.31, 12}}}), "(accepted)");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {-180.5, 30}}}), "coordinates[0]");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {120, 90.1}}}), "coordinates[1]");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {120, std::nan("")}}}), "coordinates[1]");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {120, 30, "high"}}}), "coordinates[2]");
  EXPECT_EQ(refused_field({{"type", "Point"}, {"coordinates", {120, 30, 1, 2}}}), "coordinates");
}

TEST(OutlineRules, OnlyAFeaturePolygonOrPointIsAnOutline) {
  EXPECT_EQ(refused_field({{"type", "MultiPoint"}, {"coordinates", {{120, 30}}}}), "type");
  EXPECT_EQ(refused_field({{"type", "Feature"}, {"geometry", {{"type", "Feature"}}}}), "geometry.type");
  EXPECT_EQ(refused_field({{"type", "Feature"}}), "geometry");
  EXPECT_EQ(refused_field(Json::array({120, 30})), "type");
}
