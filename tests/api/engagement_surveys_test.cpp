// Surveys over HTTP on the Test seed: staff draft, open and close surveys of their scope; a resident
// answers online for their household and staff type in paper forms for others, one voice per
// household whichever the channel (20 at once keep one); results are counted from the responses with
// their denominators and broken down by building; the month's satisfaction survey fills the property
// evaluation's item; bad answers are refused naming the question; what another street holds is not
// found; anonymous callers are refused.
#include <atomic>
#include <chrono>
#include <thread>

#include "app/app.hpp"
#include "core/percent_encode.hpp"
#include "core/time.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/people/people.hpp"
#include "modules/property/evaluation_rules.hpp"
#include "modules/property/store.hpp"
#include "support/engagement_api.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

std::string from_now(std::chrono::minutes minutes) {
  return weizhi::iso_utc(std::chrono::system_clock::now() + minutes);
}
constexpr std::chrono::minutes kDay{24 * 60};

// 0 是否有车 (single, required); 1 停车难在哪 (multiple, only for 有车); 2 满意度 (scale, required);
// 3 建议 (text).
json parking_questions() {
  return json::parse(R"([
    {"text": "您家是否有车？", "type": "single", "required": true, "options": ["有", "没有"]},
    {"text": "停车难在哪些方面？", "type": "multiple", "required": true, "options": ["车位少", "乱停放", "收费高"],
     "show_if": {"question": 0, "option": 0}},
    {"text": "对小区停车管理的满意度", "type": "scale", "required": true},
    {"text": "您的建议", "type": "text"}
  ])");
}

}  // namespace

class EngagementSurveysTest : public ApiTest {
 protected:
  json survey_body(const std::string& node_code) {
    return {{"title", "停车管理征求意见"},
            {"node_id", node(node_code)},
            {"opens_at", from_now(-kDay)},
            {"closes_at", from_now(7 * kDay)},
            {"questions", parking_questions()}};
  }

  static std::string path(const json& survey, const std::string& tail = "") {
    return "/api/v1/surveys/" + std::to_string(survey["id"].get<std::int64_t>()) + tail;
  }

  // A survey of the compound, opened.
  json open_survey(HttpClient& staff, const std::string& node_code = "desheng-xincun") {
    auto created = staff.post("/api/v1/surveys", survey_body(node_code));
    EXPECT_EQ(created.status, 201) << created.body;
    auto opened = staff.post(path(created.json(), "/open"), json::object());
    EXPECT_EQ(opened.status, 200) << opened.body;
    return opened.json();
  }

  // Households of the compound other than those the `resident` account belongs to, by id.
  std::vector<std::int64_t> other_households(std::size_t count, const std::string& compound = "desheng-xincun") {
    auto rows = db().read()->query(
        "SELECT part.id FROM org_nodes part JOIN parts p ON p.node_id = part.id JOIN org_nodes unit ON unit.id = "
        "part.parent_id JOIN org_nodes building ON building.id = unit.parent_id WHERE building.parent_id = ? AND "
        "p.use = 'residential' AND EXISTS (SELECT 1 FROM part_links l WHERE l.part_node_id = part.id) AND NOT EXISTS "
        "(SELECT 1 FROM part_links l JOIN users u ON u.person_id = l.person_id WHERE l.part_node_id = part.id AND "
        "u.login = 'resident') ORDER BY part.id LIMIT ?",
        {node(compound), static_cast<std::int64_t>(count)});
    std::vector<std::int64_t> ids;
    for (const auto& row : rows) ids.push_back(row.i64(0));
    return ids;
  }

  std::int64_t resident_household(HttpClient& resident, const json& survey) {
    auto shown = resident.get(path(survey));
    EXPECT_EQ(shown.status, 200) << shown.body;
    json body = shown.json();
    EXPECT_FALSE(body["my_households"].empty()) << shown.body;
    return body["my_households"].empty() ? 0 : body["my_households"][0]["id"].get<std::int64_t>();
  }
};

