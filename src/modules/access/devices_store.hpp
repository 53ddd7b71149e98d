// SQL of the access terminals: devices with their encrypted password and sync state, the devices due a sync or a
// pull of their events, and the events pulled.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace weizhi::access {

struct Device {
  std::int64_t id;
  std::int64_t gate_id;
  std::string gate_name;
  std::int64_t compound_node_id;
  std::string name;
  std::string vendor;
  std::string url;
  std::string username;
  std::string password_enc;
  std::optional<std::string> synced_through;
  std::optional<std::string> last_sync_at;
  std::optional<std::string> last_error;
  std::int64_t failures = 0;
  std::optional<std::string> next_retry_at;
  std::optional<std::string> last_event_at;
  std::string created_at;
  std::string updated_at;
};

struct DeviceInput {
  std::int64_t gate_id = 0;
  std::string name;
  std::string vendor;
  std::string url;
  std::string username;
  std::string password_enc;
};

std::vector<Device> devices_of_compound(store::Connection& connection, std::int64_t compound_node_id);
std::optional<Device> find_device(store::Connection& connection, std::int64_t id);
std::int64_t insert_device(store::Tx& tx, const DeviceInput& input);
// Rewrites the device's address; its sync state starts over, so that the next look syncs it in full.
void update_device(store::Tx& tx, std::int64_t id, const DeviceInput& input);
void delete_device(store::Tx& tx, std::int64_t id);
// How many devices serve the compound's gates.
std::int64_t device_count(store::Connection& connection, std::int64_t compound_node_id);

// The newest change among the compound's credentials (updated_at), if it has any.
std::optional<std::string> credentials_changed_at(store::Connection& connection, std::int64_t compound_node_id);
void record_sync(store::Tx& tx, std::int64_t id, const std::optional<std::string>& synced_through);
void record_failure(store::Tx& tx, std::int64_t id, const std::string& error, std::int64_t failures,
                    const std::string& next_retry_at);

// Devices due a sync at `now` (not waiting out a retry): credentials changed since their last sync, or their last
// full sync before `full_before`.
std::vector<std::int64_t> devices_due(store::Connection& connection, const std::string& now,
                                      const std::string& full_before);
// Devices whose events to pull at `now`: all but those waiting out a retry, which were down a moment ago.
std::vector<std::int64_t> devices_to_pull(store::Connection& connection, const std::string& now);

// --- Events ---

// Stores the device's events not stored yet (by serial number), each matched to the credential its code names in
// the compound; moves the device's last_event_at on to the newest. Returns how many were new.
struct StoredEvent {
  std::int64_t serial_no;
  std::string occurred_at;  // UTC
  std::string employee_no;
  bool granted;
  std::string reason;
};
std::int64_t store_events(store::Tx& tx, const Device& device, const std::vector<StoredEvent>& events);

struct EventFilter {
  std::int64_t compound_node_id = 0;
  std::optional<std::int64_t> gate_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> from;  // UTC, inclusive
  std::optional<std::string> to;    // UTC, exclusive
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 50;
};
struct AccessEvent {
  std::int64_t id;
  std::string occurred_at;
  std::int64_t gate_id;
  std::string gate_name;
  std::int64_t device_id;
  std::optional<std::int64_t> credential_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> holder_name;  // a resident masked, staff by their account's name
  std::string employee_no;
  bool granted;
  std::string reason;
  std::string source;  // device (pulled from a terminal) or check (answered by the platform)
  std::optional<std::int64_t> visitor_pass_id;
};
// Newest first.
std::vector<AccessEvent> events_where(store::Connection& connection, const EventFilter& filter);
// Deletes the events that happened before `before`; returns how many.
std::int64_t purge_events(store::Tx& tx, const std::string& before);

}  // namespace weizhi::access
