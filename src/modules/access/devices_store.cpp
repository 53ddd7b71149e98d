// SQL of the access terminals (see devices_store.hpp). The password is stored only as the data key seals it.
#include "modules/access/devices_store.hpp"

#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kDeviceColumns =
    "SELECT d.id, d.gate_id, g.name, g.compound_node_id, d.name, d.vendor, d.url, d.username, d.password_enc, "
    "d.synced_through, d.last_sync_at, d.last_error, d.failures, d.next_retry_at, d.created_at, d.updated_at "
    "FROM access_devices d JOIN access_gates g ON g.id = d.gate_id ";

Device to_device(const store::Row& row) {
  return Device{row.i64(0),
                row.i64(1),
                row.text(2),
                row.i64(3),
                row.text(4),
                row.text(5),
                row.text(6),
                row.text(7),
                row.text(8),
                row.optional_text(9),
                row.optional_text(10),
                row.optional_text(11),
                row.i64(12),
                row.optional_text(13),
                row.text(14),
                row.text(15)};
}

}  // namespace

std::vector<Device> devices_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_rows(
      connection.query(std::string(kDeviceColumns) + "WHERE g.compound_node_id = ? ORDER BY g.id, d.id",
                       {compound_node_id}),
      to_device);
}

std::optional<Device> find_device(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kDeviceColumns) + "WHERE d.id = ?", {id}), to_device);
}

std::int64_t insert_device(store::Tx& tx, const DeviceInput& input) {
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO access_devices (gate_id, name, vendor, url, username, password_enc, failures, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
      {input.gate_id, input.name, input.vendor, input.url, input.username, input.password_enc, now, now});
}

void update_device(store::Tx& tx, std::int64_t id, const DeviceInput& input) {
  tx.exec(
      "UPDATE access_devices SET name = ?, url = ?, username = ?, password_enc = ?, synced_through = NULL, "
      "last_error = NULL, failures = 0, next_retry_at = NULL, updated_at = ? WHERE id = ?",
      {input.name, input.url, input.username, input.password_enc, iso_utc(tx.now()), id});
}

void delete_device(store::Tx& tx, std::int64_t id) { tx.exec("DELETE FROM access_devices WHERE id = ?", {id}); }

std::int64_t device_count(store::Connection& connection, std::int64_t compound_node_id) {
  return connection.scalar(
      "SELECT COUNT(*) FROM access_devices d JOIN access_gates g ON g.id = d.gate_id WHERE g.compound_node_id = ?",
      {compound_node_id});
}

std::optional<std::string> credentials_changed_at(store::Connection& connection, std::int64_t compound_node_id) {
  auto row = connection.query_one("SELECT MAX(updated_at) FROM access_credentials WHERE compound_node_id = ?",
                                  {compound_node_id});
  return row ? row->optional_text(0) : std::nullopt;
}

void record_sync(store::Tx& tx, std::int64_t id, const std::optional<std::string>& synced_through) {
  tx.exec(
      "UPDATE access_devices SET synced_through = ?, last_sync_at = ?, last_error = NULL, failures = 0, "
      "next_retry_at = NULL WHERE id = ?",
      {synced_through, iso_utc(tx.now()), id});
}

void record_failure(store::Tx& tx, std::int64_t id, const std::string& error, std::int64_t failures,
                    const std::string& next_retry_at) {
  tx.exec("UPDATE access_devices SET last_error = ?, failures = ?, next_retry_at = ? WHERE id = ?",
          {error, failures, next_retry_at, id});
}

std::vector<std::int64_t> devices_due(store::Connection& connection, const std::string& now,
                                      const std::string& full_before) {
  std::vector<std::int64_t> ids;
  for (const auto& row : connection.query(
           "SELECT d.id FROM access_devices d JOIN access_gates g ON g.id = d.gate_id "
           "WHERE (d.next_retry_at IS NULL OR d.next_retry_at <= ?) AND (d.synced_through IS NULL "
           "OR d.last_sync_at IS NULL OR d.last_sync_at < ? OR EXISTS (SELECT 1 FROM access_credentials c "
           "WHERE c.compound_node_id = g.compound_node_id AND c.updated_at > d.synced_through)) ORDER BY d.id",
           {now, full_before})) {
    ids.push_back(row.i64(0));
  }
  return ids;
}

}  // namespace weizhi::access
