// The property money over HTTP on the test street: funding lines and their payments, own revenue and costs
// recorded with their checks (nothing written on refusal), a community's ledger with its subsidy per month and
// year, the owners' share of common parts, the ledger as a workbook, the street's summary and the property
// figures from the demo records, and who reads and writes the money.
#include "core/time.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::Reply;

namespace {

// The demo street's year (the year it is seeded in): eight lines paying every community Jan–Nov; 南苑社区 short in June, July and August.
constexpr std::int64_t kDemoMonthlyPerCommunity =
    (30'000 + 12'000 + 8'000 + 10'000 + 5'000 + 9'000 + 6'000 + 4'000) * 100;
constexpr std::int64_t kDemoStreetSubsidy = 3 * 4'000 * 100;

}  // namespace

class PropertyLedgerTest : public ApiTest {
 protected:
  std::int64_t rows(const std::string& table) { return db().read()->scalar("SELECT COUNT(*) FROM " + table); }
  std::int64_t money_rows() {
    return rows("property_funding_lines") + rows("property_funding_payments") + rows("property_revenues") +
           rows("property_costs");
  }
  std::int64_t money_audits() {
    return db().read()->scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('property.funding_line.create', "
        "'property.funding_payment.create', 'property.revenue.create', 'property.cost.create')");
  }
  std::string id(const std::string& code) { return std::to_string(node(code)); }
  // The year the demo ledger is seeded for: the current one.
  const std::string year = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 4);
  std::string in_year(const char* number) const { return year + "-" + number; }

  // A new company of the street with a contract for `compound` (ended, beside any the seed put in force); returns
  // the contract's id.
  std::int64_t contract_for(const std::string& compound, const std::string& credit_code) {
    return db().write([&](weizhi::store::Tx& tx) {
      std::int64_t company = tx.scalar(
          "INSERT INTO property_companies (street_node_id, name, credit_code, origin, specialities, contacts, "
          "licence_photos, created_at) VALUES (?, ?, ?, 'local', '[]', '[]', '[]', '2026-01-01T00:00:00.000Z') "
          "RETURNING id",
          {node("street"), "测试物业" + credit_code, credit_code});
      return tx.scalar(
          "INSERT INTO property_contracts (compound_node_id, company_id, starts_on, ends_on, base_fen, pool_fen, "
          "services, gate_tiers, state, created_at) VALUES (?, ?, '2025-01-01', '2027-12-31', 2000000, 500000, '[]', "
          "'[]', 'ended', '2025-01-01T00:00:00.000Z') RETURNING id",
          {node(compound), company});
    });
  }

  // A community of another street.
  std::int64_t foreign_community() {
    return db().write([&](weizhi::store::Tx& tx) {
      auto street =
          weizhi::org::insert_node(tx, std::nullopt, weizhi::org::NodeKind::Street, "湖墅街道", "ledger-other");
      return weizhi::org::create_community(tx, street, "湖墅社区", "ledger-other-community").id;
    });
  }

  json ledger(const std::string& login, const std::string& community, const std::string& year) {
    auto reply = signed_in(login)->get("/api/v1/property/ledger?community=" + id(community) + "&year=" + year);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
};

