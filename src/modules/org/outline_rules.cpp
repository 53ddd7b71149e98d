// Checks a compound's outline (outline_rules.hpp): GeoJSON as the map can draw it, and nothing larger.
#include "modules/org/outline_rules.hpp"

#include <cmath>
#include <string>

#include "core/entries.hpp"
#include "core/error.hpp"

namespace weizhi::org {

namespace {

double coordinate(const Json& value, const std::string& field) {
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    fail_invalid(field, "坐标 " + field + " 应为有限的数字");
  }
  return value.get<double>();
}

// An altitude may follow longitude and latitude; the map ignores it.
void check_position(const Json& position, const std::string& field) {
  if (!position.is_array() || position.size() < 2 || position.size() > 3) {
    fail_invalid(field, "位置 " + field + " 应为 [经度, 纬度]");
  }
  for (std::size_t index = 2; index < position.size(); ++index)
    coordinate(position[index], element_field(field, index));
  double longitude = coordinate(position[0], element_field(field, 0));
  double latitude = coordinate(position[1], element_field(field, 1));
  if (longitude < -180 || longitude > 180)
    fail_invalid(element_field(field, 0), "经度 " + field + " 应在 -180 到 180 之间");
  if (latitude < -90 || latitude > 90) fail_invalid(element_field(field, 1), "纬度 " + field + " 应在 -90 到 90 之间");
}

void check_polygon(const Json& rings, const std::string& field) {
  if (!rings.is_array() || rings.empty()) fail_invalid(field, "多边形 " + field + " 应为至少一个环的数组");
  std::size_t positions = 0;
  for (std::size_t ring_index = 0; ring_index < rings.size(); ++ring_index) {
    const Json& ring = rings[ring_index];
    std::string ring_field = element_field(field, ring_index);
    if (!ring.is_array() || ring.size() < 4) fail_invalid(ring_field, "环 " + ring_field + " 应至少有 4 个位置");
    positions += ring.size();
    // Counted before the positions are read, so an oversized outline costs no more than its parse.
    if (positions > kMaxOutlinePositions) {
      fail_invalid(field, "轮廓 " + field + " 最多 " + std::to_string(kMaxOutlinePositions) + " 个位置");
    }
    for (std::size_t index = 0; index < ring.size(); ++index)
      check_position(ring[index], element_field(ring_field, index));
    if (ring.front() != ring.back()) fail_invalid(ring_field, "环 " + ring_field + " 应闭合：末位置应与首位置相同");
  }
}

}  // namespace

Json checked_outline(const Json& body) {
  if (!body.is_object()) fail_invalid("type", "轮廓应为 GeoJSON 对象");
  Json geometry = body;
  std::string prefix;
  if (body.value("type", Json()) == "Feature") {
    geometry = body.value("geometry", Json());
    prefix = "geometry.";
    if (!geometry.is_object()) fail_invalid("geometry", "Feature 的 geometry 应为 Polygon 或 Point 对象");
  }
  Json type = geometry.value("type", Json());
  std::string coordinates_field = prefix + "coordinates";
  Json coordinates = geometry.value("coordinates", Json());
  if (type == "Polygon") {
    check_polygon(coordinates, coordinates_field);
  } else if (type == "Point") {
    check_position(coordinates, coordinates_field);
  } else {
    fail_invalid(prefix + "type", "轮廓类型 " + prefix + "type 应为 Feature、Polygon 或 Point");
  }
  return {{"type", type}, {"coordinates", std::move(coordinates)}};
}

}  // namespace weizhi::org