TEST_F(EngagementSurveysTest, ASurveyIsDraftedThenOpenedWithItsQuestionsFrozenThenClosed) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  auto created = commissioner->post("/api/v1/surveys", survey_body("desheng-xincun"));
  ASSERT_EQ(created.status, 201) << created.body;
  json survey = created.json();
  EXPECT_EQ(survey["state"], "draft");
  EXPECT_EQ(survey["kind"], "general");
  EXPECT_EQ(survey["questions"][1]["show_if"]["question"], 0);
  EXPECT_EQ(resident->get(path(survey)).status, 404) << "a draft is not shown to residents";

  auto edited = commissioner->patch(path(survey), json{{"title", "小区停车管理征求意见"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["title"], "小区停车管理征求意见");
  EXPECT_EQ(commissioner->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 4})}}).status, 403)
      << "staff without a household there do not answer online";

  auto opened = commissioner->post(path(survey, "/open"), json::object());
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["state"], "open");
  EXPECT_GT(opened.json()["households"].get<std::int64_t>(), 0);
  EXPECT_EQ(opened.json()["responses"], 0);
  auto frozen = commissioner->patch(path(survey), json{{"title", "改名"}});
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(frozen.error_field(), "state");
  EXPECT_EQ(commissioner->post(path(survey, "/open"), json::object()).status, 409);

  auto mine = resident->get("/api/v1/me/surveys").json();
  ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
  EXPECT_TRUE(mine["items"][0]["my_households"][0]["response"].is_null());
  auto answered =
      resident->post(path(survey, "/responses"), json{{"answers", json::array({0, {0, 1}, 4, "多划车位"})}});
  ASSERT_EQ(answered.status, 201) << answered.body;
  EXPECT_EQ(answered.json()["channel"], "online");
  mine = resident->get("/api/v1/me/surveys").json();
  EXPECT_EQ(mine["items"][0]["my_households"][0]["response"]["channel"], "online");

  auto closed = commissioner->post(path(survey, "/close"), json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(closed.json()["responses"], 1);
  auto late = commissioner->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 3})},
                                                                  {"household_id", other_households(1).at(0)},
                                                                  {"paper_form_number", "DX-001"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.error_field(), "survey");
  EXPECT_TRUE(resident->get("/api/v1/me/surveys").json()["items"].empty());
  for (const char* action : {"engagement.survey.create", "engagement.survey.update", "engagement.survey.open",
                             "engagement.survey.respond", "engagement.survey.close"}) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action}), 1) << action;
  }
}

TEST_F(EngagementSurveysTest, OneVoicePerHouseholdWhicheverTheChannelNamingTheFirst) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json survey = open_survey(*commissioner);
  std::int64_t home = resident_household(*resident, survey);
  ASSERT_EQ(resident->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 5})}}).status, 201);

  auto again = resident->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 2})}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "household_id");
  auto paper = commissioner->post(
      path(survey, "/responses"),
      json{{"answers", json::array({1, nullptr, 2})}, {"household_id", home}, {"paper_form_number", "DX-001"}});
  EXPECT_EQ(paper.status, 409);
  EXPECT_EQ(paper.error_field(), "household_id");
  std::string message = paper.json()["error"]["message"];
  EXPECT_NE(message.find("线上"), std::string::npos) << message;
  EXPECT_NE(message.find(weizhi::street_date(std::chrono::system_clock::now())), std::string::npos) << message;

  auto others = other_households(2);
  auto entered = commissioner->post(
      path(survey, "/responses"),
      json{{"answers", json::array({1, nullptr, 3})}, {"household_id", others[0]}, {"paper_form_number", "DX-002"}});
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(entered.json()["channel"], "paper");
  auto same_form = commissioner->post(
      path(survey, "/responses"),
      json{{"answers", json::array({1, nullptr, 3})}, {"household_id", others[1]}, {"paper_form_number", "DX-002"}});
  EXPECT_EQ(same_form.status, 409);
  EXPECT_EQ(same_form.error_field(), "paper_form_number");
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE survey_id = ?", {survey["id"].get<std::int64_t>()}), 2);
}

TEST_F(EngagementSurveysTest, TwentyResponsesAtOnceForOneHouseholdKeepExactlyOne) {
  auto commissioner = signed_in("commissioner");
  json survey = open_survey(*commissioner);
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 10; ++i) clients.push_back(signed_in("resident"));
  for (int i = 0; i < 10; ++i) clients.push_back(signed_in("commissioner"));
  std::int64_t home = resident_household(*clients[0], survey);
  std::vector<long> statuses(clients.size());
  std::atomic<std::size_t> ready = 0;
  std::vector<std::thread> racers;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    racers.emplace_back([&, i] {
      json body = {{"answers", json::array({1, nullptr, 4})}};
      if (i >= 10) {
        body["household_id"] = home;
        body["paper_form_number"] = "RACE-" + std::to_string(i);
      }
      ++ready;
      while (ready < clients.size()) std::this_thread::yield();
      statuses[i] = clients[i]->post(path(survey, "/responses"), body).status;
    });
  }
  for (auto& racer : racers) racer.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 19);
  std::int64_t id = survey["id"];
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses WHERE survey_id = ?", {id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers WHERE survey_id = ?", {id}), 2) << "one response's answers";
}

