// Voiding the property money over HTTP on the test street: a voided revenue, cost or funding payment stays listed
// with who voided it and why but leaves the ledger's month, the owners' share, the street's summary, the figures,
// the monthly report and the line's payments; a record is voided once, even under a burst, with a reason, by
// whoever may record it where it was recorded; and a contract's pay written by a closed evaluation is corrected by
// reopening that month.
#include <thread>

#include "core/time.hpp"
#include "modules/property/evaluation_rules.hpp"
#include "modules/property/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

const std::string kBase = "/api/v1/property";

}  // namespace

class PropertyLedgerVoidTest : public ApiTest {
 protected:
  const std::string year = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 4);
  // December: the demo ledger records January to November, so the month holds only what a test writes.
  const std::string december = year + "-12";

  std::string id(const std::string& code) { return std::to_string(node(code)); }
  std::int64_t audits(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
  std::int64_t voided_rows(const std::string& table) {
    return db().read()->scalar("SELECT COUNT(*) FROM " + table + " WHERE voided_at IS NOT NULL");
  }
  json ledger(HttpClient& client, const std::string& community) {
    auto reply = client.get(kBase + "/ledger?community=" + id(community) + "&year=" + year);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
  json month_of(const json& shown, const std::string& month) {
    for (const auto& each : shown["months"]) {
      if (each["month"] == month) return each;
    }
    ADD_FAILURE() << "no month " << month;
    return nullptr;
  }
  // The street's subsidy of December in the monthly report of 德胜社区.
  json reported_subsidy() {
    auto reply =
        signed_in("admin")->get("/api/v1/reports/monthly?format=json&month=" + december + "&node=" + id("desheng"));
    EXPECT_EQ(reply.status, 200) << reply.body;
    json sections = reply.json()["sections"];
    for (const auto& section : sections) {
      if (section["key"] != "property.ledger") continue;
      for (const auto& figure : section["figures"]) {
        if (figure["label"] == "街道补贴") return figure["value"];
      }
    }
    ADD_FAILURE() << "no subsidy in the report";
    return nullptr;
  }
  json owners_share(const json& shown, const std::string& compound) {
    for (const auto& each : shown["compounds"]) {
      if (each["compound"]["id"] == node(compound)) return each;
    }
    ADD_FAILURE() << "no compound " << compound;
    return nullptr;
  }
  json summary_item(const std::string& community) {
    auto reply = signed_in("admin")->get(kBase + "/ledger/summary?year=" + year);
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["community"]["id"] == node(community)) return item;
    }
    ADD_FAILURE() << "no community " << community;
    return nullptr;
  }
  json listed(HttpClient& client, const std::string& what, const std::string& community, std::int64_t record) {
    auto reply = client.get(kBase + "/" + what + "?community=" + id(community) + "&year=" + year);
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["id"] == record) return item;
    }
    ADD_FAILURE() << "no " << what << " " << record;
    return nullptr;
  }
  // A parking revenue of 德胜新村's common parts in December, recorded by `client`; returns its id.
  std::int64_t parking(HttpClient& client, const std::string& community, std::int64_t amount_fen) {
    json body{{"community_id", node(community)},
              {"month", december},
              {"kind", "parking"},
              {"common_parts", community == "desheng"},
              {"amount_fen", amount_fen}};
    if (community == "desheng") body["compound_id"] = node("desheng-xincun");
    auto reply = client.post(kBase + "/revenues", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json()["id"];
  }
};

