// The outline a compound is drawn with on the street's map: a GeoJSON geometry, checked before it is kept.
#pragma once
#include <cstddef>

#include "core/json.hpp"

namespace weizhi::org {

// Enough for a boundary traced by hand or taken from a survey; small enough to draw a street of them at once.
inline constexpr std::size_t kMaxOutlinePositions = 2000;
inline constexpr std::size_t kMaxOutlineBytes = 256 * 1024;

// The geometry to keep of a GeoJSON Feature, Polygon or Point: {"type","coordinates"}. A polygon's rings
// each hold at least 4 positions and end where they start, at most kMaxOutlinePositions in all; every
// position is [longitude, latitude] of finite numbers within [-180, 180] and [-90, 90]. Otherwise a 400
// naming the offending field as the body spells it, e.g. "geometry.coordinates[0][3]".
Json checked_outline(const Json& body);

}  // namespace weizhi::org
