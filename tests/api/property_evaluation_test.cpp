// The monthly three-in-one evaluation over HTTP on the Test seed: each party's sheet filled only by its own
// evaluators in scope, one sheet per party even under a burst, system items confirmed not typed, the close that
// scores the month with the rules' code, pays the contract in the ledger and publishes it without names, reopening
// and re-closing, vetoes, the review after two low months, a company seeing only its own contracts, and hostile ids.
#include <filesystem>
#include <thread>

#include "core/time.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/property/cli.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/ledger_store.hpp"
#include "modules/property/store.hpp"
#include "modules/publicity.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
namespace property = weizhi::property;

namespace {

const std::string kBase = "/api/v1/property";

json item(const char* code, const char* points) { return {{"code", code}, {"points", points}}; }

}  // namespace

class PropertyEvaluationTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin = signed_in("admin");
    std::int64_t street = node("street");
    auto form = [&](const char* party, json items) {
      auto reply =
          admin->post(kBase + "/evaluation-templates", {{"street_id", street}, {"party", party}, {"items", items}});
      ASSERT_EQ(reply.status, 201) << reply.body;
    };
    form("street", json::array({{{"code", "cleaning"}, {"name", "环境保洁"}, {"max", "50"}},
                                {{"code", "security"}, {"name", "秩序维护"}, {"max", "50"}}}));
    form("community", json::array({{{"code", "service"}, {"name", "服务配合"}, {"max", "60"}},
                                   {{"code", "on_time"}, {"name", "报事办理"}, {"max", "40"}}}));
    form("committee", json::array({{{"code", "owners"}, {"name", "业主满意"}, {"max", "100"}}}));
    contract = property::contract_in_force(*db().read(), node("desheng-xincun"))->id;
    last = property::previous_month(weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7));
    before = property::previous_month(last);
  }

  std::string month_path(std::int64_t id, const std::string& month, const std::string& rest = "") {
    return kBase + "/contracts/" + std::to_string(id) + "/evaluations/" + month + rest;
  }
  Reply sheet(HttpClient& client, const std::string& month, const char* party, json items, std::int64_t of = 0) {
    return client.post(month_path(of ? of : contract, month, "/sheets"), {{"party", party}, {"items", items}});
  }
  // All three sheets of the month, each party scoring `percent` of its own items (the system item as recorded).
  void fill(const std::string& month, const char* street_points, const char* service, const char* owners) {
    ASSERT_EQ(sheet(*admin, month, "street", {item("cleaning", street_points), item("security", street_points)}).status,
              201);
    ASSERT_EQ(
        sheet(*signed_in("secretary"), month, "community", {item("service", service), item("on_time", "40")}).status,
        201);
    ASSERT_EQ(sheet(*signed_in("committee"), month, "committee", json::array({item("owners", owners)})).status, 201);
  }
  // The contract's pay rows of the month that count, and those voided with a reason starting `reason`.
  std::int64_t pay_rows(const std::string& month) {
    return db().read()->scalar(
        "SELECT COUNT(*) FROM property_costs WHERE contract_id = ? AND month = ? AND kind LIKE 'contract_%' AND "
        "voided_at IS NULL",
        {contract, month});
  }
  std::int64_t voided_pay_rows(const std::string& month, const std::string& reason) {
    return db().read()->scalar(
        "SELECT COUNT(*) FROM property_costs WHERE contract_id = ? AND month = ? AND kind LIKE 'contract_%' AND "
        "voided_at IS NOT NULL AND void_reason LIKE ?",
        {contract, month, reason + "%"});
  }
  // The caller's item for today of `kind` linking to `link`, or null.
  json today_item(const std::string& login, const std::string& kind, const std::string& link) {
    auto reply = signed_in(login)->get("/api/v1/me/today");
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["kind"] == kind && item["link"] == link) return item;
    }
    return nullptr;
  }
  std::int64_t paid(const std::string& month, const char* kind) {
    return db().read()->scalar(
        "SELECT COALESCE(SUM(amount_fen), 0) FROM property_costs WHERE contract_id = ? AND month = ? AND kind = ? AND "
        "voided_at IS NULL",
        {contract, month, kind});
  }

  std::unique_ptr<HttpClient> admin;
  std::int64_t contract = 0;
  std::string last;
  std::string before;
};

