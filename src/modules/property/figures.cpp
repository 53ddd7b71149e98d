// What other modules read of the property module (property.hpp): each compound's cluster, the clusters' names and
// leads for the map's legend, the score of the contract's newest closed month, and the company serving a compound.
#include "core/json.hpp"
#include "modules/org/org.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/property.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

std::optional<std::int64_t> cluster_of_compound(store::Connection& connection, std::int64_t compound_id) {
  auto compound = org::find_node(connection, compound_id);
  if (!compound || !compound->parent_id) return std::nullopt;
  return cluster_of_community(connection, *compound->parent_id);
}

std::vector<ClusterName> cluster_names(store::Connection& connection, const std::set<std::int64_t>& ids,
                                       TimePoint now) {
  std::string today = street_date(now);
  std::vector<ClusterName> names;
  for (std::int64_t id : ids) {
    auto cluster = find_cluster(connection, id);
    if (!cluster) continue;
    ClusterName named{cluster->id, cluster->name, std::nullopt};
    for (const auto& op : operators_of(connection, id)) {
      if (op.role != OperatorRole::Lead || !operating_on(op, today)) continue;
      if (auto company = find_company(connection, op.company_id)) named.lead = company->input.name;
    }
    names.push_back(std::move(named));
  }
  return names;
}

std::optional<Rational> latest_month_score(store::Connection& connection, std::int64_t compound_id) {
  auto contract = contract_in_force(connection, compound_id);
  if (!contract) return std::nullopt;
  for (const auto& evaluation : closed_evaluations_of_compound(connection, compound_id)) {
    if (evaluation.contract_id != contract->id || !evaluation.result) continue;
    Json score = Json::parse(*evaluation.result).at("score");
    if (score.is_null()) return std::nullopt;
    return Rational{score.at("num").get<std::int64_t>(), score.at("den").get<std::int64_t>()};
  }
  return std::nullopt;
}

std::optional<ServingCompany> company_in_force(store::Connection& connection, std::int64_t compound_id) {
  auto contract = contract_in_force(connection, compound_id);
  if (!contract) return std::nullopt;
  auto company = find_company(connection, contract->terms.company_id);
  if (!company) return std::nullopt;
  return ServingCompany{contract->id, company->input.name};
}

}  // namespace weizhi::property