TEST_F(EngagementSurveysTest, ResultsAreCountedWithTheirDenominatorsAndBrokenDownByBuilding) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json survey = open_survey(*commissioner);
  ASSERT_EQ(
      resident->post(path(survey, "/responses"), json{{"answers", json::array({0, {0, 1}, 5, "多划车位"})}}).status,
      201);
  auto others = other_households(3);
  ASSERT_EQ(others.size(), 3u);
  std::vector<json> forms = {json::array({0, {0}, 4}), json::array({1, nullptr, 3, "无"}),
                             json::array({1, nullptr, 4})};
  for (std::size_t i = 0; i < 3; ++i) {
    auto reply = commissioner->post(
        path(survey, "/responses"),
        json{{"answers", forms[i]}, {"household_id", others[i]}, {"paper_form_number", "R-" + std::to_string(i)}});
    ASSERT_EQ(reply.status, 201) << reply.body;
  }
  auto reply = commissioner->get(path(survey, "/results?by=building"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  json results = reply.json();
  EXPECT_EQ(results["responses"], 4);
  EXPECT_EQ(results["response_rate"]["num"], 4);
  EXPECT_EQ(results["response_rate"]["den"], results["households"]);
  json q0 = results["questions"][0];
  EXPECT_EQ(q0["answered"], 4);
  EXPECT_EQ(q0["options"][0]["count"], 2);
  EXPECT_EQ(q0["options"][0]["share"], (json{{"num", 2}, {"den", 4}}));
  json q1 = results["questions"][1];
  EXPECT_EQ(q1["answered"], 2) << "only those who have a car were shown it";
  EXPECT_EQ(q1["options"][0]["share"], (json{{"num", 2}, {"den", 2}}));
  EXPECT_EQ(q1["options"][1]["share"], (json{{"num", 1}, {"den", 2}}));
  json q2 = results["questions"][2];
  EXPECT_EQ(q2["mean"], (json{{"num", 16}, {"den", 4}}));
  EXPECT_EQ(q2["distribution"][3]["count"], 2) << "two rated 4";
  EXPECT_EQ(results["questions"][3]["texts"].size(), 2u);
  EXPECT_FALSE(results["questions"][3].contains("person_id"));

  std::int64_t households = 0, responses = 0;
  for (const auto& group : results["groups"]) {
    households += group["households"].get<std::int64_t>();
    responses += group["responses"].get<std::int64_t>();
    EXPECT_EQ(group["questions"][0]["answered"], group["responses"]);
  }
  EXPECT_EQ(households, results["households"].get<std::int64_t>()) << "the buildings add up to the compound";
  EXPECT_EQ(responses, 4);
  EXPECT_EQ(commissioner->get(path(survey, "/results?by=street")).status, 400);

  auto listed = commissioner->get("/api/v1/surveys?node=" + std::to_string(node("desheng-xincun"))).json();
  ASSERT_FALSE(listed["items"].empty());
  EXPECT_EQ(listed["items"][0]["responses"], 4);
}

TEST_F(EngagementSurveysTest, StaffFindAHouseholdByAddressForAPaperForm) {
  auto commissioner = signed_in("commissioner");
  json survey = open_survey(*commissioner);
  std::int64_t household = other_households(1).at(0);
  std::string address =
      db().read()
          ->query_one(
              "SELECT building.name || unit.name || part.name FROM org_nodes part JOIN org_nodes unit ON unit.id = "
              "part.parent_id JOIN org_nodes building ON building.id = unit.parent_id WHERE part.id = ?",
              {household})
          ->text(0);
  auto found = commissioner->get(path(survey, "/households?address=" + weizhi::percent_encode(address)));
  ASSERT_EQ(found.status, 200) << found.body;
  json items = found.json()["items"];
  bool listed = false;
  for (const auto& item : items) listed = listed || item["id"] == household;
  EXPECT_TRUE(listed) << address << " " << found.body;
  EXPECT_EQ(commissioner->get(path(survey, "/households")).status, 400);
}

TEST_F(EngagementSurveysTest, AnswersThatDoNotFitAreRefusedNamingTheQuestion) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json survey = open_survey(*commissioner);
  auto refused = [&](const json& answers) {
    auto reply = resident->post(path(survey, "/responses"), json{{"answers", answers}});
    EXPECT_EQ(reply.status, 400) << answers.dump() << " " << reply.body;
    return reply.error_field();
  };
  EXPECT_EQ(refused(json::array({5, nullptr, 4})), "answers[0]");
  EXPECT_EQ(refused(json::array({nullptr, nullptr, 4})), "answers[0]") << "required";
  EXPECT_EQ(refused(json::array({1, {0}, 4})), "answers[1]") << "a hidden question";
  EXPECT_EQ(refused(json::array({0, nullptr, 4})), "answers[1]") << "the branch taken is required";
  EXPECT_EQ(refused(json::array({1, nullptr, 9})), "answers[2]");
  EXPECT_EQ(refused(json::array({1, nullptr, 4, std::string(2001, 'a')})), "answers[3]");
  EXPECT_EQ(refused("all good"), "answers");
  auto extra = resident->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 4})}, {"x", 1}});
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(extra.error_field(), "x");
  auto bad_form = commissioner->post(path(survey, "/responses"), json{{"answers", json::array({1, nullptr, 4})},
                                                                      {"household_id", other_households(1).at(0)},
                                                                      {"paper_form_number", "第一张"}});
  EXPECT_EQ(bad_form.status, 400);
  EXPECT_EQ(bad_form.error_field(), "paper_form_number");
  json body = survey_body("desheng-xincun");
  body["questions"][0]["options"] = json::array({"只有一个"});
  auto bad_survey = commissioner->post("/api/v1/surveys", body);
  EXPECT_EQ(bad_survey.status, 400);
  EXPECT_EQ(bad_survey.error_field(), "questions[0].options");
  body = survey_body("desheng-xincun");
  body["kind"] = "satisfaction";
  body["questions"] = json::array({parking_questions()[0]});
  EXPECT_EQ(commissioner->post("/api/v1/surveys", body).error_field(), "questions");
  body = survey_body("desheng");
  body["kind"] = "satisfaction";
  auto admin = signed_in("admin");
  auto community_satisfaction = admin->post("/api/v1/surveys", body);
  EXPECT_EQ(community_satisfaction.status, 422) << "a satisfaction survey is of one compound";
  EXPECT_EQ(commissioner->post("/api/v1/surveys", std::string(3 * 1024 * 1024, ' ')).status, 413);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);
}

