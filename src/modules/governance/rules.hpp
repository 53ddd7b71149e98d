// Pure governance rules: a compound's party form, whether a term of office is current, the
// completeness of the responsibility chain and the coverage of a set of compounds. No SQL, no
// clock: the time is passed in.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "modules/governance/model.hpp"
#include "modules/org/org.hpp"

namespace weizhi::governance {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<PartyForm> kPartyForms = {{PartyForm::SingleBranch, "single_branch"},
                                              {PartyForm::JointAssociation, "joint_association"},
                                              {PartyForm::CommunityDirect, "community_direct"},
                                              {PartyForm::None, "none"}};
constexpr CodeTable<ChainPosition> kChainPositionCodes = {{ChainPosition::CommunitySecretary, "community_secretary"},
                                                          {ChainPosition::TripartiteDirector, "tripartite_director"},
                                                          {ChainPosition::Commissioner, "commissioner"}};
constexpr CodeTable<CommunityPosition> kCommunityPositions = {
    {CommunityPosition::Secretary, "secretary"}, {CommunityPosition::TripartiteDirector, "tripartite_director"}};
constexpr CodeTable<PartyOrgKind> kPartyOrgKinds = {{PartyOrgKind::Committee, "committee"},
                                                    {PartyOrgKind::Branch, "branch"}};

// Led by the community party committee → community_direct; else one branch → single_branch,
// several → joint_association, none → none. An override replaces the result and says so.
PartyFormDecision decide_party_form(const PartyFormInput& input);

// since ≤ now < until (or no until).
bool is_current(const Term& term, TimePoint now);
// The person in a current term; of several, the one who took office last.
std::optional<std::int64_t> current_holder(const std::vector<Term>& terms, TimePoint now);

// The chain position an escalation level names; nullopt for none and for the street.
std::optional<ChainPosition> escalation_position(EscalationLevel level);

struct CoverageGap {
  std::int64_t compound_id;
  std::vector<ChainPosition> missing;
};
// A service phone residents can dial: digits with optional spaces and dashes, 7–15 digits
// (landlines like 0571-88001234 and mobiles alike).
std::optional<std::string> service_phone_problem(const std::string& phone);

// Each `…_refusal` below returns nullopt when the step may happen, else the error to answer with
// (status, code, message, field); the store loads the facts and throws it.

// The node `id` (`node` as loaded) as `field` of a request: 404 when it does not exist, 422 when it
// is not one of `kinds`.
std::optional<ApiError> node_refusal(std::int64_t id, const std::optional<org::Node>& node,
                                     const std::vector<org::NodeKind>& kinds, const std::string& field);
// 404 naming the field when the person `id` does not exist.
std::optional<ApiError> person_refusal(std::int64_t id, bool exists, const std::string& field);
// `ids` (nodes[i] is ids[i] as loaded), checked in order, each once (400 naming field[i]), each a
// node of `kind` (node_refusal) inside the subtree of `within` (422 naming field[i]).
std::optional<ApiError> nodes_within_refusal(const std::vector<std::int64_t>& ids,
                                             const std::vector<std::optional<org::Node>>& nodes, org::NodeKind kind,
                                             const org::Node& within, const std::string& field);
// The compounds a party organisation maps to: none for a community committee (422 naming
// compound_ids), for a branch compounds of its community (nodes_within_refusal; `compounds` and
// the community are loaded for a branch only).
std::optional<ApiError> branch_compounds_refusal(PartyOrgKind kind, const std::vector<std::int64_t>& compound_ids,
                                                 const std::vector<std::optional<org::Node>>& compounds,
                                                 const std::optional<org::Node>& community);
// 409 naming community_id when a second community committee would be created in the community.
std::optional<ApiError> party_committee_refusal(PartyOrgKind kind, bool community_has_committee);
// 409 naming compound_id when one of the compound's commissioner terms is current: one at a time.
std::optional<ApiError> commissioner_refusal(const std::vector<Term>& compound_terms, TimePoint now);
// 409 when the term has already ended (until ≤ now).
std::optional<ApiError> end_term_refusal(std::optional<TimePoint> until, TimePoint now);
// 409 naming building_ids[i] for the first building already in a grid (in_grid[i] for building i).
std::optional<ApiError> grid_buildings_refusal(const std::vector<bool>& in_grid);
// Whether appointing the person to a position changes anything: not when they hold it now.
bool appointment_changes(const std::vector<Term>& terms, std::int64_t person_id, TimePoint now);

// The compounds whose chain is incomplete now, by compound id.
std::vector<CoverageGap> coverage_gaps(const std::map<std::int64_t, ChainTerms>& chains, TimePoint now);

}  // namespace weizhi::governance
