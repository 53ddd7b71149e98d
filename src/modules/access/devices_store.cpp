// SQL of the access terminals (see devices_store.hpp). The password is stored only as the data key seals it.
#include "modules/access/devices_store.hpp"

#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kDeviceColumns =
    "SELECT d.id, d.gate_id, g.name, g.compound_node_id, d.name, d.vendor, d.url, d.username, d.password_enc, "
    "d.synced_through, d.last_sync_at, d.last_error, d.failures, d.next_retry_at, d.last_event_at, d.created_at, "
    "d.updated_at "
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
  return store::map_rows(
      connection.query(
          "SELECT d.id FROM access_devices d JOIN access_gates g ON g.id = d.gate_id "
          "WHERE (d.next_retry_at IS NULL OR d.next_retry_at <= ?) AND (d.synced_through IS NULL "
          "OR d.last_sync_at IS NULL OR d.last_sync_at < ? OR EXISTS (SELECT 1 FROM access_credentials c "
          "WHERE c.compound_node_id = g.compound_node_id AND c.updated_at > d.synced_through)) ORDER BY d.id",
          {now, full_before}),
      store::first_integer);
}

std::vector<std::int64_t> devices_to_pull(store::Connection& connection, const std::string& now) {
  return store::map_rows(
      connection.query("SELECT id FROM access_devices WHERE next_retry_at IS NULL OR next_retry_at <= ? ORDER BY id",
                       {now}),
      store::first_integer);
}

// --- Events ---

namespace {

// The credential a terminal's code names in the compound: "QR<id>" for a QR code, else a card's or face's number.
std::optional<std::int64_t> credential_of_code(store::Connection& connection, std::int64_t compound_node_id,
                                               const std::string& code) {
  if (code.empty()) return std::nullopt;
  std::optional<store::Row> row;
  if (code.rfind("QR", 0) == 0 && code.size() > 2 && code.find_first_not_of("0123456789", 2) == std::string::npos &&
      code.size() < 20) {
    row =
        connection.query_one("SELECT id FROM access_credentials WHERE id = ? AND compound_node_id = ? AND kind = 'qr'",
                             {std::stoll(code.substr(2)), compound_node_id});
  } else {
    row = connection.query_one(
        "SELECT id FROM access_credentials WHERE compound_node_id = ? AND number = ? ORDER BY id DESC LIMIT 1",
        {compound_node_id, code});
  }
  return row ? std::optional(row->i64(0)) : std::nullopt;
}

}  // namespace

std::int64_t store_events(store::Tx& tx, const Device& device, const std::vector<StoredEvent>& events) {
  std::int64_t added = 0;
  std::optional<std::string> newest = device.last_event_at;
  for (const auto& event : events) {
    if (!newest || event.occurred_at > *newest) newest = event.occurred_at;
    if (tx.query_one("SELECT 1 FROM access_events WHERE device_id = ? AND serial_no = ?",
                     {device.id, event.serial_no})) {
      continue;
    }
    std::optional<std::string> code;
    if (!event.employee_no.empty()) code = event.employee_no;
    tx.exec(
        "INSERT INTO access_events (device_id, serial_no, gate_id, compound_node_id, occurred_at, employee_no, "
        "credential_id, result, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {device.id, event.serial_no, device.gate_id, device.compound_node_id, event.occurred_at, code,
         credential_of_code(tx.connection(), device.compound_node_id, event.employee_no),
         event.granted ? "granted" : "denied", event.reason});
    ++added;
  }
  tx.exec("UPDATE access_devices SET last_event_at = ? WHERE id = ?", {newest, device.id});
  return added;
}

std::vector<AccessEvent> events_where(store::Connection& connection, const EventFilter& filter) {
  store::Select select(
      "SELECT e.id, e.occurred_at, e.gate_id, g.name, e.device_id, e.credential_id, a.person_id, "
      "COALESCE(p.name_masked, u.display_name, v.name_masked), COALESCE(e.employee_no, ''), e.result, e.reason, "
      "e.source, e.visitor_pass_id FROM access_events e "
      "JOIN access_gates g ON g.id = e.gate_id LEFT JOIN access_credentials a ON a.id = e.credential_id "
      "LEFT JOIN people p ON p.id = a.person_id LEFT JOIN users u ON u.id = a.user_id "
      "LEFT JOIN access_visitor_passes v ON v.id = e.visitor_pass_id");
  select.where("e.compound_node_id = ?", {filter.compound_node_id});
  if (filter.gate_id) select.where("e.gate_id = ?", {*filter.gate_id});
  if (filter.person_id) select.where("a.person_id = ?", {*filter.person_id});
  if (filter.from) select.where("e.occurred_at >= ?", {*filter.from});
  if (filter.to) select.where("e.occurred_at < ?", {*filter.to});
  select.newest_first("e.id", filter.before_id, filter.limit);
  return store::map_rows(select.run(connection), [](const store::Row& row) {
    return AccessEvent{
        row.i64(0),          row.text(1),         row.i64(2),           row.text(3), row.i64(4),
        row.optional_i64(5), row.optional_i64(6), row.optional_text(7), row.text(8), row.text(9) == "granted",
        row.text(10),        row.text(11),        row.optional_i64(12)};
  });
}

std::int64_t purge_events(store::Tx& tx, const std::string& before) {
  return tx.exec("DELETE FROM access_events WHERE occurred_at < ?", {before});
}

}  // namespace weizhi::access