TEST_F(PropertyEvaluationTest, EachPartyFillsOnlyItsOwnSheetInItsOwnScope) {
  auto committee = signed_in("committee");
  auto secretary = signed_in("secretary");
  json street_items{item("cleaning", "45"), item("security", "40.5")};
  EXPECT_EQ(sheet(*committee, last, "street", street_items).status, 403) << "the committee fills its own sheet only";
  EXPECT_EQ(sheet(*secretary, last, "committee", json::array({item("owners", "90")})).status, 403);
  EXPECT_EQ(sheet(*signed_in("property"), last, "street", street_items).status, 403) << "a company never scores itself";
  EXPECT_EQ(sheet(*signed_in("resident"), last, "committee", json::array({item("owners", "90")})).status, 403);
  std::int64_t cuiyu = property::contract_in_force(*db().read(), node("c-cuiyu"))->id;
  EXPECT_EQ(sheet(*committee, last, "committee", json::array({item("owners", "90")}), cuiyu).status, 403)
      << "a committee member scores only the compound they serve";
  EXPECT_EQ(sheet(*secretary, last, "community", {item("service", "50"), item("on_time", "40")}, cuiyu).status, 403)
      << "a secretary scores only the compounds of their community";

  EXPECT_EQ(sheet(*admin, last, "street", street_items).status, 201);
  EXPECT_EQ(sheet(*secretary, last, "community", {item("service", "50"), item("on_time", "40")}).status, 201);
  auto filled = sheet(*committee, last, "committee", json::array({item("owners", "90")}));
  ASSERT_EQ(filled.status, 201) << filled.body;
  EXPECT_EQ(filled.json()["missing"], json::array());
  auto again = sheet(*committee, last, "committee", json::array({item("owners", "80")}));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "party");
  auto changed = committee->patch(month_path(contract, last, "/sheets/committee"), {{"items", {item("owners", "80")}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["sheets"][2]["items"][0]["points"], "80");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'property.evaluation.sheet.%'"), 4);
}

TEST_F(PropertyEvaluationTest, ASheetStillToFillIsOnTheEvaluatorsListForTodayUntilFilled) {
  std::string link = "/property/evaluations?month=" + last;
  json due = today_item("committee", "property.evaluation.sheet", link);
  ASSERT_FALSE(due.is_null()) << "last month's sheets are due on the 5th of this one";
  EXPECT_EQ(due["count"], 1);
  EXPECT_EQ(due["due_at"], weizhi::iso_utc(*weizhi::street_day_end(property::due_date(last, 5))));
  EXPECT_TRUE(today_item("supervisor", "property.evaluation.sheet", link).is_null()) << "a supervisor fills no sheet";
  ASSERT_EQ(sheet(*signed_in("committee"), last, "committee", json::array({item("owners", "90")})).status, 201);
  EXPECT_TRUE(today_item("committee", "property.evaluation.sheet", link).is_null());
  EXPECT_FALSE(today_item("secretary", "property.evaluation.sheet", link).is_null()) << "the community's is still due";
}

TEST_F(PropertyEvaluationTest, ABurstOfSubmissionsForOnePartyMakesOneSheet) {
  constexpr int kClients = 6;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(signed_in("admin"));
  std::vector<Reply> replies(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      replies[i] = sheet(*clients[i], last, "street", {item("cleaning", "40"), item("security", "40")});
    });
  }
  for (auto& thread : threads) thread.join();
  int created = 0;
  for (const auto& reply : replies) {
    if (reply.status == 201) {
      ++created;
    } else {
      EXPECT_EQ(reply.status, 409) << reply.body;
      EXPECT_EQ(reply.error_field(), "party");
    }
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM property_evaluation_sheets WHERE contract_id = ?", {contract}),
            1);
}