TEST_F(PropertyLedgerVoidTest, AVoidedRevenueStaysListedAndCountsNowhere) {
  auto secretary = signed_in("secretary");
  json before = ledger(*secretary, "desheng");
  json summary_before = summary_item("desheng");
  std::int64_t revenue = parking(*secretary, "desheng", 123456);
  json raised = ledger(*secretary, "desheng");
  EXPECT_EQ(month_of(raised, december)["income"]["revenue_fen"],
            month_of(before, december)["income"]["revenue_fen"].get<std::int64_t>() + 123456);
  EXPECT_EQ(owners_share(raised, "desheng-xincun")["owners_fen"],
            owners_share(before, "desheng-xincun")["owners_fen"].get<std::int64_t>() + 123456);
  EXPECT_EQ(summary_item("desheng")["income_fen"], summary_before["income_fen"].get<std::int64_t>() + 123456);

  std::string void_path = kBase + "/revenues/" + std::to_string(revenue) + "/void";
  EXPECT_EQ(secretary->post(void_path, json::object()).error_field(), "reason");
  auto blank = secretary->post(void_path, {{"reason", "  "}});
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.error_field(), "reason");
  std::string too_long;
  for (int i = 0; i < 601; ++i) too_long += "错";
  EXPECT_EQ(secretary->post(void_path, {{"reason", too_long}}).error_field(), "reason") << "601 characters";
  EXPECT_EQ(secretary->post(void_path, {{"reason", "录错金额"}, {"amount_fen", 1}}).status, 400)
      << "a void changes nothing else";
  EXPECT_EQ(voided_rows("property_revenues"), 0);

  auto voided = secretary->post(void_path, {{"reason", "录错小区，应为德胜坝小区"}});
  ASSERT_EQ(voided.status, 200) << voided.body;
  std::string name = secretary->get("/api/v1/me").json()["display_name"];
  EXPECT_EQ(voided.json()["voided_by"]["name"], name);
  EXPECT_EQ(voided.json()["void_reason"], "录错小区，应为德胜坝小区");
  EXPECT_FALSE(voided.json()["voided_at"].is_null());
  EXPECT_EQ(voided.json()["amount_fen"], 123456) << "the record keeps what was recorded";

  json after = ledger(*secretary, "desheng");
  EXPECT_EQ(month_of(after, december), month_of(before, december));
  EXPECT_EQ(after["totals"], before["totals"]);
  EXPECT_EQ(owners_share(after, "desheng-xincun"), owners_share(before, "desheng-xincun"));
  EXPECT_EQ(summary_item("desheng"), summary_before);
  json shown = listed(*secretary, "revenues", "desheng", revenue);
  EXPECT_EQ(shown["void_reason"], "录错小区，应为德胜坝小区") << "a voided record stays listed";
  EXPECT_EQ(shown["voided_by"]["name"], name);

  auto again = secretary->post(void_path, {{"reason", "再次作废"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "id");
  EXPECT_EQ(listed(*secretary, "revenues", "desheng", revenue)["void_reason"], "录错小区，应为德胜坝小区");
  EXPECT_EQ(audits("property.revenue.void"), 1);
  EXPECT_EQ(secretary->post(kBase + "/revenues/999999/void", {{"reason", "不存在"}}).status, 404);
}

TEST_F(PropertyLedgerVoidTest, AVoidedCostNoLongerCallsForTheStreetsSubsidy) {
  auto secretary = signed_in("secretary");
  auto admin = signed_in("admin");
  std::int64_t subsidy_before = admin->get("/api/v1/stats/property").json()["street_subsidy_fen"];
  json reported_before = reported_subsidy();
  json before = ledger(*secretary, "desheng");
  auto cost = secretary->post(kBase + "/costs", {{"community_id", node("desheng")},
                                                 {"compound_id", node("c-deshengba")},
                                                 {"month", december},
                                                 {"kind", "maintenance"},
                                                 {"common_parts", true},
                                                 {"amount_fen", 80000}});
  ASSERT_EQ(cost.status, 201) << cost.body;
  json raised = ledger(*secretary, "desheng");
  std::int64_t gap = month_of(raised, december)["subsidy_fen"];
  EXPECT_GT(gap, 0) << "December has no income yet, so its cost is the street's";
  EXPECT_EQ(admin->get("/api/v1/stats/property").json()["street_subsidy_fen"], subsidy_before + gap);
  EXPECT_EQ(reported_subsidy(), reported_before.get<std::int64_t>() + gap);
  EXPECT_EQ(owners_share(raised, "c-deshengba")["costs_fen"],
            owners_share(before, "c-deshengba")["costs_fen"].get<std::int64_t>() + 80000);

  auto voided = secretary->post(kBase + "/costs/" + std::to_string(cost.json()["id"].get<std::int64_t>()) + "/void",
                                {{"reason", "重复登记"}});
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(voided.json()["kind"], "maintenance");
  json after = ledger(*secretary, "desheng");
  EXPECT_EQ(month_of(after, december), month_of(before, december));
  EXPECT_EQ(after["self_sufficient"], before["self_sufficient"]);
  EXPECT_EQ(owners_share(after, "c-deshengba"), owners_share(before, "c-deshengba"));
  EXPECT_EQ(admin->get("/api/v1/stats/property").json()["street_subsidy_fen"], subsidy_before);
  EXPECT_EQ(reported_subsidy(), reported_before) << "the monthly report counts no voided cost";
  EXPECT_EQ(audits("property.cost.void"), 1);
}

TEST_F(PropertyLedgerVoidTest, AVoidedFundingPaymentLeavesTheLineAndTheMonth) {
  auto admin = signed_in("admin");
  std::int64_t line = db().read()->scalar("SELECT MIN(id) FROM property_funding_lines");
  std::string lines = kBase + "/funding-lines?year=" + year;
  auto paid_of_line = [&] {
    json items = admin->get(lines).json()["items"];
    for (const auto& each : items) {
      if (each["id"] == line) return each["paid_fen"].get<std::int64_t>();
    }
    return std::int64_t{-1};
  };
  std::int64_t paid_before = paid_of_line();
  json before = ledger(*admin, "desheng");
  auto payment = admin->post(kBase + "/funding-lines/" + std::to_string(line) + "/payments",
                             {{"community_id", node("desheng")}, {"month", december}, {"amount_fen", 300000}});
  ASSERT_EQ(payment.status, 201) << payment.body;
  std::int64_t payment_id = payment.json()["id"];
  EXPECT_EQ(payment.json()["line"]["id"], line);
  EXPECT_EQ(month_of(ledger(*admin, "desheng"), december)["income"]["funding_fen"],
            month_of(before, december)["income"]["funding_fen"].get<std::int64_t>() + 300000);
  EXPECT_EQ(paid_of_line(), paid_before + 300000);
  json shown = listed(*signed_in("secretary"), "funding-payments", "desheng", payment_id);
  EXPECT_EQ(shown["line"]["name"], payment.json()["line"]["name"]) << "the community reads the payments it got";
  EXPECT_EQ(shown["recorded_by"]["name"], admin->get("/api/v1/me").json()["display_name"]);
  EXPECT_TRUE(shown["voided_at"].is_null());

  std::string void_path = kBase + "/funding-payments/" + std::to_string(payment_id) + "/void";
  EXPECT_EQ(signed_in("secretary")->post(void_path, {{"reason", "不是本社区的"}}).status, 403)
      << "a payment is voided by the street that pays it";
  auto voided = admin->post(void_path, {{"reason", "拨付月份有误"}});
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(voided.json()["void_reason"], "拨付月份有误");
  EXPECT_EQ(month_of(ledger(*admin, "desheng"), december), month_of(before, december));
  EXPECT_EQ(paid_of_line(), paid_before) << "a voided payment is no payment of its line";
  EXPECT_EQ(listed(*admin, "funding-payments", "desheng", payment_id)["void_reason"], "拨付月份有误");
  EXPECT_EQ(admin->post(void_path, {{"reason", "再次"}}).status, 409);
  EXPECT_EQ(audits("property.funding_payment.void"), 1);
  EXPECT_EQ(admin->get(kBase + "/funding-payments?year=" + year).error_field(), "community");
}

TEST_F(PropertyLedgerVoidTest, AnotherCommunitysClerkVoidsNothing) {
  std::int64_t cuiyu_revenue = parking(*signed_in("admin"), "cuiyu", 5000);
  auto cuiyu_cost = signed_in("admin")->post(
      kBase + "/costs", {{"community_id", node("cuiyu")}, {"month", december}, {"kind", "other"}, {"amount_fen", 700}});
  ASSERT_EQ(cuiyu_cost.status, 201) << cuiyu_cost.body;
  auto secretary = signed_in("secretary");
  EXPECT_EQ(
      secretary->post(kBase + "/revenues/" + std::to_string(cuiyu_revenue) + "/void", {{"reason", "越权"}}).status, 403)
      << "德胜's secretary holds nothing in 翠玉";
  EXPECT_EQ(secretary
                ->post(kBase + "/costs/" + std::to_string(cuiyu_cost.json()["id"].get<std::int64_t>()) + "/void",
                       {{"reason", "越权"}})
                .status,
            403);
  EXPECT_EQ(signed_in("commissioner")
                ->post(kBase + "/revenues/" + std::to_string(parking(*secretary, "desheng", 100)) + "/void",
                       {{"reason", "只读"}})
                .status,
            403)
      << "a commissioner reads the money and voids none";
  EXPECT_EQ(voided_rows("property_revenues") + voided_rows("property_costs"), 0);
  EXPECT_EQ(audits("property.revenue.void") + audits("property.cost.void"), 0);
}

TEST_F(PropertyLedgerVoidTest, ABurstOfVoidsOfOneRecordVoidsItOnce) {
  std::int64_t revenue = parking(*signed_in("secretary"), "desheng", 4200);
  constexpr int kClients = 6;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(signed_in(i % 2 == 0 ? "secretary" : "admin"));
  std::vector<Reply> replies(kClients);
  std::vector<std::thread> threads;
  std::string path = kBase + "/revenues/" + std::to_string(revenue) + "/void";
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      replies[i] = clients[i]->post(path, {{"reason", "重复登记 " + std::to_string(i)}});
    });
  }
  for (auto& thread : threads) thread.join();
  int voided = 0;
  for (const auto& reply : replies) {
    if (reply.status == 200) {
      ++voided;
    } else {
      EXPECT_EQ(reply.status, 409) << reply.body;
      EXPECT_EQ(reply.error_field(), "id");
    }
  }
  EXPECT_EQ(voided, 1);
  EXPECT_EQ(voided_rows("property_revenues"), 1);
  EXPECT_EQ(audits("property.revenue.void"), 1);
}

