// SQL of the committees module.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/committees/committees.hpp"
#include "modules/committees/model.hpp"
#include "store/db.hpp"

namespace weizhi::committees {

Policy policy_of_street(store::Connection& connection, std::int64_t street_node_id);

std::optional<Committee> find_committee(store::Connection& connection, std::int64_t id);
// The current committees of the compounds under the node at `path`.
std::vector<Committee> committees_under(store::Connection& connection, const std::string& path);
// Every committee the compound has had, the newest term first.
std::vector<Committee> terms_of_compound(store::Connection& connection, std::int64_t compound_node_id);
std::vector<Member> members_of(store::Connection& connection, std::int64_t committee_id);
// Alternates not yet promoted, by rank.
std::vector<Alternate> alternates_of(store::Connection& connection, std::int64_t committee_id);

// Records that the member left and promotes the first alternate as a member; returns the new
// member's id, or nullopt when there was no alternate. 404 when the member is not a current one.
std::optional<std::int64_t> member_leaves(store::Tx& tx, std::int64_t committee_id, std::int64_t member_id,
                                          const std::string& reason);

}  // namespace weizhi::committees