TEST_F(PropertyEvaluationTest, SystemItemsAreFilledFromRecordsAndCannotBeTypedOver) {
  auto version =
      admin->post(kBase + "/evaluation-templates",
                  {{"street_id", node("street")},
                   {"party", "community"},
                   {"items",
                    {{{"code", "service"}, {"name", "服务配合"}, {"max", "60"}},
                     {{"code", "on_time"}, {"name", "报事按时办结"}, {"max", "40"}, {"source", "cases_on_time"}}}}});
  ASSERT_EQ(version.status, 201) << version.body;
  EXPECT_EQ(version.json()["version"], 2);
  auto secretary = signed_in("secretary");
  auto month = admin->get(month_path(contract, last)).json();
  json records = month["records"];
  std::int64_t recorded = property::system_points(property::ItemSource::CasesOnTime,
                                                  {.cases = records["cases_due"].get<std::int64_t>(),
                                                   .cases_on_time = records["cases_on_time"].get<std::int64_t>()},
                                                  4'000);
  std::string on_time = property::hundredths_text(recorded);
  EXPECT_EQ(month["forms"]["community"]["version"], 2);
  EXPECT_EQ(month["forms"]["community"]["items"][1]["points"], on_time) << records.dump();
  EXPECT_EQ(month["forms"]["community"]["items"][0]["points"], nullptr) << "an evaluator's own item is left to them";
  std::string other = property::hundredths_text(recorded == 0 ? 1 : recorded - 1);
  auto typed = sheet(*secretary, last, "community", {item("service", "50"), item("on_time", other.c_str())});
  EXPECT_EQ(typed.status, 422);
  EXPECT_EQ(typed.error_field(), "items[1].points");
  EXPECT_NE(typed.json()["error"]["message"].get<std::string>().find(on_time), std::string::npos)
      << "the refusal says what the records give";
  auto missing = sheet(*secretary, last, "community", json::array({item("service", "50")}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "items");
  auto above = sheet(*secretary, last, "community", {item("service", "60.01"), item("on_time", on_time.c_str())});
  EXPECT_EQ(above.error_field(), "items[0].points");
  auto third = sheet(*secretary, last, "community", {item("service", "50.125"), item("on_time", on_time.c_str())});
  EXPECT_EQ(third.error_field(), "items[0].points");
  auto filled = sheet(*secretary, last, "community", {item("service", "50"), item("on_time", on_time.c_str())});
  ASSERT_EQ(filled.status, 201) << filled.body;
  EXPECT_EQ(filled.json()["sheets"][0]["template_version"], 2);
  EXPECT_EQ(filled.json()["sheets"][0]["items"][1]["source"], "cases_on_time");
}

TEST_F(PropertyEvaluationTest, TheClosePaysTheContractPublishesAndAReopeningWithdrawsIt) {
  auto contract_terms = property::find_contract(*db().read(), contract)->terms;
  std::int64_t typed_in = pay_rows(last);
  ASSERT_GT(typed_in, 0) << "the Test seed's ledger pays the contract by hand every month";
  fill(last, "40", "45", "85");  // street 80, community 85, committee 85
  auto closed = admin->post(month_path(contract, last, "/close"), json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  json result = closed.json()["result"];
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(result["score"], (json{{"num", 83}, {"den", 1}})) << "0.4×80 + 0.3×85 + 0.3×85";
  EXPECT_EQ(result["outcome"], "partial");
  std::int64_t performance = (contract_terms.pool_fen * 23 * 2 + 35) / 70;  // (83 − 60) / 35, half a fen up
  EXPECT_EQ(result["performance_fen"], performance);
  EXPECT_EQ(paid(last, "contract_base"), contract_terms.base_fen) << "the close replaced the month's recorded pay";
  EXPECT_EQ(paid(last, "contract_performance"), performance);
  EXPECT_EQ(pay_rows(last), 2);
  EXPECT_EQ(voided_pay_rows(last, "由 " + last + " 月度考核结账写入的合同支出替代"), typed_in)
      << "the pay typed in before is kept, voided with the reason, not deleted";
  EXPECT_EQ(closed.json()["money"],
            (json{{"base_fen", contract_terms.base_fen}, {"pool_fen", contract_terms.pool_fen}}))
      << "the money the month closed on, for its arithmetic";

  std::int64_t evaluation = closed.json()["evaluation_id"];
  auto stored = property::find_evaluation(*db().read(), evaluation);
  EXPECT_EQ(property::evaluation_result_json(property::evaluate(property::read_evaluation_json(*stored->input))),
            *stored->result)
      << "what the close used recomputes to what it published";
  std::string file = folder_ + "/evaluation.json";
  property::export_evaluation(*db().read(), evaluation, file);
  EXPECT_EQ(property::evaluate_file(file), *stored->result) << "weizhi export-evaluation, then weizhi evaluate";

  EXPECT_EQ(signed_in("committee")
                ->patch(month_path(contract, last, "/sheets/committee"), {{"items", {item("owners", "10")}}})
                .status,
            409)
      << "a closed month's sheets stay as published";
  EXPECT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 409);

  auto owners =
      signed_in("resident")->get(kBase + "/compounds/" + std::to_string(node("desheng-xincun")) + "/evaluations");
  ASSERT_EQ(owners.status, 200) << owners.body;
  ASSERT_EQ(owners.json()["items"].size(), 1u);
  EXPECT_EQ(owners.json()["items"][0]["total_fen"], contract_terms.base_fen + performance);
  EXPECT_EQ(owners.json()["items"][0]["sheets"].size(), 3u);
  for (const char* login : {"admin", "secretary", "committee"}) {
    std::string name = signed_in(login)->get("/api/v1/me").json()["display_name"];
    EXPECT_EQ(owners.body.find(name), std::string::npos) << "owners never see who scored: " << name;
  }
  EXPECT_EQ(owners.body.find("filled_by"), std::string::npos);

  EXPECT_EQ(admin->post(month_path(contract, last, "/reopen"), {{"reason", ""}}).error_field(), "reason");
  EXPECT_EQ(signed_in("secretary")->post(month_path(contract, last, "/reopen"), {{"reason", "复核"}}).status, 403);
  auto reopened = admin->post(month_path(contract, last, "/reopen"), {{"reason", "自管会评分录入有误"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json()["state"], "open");
  EXPECT_EQ(pay_rows(last), 0) << "a reopened month pays nothing until it closes again";
  EXPECT_EQ(voided_pay_rows(last, "月度考核重新打开：自管会评分录入有误"), 2) << "the close's rows are kept, voided";
  EXPECT_TRUE(signed_in("resident")
                  ->get(kBase + "/compounds/" + std::to_string(node("desheng-xincun")) + "/evaluations")
                  .json()["items"]
                  .empty());
  ASSERT_EQ(signed_in("committee")
                ->patch(month_path(contract, last, "/sheets/committee"), {{"items", {item("owners", "95")}}})
                .status,
            200);
  auto reclosed = admin->post(month_path(contract, last, "/close"), json::object());
  ASSERT_EQ(reclosed.status, 200) << reclosed.body;
  EXPECT_EQ(reclosed.json()["result"]["score"], (json{{"num", 86}, {"den", 1}})) << "0.4×80 + 0.3×85 + 0.3×95";
  EXPECT_EQ(paid(last, "contract_performance"), (contract_terms.pool_fen * 26 * 2 + 35) / 70);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM property_evaluation_reopenings"), 1);
}

TEST_F(PropertyEvaluationTest, AClosedMonthIsInPublicityForAWeekToItsCompoundOnly) {
  fill(last, "40", "45", "85");
  ASSERT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 200);
  std::string today = weizhi::street_date(std::chrono::system_clock::now());
  auto evaluation_of = [](const Reply& reply) {
    json found = nullptr;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["kind"] == "property.evaluation") found = item;
    }
    return found;
  };

  auto mine = signed_in("resident")->get("/api/v1/me/publicity");
  ASSERT_EQ(mine.status, 200) << mine.body;
  json found = evaluation_of(mine);
  ASSERT_FALSE(found.is_null()) << mine.body;
  EXPECT_EQ(found["module"], "property");
  EXPECT_EQ(found["title"].get<std::string>().rfind("物业月度考核结果公示：" + last, 0), 0u) << found["title"];
  EXPECT_EQ(found["node"]["id"], node("desheng-xincun"));
  EXPECT_EQ(found["starts_on"], today) << "from the day the street closed the month";
  EXPECT_EQ(found["ends_on"], weizhi::modules::days_after(today, 6)) << "a week, that day counted";
  EXPECT_EQ(found["link"], "/contract") << "the owners' page of the contract lists its published months";

  auto staff = signed_in("commissioner")->get("/api/v1/publicity?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(staff.status, 200) << staff.body;
  found = evaluation_of(staff);
  ASSERT_FALSE(found.is_null()) << staff.body;
  EXPECT_EQ(found["console_link"], "/property/evaluations/" + std::to_string(contract) + "/" + last);
  auto elsewhere = admin->get("/api/v1/publicity?node=" + std::to_string(node("c-deshengba")));
  ASSERT_EQ(elsewhere.status, 200);
  EXPECT_TRUE(evaluation_of(elsewhere).is_null()) << "another compound's staff do not see it";

  // The same resident living in another compound instead.
  std::int64_t other = person_under("c-deshengba");
  db().write(
      [&](weizhi::store::Tx& tx) { tx.exec("UPDATE users SET person_id = ? WHERE login = 'resident'", {other}); });
  auto moved = signed_in("resident")->get("/api/v1/me/publicity");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_TRUE(evaluation_of(moved).is_null()) << "a resident of another compound does not see it";
}

TEST_F(PropertyEvaluationTest, AMonthLeavesPublicityAfterItsWeekOrWhenReopened) {
  fill(last, "40", "45", "85");
  ASSERT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 200);
  auto listed = [&] {
    auto reply = signed_in("resident")->get("/api/v1/me/publicity");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.body.find("property.evaluation") != std::string::npos;
  };
  ASSERT_TRUE(listed());
  ASSERT_EQ(admin->post(month_path(contract, last, "/reopen"), {{"reason", "自管会评分录入有误"}}).status, 200);
  EXPECT_FALSE(listed()) << "a withdrawn result is no longer up";
  ASSERT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 200);
  ASSERT_TRUE(listed()) << "closed again, it is up again";
  std::string eight_days_ago = weizhi::iso_utc(std::chrono::system_clock::now() - std::chrono::hours(24 * 8));
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE property_evaluations SET closed_at = ? WHERE contract_id = ? AND month = ?",
            {eight_days_ago, contract, last});
  });
  EXPECT_FALSE(listed()) << "closed eight days ago, its week is over";
}

