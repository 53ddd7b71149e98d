// The epidemic module's part of the demo street: the district's first observation point, 南七苑 12幢, ended weeks
// ago with its counts kept, and (in the full demo street) a current one on a unit of 翠玉东苑 whose residents' codes
// are suspended while it runs (docs/rules.md#i-observation-points).
#include <chrono>
#include <stdexcept>

#include "audit/audit.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/epidemic/rules.hpp"
#include "modules/epidemic/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::epidemic {

namespace {

std::string day(TimePoint now, int days) { return street_date(now + std::chrono::hours(24 * days)); }

// The node under `parent` named `name`, or its first child when no name is given.
std::int64_t child_of(store::Tx& tx, std::int64_t parent, const std::string& name) {
  auto row = name.empty() ? tx.query_one("SELECT MIN(id) FROM org_nodes WHERE parent_id = ?", {parent})
                          : tx.query_one("SELECT id FROM org_nodes WHERE parent_id = ? AND name = ?", {parent, name});
  if (!row || row->is_null(0)) throw std::runtime_error("epidemic seed: no node " + name + " under the compound");
  return row->i64(0);
}

std::int64_t seed_observation(store::Tx& tx, const ObservationInput& input, std::int64_t compound_id) {
  auto node = org::find_node(tx, input.node_id);
  std::int64_t id = insert_observation(tx, input, compound_id, ObservationState::Planned,
                                       residents_under(tx.connection(), node->path));
  auto observation = find_observation(tx.connection(), id);
  start_observation(tx, *observation);
  return id;
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  TimePoint now = seed.tx.now();
  std::int64_t nan_qi = seed.node("nan-qi");
  ObservationInput first{
      child_of(seed.tx, nan_qi, "12幢"), day(now, -60), day(now, -47), "全区首个整楼居家隔离医学观察点", {}};
  std::int64_t ended = seed_observation(seed.tx, first, nan_qi);
  end_observation(seed.tx, *find_observation(seed.tx.connection(), ended));
  // It ended with its last day, weeks before the street was seeded.
  seed.tx.exec("UPDATE epidemic_observations SET ended_at = ? WHERE id = ?",
               {iso_utc(now - std::chrono::hours(24 * 46)), ended});
  Json summary{{"ended", ended}};
  if (seed.size == modules::SeedSize::Demo) {
    std::int64_t compound = seed.node("c-cuiyu-dong");
    std::int64_t unit = child_of(seed.tx, child_of(seed.tx, compound, ""), "");
    ObservationInput current{unit, day(now, -3), day(now, 10), "密切接触者居家隔离医学观察", {}};
    summary["current"] = seed_observation(seed.tx, current, compound);
  }
  audit::record(seed.tx, "cli:seed", "epidemic.seed", "epidemic", summary);
}

}  // namespace weizhi::epidemic
