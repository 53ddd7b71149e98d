// Benchmark of the monthly property evaluation at a city's size: a street of 30 communities and 3,000 compounds,
// each with a contract in force and its three sheets in, closed month by month the way the close route runs it
// (close_month in a group-committed write, from as many threads as the server's workers). Prints the figure.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "modules/org/registry.hpp"
#include "modules/property/evaluation_month.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/store.hpp"

namespace {

using namespace weizhi;
using property::Evaluator;
using property::ItemSource;
using property::TemplateItem;

constexpr int kCommunities = 30;
constexpr double kGoalSeconds = 5.0;

// A street's three templates, each with an item the records fill, as a real street's are.
const std::vector<std::pair<Evaluator, std::vector<TemplateItem>>> kForms = {
    {Evaluator::Street,
     {{"cleaning", "环境卫生保洁", 5'000, std::nullopt}, {"security", "大门秩序", 5'000, std::nullopt}}},
    {Evaluator::Community,
     {{"cooperation", "配合社区工作", 6'000, std::nullopt},
      {"cases_on_time", "报事按时办结率", 4'000, ItemSource::CasesOnTime}}},
    {Evaluator::Committee,
     {{"owners", "业主满意程度", 7'000, std::nullopt},
      {"violations", "公约违规整改", 3'000, ItemSource::ViolationsOverdue}}},
};

// Compounds with a contract in force from the first of last year, and the templates; returns the contract ids.
std::vector<std::int64_t> seed_city(store::Tx& tx, int contracts) {
  auto street = org::find_node(tx, tx.scalar("SELECT id FROM org_nodes WHERE kind = 'street' ORDER BY id LIMIT 1"));
  std::int64_t company = property::insert_company(
      tx, street->id, {"城市物业服务有限公司", "91330100MA2B3C4D5E", property::Origin::External, {}, {}, {}});
  std::string year = street_date(tx.now()).substr(0, 4);
  std::vector<std::int64_t> ids;
  for (int c = 0; c < kCommunities; ++c) {
    auto community = org::create_community(tx, *street, "城市社区" + std::to_string(c + 1), std::nullopt);
    for (int k = c; k < contracts; k += kCommunities) {
      auto compound = org::create_compound(tx, community, "城市小区" + std::to_string(k + 1), std::nullopt);
      std::int64_t id = property::insert_contract(tx, {compound.id,
                                                       company,
                                                       std::to_string(std::stoi(year) - 1) + "-01-01",
                                                       year + "-12-31",
                                                       3'000'000,
                                                       1'000'000,
                                                       {"cleaning"},
                                                       {property::GateTier::Main}});
      property::put_in_force(tx, id, std::nullopt, std::to_string(std::stoi(year) - 1) + "-01-01");
      ids.push_back(id);
    }
  }
  return ids;
}

void fill_sheets(store::Tx& tx, const std::vector<std::int64_t>& contracts, const std::string& month) {
  std::int64_t street = tx.scalar("SELECT id FROM org_nodes WHERE kind = 'street' ORDER BY id LIMIT 1");
  std::vector<std::int64_t> templates;
  for (const auto& [party, items] : kForms)
    templates.push_back(property::insert_template(tx, street, party, items, {}));
  for (std::size_t n = 0; n < contracts.size(); ++n) {
    auto at =
        property::month_of_contract(tx.connection(), *property::find_contract(tx.connection(), contracts[n]), month);
    auto figures = property::record_figures(tx.connection(), at.compound.id, month);
    for (std::size_t p = 0; p < kForms.size(); ++p) {
      std::vector<property::SheetItem> sheet;
      for (const auto& item : kForms[p].second) {
        // Spread the scores so that every outcome the arithmetic knows is taken.
        std::int64_t points = item.source ? property::system_points(*item.source, figures, item.max)
                                          : item.max * static_cast<std::int64_t>(50 + (n * 7 + p * 3) % 51) / 100;
        sheet.push_back({item.code, item.max, points});
      }
      property::insert_sheet(tx, contracts[n], month, kForms[p].first, templates[p], sheet, {});
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int contracts = argc > 1 ? std::atoi(argv[1]) : 3000;
  int threads = argc > 2 ? std::atoi(argv[2]) : 8;
  if (contracts < kCommunities || threads < 1) {
    std::fprintf(stderr, "usage: property_close_bench [CONTRACTS>=%d] [THREADS>=1]\n", kCommunities);
    return 2;
  }
  const char* parent = std::getenv("BENCH_TMPDIR");
  std::string pattern = (std::filesystem::path(parent ? parent : std::filesystem::temp_directory_path().string()) /
                         "weizhi-property-bench-XXXXXX")
                            .string();
  std::string folder = mkdtemp(pattern.data());
  crypto::init();
  SystemClock clock;
  std::vector<std::int64_t> ids;
  std::string month = property::previous_month(street_date(clock.now()).substr(0, 7));
  double seconds = 0;
  {
    std::string key_file = folder + "/data.key";
    crypto::DataKey::generate_file(key_file);
    store::Db db("sqlite:" + folder + "/city.db", clock);
    app::prepare_database(db);
    app::seed_demo(db, key_file, modules::SeedSize::Test);
    db.transaction([&](store::Tx& tx) {
      ids = seed_city(tx, contracts);
      fill_sheets(tx, ids, month);
    });

    std::atomic<std::size_t> next{0};
    std::atomic<int> closed{0};
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (std::size_t n = next++; n < ids.size(); n = next++) {
          db.write([&](store::Tx& tx) {
            auto contract = property::find_contract(tx.connection(), ids[n]);
            auto at = property::month_of_contract(tx.connection(), *contract, month);
            if (property::close_month(tx, at, std::nullopt)) ++closed;
          });
        }
      });
    }
    for (auto& worker : workers) worker.join();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (closed.load() != contracts) {
      std::fprintf(stderr, "property close: %d of %d months closed\n", closed.load(), contracts);
      std::filesystem::remove_all(folder);
      return 1;
    }
  }
  std::filesystem::remove_all(folder);
  std::printf(
      "property close: %d contracts' month %s closed in %.2f s (%.2f ms each, %d threads), goal <= %.0f s: %s\n",
      contracts, month.c_str(), seconds, seconds * 1000 / contracts, threads, kGoalSeconds,
      seconds <= kGoalSeconds ? "met" : "MISSED");
  return 0;
}