TEST_F(PropertyEvaluationTest, AVetoByTheStreetTakesTheWholeShare) {
  fill(last, "50", "60", "100");
  json veto{{"code", "safety_incident"}, {"note", "消防通道长期堵塞，造成安全事故"}};
  EXPECT_EQ(signed_in("secretary")->post(month_path(contract, last, "/vetoes"), veto).status, 403);
  EXPECT_EQ(admin->post(month_path(contract, last, "/vetoes"), {{"code", "x"}, {"note", " "}}).error_field(), "note");
  auto vetoed = admin->post(month_path(contract, last, "/vetoes"), veto);
  ASSERT_EQ(vetoed.status, 201) << vetoed.body;
  auto closed = admin->post(month_path(contract, last, "/close"), json::object()).json();
  EXPECT_EQ(closed["result"]["outcome"], "vetoed");
  EXPECT_EQ(closed["result"]["score"], (json{{"num", 100}, {"den", 1}})) << "the score is still shown";
  EXPECT_EQ(closed["result"]["performance_fen"], 0);
  EXPECT_EQ(paid(last, "contract_performance"), 0);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'property.evaluation.veto.create'"), 1);
}

TEST_F(PropertyEvaluationTest, TwoLowMonthsInARowOpenOneReview) {
  fill(before, "20", "20", "30");
  ASSERT_EQ(admin->post(month_path(contract, before, "/close"), json::object()).status, 200);
  EXPECT_TRUE(admin->get(kBase + "/reviews").json()["items"].empty()) << "one low month is no review";
  fill(last, "25", "30", "40");
  ASSERT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 200);
  ASSERT_EQ(admin->post(month_path(contract, last, "/reopen"), {{"reason", "再核"}}).status, 200);
  ASSERT_EQ(admin->post(month_path(contract, last, "/close"), json::object()).status, 200);
  auto reviews = admin->get(kBase + "/reviews").json()["items"];
  ASSERT_EQ(reviews.size(), 1u) << "opened once for the pair of months";
  EXPECT_EQ(reviews[0]["months"], (json{before, last}));
  EXPECT_EQ(reviews[0]["state"], "open");
  for (const char* login : {"admin", "committee"}) {
    EXPECT_FALSE(today_item(login, "property.evaluation.review", "/property/reviews").is_null()) << login;
  }
  EXPECT_EQ(signed_in("committee")
                ->get(kBase + "/reviews?node=" + std::to_string(node("desheng-xincun")))
                .json()["items"]
                .size(),
            1u);
  std::string close = kBase + "/reviews/" + std::to_string(reviews[0]["id"].get<std::int64_t>()) + "/close";
  EXPECT_EQ(signed_in("committee")->post(close, {{"note", "同意"}}).status, 403);
  auto closed = admin->post(close, {{"note", "约谈企业，限期整改"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(admin->post(close, {{"note", "再次"}}).status, 409);
  EXPECT_TRUE(today_item("admin", "property.evaluation.review", "/property/reviews").is_null());
}

TEST_F(PropertyEvaluationTest, TheBoardShowsTheMonthAndACompanyOnlyItsOwnContracts) {
  std::int64_t other = db().write([&](weizhi::store::Tx& tx) {
    std::int64_t company = tx.scalar(
        "INSERT INTO property_companies (street_node_id, name, credit_code, origin, specialities, contacts, "
        "licence_photos, created_at) VALUES (?, '别家物业', '91330105MA2KJ7TE3B', 'local', '[]', '[]', '[]', "
        "'2025-01-01T00:00:00.000Z') RETURNING id",
        {node("street")});
    return tx.scalar(
        "INSERT INTO property_contracts (compound_node_id, company_id, starts_on, ends_on, base_fen, pool_fen, "
        "services, gate_tiers, state, adopted_on, ended_on, end_reason, created_at) VALUES (?, ?, '2024-01-01', "
        "'2030-12-31', 1000000, 200000, '[]', '[]', 'ended', '2024-01-01', '2030-12-31', '测试', "
        "'2024-01-01T00:00:00.000Z') RETURNING id",
        {node("c-deshengba"), company});
  });
  ASSERT_EQ(sheet(*admin, last, "street", {item("cleaning", "40"), item("security", "40")}).status, 201);
  std::string board = kBase + "/evaluations?month=" + last + "&node=" + std::to_string(node("desheng"));
  auto all = admin->get(board);
  ASSERT_EQ(all.status, 200) << all.body;
  json mine;
  bool other_listed = false;
  json rows = all.json()["items"];
  for (const auto& row : rows) {
    if (row["contract_id"] == contract) mine = row;
    if (row["contract_id"] == other) other_listed = true;
  }
  EXPECT_TRUE(other_listed) << all.body;
  EXPECT_EQ(mine["sheets"], (json{"street"}));
  EXPECT_EQ(mine["missing"], (json{"community", "committee"}));
  EXPECT_EQ(mine["state"], json("open"));
  EXPECT_EQ(mine["due"]["due_on"], property::due_date(last, 5));

  auto company = signed_in("property");
  json company_rows = company->get(board).json()["items"];
  EXPECT_FALSE(company_rows.empty());
  for (const auto& row : company_rows) EXPECT_NE(row["contract_id"], other);
  EXPECT_EQ(company->get(month_path(other, last)).status, 403);
  EXPECT_EQ(company->get(month_path(contract, last)).status, 200);
}

TEST_F(PropertyEvaluationTest, HostileIdsMonthsAndPartiesAreRefusedNamingTheField) {
  EXPECT_EQ(admin->get(month_path(contract, "2025-13")).error_field(), "month");
  EXPECT_EQ(admin->get(month_path(contract, "last")).error_field(), "month");
  EXPECT_EQ(admin->get(kBase + "/evaluations?month=2025/11").error_field(), "month");
  std::string this_month = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7);
  auto future = admin->get(month_path(contract, property::due_date(this_month, 1).substr(0, 7)));
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(future.error_field(), "month");
  EXPECT_EQ(admin->get(month_path(999999, last)).status, 404);
  auto unknown = sheet(*admin, last, "owners", json::array({item("owners", "90")}));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "party");
  EXPECT_EQ(admin->patch(month_path(contract, last, "/sheets/owners"), {{"items", json::array()}}).error_field(),
            "party");
  EXPECT_EQ(sheet(*admin, last, "street", json::array({item("cleaning", "40")})).error_field(), "items");
  EXPECT_EQ(sheet(*admin, last, "street", {item("cleaning", "40"), item("cleaning", "40")}).error_field(),
            "items[1].code");
  EXPECT_EQ(
      sheet(*admin, last, "street", {item("cleaning", "40"), {{"code", "security"}, {"points", 40}}}).error_field(),
      "items[1].points")
      << "points are decimal strings";
  auto bad_template = admin->post(
      kBase + "/evaluation-templates",
      {{"street_id", node("street")}, {"party", "street"}, {"items", {{{"code", "a"}, {"name", "甲"}, {"max", "0"}}}}});
  EXPECT_EQ(bad_template.error_field(), "items[0].max");
  json policy_body{
      {"weights", {{"street", 50}, {"community", 30}, {"committee", 30}}}, {"floor", 60}, {"full", 95}, {"due_day", 5}};
  auto policy =
      admin->send("PUT", kBase + "/evaluation-policies/" + std::to_string(node("street")), policy_body.dump());
  EXPECT_EQ(policy.error_field(), "weights");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM property_evaluation_sheets"), 0) << "nothing written";
}

