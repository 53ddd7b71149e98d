// Timeline: the events table's SQL, the same on both engines.
#include "store/timeline.hpp"

namespace weizhi::store {

void Timeline::record(Tx& tx, std::int64_t record_id, const Step& step) const {
  tx.exec("INSERT INTO " + std::string(table_) + " (" + std::string(record_column_) +
              ", kind, from_state, to_state, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {record_id, step.kind, step.from_state, step.to_state, step.note, step.user_id, iso_utc(tx.now())});
}

Rows Timeline::query(Connection& connection, std::int64_t record_id) const {
  return connection.query("SELECT id, kind, from_state, to_state, note, user_id, created_at FROM " +
                              std::string(table_) + " WHERE " + std::string(record_column_) + " = ? ORDER BY id",
                          {record_id});
}

}  // namespace weizhi::store
