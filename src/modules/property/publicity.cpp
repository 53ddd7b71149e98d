// What property puts up for public view: a contract's monthly evaluation result once the street closes the month,
// for a week from the close (docs/rules.md#h-result-publicity), to the residents of the contract's compound.
#include <map>

#include "modules/org/org.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask) {
  std::vector<modules::PublicityItem> items;
  // Closed on a street day at most a week ago: a day more in UTC covers the street's eight hours ahead.
  std::string since = modules::days_after(ask.today, -modules::kDecisionPublicityDays);
  std::map<std::int64_t, std::optional<Company>> companies;
  for (const auto& evaluation : evaluations_closed_since(ask.connection, since)) {
    auto closed = parse_iso(evaluation.closed_at.value_or(""));
    if (!closed) continue;
    std::string starts_on = street_date(*closed);
    std::string ends_on = modules::days_after(starts_on, modules::kDecisionPublicityDays - 1);
    if (!ask.current(starts_on, ends_on)) continue;
    auto contract = find_contract(ask.connection, evaluation.contract_id);
    if (!contract) continue;
    auto compound = org::find_node(ask.connection, contract->terms.compound_node_id);
    if (!compound || !ask.reaches(compound->path)) continue;
    std::int64_t company_id = contract->terms.company_id;
    if (!companies.count(company_id)) companies[company_id] = find_company(ask.connection, company_id);
    const auto& company = companies[company_id];
    items.push_back({.module = "property",
                     .kind = "property.evaluation",
                     .title = "物业月度考核结果公示：" + evaluation.month + (company ? " " + company->input.name : ""),
                     .node_id = compound->id,
                     .node_name = compound->name,
                     .starts_on = starts_on,
                     .ends_on = ends_on,
                     .link = "/contract",
                     .console_link = "/property/evaluations/" + std::to_string(contract->id) + "/" + evaluation.month});
  }
  return items;
}

}  // namespace weizhi::property