// docs/rules.md#g-contract-policy: the street sets a contract's own weights, floor and full; its months are then
// asked for and scored by them, a month closed keeps the policy it closed on, and removing them returns the street's.
TEST_F(PropertyEvaluationTest, AContractsOwnScoringReplacesTheStreetsUntilRemoved) {
  const std::string path = kBase + "/contracts/" + std::to_string(contract) + "/evaluation-policy";
  auto street_policy = admin->get(path);
  ASSERT_EQ(street_policy.status, 200) << street_policy.body;
  EXPECT_EQ(street_policy.json()["source"], "street");
  EXPECT_EQ(street_policy.json()["weights"]["street"], 40);

  json own{{"weights", {{"street", 100}, {"community", 0}, {"committee", 0}}}, {"floor", 50}, {"full", 90}};
  EXPECT_EQ(signed_in("secretary")->send("PUT", path, own.dump()).status, 403) << "the street sets it, nobody else";
  json bad_weights = own;
  bad_weights["weights"]["committee"] = 10;
  EXPECT_EQ(admin->send("PUT", path, bad_weights.dump()).error_field(), "weights");
  json bad_full = own;
  bad_full["full"] = 50;
  EXPECT_EQ(admin->send("PUT", path, bad_full.dump()).error_field(), "full");
  json with_due_day = own;
  with_due_day["due_day"] = 9;
  EXPECT_EQ(admin->send("PUT", path, with_due_day.dump()).error_field(), "due_day") << "the due day is the street's";

  auto set = admin->send("PUT", path, own.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["source"], "contract");
  EXPECT_EQ(set.json()["floor"], 50);
  auto month = admin->get(month_path(contract, last));
  EXPECT_EQ(month.json()["policy"]["source"], "contract");
  EXPECT_EQ(month.json()["missing"], json::array({"street"})) << "parties of weight 0 owe no sheet";
  auto board = admin->get(kBase + "/evaluations?month=" + last);
  json board_rows = board.json()["items"];
  for (const auto& row : board_rows) {
    if (row["contract_id"] == contract) {
      EXPECT_EQ(row["missing"], json::array({"street"}));
    }
  }

  ASSERT_EQ(sheet(*admin, last, "street", {item("cleaning", "40"), item("security", "40")}).status, 201);
  auto closed = admin->post(month_path(contract, last, "/close"), json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  json result = closed.json()["result"];
  EXPECT_EQ(result["score"], (json{{"num", 80}, {"den", 1}}));
  EXPECT_EQ(result["share"], (json{{"num", 3}, {"den", 4}})) << "(80 − 50) / (90 − 50)";
  EXPECT_EQ(result["incomplete"], false);
  EXPECT_EQ(result["policy"]["weights"]["street"], 100);

  auto removed = admin->send("DELETE", path, "");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json()["source"], "street");
  EXPECT_EQ(admin->send("DELETE", path, "").status, 200) << "removing nothing is no error";
  auto after = admin->get(month_path(contract, last));
  EXPECT_EQ(after.json()["result"], result) << "a closed month keeps the policy it closed on";
  EXPECT_EQ(admin->get(month_path(contract, weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7)))
                .json()["policy"]["source"],
            "street");
  EXPECT_EQ(
      db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'property.evaluation.contract_policy.%'"),
      2)
      << "one set, one removal";
}