TEST_F(EngagementSurveysTest, WhatAnotherStreetOrCompoundHoldsIsNotFoundAtEitherEnd) {
  auto far = weizhi::testing::other_street(db(), data_key());
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  json body = survey_body("desheng-xincun");
  body["node_id"] = far.compound;
  EXPECT_EQ(admin->post("/api/v1/surveys", body).status, 404) << "a node of another street";
  EXPECT_EQ(commissioner->get("/api/v1/surveys?node=" + std::to_string(far.compound)).status, 404);
  json survey = open_survey(*commissioner);
  auto paper = commissioner->post(
      path(survey, "/responses"),
      json{{"answers", json::array({1, nullptr, 4})}, {"household_id", far.household}, {"paper_form_number", "F-1"}});
  EXPECT_EQ(paper.status, 404) << "a household of another street";
  EXPECT_EQ(paper.error_field(), "household_id");
  std::int64_t other_compound = other_households(1, "c-deshengba").at(0);
  auto outside = commissioner->post(
      path(survey, "/responses"),
      json{{"answers", json::array({1, nullptr, 4})}, {"household_id", other_compound}, {"paper_form_number", "F-2"}});
  EXPECT_EQ(outside.status, 403) << "a household of the street outside the survey's scope";
  json theirs = open_survey(*admin, "c-deshengba");
  for (std::string tail : {"", "/results", "/households?address=1"}) {
    EXPECT_EQ(commissioner->get(path(theirs, tail)).status, 404) << tail;
  }
  EXPECT_EQ(commissioner->post(path(theirs, "/close"), json::object()).status, 404);
  EXPECT_EQ(signed_in("resident")->get(path(theirs)).status, 404) << "a resident of another compound";
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_responses"), 0);
}

