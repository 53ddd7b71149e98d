// SQL of the org tree.
#pragma once
#include <optional>
#include <vector>

#include "modules/org/model.hpp"
#include "store/db.hpp"

namespace weizhi::org {

std::optional<Node> find_node(store::Connection& connection, std::int64_t id);
std::optional<Node> find_node(store::Tx& tx, std::int64_t id);
// Children after `after_id` (cursor), by id, at most `limit`.
std::vector<Node> children(store::Connection& connection, std::int64_t parent_id, std::int64_t after_id,
                           std::int64_t limit);
// Inserts a node and sets its path; the caller has checked the rules.
Node insert_node(store::Tx& tx, const std::optional<Node>& parent, NodeKind kind, const std::string& name,
                 const std::optional<std::string>& code);

}  // namespace weizhi::org