// Without a session every evaluation, money and ledger route answers 401 as JSON, and nothing is written or audited.
TEST_F(PropertyEvaluationTest, EveryNewRouteRefusesAnAnonymousCallerWithoutWriting) {
  auto anonymous_client = anonymous();
  std::int64_t audited = db().read()->scalar("SELECT COUNT(*) FROM audit_log");
  const std::string id = std::to_string(contract);
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", kBase + "/contracts/" + id + "/evaluation-policy"},
      {"PUT", kBase + "/contracts/" + id + "/evaluation-policy"},
      {"DELETE", kBase + "/contracts/" + id + "/evaluation-policy"},
      {"GET", month_path(contract, last)},
      {"POST", month_path(contract, last, "/sheets")},
      {"POST", month_path(contract, last, "/close")},
      {"POST", month_path(contract, last, "/reopen")},
      {"GET", kBase + "/evaluations?month=" + last},
      {"GET", kBase + "/reviews"},
      {"GET", kBase + "/funding-payments?community=" + std::to_string(node("desheng")) + "&year=2026"},
      {"POST", kBase + "/funding-payments/1/void"},
      {"POST", kBase + "/revenues/1/void"},
      {"POST", kBase + "/costs/1/void"},
      {"GET", "/api/v1/me/sessions"},
      {"DELETE", "/api/v1/me/sessions/1"},
      {"POST", "/api/v1/me/sessions/end-others"},
      {"GET", "/api/v1/map?figure=property_score"},
      {"GET", "/api/v1/map?figure=property_cluster"},
  };
  for (const auto& [method, path] : routes) {
    auto reply = anonymous_client->send(method, path, R"({"reason":"x"})", {"Content-Type: application/json"});
    EXPECT_EQ(reply.status, 401) << method << " " << path << " " << reply.body;
    EXPECT_FALSE(reply.error_code().empty()) << method << " " << path;
  }
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log"), audited);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM property_evaluation_sheets"), 0);
}

