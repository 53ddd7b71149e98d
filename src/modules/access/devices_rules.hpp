// Pure rules of the access terminals (docs/rules.md#i-device-sync): what a device should hold for the gate it
// serves, the difference from what it holds, the ISAPI person record, the paging of its searches, the retry
// schedule of a device that fails, and which device addresses are accepted. No SQL, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/access/model.hpp"

namespace weizhi::access {

// A person on a terminal as the adapters see it, whatever the vendor: the code the terminal knows them by, the
// (masked) name it shows, whether it opens, and the days it opens on.
struct DeviceUser {
  std::string employee_no;
  std::string name;
  bool enabled = true;
  std::string begin;  // YYYY-MM-DD, from the day's start
  std::string end;    // YYYY-MM-DD, to the day's end
  bool operator==(const DeviceUser&) const = default;
};

// The code a credential is known by on a terminal: a card's number, a face's enrolment code, and for a QR code
// "QR" and the credential's id (the terminal's own code reader hands the payload to the platform).
std::string employee_no_of(const Credential& credential);
// Whether the credential belongs on a gate of `tier`: active or suspended (a suspended one is kept, disabled, so
// that restoring it is one small change), covering the tier.
bool belongs_on(const Credential& credential, Tier tier);
// What the terminal should hold for the credential: disabled unless active.
DeviceUser device_user_of(const Credential& credential);

// What a sync does: the persons to add or rewrite, and the codes to delete (unknown to the platform).
struct SyncPlan {
  std::vector<DeviceUser> upserts;
  std::vector<std::string> deletes;
};
SyncPlan plan_sync(const std::vector<DeviceUser>& desired, const std::vector<DeviceUser>& held);

// --- ISAPI (Hikvision access control, JSON) ---

// {"UserInfo": {...}} for UserInfo/SetUp: validity from 00:00:00 of `begin` to 23:59:59 of `end`, local time.
Json isapi_user_info(const DeviceUser& user);
// A person read from a UserInfo/Search match; nullopt for a record without an employeeNo.
std::optional<DeviceUser> read_isapi_user(const Json& info);

// Where a paged search stands after a page: searches go on from `position` while the device says MORE.
struct SearchPage {
  std::int64_t position = 0;  // searchResultPosition of the next page
  bool done = false;
};
// The next state after a page of `returned` records with responseStatusStrg `status` (OK, MORE or NO MATCH);
// nullopt for any other status, or MORE with nothing returned (a device that would loop forever).
std::optional<SearchPage> next_page(const SearchPage& page, std::string_view status, std::int64_t returned);

// --- Events ---

// An access event as a terminal reports it: its serial number, when (the terminal's local time with or without an
// offset; without one it is the street's), the code of the person if any, and its minor type.
struct DeviceEvent {
  std::int64_t serial_no = 0;
  std::string time;
  std::string employee_no;
  int minor = 0;
};
// An event read from an AcsEvent InfoList entry; nullopt without a serial number or a time.
std::optional<DeviceEvent> read_isapi_event(const Json& info);
// Whether the passage was granted, and why in Chinese, from ISAPI's access-control minor types (major 5).
struct EventOutcome {
  bool granted;
  std::string reason;
};
EventOutcome event_outcome(int minor);
// The event's time in UTC (iso_utc); nullopt when unreadable.
std::optional<std::string> event_time_utc(const std::string& device_time);
// A time as an ISAPI search wants it: the street's local time with its offset, "2026-12-07T08:00:00+08:00".
std::string isapi_time(TimePoint moment);
// Events are kept this many days, then purged (docs/rules.md#i-access-events).
inline constexpr int kEventRetentionDays = 180;

// --- Devices ---

inline constexpr const char* kIsapiVendor = "hikvision_isapi";
// 400 naming `url` unless an http or https address with a host, without credentials, a query or a fragment.
void check_device_url(const std::string& url);
// The retry schedule of a device after `failures` failed syncs in a row (1, 2, …): 30 s doubling to at most
// one hour.
int retry_delay_seconds(int failures);

}  // namespace weizhi::access