TEST_F(PropertyLedgerTest, BadRecordsAreRefusedNamingTheFieldAndWriteNothing) {
  auto admin = signed_in("admin");
  std::int64_t other_street_community = foreign_community();
  std::int64_t cuiyu_contract = contract_for("c-cuiyu", "91330105MA2BADC0D1");
  std::int64_t before = money_rows();
  json revenue{{"community_id", node("desheng")},
               {"compound_id", node("desheng-xincun")},
               {"month", "2025-05"},
               {"kind", "parking"},
               {"common_parts", true},
               {"amount_fen", 120000}};
  auto refused = [&](const std::string& path, json body, const std::string& key, const json& value) {
    body[key] = value;
    return admin->post(path, body);
  };
  for (const json& amount : {json(12.5), json("120000"), json(-1), json(1'000'000'000'001), json(nullptr),
                             json::parse("1e5"), json::parse("100.0")}) {
    auto reply = refused("/api/v1/property/revenues", revenue, "amount_fen", amount);
    EXPECT_EQ(reply.status, 400) << amount.dump();
    EXPECT_EQ(reply.error_field(), "amount_fen") << amount.dump();
  }
  for (const char* month : {"2025-13", "2025-5", "2025/05", "", "2025-05-01"}) {
    EXPECT_EQ(refused("/api/v1/property/revenues", revenue, "month", month).error_field(), "month") << month;
  }
  EXPECT_EQ(refused("/api/v1/property/revenues", revenue, "kind", "rent").error_field(), "kind");
  EXPECT_EQ(refused("/api/v1/property/revenues", revenue, "common_parts", "yes").error_field(), "common_parts");
  auto outside = refused("/api/v1/property/revenues", revenue, "compound_id", node("c-cuiyu"));
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(outside.error_field(), "compound_id");
  auto compound_as_community = refused("/api/v1/property/revenues", revenue, "community_id", node("desheng-xincun"));
  EXPECT_EQ(compound_as_community.status, 422);
  EXPECT_EQ(compound_as_community.error_field(), "community_id");
  EXPECT_EQ(refused("/api/v1/property/revenues", revenue, "community_id", other_street_community).status, 403)
      << "the street's administrator holds nothing in another street";

  json cost{{"community_id", node("desheng")}, {"month", "2025-05"}, {"kind", "contract_base"}, {"amount_fen", 50000}};
  EXPECT_EQ(refused("/api/v1/property/costs", cost, "amount_fen", 0.5).error_field(), "amount_fen");
  EXPECT_EQ(refused("/api/v1/property/costs", cost, "kind", "salary").error_field(), "kind");
  auto foreign_contract = refused("/api/v1/property/costs", cost, "contract_id", cuiyu_contract);
  EXPECT_EQ(foreign_contract.status, 422) << "a contract of 翠玉苑 is no cost of 德胜社区";
  EXPECT_EQ(foreign_contract.error_field(), "contract_id");
  json of_compound = cost;
  of_compound["compound_id"] = node("desheng-xincun");
  EXPECT_EQ(refused("/api/v1/property/costs", of_compound, "contract_id", cuiyu_contract).error_field(), "contract_id");
  EXPECT_EQ(refused("/api/v1/property/costs", cost, "contract_id", 999999).error_field(), "contract_id");
  EXPECT_EQ(refused("/api/v1/property/costs", cost, "common_parts", true).error_field(), "compound_id")
      << "a cost of common parts names its compound";

  json line{{"year", 2025}, {"code", "sanitation"}, {"name", "环境卫生"}, {"budget_fen", 1000000}};
  EXPECT_EQ(refused("/api/v1/property/funding-lines", line, "budget_fen", 1.5).error_field(), "budget_fen");
  EXPECT_EQ(refused("/api/v1/property/funding-lines", line, "year", 1899).error_field(), "year");
  EXPECT_EQ(refused("/api/v1/property/funding-lines", line, "code", "环境").error_field(), "code");
  EXPECT_EQ(refused("/api/v1/property/funding-lines", line, "name", " ").error_field(), "name");
  EXPECT_EQ(refused("/api/v1/property/funding-lines", line, "street_id", node("desheng")).status, 404);
  auto duplicate =
      admin->post("/api/v1/property/funding-lines",
                  json{{"year", std::stoi(year)}, {"code", "sanitation"}, {"name", "环境卫生"}, {"budget_fen", 1}});
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.error_field(), "code");

  std::int64_t seeded_line = db().read()->scalar("SELECT MIN(id) FROM property_funding_lines");
  std::string payments = "/api/v1/property/funding-lines/" + std::to_string(seeded_line) + "/payments";
  json payment{{"community_id", node("desheng")}, {"month", in_year("12")}, {"amount_fen", 100}};
  auto wrong_year = refused(payments, payment, "month", std::to_string(std::stoi(year) - 1) + "-12");
  EXPECT_EQ(wrong_year.status, 422);
  EXPECT_EQ(wrong_year.error_field(), "month");
  auto abroad = refused(payments, payment, "community_id", other_street_community);
  EXPECT_EQ(abroad.status, 422);
  EXPECT_EQ(abroad.error_field(), "community_id");
  EXPECT_EQ(refused(payments, payment, "amount_fen", "100").error_field(), "amount_fen");
  EXPECT_EQ(refused(payments, payment, "surplus", 1).status, 400) << "unknown fields are refused";
  EXPECT_EQ(admin->post("/api/v1/property/funding-lines/999999/payments", payment).status, 404);

  EXPECT_EQ(money_rows(), before);
  EXPECT_EQ(money_audits(), 0);
}