// A contract of another street, whole and closed once, is out of reach of our street's evaluators on every route: no
// read, no sheet, no veto, no close or reopening, no board, template, policy, review or owners' list there.
TEST_F(PropertyEvaluationTest, AContractOfAnotherStreetIsOutOfReachOfEveryEvaluationRoute) {
  struct Far {
    std::int64_t street, compound, contract;
  };
  Far far = db().write([&](weizhi::store::Tx& tx) {
    auto street = weizhi::org::insert_node(tx, std::nullopt, weizhi::org::NodeKind::Street, "湖墅街道", "far-street");
    auto community = weizhi::org::create_community(tx, street, "湖墅社区", "far-community");
    auto compound = weizhi::org::create_compound(tx, community, "湖墅小区", "far-compound");
    std::int64_t company = property::insert_company(
        tx, street.id, {"湖墅物业", "91330105MA2B7LPQ4U", property::Origin::Local, {}, {}, {}});
    std::int64_t id =
        property::insert_contract(tx, {compound.id, company, "2024-01-01", "2099-12-31", 3'000'000, 1'000'000, {}, {}});
    property::put_in_force(tx, id, std::nullopt, "2024-01-01");
    return Far{street.id, compound.id, id};
  });
  auto audited = [&] { return db().read()->scalar("SELECT COUNT(*) FROM audit_log"); };
  auto secretary = signed_in("secretary");
  auto committee = signed_in("committee");
  std::int64_t audit_before = audited();
  for (HttpClient* client : {admin.get(), secretary.get(), committee.get()}) {
    EXPECT_EQ(client->get(month_path(far.contract, last)).status, 403);
    for (const char* party : {"street", "community", "committee"}) {
      EXPECT_EQ(sheet(*client, last, party, json::array({item("owners", "90")}), far.contract).status, 403) << party;
      EXPECT_EQ(client
                    ->patch(month_path(far.contract, last, std::string("/sheets/") + party),
                            {{"items", json::array({item("owners", "90")})}})
                    .status,
                403)
          << party;
    }
    EXPECT_EQ(client->post(month_path(far.contract, last, "/vetoes"), {{"code", "safety"}, {"note", "越界"}}).status,
              403);
    EXPECT_EQ(client->post(month_path(far.contract, last, "/close"), json::object()).status, 403);
    EXPECT_EQ(client->post(month_path(far.contract, last, "/reopen"), {{"reason", "越界"}}).status, 403);
    const std::string far_policy = kBase + "/contracts/" + std::to_string(far.contract) + "/evaluation-policy";
    EXPECT_EQ(client->get(far_policy).status, 403);
    EXPECT_EQ(
        client
            ->send("PUT", far_policy,
                   json{{"weights", {{"street", 100}, {"community", 0}, {"committee", 0}}}, {"floor", 50}, {"full", 90}}
                       .dump())
            .status,
        403);
    EXPECT_EQ(client->send("DELETE", far_policy, "").status, 403);
    EXPECT_EQ(client->get(kBase + "/evaluations?month=" + last + "&node=" + std::to_string(far.street)).status, 403);
    EXPECT_EQ(client->get(kBase + "/reviews?node=" + std::to_string(far.street)).status, 403);
    EXPECT_EQ(client->get(kBase + "/evaluation-templates?node=" + std::to_string(far.street)).status, 403);
    EXPECT_EQ(client->get(kBase + "/compounds/" + std::to_string(far.compound) + "/evaluations").status, 403);
  }
  auto template_there = admin->post(kBase + "/evaluation-templates",
                                    {{"street_id", far.street},
                                     {"party", "street"},
                                     {"items", json::array({{{"code", "a"}, {"name", "甲"}, {"max", "10"}}})}});
  EXPECT_EQ(template_there.status, 403);
  json policy{
      {"weights", {{"street", 40}, {"community", 30}, {"committee", 30}}}, {"floor", 60}, {"full", 95}, {"due_day", 5}};
  EXPECT_EQ(admin->send("PUT", kBase + "/evaluation-policies/" + std::to_string(far.street), policy.dump()).status,
            403);
  // Our board does not list the far contract either.
  auto board = admin->get(kBase + "/evaluations?month=" + last);
  ASSERT_EQ(board.status, 200) << board.body;
  json board_rows = board.json()["items"];
  for (const auto& row : board_rows) EXPECT_NE(row["contract_id"], far.contract);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluation_sheets WHERE contract_id = ?", {far.contract}), 0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluation_vetoes WHERE contract_id = ?", {far.contract}), 0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluations WHERE contract_id = ?", {far.contract}), 0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluation_templates WHERE street_node_id = ?", {far.street}),
            0);
  EXPECT_EQ(audited(), audit_before) << "a refused request leaves no audit record";
}

