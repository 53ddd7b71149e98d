// What the property module tells people, counts and routes over HTTP on the Test seed: a month's published result and
// its withdrawal reach the compound's committee and the company's staff and nobody of another compound; the evaluators
// are reminded on the due day's eve and on the day, once, of the sheets still missing; the monthly report counts the
// month's close, its reviews and the work the companies took over; a new case of a task a company holds goes to it.
#include <chrono>
#include <string>

#include "core/time.hpp"
#include "modules/property/evaluation_rules.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::ManualClock;
namespace property = weizhi::property;

namespace {

const std::string kBase = "/api/v1/property";

}  // namespace

class PropertyNoticesTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin = signed_in("admin");
    contract = property::contract_in_force(*db().read(), node("desheng-xincun"))->id;
    this_month = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7);
    last = property::previous_month(this_month);
  }

  std::string month_path(const std::string& month, const std::string& rest = "") {
    return kBase + "/contracts/" + std::to_string(contract) + "/evaluations/" + month + rest;
  }

  // The caller's notifications of `kind`, newest first.
  static json inbox(HttpClient& client, const std::string& kind) {
    auto reply = client.get("/api/v1/me/notifications?limit=100");
    EXPECT_EQ(reply.status, 200) << reply.body;
    json found = json::array();
    json items = reply.json()["items"];
    for (const auto& notification : items) {
      if (notification["kind"] == kind) found.push_back(notification);
    }
    return found;
  }

  // A committee member of another compound, signed in.
  std::unique_ptr<HttpClient> committee_elsewhere() {
    auto reply =
        admin->post("/api/v1/users",
                    {{"login", "cuiyu.committee"},
                     {"display_name", "翠玉自管会成员"},
                     {"password", "a-long-password"},
                     {"roles", json::array({{{"role", "committee_member"}, {"scope_node_id", node("c-cuiyu")}}})}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    auto client = anonymous();
    EXPECT_EQ(client->login("cuiyu.committee", "a-long-password").status, 200);
    return client;
  }

  // Runs the reminders as an instance whose clock reads noon of the street day; whether they ran.
  bool remind_on(const std::string& day) {
    ManualClock clock;
    clock.set(*weizhi::street_day_end(day) - std::chrono::hours(12));
    return run_job("property.evaluation.reminders", clock);
  }

  std::unique_ptr<HttpClient> admin;
  std::int64_t contract = 0;
  std::string this_month;
  std::string last;
};

TEST_F(PropertyNoticesTest, TheCloseTellsTheCommitteeAndTheCompanyAndAReopeningWithdrawsIt) {
  auto elsewhere = committee_elsewhere();
  auto form = admin->post(kBase + "/evaluation-templates",
                          {{"street_id", node("street")},
                           {"party", "street"},
                           {"items", json::array({{{"code", "cleaning"}, {"name", "环境保洁"}, {"max", "100"}}})}});
  ASSERT_EQ(form.status, 201) << form.body;
  auto filled =
      admin->post(month_path(last, "/sheets"),
                  {{"party", "street"}, {"items", json::array({{{"code", "cleaning"}, {"points", "80.5"}}})}});
  ASSERT_EQ(filled.status, 201) << filled.body;
  auto closed = admin->post(month_path(last, "/close"), json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  json result = closed.json()["result"];

  std::string link = "/property/evaluations/" + std::to_string(contract) + "/" + last;
  for (const char* login : {"committee", "property", "property-staff"}) {
    auto client = signed_in(login);
    json published = inbox(*client, "property.evaluation.published");
    ASSERT_EQ(published.size(), 1u) << login;
    EXPECT_EQ(published[0]["title"], "物业月度考核结果已公布（" + last + "，德胜新村）");
    EXPECT_EQ(published[0]["link"], link);
    EXPECT_EQ(published[0]["node_id"], node("desheng-xincun"));
    std::string body = published[0]["body"];
    EXPECT_NE(body.find("得分 80.5 分"), std::string::npos) << body;
    EXPECT_NE(body.find(property::yuan_text(result["total_fen"].get<std::int64_t>())), std::string::npos) << body;
    EXPECT_NE(body.find(weizhi::code_of(property::kOutcomeNames, property::EvaluationOutcome::Partial)),
              std::string::npos)
        << body;
  }
  EXPECT_EQ(inbox(*elsewhere, "property.evaluation.published").size(), 0u) << "another compound's committee";
  EXPECT_EQ(inbox(*signed_in("secretary"), "property.evaluation.published").size(), 0u)
      << "the community evaluates; the notice is for the owners' committee and the company";

  auto reopened = admin->post(month_path(last, "/reopen"), {{"reason", "自管会考核表漏填，重新考核"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  for (const char* login : {"committee", "property"}) {
    json withdrawn = inbox(*signed_in(login), "property.evaluation.withdrawn");
    ASSERT_EQ(withdrawn.size(), 1u) << login;
    EXPECT_EQ(withdrawn[0]["title"], "物业月度考核结果已撤回（" + last + "，德胜新村）");
    EXPECT_NE(withdrawn[0]["body"].get<std::string>().find("自管会考核表漏填，重新考核"), std::string::npos);
    EXPECT_EQ(withdrawn[0]["link"], link);
  }
  EXPECT_EQ(inbox(*elsewhere, "property.evaluation.withdrawn").size(), 0u);
}

// This month's sheets are due on the 5th of the next; nobody has filled any in the Test seed.
TEST_F(PropertyNoticesTest, EvaluatorsAreRemindedOnTheEveAndOnTheDueDayOnce) {
  std::string due_on = property::due_date(this_month, 5);
  std::string eve = *property::day_before(due_on);
  auto committee = signed_in("committee");
  auto secretary = signed_in("secretary");
  const std::string kind = "property.evaluation.sheet_reminder";
  std::string link = "/property/evaluations?month=" + this_month;

  EXPECT_TRUE(remind_on(*property::day_before(eve)));
  EXPECT_EQ(inbox(*committee, kind).size(), 0u) << "two days before, nothing yet";

  EXPECT_TRUE(remind_on(eve));
  json told = inbox(*committee, kind);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["title"], "物业月度考核表明日截止（" + this_month + "）");
  EXPECT_EQ(told[0]["link"], link);
  EXPECT_NE(told[0]["body"].get<std::string>().find("您还有 1 份 " + this_month), std::string::npos)
      << "the committee member evaluates their own compound only";
  json for_secretary = inbox(*secretary, kind);
  ASSERT_EQ(for_secretary.size(), 1u) << "one message for all of the community's compounds";
  std::size_t desheng_contracts = [&] {
    auto lease = db().read();
    std::string desheng = lease->query_one("SELECT path FROM org_nodes WHERE id = ?", {node("desheng")})->text(0);
    return property::contracts_under(*lease, desheng, std::nullopt, property::ContractState::InForce).size();
  }();
  EXPECT_NE(for_secretary[0]["body"].get<std::string>().find("您还有 " + std::to_string(desheng_contracts) + " 份"),
            std::string::npos)
      << for_secretary[0]["body"];
  EXPECT_EQ(inbox(*signed_in("property"), kind).size(), 0u) << "a company never evaluates itself";

  EXPECT_FALSE(remind_on(eve)) << "the day is claimed";
  EXPECT_EQ(inbox(*committee, kind).size(), 1u) << "a second run sends nothing more";

  // The committee's weight goes to 0: it fills no sheet, so it is not reminded on the due day.
  json weights{
      {"weights", {{"street", 70}, {"community", 30}, {"committee", 0}}}, {"floor", 60}, {"full", 95}, {"due_day", 5}};
  auto policy = admin->send("PUT", kBase + "/evaluation-policies/" + std::to_string(node("street")), weights.dump());
  ASSERT_EQ(policy.status, 200) << policy.body;
  EXPECT_TRUE(remind_on(due_on));
  EXPECT_EQ(inbox(*committee, kind).size(), 1u) << "a party of weight 0 is not reminded";
  for_secretary = inbox(*secretary, kind);
  ASSERT_EQ(for_secretary.size(), 2u);
  EXPECT_EQ(for_secretary[0]["title"], "物业月度考核表今日截止（" + this_month + "）");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'property.evaluation.remind'"), 2);
}

class PropertyReportTest : public PropertyNoticesTest {
 protected:
  json report(const std::string& month) {
    auto reply =
        admin->get("/api/v1/reports/monthly?format=json&node=" + std::to_string(node("street")) + "&month=" + month);
    EXPECT_EQ(reply.status, 200) << reply.body;
    json sections = reply.json()["sections"];
    for (const auto& section : sections) {
      if (section["key"] == "property.evaluation") return section;
    }
    ADD_FAILURE() << "no property.evaluation section";
    return json::object();
  }
  static json figure(const json& section, const std::string& label) {
    for (const auto& each : section["figures"]) {
      if (each["label"] == label) return each["value"];
    }
    ADD_FAILURE() << "no figure " << label;
    return nullptr;
  }
  // Closes the month with the street's sheet alone at `points` of 100.
  json close_with(const std::string& month, const char* points) {
    auto filled =
        admin->post(month_path(month, "/sheets"),
                    {{"party", "street"}, {"items", json::array({{{"code", "cleaning"}, {"points", points}}})}});
    EXPECT_EQ(filled.status, 201) << filled.body;
    auto closed = admin->post(month_path(month, "/close"), json::object());
    EXPECT_EQ(closed.status, 200) << closed.body;
    return closed.json()["result"];
  }
  // A new case of the item in the compound, reported by the street; given to `assignee` when named, unless it was
  // given to someone on its own.
  json new_case(const std::string& item, const std::string& compound, std::optional<std::string> assignee) {
    auto reply = admin->post("/api/v1/cases",
                             {{"item_code", item}, {"compound_id", node(compound)}, {"description", "巡查发现"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    json record = reply.json();
    if (!assignee || record["state"] != "reported") return record;
    std::string path = "/api/v1/cases/" + std::to_string(record["id"].get<std::int64_t>()) + "/transition";
    EXPECT_EQ(admin->post(path, {{"to", "accepted"}}).status, 200);
    std::int64_t user_id = db().read()->query_one("SELECT id FROM users WHERE login = ?", {*assignee})->i64(0);
    auto assigned = admin->post(path, {{"to", "assigned"}, {"assignee_user_id", user_id}});
    EXPECT_EQ(assigned.status, 200) << assigned.body;
    return assigned.json();
  }
};

TEST_F(PropertyReportTest, TheMonthsCloseReviewsAndTheWorkTheCompaniesTookOverAreCounted) {
  auto form = admin->post(kBase + "/evaluation-templates",
                          {{"street_id", node("street")},
                           {"party", "street"},
                           {"items", json::array({{{"code", "cleaning"}, {"name", "环境保洁"}, {"max", "100"}}})}});
  ASSERT_EQ(form.status, 201) << form.body;
  std::string before = property::previous_month(last);
  close_with(before, "30");
  json result = close_with(last, "20");

  json section = report(last);
  EXPECT_EQ(figure(section, "考核结账合同"), 1) << "the month before was closed in its own close";
  EXPECT_EQ(figure(section, "未达起评分"), 1);
  EXPECT_EQ(figure(section, "全额绩效"), 0);
  EXPECT_EQ(figure(section, "应付物业服务费"), result["total_fen"]);
  EXPECT_EQ(figure(section, "新开合同复核"), 1) << "two months in a row below the floor";
  EXPECT_EQ(figure(section, "月末未结复核"), 0) << "the review was opened after that month had ended";
  json held = admin->get(kBase + "/tasks").json()["items"];
  std::int64_t by_property = 0;
  for (const auto& task : held) by_property += task["holder"] == "property" ? 1 : 0;
  EXPECT_EQ(figure(section, "物业承接事务"), by_property);
  EXPECT_EQ(by_property, 17);

  json now = report(this_month);
  EXPECT_EQ(figure(now, "考核结账合同"), 0);
  EXPECT_EQ(figure(now, "新开合同复核"), 0);
  EXPECT_EQ(figure(now, "月末未结复核"), 1);
  EXPECT_EQ(now["tables"][0]["rows"], json::array({json::array({"德胜新村", before, last})}));

  // This month's cases of items the companies took over, by who works them.
  auto cases = [&](const char* label) { return figure(report(this_month), label).get<std::int64_t>(); };
  std::int64_t all = cases("物业承接事项的案件");
  std::int64_t company = cases("其中物业企业办理");
  std::int64_t social = cases("其中社工办理");
  std::int64_t waiting = cases("其中尚未派单");
  EXPECT_EQ(all, company + social + waiting);
  new_case("stairwell-clutter", "desheng-xincun", "property-staff");
  new_case("stairwell-clutter", "c-nanyi", "admin");
  new_case("stairwell-clutter", "c-nanyi", std::nullopt);
  new_case("neighbour-dispute", "desheng-xincun", "admin");
  EXPECT_EQ(cases("物业承接事项的案件"), all + 3) << "邻里纠纷 stays with the social workers' tasks";
  EXPECT_EQ(cases("其中物业企业办理"), company + 1);
  EXPECT_EQ(cases("其中社工办理"), social + 1);
  EXPECT_EQ(cases("其中尚未派单"), waiting + 1);
}

class CaseRoutingTest : public PropertyNoticesTest {
 protected:
  json report_case(const std::string& item, const std::string& compound) {
    auto reply = admin->post("/api/v1/cases",
                             {{"item_code", item}, {"compound_id", node(compound)}, {"description", "楼道堆放杂物"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }
  std::int64_t user_id(const std::string& login) {
    return db().read()->query_one("SELECT id FROM users WHERE login = ?", {login})->i64(0);
  }
  std::string company_name() {
    std::int64_t company = property::contract_in_force(*db().read(), node("desheng-xincun"))->terms.company_id;
    return property::find_company(*db().read(), company)->input.name;
  }
};

TEST_F(CaseRoutingTest, ANewCaseOfATaskTheCompanyHoldsGoesToItsManagerAndTheTimelineSaysWhy) {
  json record = report_case("stairwell-clutter", "desheng-xincun");
  EXPECT_EQ(record["state"], "assigned");
  EXPECT_EQ(record["assignee_user_id"], user_id("property")) << "the company's manager in scope first";
  std::string reason = "该事项由物业承接：" + company_name();
  std::vector<std::string> steps;
  for (const auto& event : record["events"]) steps.push_back(event["to"].get<std::string>());
  EXPECT_EQ(steps, (std::vector<std::string>{"reported", "accepted", "assigned"}));
  EXPECT_EQ(record["events"][1]["note"], reason);
  EXPECT_EQ(record["events"][2]["note"], reason);
  EXPECT_TRUE(record["events"][2]["actor_name"].is_null()) << "the system routed it, no person";
  EXPECT_FALSE(record["response_overdue"].get<bool>());

  json assigned = inbox(*signed_in("property"), "case.assigned");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0]["link"], "/cases/" + std::to_string(record["id"].get<std::int64_t>()));
  json routed = inbox(*signed_in("property-staff"), "case.routed");
  ASSERT_EQ(routed.size(), 1u) << "the company's other staff serving the compound are told";
  EXPECT_NE(routed[0]["body"].get<std::string>().find(reason), std::string::npos);
  EXPECT_EQ(inbox(*signed_in("committee"), "case.routed").size(), 0u);

  // The company works it as any assigned case.
  auto manager = signed_in("property");
  std::string path = "/api/v1/cases/" + std::to_string(record["id"].get<std::int64_t>()) + "/transition";
  EXPECT_EQ(manager->post(path, {{"to", "in_progress"}}).status, 200);

  // Without its manager, the company's staff serving the compound take it.
  std::int64_t company = property::contract_in_force(*db().read(), node("desheng-xincun"))->terms.company_id;
  auto unlinked =
      admin->del(kBase + "/companies/" + std::to_string(company) + "/staff/" + std::to_string(user_id("property")));
  ASSERT_EQ(unlinked.status, 200) << unlinked.body;
  json next = report_case("stairwell-clutter", "desheng-xincun");
  EXPECT_EQ(next["state"], "assigned");
  EXPECT_EQ(next["assignee_user_id"], user_id("property-staff"));
}

TEST_F(CaseRoutingTest, WithoutATaskTheCompanyHoldsOrAContractInForceNothingChanges) {
  json community_task = report_case("neighbour-dispute", "desheng-xincun");
  EXPECT_EQ(community_task["state"], "reported") << "邻里纠纷调解 is still the social workers' task";
  EXPECT_TRUE(community_task["assignee_user_id"].is_null());
  EXPECT_EQ(community_task["events"].size(), 1u);

  // A compound without a contract in force keeps its cases for triage.
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec(
        "UPDATE property_contracts SET state = 'ended', ended_on = ? WHERE compound_node_id = ? AND state = "
        "'in_force'",
        {weizhi::street_date(std::chrono::system_clock::now()), node("c-deshengba")});
  });
  EXPECT_EQ(report_case("stairwell-clutter", "c-deshengba")["state"], "reported");

  // A task moved back to the community takes its items' new cases with it.
  json tasks = admin->get(kBase + "/tasks").json()["items"];
  std::int64_t task_id = 0;
  for (const auto& task : tasks) {
    if (task["code"] == "stairwell-clutter") task_id = task["id"];
  }
  ASSERT_NE(task_id, 0);
  auto moved = admin->post(kBase + "/tasks/" + std::to_string(task_id) + "/move",
                           {{"holder", "community"}, {"on", weizhi::street_date(std::chrono::system_clock::now())}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(report_case("stairwell-clutter", "desheng-xincun")["state"], "reported");
  EXPECT_EQ(inbox(*signed_in("property"), "case.assigned").size(), 0u);
}