TEST_F(EngagementSurveysTest, AnonymousCallersAreRefusedAndOddIdsAreNotFound) {
  auto admin = signed_in("admin");
  json survey = open_survey(*admin);
  weizhi::testing::expect_anonymous_refused(*anonymous(), {{"GET", "/api/v1/surveys"},
                                                           {"POST", "/api/v1/surveys"},
                                                           {"GET", path(survey)},
                                                           {"PATCH", path(survey)},
                                                           {"POST", path(survey, "/open")},
                                                           {"POST", path(survey, "/close")},
                                                           {"POST", path(survey, "/responses")},
                                                           {"GET", path(survey, "/results")},
                                                           {"GET", path(survey, "/households?address=1")},
                                                           {"GET", "/api/v1/me/surveys"}});
  weizhi::testing::expect_odd_ids_not_found(*admin, "/api/v1/surveys");
  EXPECT_EQ(admin->get("/api/v1/surveys/424242/results").status, 404);
}

TEST_F(EngagementSurveysTest, TodayListsOpenSurveysClosingWithinThreeDaysWithTheirResponseRate) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json soon_body = survey_body("desheng-xincun");
  soon_body["closes_at"] = from_now(2 * kDay);
  json soon = commissioner->post("/api/v1/surveys", soon_body).json();
  ASSERT_EQ(commissioner->post(path(soon, "/open"), json::object()).status, 200);
  open_survey(*commissioner);  // closing in a week: not yet today's work
  ASSERT_EQ(resident->post(path(soon, "/responses"), json{{"answers", json::array({1, nullptr, 4})}}).status, 201);
  json today = commissioner->get("/api/v1/me/today").json();
  json items = today["items"];
  std::vector<json> closing;
  for (const auto& item : items) {
    if (item["kind"] == "engagement.survey_closing") closing.push_back(item);
  }
  ASSERT_EQ(closing.size(), 1u) << today.dump();
  EXPECT_EQ(closing[0]["link"], "/engagement/surveys/" + std::to_string(soon["id"].get<std::int64_t>()));
  EXPECT_NE(closing[0]["title"].get<std::string>().find("已答 1/"), std::string::npos) << closing[0].dump();
}

TEST_F(EngagementSurveysTest, TheMonthsSatisfactionSurveyFillsThePropertyEvaluationsItem) {
  auto admin = signed_in("admin");
  auto resident = signed_in("resident");
  json body = survey_body("desheng-xincun");
  body["kind"] = "satisfaction";
  body["title"] = "德胜新村物业服务满意度调查";
  body["questions"] = json::parse(R"([{"text": "您对本月物业服务的满意度", "type": "scale", "required": true}])");
  auto created = admin->post("/api/v1/surveys", body);
  ASSERT_EQ(created.status, 201) << created.body;
  json survey = created.json();
  ASSERT_EQ(admin->post(path(survey, "/open"), json::object()).status, 200);
  ASSERT_EQ(resident->post(path(survey, "/responses"), json{{"answers", json::array({4})}}).status, 201);
  ASSERT_EQ(admin
                ->post(path(survey, "/responses"), json{{"answers", json::array({2})},
                                                        {"household_id", other_households(1).at(0)},
                                                        {"paper_form_number", "WY-1"}})
                .status,
            201);
  // The survey closed in the middle of last month, the month the evaluation reads.
  std::string last =
      weizhi::property::previous_month(weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7));
  db().write([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE surveys SET opens_at = ?, closes_at = ?, state = 'closed' WHERE id = ?",
            {last + "-10T00:00:00Z", last + "-15T00:00:00Z", survey["id"].get<std::int64_t>()});
    return 0;
  });
  auto form = admin->post("/api/v1/property/evaluation-templates",
                          {{"street_id", node("street")},
                           {"party", "committee"},
                           {"items", json::parse(R"([{"code": "owners", "name": "业主满意度调查", "max": "100",
                                                      "source": "satisfaction_survey"}])")}});
  ASSERT_EQ(form.status, 201) << form.body;
  std::int64_t contract = weizhi::property::contract_in_force(*db().read(), node("desheng-xincun"))->id;
  auto month = admin->get("/api/v1/property/contracts/" + std::to_string(contract) + "/evaluations/" + last);
  ASSERT_EQ(month.status, 200) << month.body;
  json records = month.json()["records"];
  EXPECT_EQ(records["satisfaction_survey_id"], survey["id"]);
  EXPECT_EQ(records["satisfaction_answers"], 2);
  EXPECT_EQ(records["satisfaction_sum"], 6);
  EXPECT_EQ(month.json()["forms"]["committee"]["items"][0]["points"], "50") << "mean 3: (3 − 1) / 4 of 100";
}