// Odd spellings of ids, months and parties in the path, percent-encoded or not, are refused as JSON errors naming the
// field, never read as some other record, and write nothing.
TEST_F(PropertyEvaluationTest, OddlyEncodedIdsMonthsAndPartiesAreRefusedAsJsonErrors) {
  for (const std::string id : {"0", "-1", "1e3", "0x10", "1.0", "%2B1", "%EF%BC%91", "9223372036854775808", "1%00"}) {
    auto reply = admin->get(kBase + "/contracts/" + id + "/evaluations/" + last);
    EXPECT_EQ(reply.status, 404) << id << " " << reply.body;
    EXPECT_FALSE(reply.error_code().empty()) << id << " answers a JSON error";
  }
  for (const std::string month : {"%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95-11", "2025-1", "2025-011", "2025-11%00",
                                  "2025-00", "1899-12", "%2E%2E"}) {
    auto reply = admin->get(month_path(contract, month));
    EXPECT_TRUE(reply.status == 400 || reply.status == 404) << month << " " << reply.status;
    if (reply.status == 400) {
      EXPECT_EQ(reply.error_field(), "month") << month;
    }
  }
  for (const std::string party : {"STREET", "Street", "street%00", "%73treet%20", "../street"}) {
    auto reply = admin->patch(month_path(contract, last, "/sheets/" + party), {{"items", json::array()}});
    EXPECT_TRUE(reply.status == 400 || reply.status == 404) << party << " " << reply.status;
    if (reply.status == 400) {
      EXPECT_EQ(reply.error_field(), "party") << party;
    }
  }
  // A percent-encoded spelling of a right value is the value: %73treet is street, and %3x the digit x.
  std::string id = std::to_string(contract);
  std::string encoded_id;
  for (char digit : id) encoded_id += "%3" + std::string(1, digit);
  EXPECT_EQ(admin->get(kBase + "/contracts/" + encoded_id + "/evaluations/" + last).status, 200);
  auto encoded = admin->post(month_path(contract, last, "/sheets"),
                             {{"party", "street"}, {"items", {item("cleaning", "40"), item("security", "41.5")}}});
  ASSERT_EQ(encoded.status, 201) << encoded.body;
  auto changed = admin->patch(month_path(contract, last, "/sheets/%73treet"),
                              {{"items", {item("cleaning", "42"), item("security", "41.5")}}});
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM property_evaluation_sheets"), 1);
}

TEST(PropertyEvaluationDemo, EveryClosedDemoMonthRecountsFromItsExportAndOneCompoundIsOnReview) {
  auto& street = weizhi::testing::demo_street();
  auto lease = street.db.read();
  std::string current = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7);
  std::string last = property::previous_month(current);
  std::string before = property::previous_month(last);
  EXPECT_EQ(lease->scalar("SELECT COUNT(DISTINCT party) FROM property_evaluation_templates"), 3);
  auto closed = lease->query("SELECT id, month FROM property_evaluations WHERE state = 'closed' ORDER BY id");
  EXPECT_EQ(closed.size(), 32u) << "the pilot's 16 compounds, two months each";
  std::string folder = ::testing::TempDir();
  for (const auto& row : closed) {
    EXPECT_TRUE(row.text(1) == last || row.text(1) == before) << row.text(1);
    std::string file = folder + "/demo-evaluation-" + std::to_string(row.i64(0)) + ".json";
    property::export_evaluation(*lease, row.i64(0), file);
    EXPECT_EQ(property::evaluate_file(file), *property::find_evaluation(*lease, row.i64(0))->result)
        << "weizhi evaluate agrees with the server on evaluation " << row.i64(0);
    std::filesystem::remove(file);
  }
  auto reviews = lease->query(
      "SELECT n.code, r.first_month, r.second_month FROM property_evaluation_reviews r JOIN property_contracts k ON "
      "k.id = r.contract_id JOIN org_nodes n ON n.id = k.compound_node_id WHERE r.state = 'open'");
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].text(0), "c-dongsi");
  EXPECT_EQ(reviews[0].text(1), before);
  EXPECT_EQ(reviews[0].text(2), last);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluation_sheets WHERE month = ? AND party = 'committee'",
                          {current}),
            0)
      << "the current month waits for the committees' sheets";
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_evaluation_sheets WHERE month = ?", {current}), 32);

  // 社区自营自转，街道基本不贴 still holds once the closes have paid the pilot's contracts their performance: seven
  // communities need no subsidy and 南苑社区's three summer months ¥4,000 each.
  std::int64_t year = std::stoll(current.substr(0, 4));
  std::int64_t without_subsidy = 0;
  std::int64_t subsidy_fen = 0;
  auto street_path = lease->query_one("SELECT path FROM org_nodes WHERE kind = 'street'")->text(0);
  for (const auto& [community, by_month] : property::month_sums_under(*lease, street_path, year)) {
    auto ledger = property::year_ledger(year, by_month);
    without_subsidy += ledger.self_sufficient ? 1 : 0;
    subsidy_fen += ledger.totals.subsidy_fen;
  }
  EXPECT_EQ(without_subsidy, 7);
  EXPECT_EQ(subsidy_fen, 3 * 4'000 * 100);
}
