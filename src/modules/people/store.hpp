// SQL of the people registry: people (encrypted, blind-indexed, masked), their part links and
// the person behind an account. The functions of people.hpp are implemented here too.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/people/model.hpp"
#include "store/db.hpp"

namespace weizhi::people {

std::optional<PartLink> find_link(store::Connection& connection, std::int64_t link_id);
bool is_part(store::Connection& connection, std::int64_t node_id);
// Checks and inserts a link as link_part() describes; returns its id.
std::int64_t insert_link(store::Tx& tx, const LinkInput& link);
// Removes the link if it belongs to the part; false when there is no such link.
bool delete_link(store::Tx& tx, std::int64_t part_node_id, std::int64_t link_id);

}  // namespace weizhi::people
