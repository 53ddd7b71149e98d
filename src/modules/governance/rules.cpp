// Governance rules.
#include "modules/governance/rules.hpp"

#include <algorithm>
#include <utility>

#include "core/code_table.hpp"

namespace weizhi::governance {

namespace {

constexpr std::pair<PartyForm, const char*> kPartyForms[] = {{PartyForm::SingleBranch, "single_branch"},
                                                             {PartyForm::JointAssociation, "joint_association"},
                                                             {PartyForm::CommunityDirect, "community_direct"},
                                                             {PartyForm::None, "none"}};
constexpr std::pair<ChainPosition, const char*> kChainPositionCodes[] = {
    {ChainPosition::CommunitySecretary, "community_secretary"},
    {ChainPosition::TripartiteDirector, "tripartite_director"},
    {ChainPosition::Commissioner, "commissioner"}};
constexpr std::pair<CommunityPosition, const char*> kCommunityPositions[] = {
    {CommunityPosition::Secretary, "secretary"}, {CommunityPosition::TripartiteDirector, "tripartite_director"}};
constexpr std::pair<EscalationLevel, const char*> kEscalationLevels[] = {
    {EscalationLevel::None, "none"},
    {EscalationLevel::Commissioner, "commissioner"},
    {EscalationLevel::TripartiteDirector, "tripartite_director"},
    {EscalationLevel::CommunitySecretary, "community_secretary"},
    {EscalationLevel::Street, "street"}};
constexpr std::pair<PartyOrgKind, const char*> kPartyOrgKinds[] = {{PartyOrgKind::Committee, "committee"},
                                                                   {PartyOrgKind::Branch, "branch"}};

}  // namespace

std::string party_form_code(PartyForm form) { return code_of(kPartyForms, form); }
std::optional<PartyForm> parse_party_form(const std::string& code) { return parse_code(kPartyForms, code); }
std::string chain_position_code(ChainPosition position) { return code_of(kChainPositionCodes, position); }
std::string community_position_code(CommunityPosition position) { return code_of(kCommunityPositions, position); }
std::optional<CommunityPosition> parse_community_position(const std::string& code) {
  return parse_code(kCommunityPositions, code);
}
std::string party_org_kind_code(PartyOrgKind kind) { return code_of(kPartyOrgKinds, kind); }
std::optional<PartyOrgKind> parse_party_org_kind(const std::string& code) { return parse_code(kPartyOrgKinds, code); }

std::string escalation_level_code(EscalationLevel level) { return code_of(kEscalationLevels, level); }
std::optional<EscalationLevel> parse_escalation_level(std::string_view code) {
  return parse_code(kEscalationLevels, code);
}

EscalationLevel escalation_after(std::int64_t steps) {
  constexpr auto top = static_cast<std::int64_t>(EscalationLevel::Street);
  return static_cast<EscalationLevel>(std::clamp<std::int64_t>(steps, 0, top));
}

std::optional<ChainPosition> escalation_position(EscalationLevel level) {
  switch (level) {
    case EscalationLevel::Commissioner:
      return ChainPosition::Commissioner;
    case EscalationLevel::TripartiteDirector:
      return ChainPosition::TripartiteDirector;
    case EscalationLevel::CommunitySecretary:
      return ChainPosition::CommunitySecretary;
    default:
      return std::nullopt;
  }
}

PartyFormDecision decide_party_form(const PartyFormInput& input) {
  PartyForm derived = PartyForm::None;
  if (input.led_by_community_committee) {
    derived = PartyForm::CommunityDirect;
  } else if (input.branch_count == 1) {
    derived = PartyForm::SingleBranch;
  } else if (input.branch_count > 1) {
    derived = PartyForm::JointAssociation;
  }
  if (input.form_override) return {*input.form_override, derived, true};
  return {derived, derived, false};
}

bool is_current(const Term& term, TimePoint now) { return term.since <= now && (!term.until || now < *term.until); }

std::optional<std::int64_t> current_holder(const std::vector<Term>& terms, TimePoint now) {
  const Term* latest = nullptr;
  for (const auto& term : terms) {
    if (is_current(term, now) && (!latest || term.since > latest->since)) latest = &term;
  }
  if (!latest) return std::nullopt;
  return latest->person_id;
}

ChainStatus check_chain(const ChainTerms& terms, TimePoint now) {
  ChainStatus status;
  for (ChainPosition position : kChainPositions) {
    const auto& held = position == ChainPosition::CommunitySecretary   ? terms.community_secretary
                       : position == ChainPosition::TripartiteDirector ? terms.tripartite_director
                                                                       : terms.commissioner;
    auto holder = current_holder(held, now);
    status.links.push_back({position, holder});
    if (!holder) status.missing.push_back(position);
  }
  status.complete = status.missing.empty();
  return status;
}

std::vector<CoverageGap> coverage_gaps(const std::map<std::int64_t, ChainTerms>& chains, TimePoint now) {
  std::vector<CoverageGap> gaps;
  for (const auto& [compound_id, terms] : chains) {
    auto status = check_chain(terms, now);
    if (!status.complete) gaps.push_back({compound_id, std::move(status.missing)});
  }
  return gaps;
}

std::optional<std::string> service_phone_problem(const std::string& phone) {
  std::size_t digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-') {
      return "服务电话只能含数字、空格和短横线";
    }
  }
  if (digits < 7 || digits > 15) return "服务电话应有 7–15 位数字";
  return std::nullopt;
}

}  // namespace weizhi::governance
