// Org tree rules, and the codes of the registry's enums.
#include "modules/org/rules.hpp"

#include "core/address.hpp"
#include "core/code_table.hpp"
#include "core/order.hpp"
#include "core/text.hpp"
#include "core/tree_path.hpp"

namespace weizhi::org {

namespace {
constexpr CodeTable<NodeKind> kKindNames = {{NodeKind::Street, "街道"},   {NodeKind::Community, "社区"},
                                            {NodeKind::Compound, "小区"}, {NodeKind::Building, "幢"},
                                            {NodeKind::Unit, "单元"},     {NodeKind::Part, "户"}};
// Each kind holds only the next one directly.
constexpr NodeKind kTreeDownwards[] = {NodeKind::Street,   NodeKind::Community, NodeKind::Compound,
                                       NodeKind::Building, NodeKind::Unit,      NodeKind::Part};

constexpr std::int64_t kMaxFloors = 60;
constexpr std::int64_t kLowestFloor = -5;
constexpr std::int64_t kAreaLimitCentiM2 = 100000LL * 100;
constexpr std::size_t kMaxRoomNumberChars = 20;

}  // namespace

std::optional<NodeKind> child_kind(NodeKind parent) { return next_in(kTreeDownwards, parent); }

std::optional<std::string> name_problem(const std::string& name) {
  if (blank(name)) return "名称不能为空";
  if (name.size() > 200) return "名称不能超过 200 字节";
  return std::nullopt;
}

std::optional<std::string> floors_problem(std::int64_t floors) {
  if (floors < 1 || floors > kMaxFloors) return "层数应在 1 到 " + std::to_string(kMaxFloors) + " 之间";
  return std::nullopt;
}

std::optional<std::string> floor_problem(std::int64_t floor, std::int64_t building_floors) {
  if (floor == 0) return "没有第 0 层：地面一层为 1，地下层为负数";
  if (floor < kLowestFloor || floor > building_floors) {
    return "楼层应在 " + std::to_string(kLowestFloor) + " 到 " + std::to_string(building_floors) + " 之间";
  }
  return std::nullopt;
}

std::optional<std::string> area_problem(std::int64_t area_centi_m2) {
  if (area_centi_m2 <= 0) return "面积应大于 0";
  if (area_centi_m2 >= kAreaLimitCentiM2) return "面积应小于 100000 平方米";
  return std::nullopt;
}

std::optional<std::string> room_number_problem(const std::string& room_number) {
  if (blank(room_number)) return "房号不能为空";
  if (characters(room_number) > kMaxRoomNumberChars)
    return "房号不能超过 " + std::to_string(kMaxRoomNumberChars) + " 个字";
  return std::nullopt;
}

std::string area_m2_text(std::int64_t area_centi_m2) {
  std::string sign = area_centi_m2 < 0 ? "-" : "";
  std::int64_t magnitude = area_centi_m2 < 0 ? -area_centi_m2 : area_centi_m2;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return sign + std::to_string(magnitude / 100) + "." + cents;
}

std::string child_path(const std::string& parent_path, std::int64_t id) {
  return (parent_path.empty() ? "/" : parent_path) + std::to_string(id) + "/";
}

std::vector<std::int64_t> path_ids(const std::string& path) {
  std::vector<std::int64_t> ids;
  std::size_t start = 1;
  while (start < path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) break;
    ids.push_back(std::stoll(path.substr(start, slash - start)));
    start = slash + 1;
  }
  return ids;
}

std::int64_t street_of(const std::string& path) { return std::stoll(path.substr(1, path.find('/', 1) - 1)); }

std::string subtree_end(const std::string& path) {
  // '0' is the byte after '/', so the range stops before the next sibling.
  return path.substr(0, path.size() - 1) + "0";
}

std::optional<std::string> move_problem(NodeKind kind, const std::string& path, NodeKind new_parent_kind,
                                        const std::string& new_parent_path) {
  if (path_within(new_parent_path, path)) return "不能把节点移到它自己或它的下级之下";
  if (child_kind(new_parent_kind) != kind) {
    return code_of(kKindNames, new_parent_kind) + "下不能直接放" + code_of(kKindNames, kind);
  }
  return std::nullopt;
}

// Spaces keep the three apart even when a name carries no marker ("1", "1", "101").
std::string part_address_key(const std::string& building_name, const std::string& unit_name,
                             const std::string& room_number) {
  return address_key(building_name + " " + unit_name + " " + room_number);
}

void check_address_query(std::string_view query, const std::string& field) {
  if (characters(query) > 100) fail_invalid(field, "地址不能超过 100 个字");
  if (address_key(query).empty()) fail_invalid(field, "地址须含楼号、单元或房号，如 1-1-101");
}

}  // namespace weizhi::org
