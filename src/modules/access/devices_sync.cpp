// The sync of a terminal with the platform (docs/rules.md#i-device-sync) and the job that runs it: every 10 s
// it claims the period and syncs the devices whose compound's credentials changed since their last sync, or
// whose last full sync is an hour old, skipping those waiting out a retry. Then the pull of the terminals' access
// events every minute, and their purge after kEventRetentionDays (docs/rules.md#i-access-events).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "audit/audit.hpp"
#include "core/log.hpp"
#include "modules/access/devices.hpp"
#include "modules/access/devices_store.hpp"
#include "modules/access/isapi.hpp"
#include "modules/access/store.hpp"
#include "modules/access/visitors_store.hpp"

namespace weizhi::access {

namespace {

constexpr int kJobSeconds = 10;
constexpr int kFullSyncSeconds = 3600;
constexpr std::int64_t kCredentialBatch = 500;

// What the platform wants on the device, and the newest credential change it reflects.
struct Wanted {
  std::vector<DeviceUser> users;
  std::optional<std::string> changed_at;
};

Wanted wanted_on(store::Connection& connection, const Device& device) {
  Wanted wanted;
  auto gate = find_gate(connection, device.gate_id);
  if (!gate) return wanted;
  wanted.changed_at = credentials_changed_at(connection, device.compound_node_id);
  CredentialFilter filter;
  filter.compound_node_id = device.compound_node_id;
  filter.limit = kCredentialBatch;
  for (;;) {
    auto batch = credentials_where(connection, filter);
    for (const auto& credential : batch) {
      if (belongs_on(credential, gate->input.tier)) wanted.users.push_back(device_user_of(credential));
    }
    if (static_cast<std::int64_t>(batch.size()) < kCredentialBatch) break;
    filter.before_id = batch.back().id;
  }
  return wanted;
}

// Calls `each` for every device `due` lists at the database's now (read through one lease, outside any transaction),
// up to 8 at a time: a terminal that is down costs its 2 s connect timeout, and a street's terminals one after the
// other would hold the job runner (and every other job) that long each. Answers how many devices were due.
template <class Due, class Each>
std::size_t each_due_device(store::Db& db, Due due, Each each) {
  std::vector<std::int64_t> ids = [&] {
    auto lease = db.read();
    return due(*lease, db.clock().now());
  }();
  constexpr std::size_t kAtOnce = 8;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < std::min(kAtOnce, ids.size()); ++w) {
    workers.emplace_back([&] {
      for (std::size_t n = next++; n < ids.size(); n = next++) {
        // One device's trouble (a password the key no longer opens) must not end the others' turn, nor the process.
        try {
          each(ids[n]);
        } catch (const std::exception& error) {
          log::error({{"event", "access_device_failed"}, {"device_id", ids[n]}, {"error", error.what()}});
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return ids.size();
}

}  // namespace

SyncOutcome sync_device(store::Db& db, const crypto::DataKey& data_key, std::int64_t device_id,
                        const std::string& actor) {
  SyncOutcome outcome;
  std::optional<Device> device;
  Wanted wanted;
  {
    auto lease = db.read();
    device = find_device(*lease, device_id);
    if (!device) return outcome;
    wanted = wanted_on(*lease, *device);
  }
  auto terminal =
      make_terminal({device->vendor, device->url, device->username, data_key.decrypt(device->password_enc)});
  try {
    if (!terminal) throw DeviceFailure("不支持的设备类型：" + device->vendor);
    SyncPlan plan = plan_sync(wanted.users, terminal->users());
    for (const auto& user : plan.upserts) {
      try {
        terminal->upsert(user);
        ++outcome.upserted;
      } catch (const DeviceFailure& failure) {
        if (!failure.answered) throw;
        ++outcome.failed;
      }
    }
    if (!plan.deletes.empty()) {
      terminal->remove(plan.deletes);
      outcome.deleted = static_cast<int>(plan.deletes.size());
    }
    if (outcome.failed > 0) outcome.error = std::to_string(outcome.failed) + " 人未能写入设备";
  } catch (const DeviceFailure& failure) {
    outcome.error = failure.what();
  }
  db.write([&](store::Tx& tx) {
    Json summary{{"upserted", outcome.upserted}, {"deleted", outcome.deleted}, {"failed", outcome.failed}};
    if (outcome.error) {
      // The change waits: the credentials are not marked synced, and the device is tried again after the delay.
      std::int64_t failures = device->failures + 1;
      TimePoint retry = tx.now() + std::chrono::seconds(retry_delay_seconds(static_cast<int>(failures)));
      record_failure(tx, device_id, *outcome.error, failures, iso_utc(retry));
      summary["error"] = *outcome.error;
    } else {
      record_sync(tx, device_id, wanted.changed_at.value_or(""));
    }
    audit::record(tx, actor, "access.device.sync", "access_device:" + std::to_string(device_id), summary);
  });
  return outcome;
}

std::optional<std::int64_t> pull_events(store::Db& db, const crypto::DataKey& data_key, std::int64_t device_id) {
  std::optional<Device> device;
  {
    auto lease = db.read();
    device = find_device(*lease, device_id);
  }
  if (!device) return std::nullopt;
  auto terminal =
      make_terminal({device->vendor, device->url, device->username, data_key.decrypt(device->password_enc)});
  if (!terminal) return std::nullopt;
  TimePoint now = db.clock().now();
  TimePoint from = now - std::chrono::hours(24);
  if (device->last_event_at) from = parse_iso(*device->last_event_at).value_or(from);
  std::vector<StoredEvent> events;
  try {
    for (const auto& event : terminal->events(from, now)) {
      auto at = event_time_utc(event.time);
      if (!at) continue;
      EventOutcome outcome = event_outcome(event.minor);
      events.push_back({event.serial_no, *at, event.employee_no, outcome.granted, outcome.reason});
    }
  } catch (const DeviceFailure&) {
    return std::nullopt;
  }
  return db.write([&](store::Tx& tx) { return store_events(tx, *device, events); });
}

modules::Job device_sync_job() {
  return modules::Job{
      .name = "access.devices.sync",
      .period_of =
          [](TimePoint now) {
            auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
            return std::to_string(seconds / kJobSeconds);
          },
      // The claim alone: the terminals are called after it commits, never inside a write transaction.
      .run = [](store::Tx&, const std::string&) {},
      .after_commit =
          [](store::Db& db, const crypto::DataKey& data_key, const std::string&) {
            return each_due_device(
                db,
                [](store::Connection& connection, TimePoint now) {
                  return devices_due(connection, iso_utc(now), iso_utc(now - std::chrono::seconds(kFullSyncSeconds)));
                },
                [&](std::int64_t id) { sync_device(db, data_key, id, "system"); });
          }};
}

modules::Job event_pull_job() {
  return modules::Job{
      .name = "access.events.pull",
      .period_of = [](TimePoint now) { return iso_utc(now).substr(0, 16); },
      .run = [](store::Tx&, const std::string&) {},
      .after_commit =
          [](store::Db& db, const crypto::DataKey& data_key, const std::string&) {
            each_due_device(
                db,
                [](store::Connection& connection, TimePoint now) { return devices_to_pull(connection, iso_utc(now)); },
                [&](std::int64_t id) { pull_events(db, data_key, id); });
          }};
}

modules::Job event_purge_job() {
  return modules::Job{"access.events.purge", street_date, [](store::Tx& tx, const std::string&) {
                        std::string before = iso_utc(tx.now() - std::chrono::days(kEventRetentionDays));
                        std::int64_t purged = purge_events(tx, before);
                        // Visitor passes go with their passages: those that expired as long ago (docs/rules.md#i-visitor-passes).
                        std::int64_t passes = purge_passes(tx, before);
                        audit::record(tx, "system", "access.events.purge", "access_events",
                                      {{"before", before}, {"purged", purged}, {"visitor_passes_purged", passes}});
                      }};
}

}  // namespace weizhi::access
