// Deliberation over HTTP on the Test seed of 德胜新村: a topic goes proposed → commenting →
// consulting → drafting → voting → resolved → done, never skipping a step; residents comment only
// while comments are open and a moderator hides a comment with a reason; the vote is one of the
// voting module; a failed vote returns the topic to drafting; actions are tracked until done with
// overdue ones flagged; a round table's members are people of the topic's compound, shown masked; 401, 403,
// 404, 400 and 422 naming the field.
#include <chrono>

#include "core/masking.hpp"
#include "core/time.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"
#include "support/engagement_api.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
namespace voting = weizhi::voting;

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

std::string days_from_now(std::int64_t days) { return weizhi::iso_utc(std::chrono::system_clock::now() + Days(days)); }

// The date `days` from today in Shanghai, as the server computes "today".
std::string day_from_today(std::int64_t days) {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(8) + Days(days);
  return weizhi::date_text(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)});
}

json meeting() {
  return json{
      {"held_on", day_from_today(-1)},
      {"place", "德胜新村党群服务站"},
      {"attendees", {"王建国", "李秀英"}},
      {"attendee_count", 15},
      {"minutes", "与会居民同意增设车位，物业负责划线。"},
      {"positions", {{{"party", "居民代表"}, {"position", "支持"}}, {{"party", "物业"}, {"position", "可以配合"}}}}};
}

}  // namespace