TEST_F(PropertyLedgerTest, TheLedgerClosesEachMonthsGapAndAddsTheMonthsSubsidies) {
  auto director = signed_in("director");
  auto admin = signed_in("admin");
  // 2025 has no records: March is 30,000 fen short, April 20,000 fen over.
  auto line = admin->post("/api/v1/property/funding-lines",
                          json{{"year", 2025}, {"code", "sanitation"}, {"name", "环境卫生"}, {"budget_fen", 2400000}});
  ASSERT_EQ(line.status, 201) << line.body;
  EXPECT_EQ(line.json()["paid_fen"], 0);
  std::string payments = "/api/v1/property/funding-lines/" + std::to_string(line.json()["id"].get<int>()) + "/payments";
  for (const char* month : {"2025-03", "2025-04"}) {
    auto paid =
        admin->post(payments, json{{"community_id", node("desheng")}, {"month", month}, {"amount_fen", 200000}});
    ASSERT_EQ(paid.status, 201) << paid.body;
    EXPECT_EQ(paid.json()["community"]["name"], "德胜社区");
  }
  auto revenue = director->post("/api/v1/property/revenues", json{{"community_id", node("desheng")},
                                                                  {"compound_id", node("desheng-xincun")},
                                                                  {"month", "2025-04"},
                                                                  {"kind", "advertising"},
                                                                  {"common_parts", true},
                                                                  {"amount_fen", 70000},
                                                                  {"note", "电梯厅广告"}});
  ASSERT_EQ(revenue.status, 201) << revenue.body;
  EXPECT_EQ(revenue.json()["compound"]["name"], "德胜新村");
  EXPECT_EQ(revenue.json()["kind"], "advertising");
  EXPECT_EQ(revenue.json()["recorded_by"]["role"], "tripartite_director");
  std::int64_t contract = contract_for("desheng-xincun", "91330105MA2LEDGER1");
  auto contract_cost = director->post("/api/v1/property/costs", json{{"community_id", node("desheng")},
                                                                     {"month", "2025-03"},
                                                                     {"kind", "contract_base"},
                                                                     {"contract_id", contract},
                                                                     {"amount_fen", 200000}});
  ASSERT_EQ(contract_cost.status, 201) << contract_cost.body;
  EXPECT_EQ(contract_cost.json()["compound"]["id"], node("desheng-xincun")) << "a contract's pay is its compound's";
  for (const auto& [month, kind, amount] : std::vector<std::tuple<std::string, std::string, int>>{
           {"2025-03", "maintenance", 30000}, {"2025-04", "contract_performance", 250000}}) {
    ASSERT_EQ(
        director
            ->post("/api/v1/property/costs",
                   json{{"community_id", node("desheng")}, {"month", month}, {"kind", kind}, {"amount_fen", amount}})
            .status,
        201);
  }
  auto common_cost = director->post("/api/v1/property/costs", json{{"community_id", node("desheng")},
                                                                   {"compound_id", node("c-deshengba")},
                                                                   {"month", "2025-04"},
                                                                   {"kind", "other"},
                                                                   {"common_parts", true},
                                                                   {"amount_fen", 0}});
  ASSERT_EQ(common_cost.status, 201) << common_cost.body;
  ASSERT_EQ(director
                ->post("/api/v1/property/costs", json{{"community_id", node("desheng")},
                                                      {"compound_id", node("c-deshengba")},
                                                      {"month", "2025-05"},
                                                      {"kind", "maintenance"},
                                                      {"common_parts", true},
                                                      {"amount_fen", 15000}})
                .status,
            201);
  EXPECT_EQ(money_audits(), 9);

  json shown = ledger("director", "desheng", "2025");
  EXPECT_EQ(shown["community"]["name"], "德胜社区");
  EXPECT_EQ(shown["year"], 2025);
  ASSERT_EQ(shown["months"].size(), 12u);
  json march = shown["months"][2];
  EXPECT_EQ(march["month"], "2025-03");
  EXPECT_EQ(march["income"], (json{{"funding_fen", 200000}, {"revenue_fen", 0}, {"total_fen", 200000}}));
  EXPECT_EQ(march["costs"], (json{{"contract_fen", 200000}, {"other_fen", 30000}, {"total_fen", 230000}}));
  EXPECT_EQ(march["subsidy_fen"], 30000);
  json april = shown["months"][3];
  EXPECT_EQ(april["income"]["total_fen"], 270000);
  EXPECT_EQ(april["costs"]["total_fen"], 250000);
  EXPECT_EQ(april["subsidy_fen"], 0) << "April's surplus is not a negative subsidy";
  EXPECT_EQ(shown["months"][4]["subsidy_fen"], 15000);
  // The year is 25,000 fen short, yet the street paid 45,000: April's surplus does not pay for March's or May's gap.
  EXPECT_EQ(shown["totals"]["income"]["total_fen"], 470000);
  EXPECT_EQ(shown["totals"]["costs"]["total_fen"], 495000);
  EXPECT_EQ(shown["totals"]["subsidy_fen"], 45000);
  EXPECT_FALSE(shown["totals"].contains("month"));
  EXPECT_EQ(shown["self_sufficient"], false);

  // Art. 282: 德胜新村's common parts earned 70,000 fen and cost nothing; 德胜坝's cost 15,000 and earned nothing.
  std::map<std::string, json> compounds;
  for (const auto& each : shown["compounds"]) compounds[each["compound"]["name"]] = each;
  ASSERT_EQ(compounds.size(), 4u) << "every compound of the community";
  EXPECT_EQ(compounds["德胜新村"]["common_income_fen"], 70000);
  EXPECT_EQ(compounds["德胜新村"]["owners_fen"], 70000);
  EXPECT_EQ(compounds["德胜坝小区"]["costs_fen"], 15000);
  EXPECT_EQ(compounds["德胜坝小区"]["owners_fen"], -15000) << "a loss on common parts is shown, not hidden";
  EXPECT_EQ(compounds["潮王苑"]["owners_fen"], 0);

  auto revenues = director->get("/api/v1/property/revenues?community=" + id("desheng") + "&year=2025");
  ASSERT_EQ(revenues.status, 200) << revenues.body;
  ASSERT_EQ(revenues.json()["items"].size(), 1u);
  EXPECT_EQ(revenues.json()["items"][0]["note"], "电梯厅广告");
  auto costs = director->get("/api/v1/property/costs?community=" + id("desheng") + "&year=2025");
  ASSERT_EQ(costs.json()["items"].size(), 5u);
  EXPECT_EQ(costs.json()["items"][0]["contract_id"], contract);
  auto lines = admin->get("/api/v1/property/funding-lines?year=2025");
  ASSERT_EQ(lines.json()["items"].size(), 1u);
  EXPECT_EQ(lines.json()["items"][0]["paid_fen"], 400000);
  EXPECT_EQ(lines.json()["items"][0]["communities"], 1);

  // A year without a record is all zero and needs no subsidy.
  json empty = ledger("director", "desheng", "2024");
  EXPECT_EQ(empty["totals"]["income"]["total_fen"], 0);
  EXPECT_EQ(empty["self_sufficient"], true);
  EXPECT_EQ(director->get("/api/v1/property/ledger?community=" + id("desheng") + "&year=20x5").error_field(), "year");
  EXPECT_EQ(director->get("/api/v1/property/ledger?year=2025").error_field(), "community");
  EXPECT_EQ(director->get("/api/v1/property/ledger?community=" + id("desheng-xincun")).status, 404);
  EXPECT_EQ(director->get("/api/v1/property/ledger?community=" + id("desheng") + "&format=pdf").error_field(),
            "format");
}

