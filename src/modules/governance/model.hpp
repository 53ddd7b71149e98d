// The governance types beside those of governance.hpp (the responsibility chain and its terms of
// office): party forms of compounds, and the records of party organisations, commissioners, grids
// and social organisations.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/governance/governance.hpp"

namespace weizhi::governance {

// How a compound's party organisation is set up (docs/rules.md#j-party-form); None is a gap to show.
enum class PartyForm { SingleBranch, JointAssociation, CommunityDirect, None };

struct PartyFormInput {
  bool led_by_community_committee = false;
  std::int64_t branch_count = 0;
  std::optional<PartyForm> form_override;
};

struct PartyFormDecision {
  PartyForm form;
  PartyForm derived;  // what the records alone give, whatever the override says
  bool overridden = false;
};

// The chain's positions, top down.
inline constexpr std::array<ChainPosition, 3> kChainPositions{
    ChainPosition::CommunitySecretary, ChainPosition::TripartiteDirector, ChainPosition::Commissioner};

// The two community positions kept with history; the commissioner is a per-compound assignment.
enum class CommunityPosition { Secretary, TripartiteDirector };

enum class PartyOrgKind { Committee, Branch };

struct CommissionerInput {
  std::int64_t person_id;
  std::int64_t compound_node_id;
  bool from_two_committees = false;
  bool also_party_secretary = false;
  bool first_secretary = false;
  bool grid_chief = false;
  std::optional<std::string> service_phone;  // for residents to call; not the person's own phone
};

struct CommissionerAssignment {
  std::int64_t id;
  CommissionerInput input;
  std::string since;
  std::optional<std::string> until;
};

struct PartyOrgInput {
  PartyOrgKind kind;
  std::string name;
  std::int64_t community_node_id;
  std::optional<std::int64_t> secretary_person_id;
  std::vector<std::int64_t> compound_ids;  // branches only
};

struct PartyOrg {
  std::int64_t id;
  PartyOrgInput input;
  std::string created_at;
};

struct GridInput {
  std::int64_t community_node_id;
  std::string name;
  std::optional<std::int64_t> chief_person_id;
  std::vector<std::int64_t> building_ids;
};

struct Grid {
  std::int64_t id;
  GridInput input;
};

struct SocialOrgInput {
  std::string name;
  std::int64_t node_id;  // a community or a compound
  std::string service;
  std::optional<std::int64_t> contact_person_id;
};

struct SocialOrg {
  std::int64_t id;
  SocialOrgInput input;
  std::string created_at;
};

}  // namespace weizhi::governance
