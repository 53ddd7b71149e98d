// The access terminals as the module runs them: their routes, the sync that makes a terminal hold exactly the
// credentials that open its gate, and the job that runs it soon after a change and every hour in full.
#pragma once
#include <optional>
#include <string>

#include "core/crypto.hpp"
#include "modules/module.hpp"

namespace weizhi::access {

struct SyncOutcome {
  int upserted = 0;
  int deleted = 0;
  int failed = 0;                    // persons the terminal refused
  std::optional<std::string> error;  // why the terminal could not be synced at all, in Chinese
};

// Syncs the device: reads what the platform wants on it and what it holds, then writes the difference, outside
// any transaction; records the outcome (and on failure the next retry) with an audit entry by `actor`.
SyncOutcome sync_device(store::Db& db, const crypto::DataKey& data_key, std::int64_t device_id,
                        const std::string& actor);

// Pulls the device's events since the newest it has (the last day for a new device) and stores the new ones;
// returns how many, or nullopt when the terminal could not be read (the sync's status shows why).
std::optional<std::int64_t> pull_events(store::Db& db, const crypto::DataKey& data_key, std::int64_t device_id);

void add_device_routes(http::Router& router);   // devices_routes.cpp
void add_visitor_routes(http::Router& router);  // visitors_routes.cpp: passes, the key and the gate's check
// The demo street's terminal at the compound's small gate, pointing at an address never routed (devices_seed.cpp).
void seed_devices(modules::SeedContext& seed, std::int64_t compound_id);
modules::Job device_sync_job();  // devices_sync.cpp
modules::Job event_pull_job();   // devices_sync.cpp: every minute
modules::Job event_purge_job();  // devices_sync.cpp: daily, events past kEventRetentionDays

}  // namespace weizhi::access
