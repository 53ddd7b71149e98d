// Pure rules of the org tree: kind names, which kind may sit under which, name checks.
#pragma once
#include <optional>
#include <string>

#include "modules/org/model.hpp"

namespace weizhi::org {

std::string kind_code(NodeKind kind);
std::optional<NodeKind> parse_kind(const std::string& code);
// The only kind a node of `parent` kind may hold directly; nullopt for parts (leaves).
std::optional<NodeKind> child_kind(NodeKind parent);
// nullopt when acceptable, else the Chinese message.
std::optional<std::string> name_problem(const std::string& name);
// The materialised path of a node given its parent's path ("" for a root).
std::string child_path(const std::string& parent_path, std::int64_t id);

}  // namespace weizhi::org
