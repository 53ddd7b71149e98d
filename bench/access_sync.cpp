// Benchmark of a terminal's full sync: a compound with 5,000 credentials synced to the ISAPI emulator (digest
// authentication, one call per person, as a Hikvision terminal takes them) from an empty list, then a second sync
// with nothing to change. Prints the figures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "modules/access/devices.hpp"
#include "modules/access/devices_rules.hpp"
#include "modules/access/devices_store.hpp"
#include "support/isapi_emulator.hpp"

namespace {

using namespace weizhi;

constexpr double kGoalSeconds = 20.0;

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

int main(int argc, char** argv) {
  int credentials = argc > 1 ? std::atoi(argv[1]) : 5000;
  if (credentials < 1) {
    std::fprintf(stderr, "usage: access_sync_bench [CREDENTIALS>=1]\n");
    return 2;
  }
  const char* parent = std::getenv("BENCH_TMPDIR");
  std::string pattern = (std::filesystem::path(parent ? parent : std::filesystem::temp_directory_path().string()) /
                         "weizhi-access-bench-XXXXXX")
                            .string();
  std::string folder = mkdtemp(pattern.data());
  crypto::init();
  SystemClock clock;
  testing::IsapiEmulator terminal("admin", "bench-password");
  double full = 0, again = 0;
  access::SyncOutcome first, second;
  {
    std::string key_file = folder + "/data.key";
    crypto::DataKey::generate_file(key_file);
    auto data_key = crypto::DataKey::from_file(key_file);
    store::Db db("sqlite:" + folder + "/street.db", clock);
    app::prepare_database(db);
    app::seed_demo(db, key_file, modules::SeedSize::Test);
    std::int64_t device = db.write([&](store::Tx& tx) {
      std::int64_t compound = tx.scalar("SELECT id FROM org_nodes WHERE kind = 'compound' ORDER BY id LIMIT 1");
      std::int64_t person = tx.scalar("SELECT id FROM people ORDER BY id LIMIT 1");
      std::string now = iso_utc(tx.now());
      tx.exec("DELETE FROM access_credentials WHERE compound_node_id = ?", {compound});
      for (int n = 0; n < credentials; ++n) {
        tx.exec(
            "INSERT INTO access_credentials (compound_node_id, person_id, kind, number, valid_from, valid_to, state, "
            "created_at, updated_at) VALUES (?, ?, 'card', ?, '2026-01-01', '2099-12-31', 'active', ?, ?)",
            {compound, person, "B" + std::to_string(100000 + n), now, now});
      }
      std::int64_t gate = tx.scalar(
          "SELECT id FROM access_gates WHERE compound_node_id = ? AND tier = 'main' ORDER BY id LIMIT 1", {compound});
      return access::insert_device(
          tx, {gate, "bench", access::kIsapiVendor, terminal.url(), "admin", data_key.encrypt("bench-password")});
    });
    auto started = std::chrono::steady_clock::now();
    first = access::sync_device(db, data_key, device, "bench");
    full = seconds_since(started);
    started = std::chrono::steady_clock::now();
    second = access::sync_device(db, data_key, device, "bench");
    again = seconds_since(started);
  }
  std::filesystem::remove_all(folder);
  if (first.error || first.upserted != credentials || terminal.users().size() != std::size_t(credentials)) {
    std::fprintf(stderr, "access sync: %d of %d written (%s)\n", first.upserted, credentials,
                 first.error.value_or("").c_str());
    return 1;
  }
  std::printf(
      "access sync: %d credentials written to an empty terminal in %.2f s (%.2f ms each), goal <= %.0f s: %s; "
      "nothing to change in %.2f s (%d written)\n",
      credentials, full, full * 1000 / credentials, kGoalSeconds, full <= kGoalSeconds ? "met" : "MISSED", again,
      second.upserted);
  return 0;
}
