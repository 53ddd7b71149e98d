// A node of the org tree for tests of rules that take loaded nodes: named "节点<id>", at `path`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/org/org.hpp"

inline weizhi::org::Node tree_node(std::int64_t id, weizhi::org::NodeKind kind, const std::string& path) {
  return weizhi::org::Node{id, std::nullopt, kind, "节点" + std::to_string(id), std::nullopt, path, ""};
}
