// The epidemic module's part of the demo street: the district's first observation point, 南七苑 12幢, ended weeks
// ago with its counts kept and its care records purged, and (in the full demo street) a current one on a unit of
// 翠玉东苑 whose residents' codes are suspended while it runs, with today's first check-ins (one abnormal) and a help
// request (docs/rules.md#i-observation-points, #i-observation-care).
#include <chrono>
#include <stdexcept>

#include "audit/audit.hpp"
#include "modules/epidemic/care_store.hpp"
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
  insert_staff(tx, id, input.staff_user_ids);
  auto observation = find_observation(tx.connection(), id);
  start_observation(tx, *observation);
  return id;
}

// Today's care of the current observation: the first households checked in, one of them with a fever, taken by
// phone by its staff, and one household's request for medicine, a case assigned to the staff.
void seed_care(modules::SeedContext& seed, std::int64_t observation_id, std::int64_t staff_user_id) {
  auto& tx = seed.tx;
  auto observation = find_observation(tx.connection(), observation_id);
  auto households = households_of(tx.connection(), *observation);
  std::string today = street_date(tx.now());
  const HealthInput reports[] = {
      {365, {Symptom::None}, ""}, {381, {Symptom::Fever, Symptom::Cough}, "夜里发热"}, {362, {Symptom::None}, ""}};
  for (std::size_t i = 0; i < std::size(reports) && i < households.size(); ++i) {
    save_check_in(tx,
                  StoredCheckIn{.observation_id = observation_id,
                                .part_id = households[i].part_id,
                                .on_date = today,
                                .channel = CheckInChannel::Phone,
                                .abnormal = abnormal(reports[i]),
                                .sealed_health = seal_health(seed.data_key, reports[i]),
                                .legal_basis = kLegalBasis},
                  staff_user_id);
  }
  if (households.empty()) return;
  auto item = help_item(tx, seed.node("street"), HelpKind::Medicine);
  cases::NewCase input{.item_id = item.id,
                       .compound_node_id = observation->compound_node_id,
                       .part_node_id = households.front().part_id,
                       .description = "居家隔离医学观察住户求助：药品（详情见观察点页面）",
                       .channel = cases::Channel::Hotline,
                       .reported_at = tx.now()};
  StoredHelpRequest request{.observation_id = observation_id,
                            .part_id = households.front().part_id,
                            .kind = HelpKind::Medicine,
                            .sealed_detail = seed.data_key.encrypt("家中老人的降压药只剩两天的量，请帮忙代购"),
                            .case_id = cases::create_case(tx, input, item)};
  insert_help_request(tx, request, std::nullopt);
}

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  TimePoint now = seed.tx.now();
  std::int64_t nan_qi = seed.node("nan-qi");
  ObservationInput first{
      child_of(seed.tx, nan_qi, "12幢"), day(now, -60), day(now, -47), "全区首个整楼居家隔离医学观察点", {}};
  std::int64_t ended = seed_observation(seed.tx, first, nan_qi);
  end_observation(seed.tx, *find_observation(seed.tx.connection(), ended));
  // It ended with its last day, weeks before the street was seeded; its households checked in daily and asked for
  // help a few times, and those records were purged after the retention period, their counts kept.
  seed.tx.exec(
      "UPDATE epidemic_observations SET ended_at = ?, check_ins = households * 13, help_requests = 9, "
      "purged_at = ? WHERE id = ?",
      {iso_utc(now - std::chrono::hours(24 * 46)), iso_utc(now - std::chrono::hours(24 * 16)), ended});
  Json summary{{"ended", ended}};
  if (seed.size == modules::SeedSize::Demo) {
    std::int64_t compound = seed.node("c-cuiyu-dong");
    std::int64_t unit = child_of(seed.tx, child_of(seed.tx, compound, ""), "");
    std::int64_t staff = modules::demo_user_id(seed.tx, "admin");
    ObservationInput current{unit, day(now, -3), day(now, 10), "密切接触者居家隔离医学观察", {staff}};
    std::int64_t id = seed_observation(seed.tx, current, compound);
    seed_care(seed, id, staff);
    summary["current"] = id;
  }
  audit::record(seed.tx, "cli:seed", "epidemic.seed", "epidemic", summary);
}

}  // namespace weizhi::epidemic
