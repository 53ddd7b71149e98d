// What other modules use of the committees capability: the street's policy for a compound, and
// setting up a compound's committee with its members and alternates (the elections module fills
// it from a count; the demo seed goes through the same calls).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/committees/model.hpp"
#include "store/db.hpp"

namespace weizhi::committees {

// The policy of the street the compound (or any node) lies in; the defaults when it has none.
Policy policy_for_node(store::Connection& connection, std::int64_t node_id);

struct NewMember {
  std::int64_t person_id;
  Position position = Position::Member;
  Origin origin = Origin::EnthusiasticResident;
  std::optional<std::int64_t> votes;
};

struct NewAlternate {
  std::int64_t person_id;
  Origin origin = Origin::EnthusiasticResident;
  std::optional<std::int64_t> votes;
};

// Creates the committee of a compound for a term of the street's length from `starts_on`
// (YYYY-MM-DD). 404 for a node that is not a compound, 400 for a bad date, 409 when the compound
// already has a committee.
std::int64_t create_committee(store::Tx& tx, std::int64_t compound_node_id, const std::string& starts_on);
// The compound's current committee (the one whose term has not been succeeded).
std::optional<std::int64_t> committee_of_compound(store::Connection& connection, std::int64_t compound_node_id);

struct Succession {
  std::int64_t committee_id;
  std::optional<std::int64_t> previous_committee_id;
};
// Starts a new term (换届): the current committee, if any, ends on `starts_on` and keeps its
// members and alternates as the record of its term; the new committee is empty.
Succession succeed_committee(store::Tx& tx, std::int64_t compound_node_id, const std::string& starts_on);

// Adds a member: 404 unknown person, 409 already a current member or a second director.
std::int64_t add_member(store::Tx& tx, std::int64_t committee_id, const NewMember& member);
// Appends an alternate after the others; 409 when the person is already a member or an alternate.
std::int64_t add_alternate(store::Tx& tx, std::int64_t committee_id, const NewAlternate& alternate);

// The person currently assigned as the compound's commissioner, if any.
std::optional<std::int64_t> current_commissioner(store::Connection& connection, std::int64_t compound_node_id);

}  // namespace weizhi::committees