TEST_F(PropertyLedgerTest, TheLedgerDownloadsAsAWorkbook) {
  auto reply = signed_in("secretary")
                   ->get("/api/v1/property/ledger?community=" + id("desheng") + "&year=" + year + "&format=xlsx");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(reply.headers["content-disposition"].find("attachment; filename=\"ledger-" + id("desheng") + "-" + year +
                                                      ".xlsx\""),
            std::string::npos);
  EXPECT_EQ(reply.body.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(reply.body.find(std::string("PK\x05\x06", 4)), std::string::npos) << "the zip ends with its directory";
  EXPECT_NE(reply.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(reply.body.find("xl/worksheets/sheet2.xml"), std::string::npos);
  EXPECT_NE(reply.body.find("街道补贴"), std::string::npos);
  EXPECT_NE(reply.body.find("德胜新村"), std::string::npos);
  // January's funding as a whole number of fen, not a decimal.
  EXPECT_NE(reply.body.find("<v>" + std::to_string(kDemoMonthlyPerCommunity) + "</v>"), std::string::npos);
}

TEST_F(PropertyLedgerTest, TheDemoStreetRunsWithoutSubsidyButOneCommunity) {
  auto admin = signed_in("admin");
  auto summary = admin->get("/api/v1/property/ledger/summary?year=" + year);
  ASSERT_EQ(summary.status, 200) << summary.body;
  json shown = summary.json();
  ASSERT_EQ(shown["items"].size(), 8u);
  EXPECT_EQ(shown["communities_without_subsidy"], 7);
  EXPECT_EQ(shown["street_subsidy_fen"], kDemoStreetSubsidy);
  for (const auto& item : shown["items"]) {
    bool nanyuan = item["community"]["name"] == "南苑社区";
    EXPECT_EQ(item["self_sufficient"], !nanyuan) << item.dump();
    EXPECT_EQ(item["subsidy_fen"], nanyuan ? kDemoStreetSubsidy : 0) << item.dump();
    EXPECT_GE(item["income_fen"].get<std::int64_t>(), 11 * kDemoMonthlyPerCommunity) << item.dump();
  }
  json nanyuan = ledger("admin", "nanyuan", year);
  for (const auto& month : nanyuan["months"]) {
    std::string name = month["month"];
    bool summer = name == in_year("06") || name == in_year("07") || name == in_year("08");
    EXPECT_EQ(month["subsidy_fen"], summer ? 400000 : 0) << name;
  }
  EXPECT_EQ(nanyuan["months"][11]["income"]["total_fen"], 0) << "December is not recorded yet";

  json lines = admin->get("/api/v1/property/funding-lines?year=" + year).json();
  ASSERT_EQ(lines["items"].size(), 8u);
  std::set<std::string> names;
  for (const auto& line : lines["items"]) {
    names.insert(line["name"].get<std::string>());
    EXPECT_EQ(line["communities"], 8);
    EXPECT_EQ(line["paid_fen"].get<std::int64_t>() * 12, line["budget_fen"].get<std::int64_t>() * 11)
        << "eleven of twelve months paid";
  }
  for (const char* name : {"环境卫生", "绿化养护", "垃圾分类", "公共设施维修"})
    EXPECT_EQ(names.count(name), 1u) << name;
}

TEST_F(PropertyLedgerTest, PropertyFiguresAreCountedFromRecords) {
  auto stats = signed_in("admin")->get("/api/v1/stats/property");
  ASSERT_EQ(stats.status, 200) << stats.body;
  json shown = stats.json();
  std::set<std::string> keys;
  for (const auto& [key, value] : shown.items()) {
    keys.insert(key);
    EXPECT_TRUE(value.is_number_integer()) << key;
  }
  EXPECT_EQ(keys,
            (std::set<std::string>{"communities", "clusters", "companies", "local_companies", "external_companies",
                                   "joint_operations", "compounds_under_contract", "tasks_transferred", "funding_lines",
                                   "communities_without_subsidy", "street_subsidy_fen", "evaluations_closed"}));
  // The article's figures: 8 communities, 3 clusters, 3 companies (2 local, 1 external), 1 joint operation,
  // 17 tasks moved and 8 funding lines; a contract in force in each of the 30 compounds.
  EXPECT_EQ(shown["communities"], 8);
  EXPECT_EQ(shown["clusters"], 3);
  EXPECT_EQ(shown["companies"], 3);
  EXPECT_EQ(shown["local_companies"], 2);
  EXPECT_EQ(shown["external_companies"], 1);
  EXPECT_EQ(shown["joint_operations"], 1);
  EXPECT_EQ(shown["compounds_under_contract"], 30);
  EXPECT_EQ(shown["tasks_transferred"], 17);
  EXPECT_EQ(shown["funding_lines"], 8);
  EXPECT_EQ(shown["communities_without_subsidy"], 7);
  EXPECT_EQ(shown["street_subsidy_fen"], kDemoStreetSubsidy);
  EXPECT_EQ(shown["evaluations_closed"], 0);

  // A closed evaluation counts, an open one does not.
  std::int64_t contract = contract_for("c-cuiyu", "91330105MA2STATS01");
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec(
        "INSERT INTO property_evaluations (contract_id, month, state, result, closed_at) VALUES "
        "(?, ?, 'closed', '{}', ?), (?, ?, 'open', NULL, NULL)",
        {contract, in_year("10"), in_year("11") + "-05T00:00:00.000Z", contract, in_year("11")});
  });
  auto secretary = signed_in("secretary");
  auto cuiyu = signed_in("admin")->get("/api/v1/stats/property?node=" + id("cuiyu")).json();
  EXPECT_EQ(cuiyu["evaluations_closed"], 1);
  EXPECT_EQ(cuiyu["communities"], 1);
  EXPECT_EQ(cuiyu["clusters"], 1);
  EXPECT_EQ(cuiyu["communities_without_subsidy"], 1);
  EXPECT_EQ(cuiyu["joint_operations"], 1) << "the north cluster of 德胜 and 翠玉";
  EXPECT_EQ(cuiyu["compounds_under_contract"], 4);
  auto desheng = secretary->get("/api/v1/stats/property?node=" + id("desheng"));
  ASSERT_EQ(desheng.status, 200) << desheng.body;
  EXPECT_EQ(desheng.json()["evaluations_closed"], 0);
  EXPECT_EQ(secretary->get("/api/v1/stats/property?node=" + id("cuiyu")).status, 403);
  EXPECT_EQ(signed_in("resident")->get("/api/v1/stats/property").status, 403);
}

