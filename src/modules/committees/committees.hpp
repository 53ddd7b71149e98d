// The committees module's published header, what other modules use of it: the street's policy
// for a compound, and setting up a compound's committee with its members and alternates (the
// elections module fills it from a count; the demo seed goes through the same calls). Store
// types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"

namespace weizhi::store {
class Connection;
class Tx;
}  // namespace weizhi::store

namespace weizhi::committees {

enum class Position { Director, Deputy, Member };
// Where a member comes from (docs/modules/committees.md).
enum class Origin { SocialWorker, ResidentGroupLeader, BuildingLeader, EnthusiasticResident, Commissioner };
// docs/rules.md#d-commissioner-joins [policy]: the compound's commissioner sits on the committee ex officio,
// or only if elected.
enum class CommissionerJoins { ExOfficio, IfElected };

// A street's self-management policy; a street without one uses these defaults.
struct Policy {
  std::int64_t term_years = 5;
  std::vector<std::string> duties;        // the ten duties (十大工作职责), shown on every committee
  std::int64_t party_share_percent = 60;  // party members among members, at least
  CommissionerJoins commissioner_joins = CommissionerJoins::ExOfficio;
  std::int64_t publicity_days = 10;  // publicity of candidates and of the result
};

// The codes rows and JSON speak for an origin (read with code_of, parse_code and parser_of).
constexpr CodeTable<Origin> kOrigins = {{Origin::SocialWorker, "social_worker"},
                                        {Origin::ResidentGroupLeader, "resident_group_leader"},
                                        {Origin::BuildingLeader, "building_leader"},
                                        {Origin::EnthusiasticResident, "enthusiastic_resident"},
                                        {Origin::Commissioner, "commissioner"}};
// The street's policy when it has none.
Policy default_policy();

// The policy of the street the compound (or any node) lies in; the defaults when it has none.
Policy policy_for_node(store::Connection& connection, std::int64_t node_id);
void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy);

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
