// Pure rules of the org tree: kind names, which kind may sit under which, name and registry value
// checks, and where a node may move.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/model.hpp"

namespace weizhi::org {

std::string kind_code(NodeKind kind);
std::optional<NodeKind> parse_kind(const std::string& code);
// The only kind a node of `parent` kind may hold directly; nullopt for parts (leaves).
std::optional<NodeKind> child_kind(NodeKind parent);

// Each check returns nullopt when the value is acceptable, else the Chinese message.
std::optional<std::string> name_problem(const std::string& name);
// Old compounds here are low- and mid-rise; 60 floors leaves room for any real building.
std::optional<std::string> floors_problem(std::int64_t floors);
// Floors run from basement −5 up to the top floor; there is no floor 0 (1 is the ground floor).
std::optional<std::string> floor_problem(std::int64_t floor, std::int64_t building_floors);
// Area in 0.01 m²: more than 0 and less than 100,000 m².
std::optional<std::string> area_problem(std::int64_t area_centi_m2);
// Not blank and at most 20 characters (UTF-8 code points).
std::optional<std::string> room_number_problem(const std::string& room_number);

// An area in 0.01 m² as square metres with two decimals, e.g. 8735 → "87.35".
std::string area_m2_text(std::int64_t area_centi_m2);

// The materialised path of a node given its parent's path ("" for a root).
std::string child_path(const std::string& parent_path, std::int64_t id);
// The ids along a path, root first ("/1/4/9/" → 1, 4, 9); "" → none.
std::vector<std::int64_t> path_ids(const std::string& path);
// The street a node lies in: the first id of its path ("/1/4/9/" → 1).
std::int64_t street_of(const std::string& path);
// The least path after every path of the subtree at `path` in byte order ("/1/4/" → "/1/40"): with
// `path` itself it bounds an index range scan over the subtree (paths hold only digits and slashes).
std::string subtree_end(const std::string& path);
// Why a node may not move under `new_parent` (wrong kind, or into its own subtree); nullopt if it may.
std::optional<std::string> move_problem(NodeKind kind, const std::string& path, NodeKind new_parent_kind,
                                        const std::string& new_parent_path);

}  // namespace weizhi::org
