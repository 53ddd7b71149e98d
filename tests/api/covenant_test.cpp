// Covenants over HTTP on the Test seed of 德胜新村: a draft is adopted only by a counted, passed
// vote of matter 2 on the same compound, superseding the version in force; households acknowledge
// it; violations go reported → notified → rectifying → removed (after a passed re-inspection) or
// closed with a reason; overdue ones escalate up the chain once per period; permission and input
// checks; and the full demo street gives 东二东三苑's figures.
#include <algorithm>
#include <chrono>

#include "app/jobs.hpp"
#include "app/modules.hpp"
#include "core/crypto.hpp"
#include "modules/covenant/store.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
namespace voting = weizhi::voting;

namespace {
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

json clauses() {
  return json::array(
      {{{"number", 1}, {"type", "parking"}, {"text", "按位停车"}, {"rectification_days", 3}, {"escalation_days", 2}},
       {{"number", 2},
        {"type", "illegal_structure"},
        {"text", "不得违法搭建"},
        {"rectification_days", 30},
        {"escalation_days", 7}},
       {{"number", 3}, {"type", "pets"}, {"text", "文明养犬"}, {"rectification_days", 7}, {"escalation_days", 7}}});
}

// The date `days` from today in Shanghai, as the server computes "today".
std::string day_from_today(std::int64_t days) {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(8) + Days(days);
  return weizhi::date_text(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)});
}

}  // namespace

