// SQL of the governance module. The writers check what they refer to (404 for a missing person,
// 422 for a node of the wrong kind, 409 for a clash, each naming the field) so that the routes
// and the demo seed go through the same checks.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/governance/model.hpp"
#include "modules/org/org.hpp"
#include "store/db.hpp"

namespace weizhi::governance {

// --- Reading helpers shared by the routes ---

std::map<std::int64_t, std::string> node_names(store::Connection& connection, const std::vector<std::int64_t>& ids);

// --- Responsibility chain ---

// Ends the current holder's term and starts the person's, unless they already hold it; returns
// whether anything changed.
bool set_community_position(store::Tx& tx, std::int64_t community_id, CommunityPosition position,
                            std::int64_t person_id);

// --- Commissioners ---

struct CommissionerRow {
  CommissionerAssignment assignment;
  std::string person_name;                  // masked
  std::optional<std::string> person_phone;  // masked; none when the registry has no phone
  std::string compound_name;
};
// Current assignments on compounds of the subtree, by person then compound.
std::vector<CommissionerRow> current_commissioners(store::Connection& connection, const std::string& path,
                                                   TimePoint now);
// 409 (field compound_id) when the compound has a current commissioner.
CommissionerAssignment assign_commissioner(store::Tx& tx, const CommissionerInput& input);
// The service phone of the compound's current commissioner, when one is recorded.
std::optional<std::string> commissioner_service_phone(store::Connection& connection, std::int64_t compound_node_id,
                                                      TimePoint now);
// The compound of an assignment, for its scope.
std::optional<std::int64_t> assignment_compound(store::Connection& connection, std::int64_t assignment_id);
// Sets `until` to now; 404 when there is no such assignment, 409 when it has already ended.
CommissionerAssignment end_commissioner(store::Tx& tx, std::int64_t assignment_id);

// --- Party organisations and party forms ---

std::int64_t create_party_org(store::Tx& tx, const PartyOrgInput& input);
struct PartyOrgChange {
  std::optional<std::string> name;
  std::optional<std::optional<std::int64_t>> secretary_person_id;  // inner nullopt: no secretary
  std::optional<std::vector<std::int64_t>> compound_ids;           // replaces the mapping
};
void update_party_org(store::Tx& tx, std::int64_t id, const PartyOrgChange& change);
std::optional<PartyOrg> find_party_org(store::Connection& connection, std::int64_t id);
// Party orgs of communities in the subtree, and branches mapped to compounds in it, by id.
std::vector<PartyOrg> party_orgs_under(store::Connection& connection, const std::string& path);

struct CompoundParty {
  PartyFormDecision decision;
  bool led_by_community_committee = false;
  std::optional<PartyForm> form_override;
  std::vector<PartyOrg> branches;
  std::optional<PartyOrg> community_committee;
};
CompoundParty compound_party(store::Connection& connection, std::int64_t compound_id);
void set_compound_party(store::Tx& tx, std::int64_t compound_id, bool led_by_community_committee,
                        std::optional<PartyForm> form_override);

// --- Grids and social organisations ---

// 409 (field building_ids[i]) when a building already lies in a grid.
std::int64_t create_grid(store::Tx& tx, const GridInput& input);
std::vector<Grid> grids_under(store::Connection& connection, const std::string& path);

std::int64_t create_social_org(store::Tx& tx, const SocialOrgInput& input);
// Social organisations attached to nodes of the subtree, by id.
std::vector<SocialOrg> social_orgs_under(store::Connection& connection, const std::string& path);

// --- Statistics ---

struct OrganizationStats {
  std::int64_t communities = 0;
  std::int64_t compounds = 0;
  std::int64_t buildings = 0;
  std::int64_t parts = 0;
  std::int64_t commissioners = 0;
  std::int64_t commissioners_from_two_committees = 0;
  std::int64_t commissioners_also_party_secretary = 0;
  std::map<PartyForm, std::int64_t> party_forms;  // every form, zero included
  std::int64_t compounds_with_complete_chain = 0;
};
// The kept node counts and a handful of aggregate queries over the compounds of the subtree at
// `node`: no per-compound work in C++, and no walk over the registry's parts.
OrganizationStats organization_stats(store::Connection& connection, const org::Node& node, TimePoint now);

}  // namespace weizhi::governance