TEST_F(PropertyLedgerVoidTest, TheClosesPayIsCorrectedByReopeningTheMonthNotByAVoid) {
  auto admin = signed_in("admin");
  std::int64_t street = node("street");
  for (const auto& [party, code] : std::vector<std::pair<std::string, std::string>>{
           {"street", "cleaning"}, {"community", "service"}, {"committee", "owners"}}) {
    auto form = admin->post(kBase + "/evaluation-templates",
                            {{"street_id", street},
                             {"party", party},
                             {"items", json::array({{{"code", code}, {"name", "考核项"}, {"max", "100"}}})}});
    ASSERT_EQ(form.status, 201) << form.body;
  }
  std::int64_t contract = weizhi::property::contract_in_force(*db().read(), node("desheng-xincun"))->id;
  std::string last =
      weizhi::property::previous_month(weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7));
  std::string month_path = kBase + "/contracts/" + std::to_string(contract) + "/evaluations/" + last;
  ASSERT_EQ(admin
                ->post(month_path + "/sheets",
                       {{"party", "street"}, {"items", json::array({{{"code", "cleaning"}, {"points", "90"}}})}})
                .status,
            201);
  auto closed = admin->post(month_path + "/close", json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  std::int64_t pay = db().read()->scalar(
      "SELECT id FROM property_costs WHERE contract_id = ? AND month = ? AND kind = 'contract_base' AND "
      "evaluation_id = ?",
      {contract, last, closed.json()["evaluation_id"].get<std::int64_t>()});
  std::int64_t voided_by_the_close = voided_rows("property_costs");
  EXPECT_GT(voided_by_the_close, 0) << "the pay typed in before the close is voided by it, not deleted";
  auto refused = admin->post(kBase + "/costs/" + std::to_string(pay) + "/void", {{"reason", "金额不对"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_field(), "id");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("重新打开"), std::string::npos) << refused.body;
  EXPECT_EQ(voided_rows("property_costs"), voided_by_the_close);
  EXPECT_EQ(audits("property.cost.void"), 0);

  // A contract's pay typed in for a month not closed is the recorder's to void.
  auto typed = admin->post(kBase + "/costs", {{"community_id", node("desheng")},
                                              {"month", december},
                                              {"kind", "contract_base"},
                                              {"contract_id", contract},
                                              {"amount_fen", 100}});
  ASSERT_EQ(typed.status, 201) << typed.body;
  EXPECT_EQ(admin
                ->post(kBase + "/costs/" + std::to_string(typed.json()["id"].get<std::int64_t>()) + "/void",
                       {{"reason", "误录"}})
                .status,
            200);
}
