// Pure governance rules: a compound's party form, whether a term of office is current, the
// completeness of the responsibility chain and the coverage of a set of compounds. No SQL, no
// clock: the time is passed in.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/governance/model.hpp"

namespace weizhi::governance {

std::string party_form_code(PartyForm form);
std::optional<PartyForm> parse_party_form(const std::string& code);
std::string chain_position_code(ChainPosition position);
std::string community_position_code(CommunityPosition position);
std::optional<CommunityPosition> parse_community_position(const std::string& code);
std::string party_org_kind_code(PartyOrgKind kind);
std::optional<PartyOrgKind> parse_party_org_kind(const std::string& code);

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

// The compounds whose chain is incomplete now, by compound id.
std::vector<CoverageGap> coverage_gaps(const std::map<std::int64_t, ChainTerms>& chains, TimePoint now);

}  // namespace weizhi::governance
