// The property module's router of new cases, which the host hands to the cases module: a case of a task the companies
// took over goes to the company first (docs/rules.md#j-company-takes-its-tasks).
#include <algorithm>

#include "modules/org/org.hpp"
#include "modules/property/module.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

namespace {

// Whether a task of the street covering the item was held by the companies on the day.
bool held_by_property(store::Connection& connection, std::int64_t street_id, const std::string& item_code,
                      const std::string& day) {
  for (const auto& task : tasks_of_street(connection, street_id)) {
    const auto& items = task.input.service_items;
    if (std::find(items.begin(), items.end(), item_code) == items.end()) continue;
    if (holder_on(task, task_moves(connection, task.id), day) == Holder::Property) return true;
  }
  return false;
}

// The case goes to the company of the compound's contract in force, to its staff who serve the compound, its
// manager first; nothing changes without such a task, a contract or a linked account.
std::optional<cases::CaseRouting> route_to_company(store::Connection& connection, const cases::Case& created) {
  // The cheap questions first: most compounds' companies have no account on the platform.
  auto compound = org::find_node(connection, created.input.compound_node_id);
  if (!compound) return std::nullopt;
  auto contract = contract_in_force(connection, compound->id);
  if (!contract) return std::nullopt;
  TimePoint at = created.input.reported_at;
  auto staff = staff_serving(connection, contract->terms.company_id, compound->path, at);
  if (staff.empty()) return std::nullopt;
  if (!held_by_property(connection, org::street_of(compound->path), created.item_code, street_date(at))) {
    return std::nullopt;
  }
  auto company = find_company(connection, contract->terms.company_id);
  return cases::CaseRouting{staff.front(), staff, "该事项由物业承接：" + (company ? company->input.name : "")};
}

}  // namespace

cases::CaseRouter case_router() { return route_to_company; }

}  // namespace weizhi::property
