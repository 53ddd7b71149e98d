// Governance rules.
#include "modules/governance/rules.hpp"

#include <algorithm>
#include <set>

#include "core/code_table.hpp"
#include "core/entries.hpp"

namespace weizhi::governance {

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

std::optional<ApiError> node_refusal(std::int64_t id, const std::optional<org::Node>& node,
                                     const std::vector<org::NodeKind>& kinds, const std::string& field) {
  if (!node) return ApiError(404, "not_found", "找不到组织节点 " + std::to_string(id), field);
  if (std::find(kinds.begin(), kinds.end(), node->kind) != kinds.end()) return std::nullopt;
  std::string wanted;
  for (auto kind : kinds) wanted += (wanted.empty() ? "" : " 或 ") + code_of(org::kNodeKinds, kind);
  return ApiError(422, "unprocessable", "节点 " + std::to_string(id) + " 不是 " + wanted, field);
}

std::optional<ApiError> person_refusal(std::int64_t id, bool exists, const std::string& field) {
  if (exists) return std::nullopt;
  return ApiError(404, "not_found", "找不到人员 " + std::to_string(id), field);
}

std::optional<ApiError> nodes_within_refusal(const std::vector<std::int64_t>& ids,
                                             const std::vector<std::optional<org::Node>>& nodes, org::NodeKind kind,
                                             const org::Node& within, const std::string& field) {
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string item = element_field(field, i);
    if (!seen.insert(ids[i]).second) return ApiError(400, "invalid_field", "字段 " + item + " 重复", item);
    if (auto refusal = node_refusal(ids[i], nodes[i], {kind}, item)) return refusal;
    if (nodes[i]->path.rfind(within.path, 0) != 0) {
      return ApiError(422, "unprocessable", "节点 " + std::to_string(ids[i]) + " 不属于 " + within.name, item);
    }
  }
  return std::nullopt;
}

std::optional<ApiError> branch_compounds_refusal(PartyOrgKind kind, const std::vector<std::int64_t>& compound_ids,
                                                 const std::vector<std::optional<org::Node>>& compounds,
                                                 const std::optional<org::Node>& community) {
  if (kind == PartyOrgKind::Committee) {
    if (compound_ids.empty()) return std::nullopt;
    return ApiError(422, "unprocessable", "社区党委不对应具体小区：由社区党委直管的小区请在小区党组织形式中设置",
                    "compound_ids");
  }
  return nodes_within_refusal(compound_ids, compounds, org::NodeKind::Compound, *community, "compound_ids");
}

std::optional<ApiError> party_committee_refusal(PartyOrgKind kind, bool community_has_committee) {
  if (kind != PartyOrgKind::Committee || !community_has_committee) return std::nullopt;
  return ApiError(409, "conflict", "该社区已有社区党委", "community_id");
}

std::optional<ApiError> commissioner_refusal(const std::vector<Term>& compound_terms, TimePoint now) {
  if (!current_holder(compound_terms, now)) return std::nullopt;
  return ApiError(409, "conflict", "该小区已有在任小区专员，请先结束其任职", "compound_id");
}

std::optional<ApiError> end_term_refusal(std::optional<TimePoint> until, TimePoint now) {
  if (!until || *until > now) return std::nullopt;
  return ApiError(409, "conflict", "该任职已经结束");
}

std::optional<ApiError> grid_buildings_refusal(const std::vector<bool>& in_grid) {
  for (std::size_t i = 0; i < in_grid.size(); ++i) {
    if (in_grid[i]) return ApiError(409, "conflict", "该楼幢已划入其他网格", "building_ids[" + std::to_string(i) + "]");
  }
  return std::nullopt;
}

bool appointment_changes(const std::vector<Term>& terms, std::int64_t person_id, TimePoint now) {
  return current_holder(terms, now) != person_id;
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
