// Timeline: the events table's SQL, and the names of those who took the steps, the same on both engines.
#include "store/timeline.hpp"

#include "core/masking.hpp"
#include "store/select.hpp"

namespace weizhi::store {

void Timeline::record(Tx& tx, std::int64_t record_id, const Step& step) const {
  tx.exec("INSERT INTO " + std::string(table_) + " (" + std::string(record_column_) +
              ", kind, from_state, to_state, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {record_id, step.kind, step.from_state, step.to_state, step.note, step.user_id,
           iso_utc(step.at.value_or(tx.now()))});
}

std::vector<TimelineEvent> Timeline::read(Connection& connection, std::int64_t record_id) const {
  return map_rows(
      connection.query("SELECT id, kind, from_state, to_state, note, user_id, created_at FROM " + std::string(table_) +
                           " WHERE " + std::string(record_column_) + " = ? ORDER BY created_at, id",
                       {record_id}),
      [](const Row& row) {
        return TimelineEvent{row.i64(0),  row.text(1),         row.optional_text(2), row.optional_text(3),
                             row.text(4), row.optional_i64(5), row.text(6)};
      });
}

std::map<std::int64_t, Actor> actors(Connection& connection, const std::set<std::int64_t>& user_ids, TimePoint now) {
  std::map<std::int64_t, Actor> found;
  if (user_ids.empty()) return found;
  std::string at = iso_utc(now);
  Params params{at, at};
  params.insert(params.end(), user_ids.begin(), user_ids.end());
  // Each account's current roles, earliest granted first; residents and devices work for nobody.
  for (const auto& row : connection.query(
           "SELECT u.id, u.display_name, p.name_masked, ra.role FROM users u "
           "LEFT JOIN people p ON p.id = u.person_id "
           "LEFT JOIN role_assignments ra ON ra.user_id = u.id AND ra.role NOT IN ('resident', 'gate_device') "
           "AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?) "
           "WHERE u.id IN (" +
               placeholders(user_ids.size()) + ") ORDER BY u.id, ra.id",
           params)) {
    std::int64_t id = row.i64(0);
    if (found.contains(id)) continue;
    auto role = row.optional_text(3);
    if (role) {
      found[id] = Actor{row.text(1), *role};
    } else {
      found[id] = Actor{row.optional_text(2).value_or(mask_name(row.text(1))), "resident"};
    }
  }
  return found;
}

}  // namespace weizhi::store