TEST_F(PropertyLedgerTest, LeadersWriteTheMoneyOthersReadWhereTheyServe) {
  std::string desheng = "/api/v1/property/ledger?community=" + id("desheng") + "&year=" + year;
  std::string cuiyu = "/api/v1/property/ledger?community=" + id("cuiyu") + "&year=" + year;
  json revenue{{"community_id", node("desheng")},
               {"month", in_year("12")},
               {"kind", "venue"},
               {"common_parts", false},
               {"amount_fen", 5000}};

  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(desheng).status, 200) << "the commissioner of 德胜新村 reads its community's ledger";
  EXPECT_EQ(commissioner->get(cuiyu).status, 403);
  EXPECT_EQ(commissioner->post("/api/v1/property/revenues", revenue).status, 403);
  EXPECT_EQ(commissioner->get("/api/v1/property/ledger/summary").status, 403);

  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get(desheng).status, 200);
  EXPECT_EQ(secretary->get(cuiyu).status, 403);
  EXPECT_EQ(secretary->post("/api/v1/property/revenues", revenue).status, 201);
  json cuiyu_revenue = revenue;
  cuiyu_revenue["community_id"] = node("cuiyu");
  EXPECT_EQ(secretary->post("/api/v1/property/revenues", cuiyu_revenue).status, 403);
  EXPECT_EQ(secretary->get("/api/v1/property/ledger/summary").status, 403);
  EXPECT_EQ(secretary
                ->post("/api/v1/property/funding-lines",
                       json{{"year", 2027}, {"code", "greening"}, {"name", "绿化养护"}, {"budget_fen", 1}})
                .status,
            403)
      << "funding lines are the street's";

  // The property manager reads its scope, and once linked to a company only where that company has a contract.
  auto manager = signed_in("property");
  EXPECT_EQ(manager->post("/api/v1/property/revenues", revenue).status, 403);
  EXPECT_EQ(manager->get(cuiyu).status, 403);
  std::int64_t contract = contract_for("c-cuiyu", "91330105MA2MANAGER");
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec("DELETE FROM property_company_staff WHERE user_id = (SELECT id FROM users WHERE login = 'property')");
    tx.exec(
        "INSERT INTO property_company_staff (user_id, company_id, linked_at) SELECT u.id, k.company_id, "
        "'2026-01-01T00:00:00.000Z' FROM users u, property_contracts k WHERE u.login = 'property' AND k.id = ?",
        {contract});
  });
  EXPECT_EQ(manager->get(desheng).status, 403) << "its company holds no contract in 德胜社区";
  std::int64_t desheng_contract = contract_for("desheng-xincun", "91330105MA2MANAGE2");
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec(
        "UPDATE property_contracts SET company_id = (SELECT company_id FROM property_contracts WHERE id = ?) "
        "WHERE id = ?",
        {contract, desheng_contract});
  });
  EXPECT_EQ(manager->get(desheng).status, 200);
  EXPECT_EQ(manager->get("/api/v1/property/revenues?community=" + id("desheng") + "&year=" + year).status, 200);

  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get(desheng).status, 403);
  EXPECT_EQ(resident->get("/api/v1/property/costs?community=" + id("desheng")).status, 403);
  EXPECT_EQ(resident->post("/api/v1/property/revenues", revenue).status, 403);
  EXPECT_EQ(anonymous()->get(desheng).status, 401);
}

