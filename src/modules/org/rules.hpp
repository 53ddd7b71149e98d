// Pure rules of the org tree: kind names, which kind may sit under which, name and registry value
// checks, and where a node may move.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/org.hpp"

namespace weizhi::org {

// The only kind a node of `parent` kind may hold directly; nullopt for parts (leaves).
std::optional<NodeKind> child_kind(NodeKind parent);

// The materialised path of a node given its parent's path ("" for a root).
std::string child_path(const std::string& parent_path, std::int64_t id);
// The ids along a path, root first ("/1/4/9/" → 1, 4, 9); "" → none.
std::vector<std::int64_t> path_ids(const std::string& path);
// The least path after every path of the subtree at `path` in byte order ("/1/4/" → "/1/40"): with
// `path` itself it bounds an index range scan over the subtree (paths hold only digits and slashes).
std::string subtree_end(const std::string& path);
// Why a node may not move under `new_parent` (wrong kind, or into its own subtree); nullopt if it may.
std::optional<std::string> move_problem(NodeKind kind, const std::string& path, NodeKind new_parent_kind,
                                        const std::string& new_parent_path);
// The address key a part keeps (core/address.hpp) from its building's and unit's names and its room
// number: "1幢", "1单元", "101" → "1-1-101".
std::string part_address_key(const std::string& building_name, const std::string& unit_name,
                             const std::string& room_number);

}  // namespace weizhi::org
