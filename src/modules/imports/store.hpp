// The registry as imports and exports see it: what already exists under a compound, the people
// matched by phone, writing a plan through the org and people creators, and the parts and
// links under a node for exports. This module has no tables of its own.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/imports/model.hpp"
#include "store/db.hpp"

namespace weizhi::imports {

// A creator refused a row while a plan was written; the import is undone.
class RowRejected : public std::runtime_error {
 public:
  explicit RowRejected(RowError error) : std::runtime_error(error.message), error_(std::move(error)) {}
  const RowError& error() const { return error_; }

 private:
  RowError error_;
};

// The compound's buildings (with floors), units and parts (by room), by name.
ExistingCompound load_compound(store::Connection& connection, std::int64_t compound_id);
// The registered people whose phones appear in `rows`, by normalised phone (one look-up per distinct
// phone); each linkable when `may_link` allows their home node.
std::map<std::string, RegisteredPerson> registered_people(store::Connection& connection, const crypto::DataKey& key,
                                                          const std::vector<PersonRow>& rows,
                                                          const std::function<bool(std::int64_t)>& may_link);

// Creates the plan's new buildings, units and parts; throws RowRejected naming the row a creator refused.
void write_parts(store::Tx& tx, const org::Node& compound, const PartsPlan& plan);
// Creates the plan's new people and every link; throws RowRejected naming the row refused.
void write_people(store::Tx& tx, const crypto::DataKey& key, const PeoplePlan& plan);

// Every part in the subtree of the node (any kind), in tree order.
std::vector<PlacedPart> parts_under(store::Connection& connection, const org::Node& node);
// The same with the people linked to each part (masked); parts without people are left out.
std::vector<PartPeople> people_under(store::Connection& connection, const org::Node& node);

}  // namespace weizhi::imports