class CovenantTest : public ApiTest {
 protected:
  // A parking violation in 德胜新村 notified 9 days ago with 3 days to move the car: 6 days late
  // at 2 days a level is three levels, up to the community secretary, none recorded yet.
  json overdue_parking_violation(weizhi::testing::HttpClient& secretary) {
    adopted();
    auto reply = secretary.post("/api/v1/covenant-violations", json{{"compound_id", node("desheng-xincun")},
                                                                    {"clause_number", 1},
                                                                    {"reported_on", day_from_today(-9)},
                                                                    {"plate", "浙A·D5R81"},
                                                                    {"place", "消防通道"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    json violation = reply.json();
    auto notified = secretary.post(violation_path(violation, "/notify"), json{{"notified_on", day_from_today(-9)}});
    EXPECT_EQ(notified.status, 200) << notified.body;
    EXPECT_EQ(notified.json()["escalation"]["days_overdue"], 6);
    EXPECT_EQ(notified.json()["escalation"]["level"], "community_secretary");
    EXPECT_EQ(notified.json()["escalation"]["recorded_level"], "none");
    return violation;
  }

  // A vote on the compound that every voter answered with `choice`, closed two days ago.
  std::int64_t counted_vote(int matter, const std::string& compound_code, voting::Choice choice) {
    std::int64_t compound = node(compound_code);
    return db().write([&](weizhi::store::Tx& tx) {
      auto organiser = tx.query_one("SELECT id FROM users WHERE login = 'admin'")->i64(0);
      auto opened = tx.now() - Days(10);
      auto closed = tx.now() - Days(2);
      voting::VoteInput input{compound,
                              "公约表决",
                              matter,
                              voting::VoteScope{},
                              {"同意公约"},
                              weizhi::iso_utc(opened),
                              weizhi::iso_utc(closed),
                              {voting::Channel::Online},
                              voting::Policies{}};
      std::int64_t id = voting::create_vote(
          tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), organiser);
      auto roll = voting::open_vote(tx, *voting::find_vote(tx.connection(), id), opened);
      auto vote = *voting::find_vote(tx.connection(), id);
      for (auto voter : voting::electorate_of(roll).owner_ids) {
        voting::record_ballot(tx, vote,
                              voting::NewBallot{voter, voting::Channel::Online, {choice}, organiser, std::nullopt},
                              opened + Days(1));
      }
      voting::close_vote(tx, vote, closed);
      return id;
    });
  }

  json draft(const std::string& login = "secretary", const std::string& compound_code = "desheng-xincun") {
    auto created = signed_in(login)->post(
        "/api/v1/covenants",
        json{{"compound_id", node(compound_code)}, {"title", "德胜新村小区公约"}, {"clauses", clauses()}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }

  // A covenant in force on 德胜新村, adopted ten days ago.
  json adopted() {
    json version = draft();
    auto vote = counted_vote(2, "desheng-xincun", voting::Choice::Agree);
    auto reply = signed_in("secretary")
                     ->post(path(version, "/adopt"), json{{"vote_id", vote}, {"adopted_on", day_from_today(-10)}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  json report_structure(const std::string& reported_on) {
    auto secretary = signed_in("secretary");
    auto reply = secretary->post("/api/v1/covenant-violations",
                                 json{{"compound_id", node("desheng-xincun")},
                                      {"clause_number", 2},
                                      {"reported_on", reported_on},
                                      {"location", "5 幢屋顶平台"},
                                      {"area_centi_m2", 2350},
                                      {"photos", {upload_photo(*secretary, "roof " + reported_on)}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  std::string path(const json& version, const std::string& rest = "") {
    return "/api/v1/covenants/" + std::to_string(version["id"].get<std::int64_t>()) + rest;
  }
  std::string violation_path(const json& violation, const std::string& rest = "") {
    return "/api/v1/covenant-violations/" + std::to_string(violation["id"].get<std::int64_t>()) + rest;
  }
  std::int64_t audit_count(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
  // Who a step names when the account `login` took it: its id, its name and the role it holds.
  json taker(const std::string& login) {
    auto account = db().read()->query_one(
        "SELECT u.id, u.display_name, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id "
        "WHERE u.login = ? AND r.role <> 'resident' ORDER BY r.id",
        {login});
    EXPECT_TRUE(account.has_value()) << login;
    return {{"user_id", account->i64(0)}, {"name", account->text(1)}, {"role", account->text(2)}};
  }
};

TEST_F(CovenantTest, DraftCarriesClausesWithTheirEnforcementRules) {
  json version = draft();
  EXPECT_EQ(version["state"], "draft");
  EXPECT_EQ(version["number"], 1);
  ASSERT_EQ(version["clauses"].size(), 3u);
  EXPECT_EQ(version["clauses"][1]["rectification_days"], 30);
  EXPECT_TRUE(version["adopted_on"].is_null());
  auto list = signed_in("resident")->get("/api/v1/covenants?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["items"].size(), 1u);
  EXPECT_TRUE(list.json()["in_force_id"].is_null());
  EXPECT_EQ(list.json()["policy"]["clause_types"].size(), 5u);
  EXPECT_EQ(audit_count("covenant.create"), 1);
}

TEST_F(CovenantTest, AdoptionIsRefusedWithoutAPassedMatterTwoVoteOfTheCompound) {
  json version = draft();
  auto secretary = signed_in("secretary");
  auto refused = [&](std::int64_t vote_id) {
    auto reply = secretary->post(path(version, "/adopt"), json{{"vote_id", vote_id}});
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(reply.error_field(), "vote_id");
    return reply.json()["error"]["message"].get<std::string>();
  };
  EXPECT_NE(refused(counted_vote(4, "desheng-xincun", voting::Choice::Agree)).find("事项 2"), std::string::npos);
  EXPECT_NE(refused(counted_vote(2, "desheng-xincun", voting::Choice::Oppose)).find("未获通过"), std::string::npos);
  EXPECT_NE(refused(counted_vote(2, "c-deshengba", voting::Choice::Agree)).find("本小区"), std::string::npos);
  EXPECT_EQ(secretary->post(path(version, "/adopt"), json{{"vote_id", 999999}}).status, 404);
  EXPECT_EQ(secretary->get(path(version)).json()["state"], "draft");
}

TEST_F(CovenantTest, PassedVoteAdoptsAndTheNextAdoptionSupersedes) {
  json first = adopted();
  EXPECT_EQ(first["state"], "adopted");
  EXPECT_EQ(first["adopted_on"], day_from_today(-10));
  auto secretary = signed_in("secretary");
  // An adopted version is not adopted twice.
  auto again = secretary->post(path(first, "/adopt"), json{{"vote_id", first["vote_id"]}});
  EXPECT_EQ(again.status, 409);

  json second = draft();
  EXPECT_EQ(second["number"], 2);
  auto vote = counted_vote(2, "desheng-xincun", voting::Choice::Agree);
  auto reply = secretary->post(path(second, "/adopt"), json{{"vote_id", vote}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["adopted_on"], day_from_today(0));
  auto old = secretary->get(path(first)).json();
  EXPECT_EQ(old["state"], "superseded");
  EXPECT_EQ(old["superseded_on"], day_from_today(0));
  auto list = secretary->get("/api/v1/covenants?compound=" + std::to_string(node("desheng-xincun"))).json();
  EXPECT_EQ(list["in_force_id"], second["id"]);
  EXPECT_EQ(audit_count("covenant.adopt"), 2);
}

TEST_F(CovenantTest, ResidentSignsForTheirHomeAndStaffRecordForOthers) {
  json version = adopted();
  auto resident_part = db().read()->scalar(
      "SELECT l.part_node_id FROM users u JOIN part_links l ON l.person_id = u.person_id WHERE u.login = 'resident'");
  auto other_part = db().read()->scalar(
      "SELECT p.node_id FROM parts p JOIN org_nodes n ON n.id = p.node_id WHERE p.use = 'residential' "
      "AND n.path LIKE ? AND p.node_id <> ? ORDER BY p.node_id",
      {"%/" + std::to_string(node("desheng-xincun")) + "/%", resident_part});
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->post(path(version, "/acknowledgements"), json{{"part_id", other_part}}).status, 403);
  auto signed_reply = resident->post(path(version, "/acknowledgements"), json{{"part_id", resident_part}});
  ASSERT_EQ(signed_reply.status, 201) << signed_reply.body;
  EXPECT_EQ(resident->post(path(version, "/acknowledgements"), json{{"part_id", resident_part}}).status, 409);
  auto recorded = signed_in("secretary")->post(path(version, "/acknowledgements"), json{{"part_id", other_part}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  json counts = resident->get(path(version, "/acknowledgements")).json();
  EXPECT_EQ(counts["acknowledged_parts"], 2);
  EXPECT_GE(counts["residential_parts"].get<std::int64_t>(), 2);
  EXPECT_EQ(counts["items"][0]["signed_by_resident"], true);
  EXPECT_EQ(counts["items"][1]["signed_by_resident"], false);
  // A draft is not signed.
  EXPECT_EQ(signed_in("secretary")->post(path(draft(), "/acknowledgements"), json{{"part_id", other_part}}).status,
            409);
}

TEST_F(CovenantTest, CommissionerUsingIdsOfAnotherCompoundWritesNothing) {
  json version = adopted();
  json other_draft = draft("admin", "c-deshengba");
  auto elsewhere = db().read()->scalar(
      "SELECT p.node_id FROM parts p JOIN org_nodes n ON n.id = p.node_id WHERE p.use = 'residential' "
      "AND n.path LIKE ? ORDER BY p.node_id",
      {"%/" + std::to_string(node("c-deshengba")) + "/%"});
  auto commissioner = signed_in("commissioner");

  auto acknowledged = commissioner->post(path(version, "/acknowledgements"), json{{"part_id", elsewhere}});
  EXPECT_EQ(acknowledged.status, 422) << acknowledged.body;
  EXPECT_EQ(acknowledged.error_field(), "part_id");
  EXPECT_EQ(signed_in("admin")->get(path(version, "/acknowledgements")).json()["acknowledged_parts"], 0);

  auto structure = commissioner->post("/api/v1/covenant-violations", json{{"compound_id", node("desheng-xincun")},
                                                                          {"clause_number", 2},
                                                                          {"location", "屋顶"},
                                                                          {"area_centi_m2", 1200},
                                                                          {"part_id", elsewhere}});
  EXPECT_EQ(structure.status, 422) << structure.body;
  EXPECT_EQ(structure.error_field(), "part_id");
  auto other_compound = commissioner->post(
      "/api/v1/covenant-violations",
      json{{"compound_id", node("c-deshengba")}, {"clause_number", 1}, {"plate", "浙A·12345"}, {"place", "门口"}});
  EXPECT_EQ(other_compound.status, 403) << other_compound.body;
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM covenant_violations"), 0);

  auto adoption = commissioner->post(path(draft(), "/adopt"),
                                     json{{"vote_id", counted_vote(2, "c-deshengba", voting::Choice::Agree)}});
  EXPECT_EQ(adoption.status, 409) << adoption.body;
  EXPECT_EQ(adoption.error_field(), "vote_id");
  EXPECT_EQ(commissioner->post(path(other_draft, "/adopt"), json{{"vote_id", version["vote_id"]}}).status, 403);
  EXPECT_EQ(signed_in("admin")->get(path(other_draft)).json()["state"], "draft");
  EXPECT_EQ(audit_count("covenant.adopt"), 1);
}

TEST_F(CovenantTest, ViolationNeedsACovenantInForce) {
  auto reply = signed_in("secretary")
                   ->post("/api/v1/covenant-violations", json{{"compound_id", node("desheng-xincun")},
                                                              {"clause_number", 1},
                                                              {"plate", "浙A·12345"},
                                                              {"place", "门口"}});
  EXPECT_EQ(reply.status, 409);
}

TEST_F(CovenantTest, IllegalStructureIsRemovedOnlyAfterAPassedReinspection) {
  adopted();
  json violation = report_structure(day_from_today(-9));
  EXPECT_EQ(violation["state"], "reported");
  EXPECT_EQ(violation["kind"], "illegal_structure");
  EXPECT_EQ(violation["area_centi_m2"], 2350);
  auto secretary = signed_in("secretary");
  // Not yet notified: neither rectifying nor removal.
  EXPECT_EQ(secretary->post(violation_path(violation, "/remove"), json::object()).status, 409);
  EXPECT_EQ(secretary->post(violation_path(violation, "/rectifying"), json::object()).status, 409);

  auto notified = secretary->post(violation_path(violation, "/notify"), json{{"notified_on", day_from_today(-8)}});
  ASSERT_EQ(notified.status, 200) << notified.body;
  EXPECT_EQ(notified.json()["deadline_on"], day_from_today(22));
  EXPECT_EQ(secretary->post(violation_path(violation, "/notify"), json::object()).status, 409);
  ASSERT_EQ(secretary->post(violation_path(violation, "/rectifying"), json{{"on", day_from_today(-7)}}).status, 200);

  auto removal = secretary->post(violation_path(violation, "/remove"), json::object());
  EXPECT_EQ(removal.status, 409);
  EXPECT_NE(removal.json()["error"]["message"].get<std::string>().find("复查"), std::string::npos);
  ASSERT_EQ(secretary
                ->post(violation_path(violation, "/inspections"),
                       json{{"inspected_on", day_from_today(-3)}, {"passed", false}, {"note", "未拆完"}})
                .status,
            201);
  EXPECT_EQ(secretary->post(violation_path(violation, "/remove"), json::object()).status, 409);
  ASSERT_EQ(secretary->post(violation_path(violation, "/inspections"), json{{"passed", true}}).status, 201);
  auto removed = secretary->post(violation_path(violation, "/remove"), json{{"removed_on", day_from_today(0)}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json()["state"], "removed");
  EXPECT_EQ(removed.json()["inspections"].size(), 2u);
  EXPECT_EQ(secretary->post(violation_path(violation, "/close"), json{{"reason", "重复"}}).status, 409);
  EXPECT_EQ(audit_count("covenant.violation.remove"), 1);
  EXPECT_EQ(audit_count("covenant.violation.inspect"), 2);

  auto stats = signed_in("resident")->get("/api/v1/stats/covenant?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.json(), (json{{"adopted_on", day_from_today(-10)},
                                {"violations", 1},
                                {"removed", 1},
                                {"removed_area_m2", 23.5},
                                {"days_to_last_removal", 10},
                                {"open", 0}}));
}

// Each step names who took it, as the timeline shows them: reported and notified by the secretary,
// rectified, re-inspected and removed by the commissioner. A step recorded before who took it was
// kept names nobody.
TEST_F(CovenantTest, EachStepNamesWhoTookIt) {
  adopted();
  json violation = report_structure(day_from_today(-9));
  json secretary_taker = taker("secretary");
  json commissioner_taker = taker("commissioner");
  EXPECT_NE(secretary_taker["name"], commissioner_taker["name"]);
  EXPECT_EQ(violation["by"]["reported"], secretary_taker);
  EXPECT_TRUE(violation["by"]["notified"].is_null()) << "not notified yet";
  auto secretary = signed_in("secretary");
  ASSERT_EQ(secretary->post(violation_path(violation, "/notify"), json{{"notified_on", day_from_today(-8)}}).status,
            200);
  auto commissioner = signed_in("commissioner");
  ASSERT_EQ(commissioner->post(violation_path(violation, "/rectifying"), json{{"on", day_from_today(-7)}}).status, 200);
  ASSERT_EQ(commissioner->post(violation_path(violation, "/inspections"), json{{"passed", true}}).status, 201);
  auto removed = commissioner->post(violation_path(violation, "/remove"), json::object());
  ASSERT_EQ(removed.status, 200) << removed.body;
  json shown = secretary->get(violation_path(violation)).json();
  EXPECT_EQ(shown["by"], (json{{"reported", secretary_taker},
                               {"notified", secretary_taker},
                               {"rectifying", commissioner_taker},
                               {"removed", commissioner_taker},
                               {"closed", nullptr}}));
  EXPECT_EQ(shown["rectifying_on"], day_from_today(-7));
  EXPECT_EQ(shown["inspections"][0]["by"], commissioner_taker);
  EXPECT_EQ(removed.json()["by"], shown["by"]) << "every step answers with who took each";
  json listed = secretary->get("/api/v1/covenant-violations?node=" + std::to_string(node("desheng-xincun"))).json();
  EXPECT_FALSE(listed["items"][0].contains("by")) << "lists leave it out";

  db().write([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE covenant_violations SET reported_by_user_id = NULL WHERE id = ?",
            {violation["id"].get<std::int64_t>()});
    tx.exec("UPDATE covenant_inspections SET inspected_by_user_id = NULL WHERE violation_id = ?",
            {violation["id"].get<std::int64_t>()});
    return 0;
  });
  json old = secretary->get(violation_path(violation)).json();
  EXPECT_TRUE(old["by"]["reported"].is_null());
  EXPECT_TRUE(old["inspections"][0]["by"].is_null());
  EXPECT_EQ(old["by"]["removed"], commissioner_taker);
}

// A closed violation names who closed it.
TEST_F(CovenantTest, ClosingNamesWhoClosed) {
  auto secretary = signed_in("secretary");
  json violation = overdue_parking_violation(*secretary);
  auto closed = signed_in("commissioner")->post(violation_path(violation, "/close"), json{{"reason", "车主已挪车"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["by"]["closed"], taker("commissioner"));
  EXPECT_EQ(closed.json()["by"]["notified"], taker("secretary"));
}

// A street's violations come newest first a page at a time; the cursor of a full page leads on.
TEST_F(CovenantTest, ViolationsArePagedNewestFirst) {
  adopted();
  std::vector<std::int64_t> ids;
  for (int day = -3; day <= -1; ++day) ids.push_back(report_structure(day_from_today(day))["id"].get<std::int64_t>());
  auto secretary = signed_in("secretary");
  std::string list = "/api/v1/covenant-violations?node=" + std::to_string(node("desheng-xincun"));
  json first = secretary->get(list + "&limit=2").json();
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["id"], ids[2]);
  EXPECT_EQ(first["items"][1]["id"], ids[1]);
  EXPECT_EQ(first["items"][0]["compound"], (json{{"id", node("desheng-xincun")}, {"name", "德胜新村"}}))
      << "the list names each violation's compound";
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second = secretary->get(list + "&limit=2&cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], ids[0]);
  EXPECT_TRUE(second["next_cursor"].is_null());
  auto too_many = secretary->get(list + "&limit=501");
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.error_field(), "limit");
}

TEST_F(CovenantTest, ClosingNeedsAReasonAndEndsTheViolation) {
  adopted();
  auto secretary = signed_in("secretary");
  auto reply = secretary->post(
      "/api/v1/covenant-violations",
      json{{"compound_id", node("desheng-xincun")}, {"clause_number", 3}, {"description", "3 幢犬只未拴绳"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  json violation = reply.json();
  EXPECT_EQ(violation["kind"], "other");
  auto missing = secretary->post(violation_path(violation, "/close"), json{{"reason", " "}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "reason");
  auto closed = secretary->post(violation_path(violation, "/close"), json{{"reason", "经核实为访客犬只，已劝离"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(secretary->post(violation_path(violation, "/notify"), json::object()).status, 409);
}

TEST_F(CovenantTest, OverdueViolationEscalatesOnceAPeriodAndTheRunIsIdempotent) {
  auto secretary = signed_in("secretary");
  json violation = overdue_parking_violation(*secretary);
  std::string escalate = "/api/v1/covenant-violations/escalate?node=" + std::to_string(node("desheng-xincun"));
  auto run = secretary->post(escalate, json::object());
  ASSERT_EQ(run.status, 200) << run.body;
  ASSERT_EQ(run.json()["recorded"].size(), 3u);
  EXPECT_EQ(run.json()["recorded"][0]["level"], "commissioner");
  EXPECT_EQ(run.json()["recorded"][2]["level"], "community_secretary");
  EXPECT_EQ(secretary->post(escalate, json::object()).json()["recorded"].size(), 0u);
  json escalation = secretary->get(violation_path(violation)).json()["escalation"];
  EXPECT_EQ(escalation["recorded_level"], "community_secretary");
  // The trail names each level told and the day the run told it.
  // The trail names each level told, the day the run told it and who ran it.
  json by = taker("secretary");
  EXPECT_EQ(escalation["recorded"],
            (json::array({{{"level", "commissioner"}, {"on", day_from_today(0)}, {"by", by}},
                          {{"level", "tripartite_director"}, {"on", day_from_today(0)}, {"by", by}},
                          {{"level", "community_secretary"}, {"on", day_from_today(0)}, {"by", by}}})));
  EXPECT_EQ(audit_count("covenant.violation.escalate"), 1);
  EXPECT_EQ(signed_in("grid")->post(escalate, json::object()).status, 403);
}

// The server's daily job does what the button does, once a day however many instances share the
// database: the second runner finds the day claimed.
TEST_F(CovenantTest, DailyJobEscalatesOverdueViolationsOnceAcrossInstances) {
  auto secretary = signed_in("secretary");
  json violation = overdue_parking_violation(*secretary);
  weizhi::app::JobRunner first(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  weizhi::app::JobRunner second(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  auto ran = first.run_due();
  EXPECT_NE(std::find(ran.begin(), ran.end(), "covenant.escalations"), ran.end());
  auto ran_again = second.run_due();
  EXPECT_EQ(std::find(ran_again.begin(), ran_again.end(), "covenant.escalations"), ran_again.end());
  json escalation = secretary->get(violation_path(violation)).json()["escalation"];
  EXPECT_EQ(escalation["recorded_level"], "community_secretary");
  ASSERT_EQ(escalation["recorded"].size(), 3u);
  for (const auto& level : escalation["recorded"]) EXPECT_TRUE(level["by"].is_null()) << "the job is nobody";
  EXPECT_EQ(audit_count("covenant.violation.escalate"), 1);
  std::string escalate = "/api/v1/covenant-violations/escalate?node=" + std::to_string(node("desheng-xincun"));
  EXPECT_EQ(secretary->post(escalate, json::object()).json()["recorded"].size(), 0u);
}

TEST_F(CovenantTest, SignedOutCallersGet401AndOtherRoles403) {
  json version = draft();
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get(path(version)).status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/stats/covenant?compound=" + std::to_string(node("desheng-xincun"))).status, 401);
  // Residents read the covenant but neither draft one nor see neighbours' violations.
  EXPECT_EQ(signed_in("resident")->get(path(version)).status, 200);
  EXPECT_EQ(signed_in("resident")
                ->post("/api/v1/covenants",
                       json{{"compound_id", node("desheng-xincun")}, {"title", "公约"}, {"clauses", clauses()}})
                .status,
            403);
  EXPECT_EQ(
      signed_in("resident")->get("/api/v1/covenant-violations?node=" + std::to_string(node("desheng-xincun"))).status,
      403);
  EXPECT_EQ(signed_in("grid")->post(path(version, "/adopt"), json{{"vote_id", 1}}).status, 403);
  // The commissioner of 德胜新村 manages its covenant only.
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner
                ->post("/api/v1/covenants",
                       json{{"compound_id", node("c-deshengba")}, {"title", "公约"}, {"clauses", clauses()}})
                .status,
            403);
  EXPECT_EQ(signed_in("admin")
                ->send("PUT", "/api/v1/covenant-policies/" + std::to_string(node("street")),
                       json{{"extra_clause_types", {"graffiti"}}}.dump())
                .status,
            200);
  EXPECT_EQ(signed_in("secretary")
                ->send("PUT", "/api/v1/covenant-policies/" + std::to_string(node("street")),
                       json{{"extra_clause_types", {"graffiti"}}}.dump())
                .status,
            403);
}

TEST_F(CovenantTest, PhotosAreServedOnlyThroughTheirViolationToThoseWhoMayReadIt) {
  auto secretary = signed_in("secretary");
  std::string before = upload_photo(*secretary, "before");
  std::string unrelated = upload_photo(*secretary, "unrelated");
  adopted();
  auto reply = secretary->post("/api/v1/covenant-violations", json{{"compound_id", node("desheng-xincun")},
                                                                   {"clause_number", 2},
                                                                   {"location", "3 幢底层院内"},
                                                                   {"area_centi_m2", 1200},
                                                                   {"photos", {before}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  json violation = reply.json();
  EXPECT_EQ(violation["photos"], json::array({before}));

  auto photo = secretary->get(violation_path(violation, "/photos/" + before));
  EXPECT_EQ(photo.status, 200);
  EXPECT_EQ(photo.headers["content-type"], "image/png");
  EXPECT_EQ(weizhi::crypto::sha256_hex(photo.body), before);
  EXPECT_EQ(photo.headers["etag"], "\"" + before + "\"");
  // Another photo, even a stored one, is not reachable through this violation.
  EXPECT_EQ(secretary->get(violation_path(violation, "/photos/" + unrelated)).status, 404);
  EXPECT_EQ(signed_in("resident")->get(violation_path(violation, "/photos/" + before)).status, 403);
  EXPECT_EQ(anonymous()->get(violation_path(violation, "/photos/" + before)).status, 401);
}

TEST_F(CovenantTest, ViolationPhotosMustHaveBeenUploaded) {
  auto secretary = signed_in("secretary");
  adopted();
  json body{
      {"compound_id", node("desheng-xincun")}, {"clause_number", 2}, {"location", "屋顶"}, {"area_centi_m2", 500}};
  body["photos"] = {upload_photo(*secretary, "kept"), std::string(64, 'a')};
  auto unknown = secretary->post("/api/v1/covenant-violations", body);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "photos[1]");
  body["photos"] = {"IMG_0001.jpg"};
  EXPECT_EQ(secretary->post("/api/v1/covenant-violations", body).error_field(), "photos[0]");
  auto listed = secretary->get("/api/v1/covenant-violations?node=" + std::to_string(node("desheng-xincun")));
  EXPECT_TRUE(listed.json()["items"].empty()) << "a refused report leaves nothing behind";
}

TEST_F(CovenantTest, UnknownIdsGive404) {
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get("/api/v1/covenants/999999").status, 404);
  EXPECT_EQ(secretary->get("/api/v1/covenant-violations/999999").status, 404);
  EXPECT_EQ(secretary->post("/api/v1/covenant-violations/999999/notify", json::object()).status, 404);
  EXPECT_EQ(secretary->get("/api/v1/covenants/abc").status, 404);
  EXPECT_EQ(signed_in("admin")->get("/api/v1/stats/covenant?compound=999999").status, 404);
}

TEST_F(CovenantTest, BadInputIsRefusedNamingTheField) {
  auto secretary = signed_in("secretary");
  json bad_clauses = clauses();
  bad_clauses[0]["rectification_days"] = 0;
  auto reply = secretary->post(
      "/api/v1/covenants", json{{"compound_id", node("desheng-xincun")}, {"title", "公约"}, {"clauses", bad_clauses}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "clauses[0].rectification_days");
  bad_clauses = clauses();
  bad_clauses[2]["type"] = "graffiti";
  EXPECT_EQ(secretary
                ->post("/api/v1/covenants",
                       json{{"compound_id", node("desheng-xincun")}, {"title", "公约"}, {"clauses", bad_clauses}})
                .error_field(),
            "clauses[2].type");
  EXPECT_EQ(secretary->get("/api/v1/covenants").error_field(), "compound");

  adopted();
  auto report = [&](json body) {
    body["compound_id"] = node("desheng-xincun");
    return secretary->post("/api/v1/covenant-violations", body);
  };
  auto missing_area = report({{"clause_number", 2}, {"location", "屋顶"}});
  EXPECT_EQ(missing_area.status, 400);
  EXPECT_EQ(missing_area.error_field(), "area_centi_m2");
  EXPECT_EQ(report({{"clause_number", 9}, {"plate", "浙A·1"}}).error_field(), "clause_number");
  EXPECT_EQ(report({{"clause_number", 1}, {"place", "门口"}}).error_field(), "plate");
  EXPECT_EQ(report({{"clause_number", 1}, {"plate", "浙A·1"}, {"place", "门口"}, {"reported_on", "2026-02-30"}})
                .error_field(),
            "reported_on");
  json violation = report_structure(day_from_today(-2));
  auto early = secretary->post(violation_path(violation, "/notify"), json{{"notified_on", day_from_today(-5)}});
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(early.error_field(), "notified_on");
  EXPECT_EQ(secretary->post(violation_path(violation, "/inspections"), json{{"passed", "yes"}}).status, 400);
  EXPECT_EQ(secretary->post(violation_path(violation, "/notify"), std::string("not json")).status, 400);
}

// The full demo street: 东二东三苑's covenant and the 87 removals of the article, from the records.
TEST(CovenantDemoSeedBigTest, DongErDongSanFiguresComeOutOfTheRecords) {
  auto lease = weizhi::testing::demo_street().db.read();
  auto compound = lease->query_one("SELECT id FROM org_nodes WHERE code = 'dong-er-dong-san'")->i64(0);
  auto stats = weizhi::covenant::compound_stats(*lease, compound);
  ASSERT_TRUE(stats.adopted_on);
  EXPECT_GE(stats.violations, 87);
  EXPECT_EQ(stats.removed, 87);
  EXPECT_EQ(stats.removed_area_centi_m2, 462700);
  EXPECT_EQ(stats.days_to_last_removal, 39);
  EXPECT_GE(stats.open, 1);
  // Adopted by a published vote of matter 2 that passed.
  auto version = weizhi::covenant::adopted_version(*lease, compound);
  ASSERT_TRUE(version && version->vote_id);
  auto facts = weizhi::covenant::vote_facts(*lease, *version->vote_id, 1);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->matter, 2);
  EXPECT_TRUE(facts->item_passed);
  EXPECT_EQ(lease->query_one("SELECT state FROM votes WHERE id = ?", {*version->vote_id})->text(0), "published");
}

TEST_F(CovenantTest, AViolationPastItsDeadlineIsOnItsManagersListForTodayUntilItEnds) {
  auto secretary = signed_in("secretary");
  json violation = overdue_parking_violation(*secretary);
  std::string link = "/covenant/violations/" + std::to_string(violation["id"].get<std::int64_t>());
  auto listed = [&](const std::string& login) {
    json today = signed_in(login)->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["link"] == link) return item;
    }
    return json(nullptr);
  };
  for (const std::string login : {"secretary", "commissioner"}) {
    json item = listed(login);
    ASSERT_FALSE(item.is_null()) << login;
    EXPECT_EQ(item["kind"], "covenant.overdue");
    EXPECT_EQ(item["title"], "督促整改：违停 浙A·D5R81 消防通道");
    EXPECT_EQ(item["node"]["id"], node("desheng-xincun"));
    EXPECT_EQ(item["node"]["name"], "德胜新村");
    EXPECT_TRUE(item["overdue"]);
    // Notified 9 days ago with 3 days to act: the deadline day ended at midnight in Hangzhou 6 days ago.
    EXPECT_EQ(item["due_at"], weizhi::iso_utc(*weizhi::parse_iso(day_from_today(-5) + "T00:00:00+08:00")));
  }
  EXPECT_TRUE(listed("property-staff").is_null()) << "reading violations is not managing them";
  ASSERT_EQ(secretary->post(violation_path(violation, "/close"), json{{"reason", "车主已挪车"}}).status, 200);
  EXPECT_TRUE(listed("secretary").is_null()) << "closed: nothing left to chase";
}

TEST_F(CovenantTest, ACovenantAdoptedThisWeekIsInPublicityForTheCompound) {
  json version = draft();
  auto vote = counted_vote(2, "desheng-xincun", voting::Choice::Agree);
  ASSERT_EQ(signed_in("secretary")
                ->post(path(version, "/adopt"), json{{"vote_id", vote}, {"adopted_on", day_from_today(-6)}})
                .status,
            200);
  auto listed = signed_in("resident")->get("/api/v1/me/publicity");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  json found = nullptr;
  for (const auto& item : items) {
    if (item["kind"] == "covenant.adopted") found = item;
  }
  ASSERT_FALSE(found.is_null()) << listed.body;
  EXPECT_EQ(found["title"], "管理规约公示：德胜新村小区公约");
  EXPECT_EQ(found["starts_on"], day_from_today(-6));
  EXPECT_EQ(found["ends_on"], day_from_today(0)) << "a week, the day of adoption counted";
  EXPECT_EQ(found["link"], "/covenant");
  auto elsewhere = signed_in("admin")->get("/api/v1/publicity?node=" + std::to_string(node("c-deshengba")));
  ASSERT_EQ(elsewhere.status, 200);
  json elsewhere_items = elsewhere.json()["items"];
  for (const auto& item : elsewhere_items) EXPECT_NE(item["kind"], "covenant.adopted");
}