class DeliberationTest : public ApiTest {
 protected:
  json propose(const std::string& login = "commissioner") {
    auto reply = signed_in(login)->post("/api/v1/topics", json{{"compound_id", node("desheng-xincun")},
                                                               {"category", "parking"},
                                                               {"title", "北门增设夜间车位"},
                                                               {"description", "北门空地划出临时车位。"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  std::string path(const json& topic, const std::string& rest = "") {
    return "/api/v1/topics/" + std::to_string(topic["id"].get<std::int64_t>()) + rest;
  }

  void advance(const json& topic, const std::string& to) {
    auto reply = signed_in("committee")->post(path(topic, "/advance"), json{{"to", to}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json()["step"], to);
  }

  // A topic through comments and a round table to its first plan version, then sent to a vote
  // whose window has already ended; returns the topic as the vote route answers.
  json sent_to_vote() {
    json topic = propose();
    advance(topic, "commenting");
    advance(topic, "consulting");
    auto commissioner = signed_in("commissioner");
    EXPECT_EQ(commissioner->post(path(topic, "/meetings"), meeting()).status, 201);
    advance(topic, "drafting");
    auto plan = commissioner->post(
        path(topic, "/plans"),
        json{{"title", "北门划设 20 个车位"}, {"body", "夜间停放，白天腾空。"}, {"cost_yuan", "12345.67"}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    auto reply = commissioner->post(path(topic, "/vote"), json{{"plan_id", plan.json()["plans"][0]["id"]},
                                                               {"matter", 8},
                                                               {"opens_at", days_from_now(-10)},
                                                               {"closes_at", days_from_now(-1)},
                                                               {"channels", {"online"}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  // Opens the topic's vote, records every voter's `choice` and closes it.
  void count_vote(const json& topic, voting::Choice choice) {
    std::int64_t vote_id = topic["vote"]["id"].get<std::int64_t>();
    db().write([&](weizhi::store::Tx& tx) {
      auto opened = tx.now() - Days(10);
      auto roll = voting::open_vote(tx, *voting::find_vote(tx.connection(), vote_id), opened);
      auto vote = *voting::find_vote(tx.connection(), vote_id);
      for (auto voter : voting::electorate_of(roll).owner_ids) {
        voting::record_ballot(tx, vote,
                              voting::NewBallot{voter, voting::Channel::Online, {choice}, std::nullopt, std::nullopt},
                              opened + Days(1));
      }
      voting::close_vote(tx, vote, tx.now());
      return 0;
    });
  }

  // A person of the registry living at `home` (a compound, or a community for its workers).
  std::int64_t registered(std::int64_t home, const std::string& name) {
    return db().write([&](weizhi::store::Tx& tx) {
      weizhi::people::PersonInput input{};
      input.home_node_id = home;
      input.name = name;
      return weizhi::people::create_person(tx, data_key(), input);
    });
  }

  std::int64_t audit_count(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
};

TEST_F(DeliberationTest, TopicGoesThroughEveryStepToDone) {
  json topic = propose();
  EXPECT_EQ(topic["step"], "proposed");
  EXPECT_EQ(topic["proposer"]["kind"], "commissioner");
  advance(topic, "commenting");
  auto resident = signed_in("resident");
  auto comment = resident->post(path(topic, "/comments"), json{{"text", "赞成"}});
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(comment.json()["author"]["kind"], "resident");
  advance(topic, "consulting");
  auto commissioner = signed_in("commissioner");
  auto held = commissioner->post(path(topic, "/meetings"), meeting());
  ASSERT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(held.json()["meetings"][0]["positions"].size(), 2u);
  advance(topic, "drafting");
  ASSERT_EQ(
      commissioner->post(path(topic, "/plans"), json{{"title", "方案一"}, {"body", "划线"}, {"cost_yuan", 800}}).status,
      201);
  auto second = commissioner->post(path(topic, "/plans"),
                                   json{{"title", "方案二"},
                                        {"body", "划线并装道闸"},
                                        {"cost_yuan", 12345.5},
                                        {"attachments", {{{"name", "平面图"}, {"reference", "f/1.pdf"}}}}});
  ASSERT_EQ(second.status, 201) << second.body;
  json plans = second.json()["plans"];
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0]["cost_fen"], 80000);
  EXPECT_EQ(plans[1]["number"], 2);
  EXPECT_EQ(plans[1]["cost_fen"], 1234550);
  EXPECT_EQ(plans[1]["cost_yuan"], "12345.50");

  auto sent = commissioner->post(path(topic, "/vote"), json{{"plan_id", plans[1]["id"]},
                                                            {"matter", 8},
                                                            {"opens_at", days_from_now(-10)},
                                                            {"closes_at", days_from_now(-1)},
                                                            {"channels", {"online", "paper"}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  json voted = sent.json();
  EXPECT_EQ(voted["step"], "voting");
  EXPECT_EQ(voted["vote"]["state"], "draft");
  EXPECT_EQ(voted["vote"]["title"], "北门增设夜间车位");
  EXPECT_EQ(voted["vote"]["matter"], 8);
  auto vote = signed_in("admin")->get("/api/v1/votes/" + std::to_string(voted["vote"]["id"].get<std::int64_t>()));
  ASSERT_EQ(vote.status, 200) << vote.body;
  EXPECT_EQ(vote.json()["compound"]["id"], node("desheng-xincun"));
  EXPECT_EQ(vote.json()["items"][0], "同意第 2 版方案：方案二");

  count_vote(voted, voting::Choice::Agree);
  auto resolved = commissioner->post(path(topic, "/resolution"), json{{"summary", "同意方案二，物业负责实施。"}});
  ASSERT_EQ(resolved.status, 201) << resolved.body;
  json detail = resolved.json();
  EXPECT_EQ(detail["step"], "resolved");
  EXPECT_EQ(detail["resolution"]["outcome"], "passed");
  EXPECT_EQ(detail["resolution"]["result"]["threshold"], "three_quarters");
  EXPECT_EQ(detail["vote"]["outcome"], "passed");

  auto late =
      commissioner->post(path(topic, "/actions"),
                         json{{"title", "划线施工"}, {"owner_name", "物业 李经理"}, {"due_on", day_from_today(-1)}});
  ASSERT_EQ(late.status, 201) << late.body;
  std::int64_t person = db().read()->scalar("SELECT person_id FROM users WHERE login = 'resident'");
  auto later = signed_in("committee")
                   ->post(path(topic, "/actions"),
                          json{{"title", "道闸验收"}, {"owner_person_id", person}, {"due_on", day_from_today(7)}});
  ASSERT_EQ(later.status, 201) << later.body;
  json actions = later.json()["actions"];
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_TRUE(actions[0]["overdue"].get<bool>());
  EXPECT_FALSE(actions[1]["overdue"].get<bool>());
  EXPECT_EQ(later.json()["overdue_actions"], 1);
  auto actions_today = [&] {
    json listed = json::array();
    json today = commissioner->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["kind"] == "deliberation.action") listed.push_back(item);
    }
    return listed;
  };
  json due = actions_today();
  ASSERT_EQ(due.size(), 2u) << "late, and due within the week";
  EXPECT_EQ(due[0]["title"], "落实：划线施工（北门增设夜间车位）");
  EXPECT_TRUE(due[0]["overdue"]);
  EXPECT_EQ(due[0]["due_at"], weizhi::iso_utc(*weizhi::street_day_end(day_from_today(-1))));
  EXPECT_EQ(due[0]["node"]["id"], node("desheng-xincun"));
  EXPECT_EQ(due[0]["link"], "/deliberation/topics/" + std::to_string(topic["id"].get<std::int64_t>()));
  EXPECT_EQ(due[1]["title"], "落实：道闸验收（北门增设夜间车位）");
  EXPECT_FALSE(due[1]["overdue"]);

  auto first_done =
      commissioner->post("/api/v1/topic-actions/" + std::to_string(actions[0]["id"].get<std::int64_t>()) + "/done",
                         json{{"note", "已完成"}});
  ASSERT_EQ(first_done.status, 200) << first_done.body;
  EXPECT_EQ(first_done.json()["step"], "resolved");
  EXPECT_FALSE(first_done.json()["actions"][0]["overdue"].get<bool>());
  ASSERT_EQ(actions_today().size(), 1u) << "a done action leaves the list";
  std::string second_done = "/api/v1/topic-actions/" + std::to_string(actions[1]["id"].get<std::int64_t>()) + "/done";
  auto all_done = commissioner->post(second_done, json{{"done_on", day_from_today(0)}});
  ASSERT_EQ(all_done.status, 200) << all_done.body;
  EXPECT_EQ(all_done.json()["step"], "done");
  EXPECT_EQ(commissioner->post(second_done, json::object()).status, 409);

  EXPECT_EQ(audit_count("deliberation.topic.advance"), 3);
  EXPECT_EQ(audit_count("deliberation.vote.create"), 1);
  EXPECT_EQ(audit_count("deliberation.resolution.publish"), 1);
  EXPECT_EQ(audit_count("deliberation.action.done"), 2);
}

TEST_F(DeliberationTest, SkippingAStepIsRefusedNamingBothSteps) {
  json topic = propose();
  auto reply = signed_in("commissioner")->post(path(topic, "/advance"), json{{"to", "consulting"}});
  EXPECT_EQ(reply.status, 409);
  std::string message = reply.json()["error"]["message"];
  EXPECT_NE(message.find("提出议题"), std::string::npos) << message;
  EXPECT_NE(message.find("民主协商"), std::string::npos) << message;
  advance(topic, "commenting");
  advance(topic, "consulting");
  advance(topic, "drafting");
  // Voting is entered only by sending a plan to the vote, and not without a plan.
  EXPECT_EQ(signed_in("commissioner")->post(path(topic, "/advance"), json{{"to", "voting"}}).status, 409);
  EXPECT_EQ(signed_in("commissioner")
                ->post(path(topic, "/vote"), json{{"plan_id", 1},
                                                  {"matter", 9},
                                                  {"opens_at", days_from_now(1)},
                                                  {"closes_at", days_from_now(5)},
                                                  {"channels", {"online"}}})
                .status,
            409);
  EXPECT_EQ(signed_in("commissioner")->get(path(topic)).json()["step"], "drafting");
}

TEST_F(DeliberationTest, VoteNeedsARoundTableFirst) {
  json topic = propose();
  advance(topic, "commenting");
  advance(topic, "consulting");
  advance(topic, "drafting");
  auto commissioner = signed_in("commissioner");
  auto plan = commissioner->post(path(topic, "/plans"), json{{"title", "方案"}, {"body", "划线"}, {"cost_yuan", "0"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto reply = commissioner->post(path(topic, "/vote"), json{{"plan_id", plan.json()["plans"][0]["id"]},
                                                             {"matter", 9},
                                                             {"opens_at", days_from_now(1)},
                                                             {"closes_at", days_from_now(5)},
                                                             {"channels", {"online"}}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find("协商"), std::string::npos);
}

TEST_F(DeliberationTest, CommentsOnlyWhileCommentingAndHiddenOnesShowTheReason) {
  json topic = propose();
  auto resident = signed_in("resident");
  auto early = resident->post(path(topic, "/comments"), json{{"text", "赞成"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.json()["error"]["message"].get<std::string>().find("广开言路"), std::string::npos);
  advance(topic, "commenting");
  auto rude = resident->post(path(topic, "/comments"), json{{"text", "某某家的车牌是……"}});
  ASSERT_EQ(rude.status, 201) << rude.body;
  std::string hide = "/api/v1/topic-comments/" + std::to_string(rude.json()["id"].get<std::int64_t>()) + "/hide";
  EXPECT_EQ(signed_in("committee")->post(hide, json{{"reason", "涉及个人信息"}}).status, 403);
  auto commissioner = signed_in("commissioner");
  auto no_reason = commissioner->post(hide, json{{"reason", " "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.error_field(), "reason");
  auto hidden = commissioner->post(hide, json{{"reason", "涉及个人信息"}});
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_EQ(commissioner->post(hide, json{{"reason", "再次"}}).status, 409);
  ASSERT_EQ(signed_in("committee")->post(path(topic, "/comments"), json{{"text", "自管会下周现场查看"}}).status, 201);

  auto list = resident->get(path(topic, "/comments"));
  ASSERT_EQ(list.status, 200) << list.body;
  json items = list.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0]["hidden"].get<bool>());
  EXPECT_TRUE(items[0]["text"].is_null());
  EXPECT_EQ(items[0]["hidden_reason"], "涉及个人信息");
  EXPECT_EQ(items[1]["text"], "自管会下周现场查看");
  EXPECT_EQ(items[1]["author"]["kind"], "committee_member");
  json detail = commissioner->get(path(topic)).json();
  EXPECT_EQ(detail["comments"]["count"], 2);
  EXPECT_EQ(detail["comments"]["hidden"], 1);

  advance(topic, "consulting");
  EXPECT_EQ(resident->post(path(topic, "/comments"), json{{"text", "还想补充"}}).status, 409);
  EXPECT_EQ(audit_count("deliberation.comment.hide"), 1);
}

TEST_F(DeliberationTest, ResidentSeesTheTopicsOfTheirCompoundAndWhereTheyMayComment) {
  json topic = propose();
  auto mine = signed_in("resident")->get("/api/v1/me/topics");
  ASSERT_EQ(mine.status, 200) << mine.body;
  json items = mine.json()["items"];
  bool found = false;
  for (const auto& item : items) {
    EXPECT_EQ(item["compound"]["id"], node("desheng-xincun"));
    EXPECT_EQ(item["may_comment"].get<bool>(), item["step"] == "commenting");
    if (item["id"] == topic["id"]) found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_GE(items.size(), 2u);  // the seeded topic open for comments, and this one
  EXPECT_EQ(signed_in("admin")->get("/api/v1/me/topics").json()["items"].size(), 0u);
}

TEST_F(DeliberationTest, ResolutionNeedsAPassedVoteAndAFailedVoteReturnsToDrafting) {
  json topic = sent_to_vote();
  auto commissioner = signed_in("commissioner");
  auto uncounted = commissioner->post(path(topic, "/resolution"), json{{"summary", "决议"}});
  EXPECT_EQ(uncounted.status, 409);
  EXPECT_EQ(commissioner->post(path(topic, "/return-to-drafting"), json::object()).status, 409);

  count_vote(topic, voting::Choice::Oppose);
  auto failed = commissioner->post(path(topic, "/resolution"), json{{"summary", "决议"}});
  EXPECT_EQ(failed.status, 409);
  EXPECT_NE(failed.json()["error"]["message"].get<std::string>().find("未获通过"), std::string::npos);
  EXPECT_EQ(commissioner->get(path(topic)).json()["vote"]["outcome"], "failed_approval");

  auto back = commissioner->post(path(topic, "/return-to-drafting"), json::object());
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["step"], "drafting");
  // A new version goes to a second vote; the first stays in the topic's history.
  auto plan = commissioner->post(path(topic, "/plans"),
                                 json{{"title", "修订方案"}, {"body", "减少车位"}, {"cost_yuan", "9000"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  EXPECT_EQ(plan.json()["plans"][1]["number"], 2);
  auto again = commissioner->post(path(topic, "/vote"), json{{"plan_id", plan.json()["plans"][1]["id"]},
                                                             {"matter", 8},
                                                             {"opens_at", days_from_now(1)},
                                                             {"closes_at", days_from_now(8)},
                                                             {"channels", {"online"}}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["votes"].size(), 2u);
  EXPECT_EQ(commissioner
                ->post(path(topic, "/actions"),
                       json{{"title", "施工"}, {"owner_name", "物业"}, {"due_on", day_from_today(3)}})
                .status,
            409);
  EXPECT_EQ(audit_count("deliberation.topic.return_to_drafting"), 1);
}

TEST_F(DeliberationTest, SignedOutCallersGet401AndOthers403) {
  json topic = propose();
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get(path(topic)).status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/me/topics").status, 401);
  EXPECT_EQ(anonymous->post("/api/v1/topics", json{{"compound_id", node("desheng-xincun")}}).status, 401);
  // Residents read their compound's topics but not the staff list, and do not run the steps.
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get(path(topic)).status, 200);
  EXPECT_EQ(resident->get("/api/v1/topics?compound=" + std::to_string(node("desheng-xincun"))).status, 403);
  EXPECT_EQ(resident->post(path(topic, "/advance"), json{{"to", "commenting"}}).status, 403);
  EXPECT_EQ(signed_in("grid")->post(path(topic, "/advance"), json{{"to", "commenting"}}).status, 403);
  EXPECT_EQ(signed_in("committee")->post(path(topic, "/vote"), json::object()).status, 403);
  advance(topic, "commenting");
  EXPECT_EQ(signed_in("property-staff")->post(path(topic, "/comments"), json{{"text", "物业意见"}}).status, 403);
  // Staff act only in their scope: 德胜新村's commissioner proposes nothing in 德胜坝.
  auto elsewhere = signed_in("commissioner")
                       ->post("/api/v1/topics", json{{"compound_id", node("c-deshengba")},
                                                     {"category", "other"},
                                                     {"title", "议题"},
                                                     {"description", "说明"}});
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(signed_in("supervisor")->get("/api/v1/topics?compound=" + std::to_string(node("desheng-xincun"))).status,
            200);
  EXPECT_EQ(propose("resident")["proposer"]["kind"], "resident");
}

TEST_F(DeliberationTest, UnknownIdsGive404) {
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get("/api/v1/topics/999999").status, 404);
  EXPECT_EQ(commissioner->get("/api/v1/topics/abc").status, 404);
  EXPECT_EQ(commissioner->get("/api/v1/topics/999999/comments").status, 404);
  EXPECT_EQ(commissioner->post("/api/v1/topics/999999/advance", json{{"to", "commenting"}}).status, 404);
  EXPECT_EQ(commissioner->post("/api/v1/topic-comments/999999/hide", json{{"reason", "x"}}).status, 404);
  EXPECT_EQ(commissioner->post("/api/v1/topic-actions/999999/done", json::object()).status, 404);
  EXPECT_EQ(signed_in("admin")->get("/api/v1/topics?compound=999999").status, 404);
  json topic = propose();
  advance(topic, "commenting");
  advance(topic, "consulting");
  ASSERT_EQ(commissioner->post(path(topic, "/meetings"), meeting()).status, 201);
  advance(topic, "drafting");
  ASSERT_EQ(
      commissioner->post(path(topic, "/plans"), json{{"title", "方案"}, {"body", "划线"}, {"cost_yuan", "1"}}).status,
      201);
  auto unknown_plan = commissioner->post(path(topic, "/vote"), json{{"plan_id", 999999},
                                                                    {"matter", 9},
                                                                    {"opens_at", days_from_now(1)},
                                                                    {"closes_at", days_from_now(5)},
                                                                    {"channels", {"online"}}});
  EXPECT_EQ(unknown_plan.status, 404);
  EXPECT_EQ(unknown_plan.error_field(), "plan_id");
}

TEST_F(DeliberationTest, BadInputIsRefusedNamingTheField) {
  auto commissioner = signed_in("commissioner");
  auto create = [&](json body) {
    body["compound_id"] = node("desheng-xincun");
    return commissioner->post("/api/v1/topics", body);
  };
  EXPECT_EQ(create({{"title", "议题"}, {"description", "说明"}}).error_field(), "category");
  EXPECT_EQ(create({{"category", "gossip"}, {"title", "议题"}, {"description", "说明"}}).error_field(), "category");
  EXPECT_EQ(create({{"category", "other"}, {"title", " "}, {"description", "说明"}}).error_field(), "title");
  EXPECT_EQ(create({{"category", "other"}, {"title", "议题"}, {"description", "说明"}, {"scope", {{"kind", "units"}}}})
                .error_field(),
            "scope.node_ids");
  EXPECT_EQ(create({{"category", "other"}, {"title", "议题"}, {"description", "说明"}, {"extra", 1}}).status, 400);
  EXPECT_EQ(commissioner->get("/api/v1/topics").error_field(), "compound");
  EXPECT_EQ(commissioner->get("/api/v1/topics?compound=" + std::to_string(node("desheng-xincun")) + "&step=later")
                .error_field(),
            "step");

  json topic = propose();
  auto bad_step = commissioner->post(path(topic, "/advance"), json{{"to", "nowhere"}});
  EXPECT_EQ(bad_step.status, 400);
  EXPECT_EQ(bad_step.error_field(), "to");
  EXPECT_EQ(commissioner->post(path(topic, "/advance"), std::string("not json")).status, 400);
  advance(topic, "commenting");
  EXPECT_EQ(signed_in("resident")->post(path(topic, "/comments"), json{{"text", ""}}).error_field(), "text");
  advance(topic, "consulting");
  json bad_meeting = meeting();
  bad_meeting["held_on"] = "2026-02-30";
  EXPECT_EQ(commissioner->post(path(topic, "/meetings"), bad_meeting).error_field(), "held_on");
  bad_meeting = meeting();
  bad_meeting["positions"][1]["party"] = "";
  EXPECT_EQ(commissioner->post(path(topic, "/meetings"), bad_meeting).error_field(), "positions[1].party");
  ASSERT_EQ(commissioner->post(path(topic, "/meetings"), meeting()).status, 201);
  advance(topic, "drafting");
  for (const json& cost : {json("12.345"), json(-5), json("1e5"), json(true)}) {
    auto reply =
        commissioner->post(path(topic, "/plans"), json{{"title", "方案"}, {"body", "划线"}, {"cost_yuan", cost}});
    EXPECT_EQ(reply.status, 400) << cost;
    EXPECT_EQ(reply.error_field(), "cost_yuan") << cost;
  }
  auto plan =
      commissioner->post(path(topic, "/plans"), json{{"title", "方案"}, {"body", "划线"}, {"cost_yuan", "100"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  json vote{{"plan_id", plan.json()["plans"][0]["id"]},
            {"matter", 10},
            {"opens_at", days_from_now(1)},
            {"closes_at", days_from_now(5)},
            {"channels", {"online"}}};
  EXPECT_EQ(commissioner->post(path(topic, "/vote"), vote).error_field(), "matter");
  vote["matter"] = 9;
  vote["channels"] = {"pigeon"};
  EXPECT_EQ(commissioner->post(path(topic, "/vote"), vote).error_field(), "channels[0]");
  vote["channels"] = {"online"};
  vote["closes_at"] = days_from_now(0);
  EXPECT_EQ(commissioner->post(path(topic, "/vote"), vote).error_field(), "closes_at");
  EXPECT_EQ(commissioner->get(path(topic)).json()["step"], "drafting");
}

// The commissioner of 德胜新村 (and its committee) with the ids of 德胜坝小区 on every route of a topic
// that takes more than one id: refused, and nothing written.
TEST_F(DeliberationTest, IdsOfAnotherCompoundAreRefusedOnEitherEndAndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto secretary = signed_in("secretary");
  auto commissioner = signed_in("commissioner");
  // A topic of either compound drafted up to its first plan by staff who may advance it.
  auto drafted = [&](HttpClient& staff, const std::string& compound) {
    auto created = staff.post("/api/v1/topics", json{{"compound_id", node(compound)},
                                                     {"category", "parking"},
                                                     {"title", "增设夜间车位"},
                                                     {"description", "空地划出临时车位。"}});
    EXPECT_EQ(created.status, 201) << created.body;
    json topic = created.json();
    for (const char* to : {"commenting", "consulting"})
      EXPECT_EQ(staff.post(path(topic, "/advance"), json{{"to", to}}).status, 200);
    EXPECT_EQ(staff.post(path(topic, "/meetings"), meeting()).status, 201);
    EXPECT_EQ(staff.post(path(topic, "/advance"), json{{"to", "drafting"}}).status, 200);
    auto plan =
        staff.post(path(topic, "/plans"), json{{"title", "划设车位"}, {"body", "夜间停放。"}, {"cost_yuan", "100"}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    return plan.json();
  };
  json theirs = drafted(*secretary, "c-deshengba");
  json ours = drafted(*commissioner, "desheng-xincun");
  // A comment on their topic, by a committee member of 德胜坝小区.
  ASSERT_EQ(admin
                ->post("/api/v1/users",
                       json{{"login", "deshengba-committee"},
                            {"display_name", "德胜坝自管会成员"},
                            {"password", "Kq7-rTz2-vWx9-Lm4p"},
                            {"roles", {{{"role", "committee_member"}, {"scope_node_id", node("c-deshengba")}}}}})
                .status,
            201);
  auto neighbour = anonymous();
  ASSERT_EQ(neighbour->login("deshengba-committee", "Kq7-rTz2-vWx9-Lm4p").status, 200);
  auto open = secretary->post("/api/v1/topics", json{{"compound_id", node("c-deshengba")},
                                                     {"category", "parking"},
                                                     {"title", "北门车位"},
                                                     {"description", "空地划出临时车位。"}});
  ASSERT_EQ(open.status, 201) << open.body;
  json commenting = open.json();
  ASSERT_EQ(secretary->post(path(commenting, "/advance"), json{{"to", "commenting"}}).status, 200);
  auto comment = neighbour->post(path(commenting, "/comments"), json{{"text", "赞成"}});
  ASSERT_EQ(comment.status, 201) << comment.body;
  std::int64_t comment_id = comment.json()["id"];
  json resolved = sent_to_vote();
  count_vote(resolved, voting::Choice::Agree);
  ASSERT_EQ(commissioner->post(path(resolved, "/resolution"), json{{"summary", "同意。"}}).status, 201);

  auto people = admin->get("/api/v1/people?node=" + std::to_string(node("c-deshengba")));
  ASSERT_EQ(people.status, 200) << people.body;
  std::int64_t outsider = people.json()["items"].at(0)["id"];
  auto parts = admin->get("/api/v1/org/nodes/" + std::to_string(node("c-deshengba")) + "/parts");
  ASSERT_EQ(parts.status, 200) << parts.body;
  std::int64_t outside_building = parts.json()["items"].at(0)["building_id"];
  std::string listing = "/api/v1/topics?compound=";
  auto count = [&](const std::string& compound) {
    return admin->get(listing + std::to_string(node(compound))).json()["items"].size();
  };
  std::size_t here = count("desheng-xincun");
  std::size_t there = count("c-deshengba");

  // A topic of one's compound over a building of another.
  auto scoped =
      commissioner->post("/api/v1/topics", json{{"compound_id", node("desheng-xincun")},
                                                {"category", "parking"},
                                                {"title", "车位"},
                                                {"description", "车位。"},
                                                {"scope", {{"kind", "buildings"}, {"node_ids", {outside_building}}}}});
  EXPECT_EQ(scoped.status, 422) << scoped.body;
  EXPECT_EQ(scoped.error_field(), "scope.node_ids[0]");
  // One's resolution's action, owned by a person of another compound.
  for (const char* login : {"commissioner", "committee"}) {
    auto action =
        signed_in(login)->post(path(resolved, "/actions"),
                               json{{"title", "验收"}, {"owner_person_id", outsider}, {"due_on", day_from_today(7)}});
    EXPECT_EQ(action.status, 422) << login << ": " << action.body;
    EXPECT_EQ(action.error_field(), "owner_person_id") << login;
  }
  // One's topic sent to a vote on their plan; their topic and its comment worked from here.
  auto vote = commissioner->post(path(ours, "/vote"), json{{"plan_id", theirs["plans"][0]["id"]},
                                                           {"matter", 8},
                                                           {"opens_at", days_from_now(1)},
                                                           {"closes_at", days_from_now(8)},
                                                           {"channels", {"online"}}});
  EXPECT_EQ(vote.status, 422) << vote.body;
  EXPECT_EQ(vote.error_field(), "plan_id");
  EXPECT_EQ(commissioner
                ->post(path(theirs, "/vote"), json{{"plan_id", ours["plans"][0]["id"]},
                                                   {"matter", 8},
                                                   {"opens_at", days_from_now(1)},
                                                   {"closes_at", days_from_now(8)},
                                                   {"channels", {"online"}}})
                .status,
            403);
  EXPECT_EQ(commissioner->post(path(theirs, "/plans"), json{{"title", "x"}, {"body", "x"}, {"cost_yuan", "1"}}).status,
            403);
  EXPECT_EQ(
      commissioner->post("/api/v1/topic-comments/" + std::to_string(comment_id) + "/hide", json{{"reason", "跨小区"}})
          .status,
      403);
  EXPECT_EQ(signed_in("committee")->post(path(theirs, "/advance"), json{{"to", "voting"}}).status, 403);

  EXPECT_EQ(count("desheng-xincun"), here);
  EXPECT_EQ(count("c-deshengba"), there);
  EXPECT_TRUE(admin->get(path(ours)).json()["vote"].is_null());
  json theirs_seen = admin->get(path(theirs)).json();
  EXPECT_TRUE(theirs_seen["vote"].is_null());
  EXPECT_EQ(theirs_seen["plans"].size(), 1u);
  EXPECT_TRUE(admin->get(path(resolved)).json()["actions"].empty());
  json comments = admin->get(path(commenting, "/comments")).json()["items"];
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_FALSE(comments[0]["hidden"].get<bool>());
}

// The round table's members picked from the pool are people of the topic's compound or of its community's own
// staff, shown by masked name and kept apart from the attendees' count; anyone else, however far, is the same
// 422 naming the member; a list too long or repeating someone is 400, and nothing is written.
TEST_F(DeliberationTest, RoundTableMembersArePeopleOfTheCompoundShownMasked) {
  std::int64_t resident = registered(node("desheng-xincun"), "赵铁柱");
  std::int64_t worker = registered(node("desheng"), "钱调解");
  std::int64_t neighbour = registered(node("c-deshengba"), "孙邻居");
  auto far = weizhi::testing::other_street(db(), data_key());
  json topic = propose();
  advance(topic, "commenting");
  advance(topic, "consulting");
  auto commissioner = signed_in("commissioner");
  auto refused = [&](const json& members) {
    json body = meeting();
    body["members"] = members;
    return commissioner->post(path(topic, "/meetings"), body);
  };
  auto outside = refused({resident, neighbour});
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(outside.error_field(), "members[1]");
  auto faraway = refused({far.person});
  EXPECT_EQ(faraway.status, 422) << faraway.body;
  EXPECT_EQ(faraway.error_field(), "members[0]");
  auto missing = refused({resident, worker, 987654321});
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.error_field(), "members[2]");
  EXPECT_EQ(missing.json()["error"]["message"], faraway.json()["error"]["message"]) << "no hint of existence";
  json too_many = json::array();
  for (int i = 0; i < 31; ++i) too_many.push_back(resident + i);
  auto oversize = refused(too_many);
  EXPECT_EQ(oversize.status, 400) << oversize.body;
  EXPECT_EQ(oversize.error_field(), "members");
  EXPECT_EQ(refused({resident, resident}).error_field(), "members[1]");
  EXPECT_EQ(refused({"1"}).error_field(), "members[0]");
  EXPECT_EQ(refused({-4}).error_field(), "members[0]");
  EXPECT_EQ(refused("all").error_field(), "members");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM deliberation_meetings"), 0);

  json body = meeting();
  body["members"] = {worker, resident};
  auto held = commissioner->post(path(topic, "/meetings"), body);
  ASSERT_EQ(held.status, 201) << held.body;
  json shown = signed_in("committee")->get(path(topic)).json()["meetings"][0];
  ASSERT_EQ(shown["members"].size(), 2u);
  EXPECT_EQ(shown["members"][0]["person_id"], worker);
  EXPECT_EQ(shown["members"][0]["name"], weizhi::mask_name("钱调解"));
  EXPECT_EQ(shown["members"][1]["person_id"], resident);
  EXPECT_EQ(shown["members"][1]["name"], weizhi::mask_name("赵铁柱"));
  EXPECT_EQ(held.body.find("赵铁柱"), std::string::npos);
  EXPECT_EQ(shown["attendee_count"], 15) << "members are not counted unless listed as attendees";
  EXPECT_EQ(shown["attendees"].size(), 2u);
  auto audited = db().read()->query_one("SELECT summary FROM audit_log WHERE action = 'deliberation.meeting.create'");
  ASSERT_TRUE(audited.has_value());
  EXPECT_NE(audited->text(0).find(std::to_string(resident)), std::string::npos);
  // A meeting without members answers an empty list.
  auto plain = commissioner->post(path(topic, "/meetings"), meeting());
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_TRUE(plain.json()["meetings"][1]["members"].empty());
}