TEST_F(PropertyLedgerTest, TheMonthlyReportShowsTheMonthsLedgerPerCommunity) {
  auto admin = signed_in("admin");
  auto section_of = [&](const std::string& query) {
    auto reply = admin->get("/api/v1/reports/monthly?format=json&" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    json shown = reply.json();
    for (const auto& section : shown["sections"]) {
      if (section["key"] == "property.ledger") return section;
    }
    return json();
  };
  auto figure = [](const json& section, const std::string& label) {
    for (const auto& each : section["figures"]) {
      if (each["label"] == label) return each["value"];
    }
    return json();
  };
  json july = section_of("month=" + in_year("07"));
  ASSERT_FALSE(july.is_null());
  EXPECT_EQ(figure(july, "街道补贴"), 400000) << "南苑社区's July";
  EXPECT_EQ(figure(july, "无需补贴的社区"), 7);
  EXPECT_EQ(figure(july, "条线经费拨付"), 8 * kDemoMonthlyPerCommunity);
  ASSERT_EQ(july["tables"][0]["rows"].size(), 8u);
  json march = section_of("month=" + in_year("03") + "&node=" + id("desheng"));
  EXPECT_EQ(figure(march, "街道补贴"), 0);
  EXPECT_EQ(figure(march, "无需补贴的社区"), 1);
  EXPECT_EQ(march["tables"][0]["rows"][0][0], "德胜社区");
  EXPECT_TRUE(section_of("month=" + in_year("03") + "&node=" + id("desheng-xincun")).is_null())
      << "a compound keeps no ledger";
}
