// Mediation over HTTP on the Test seed: disputes recorded with their parties and a gold mediator of
// the community, scoped to the recorder's compounds; the state table with agreement, sessions and
// follow-up visits; a broken agreement reopened once; the visits due on today's work; the list's state
// filter and the statistics.
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

class MediationTest : public ApiTest {
 protected:
  // A gold mediator of the compound's community, as the console offers them.
  std::int64_t mediator_for(HttpClient& client, const std::string& compound) {
    auto reply = client.get("/api/v1/mediators?node=" + std::to_string(node(compound)));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_FALSE(reply.json()["items"].empty());
    return reply.json()["items"][0]["id"].get<std::int64_t>();
  }

  // A resident of the compound who is not a gold mediator.
  std::int64_t plain_resident(const std::string& compound) {
    return db().write([&](weizhi::store::Tx& tx) {
      return tx
          .query_one(
              "SELECT id FROM people WHERE home_node_id = ? AND is_developer = 0 AND "
              "tags NOT LIKE '%gold%' ORDER BY id",
              {node(compound)})
          ->i64(0);
    });
  }

  json dispute(HttpClient& client, const std::string& compound = "desheng-xincun") {
    return {{"compound_id", node(compound)},
            {"category", "water_leak"},
            {"summary", "楼上卫生间漏水，楼下天花板发霉"},
            {"mediator_person_id", mediator_for(client, compound)},
            {"parties", json::array({{{"person_id", plain_resident(compound)}, {"role", "applicant"}},
                                     {{"name", "楼上 402 室住户"}, {"role", "respondent"}}})}};
  }

  json create(HttpClient& client, const std::string& compound = "desheng-xincun") {
    auto reply = client.post("/api/v1/mediations", dispute(client, compound));
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  static std::string path(const json& record, const std::string& tail = "") {
    return "/api/v1/mediations/" + std::to_string(record["id"].get<std::int64_t>()) + tail;
  }

  static json session() {
    return {{"place", "社区矛盾调解室"},
            {"attendees", {0, 1}},
            {"notes", "双方陈述，约定现场查看"},
            {"next_step", "现场查看"}};
  }

  // A dispute of 德胜新村 agreed on `signed_on`.
  json agreed_on(HttpClient& client, const std::string& signed_on) {
    json record = create(client);
    EXPECT_EQ(client.post(path(record, "/sessions"), session()).status, 201);
    json step = agreement();
    step["signed_on"] = signed_on;
    auto agreed = client.post(path(record, "/transition"), step);
    EXPECT_EQ(agreed.status, 200) << agreed.body;
    return agreed.json();
  }

  // The street's date `days` from today, as the server computes "today".
  static std::string day_from_today(int days) {
    return weizhi::street_date(std::chrono::system_clock::now() + std::chrono::days(days));
  }

  static json agreement() {
    return {{"to", "agreed"}, {"agreement", "楼上住户重做防水，楼下修补费用由楼上承担"}, {"signed_on", "2026-01-05"}};
  }
};

TEST_F(MediationTest, ADisputeIsRecordedWithItsPartiesAndAGoldMediator) {
  auto commissioner = signed_in("commissioner");
  json body = dispute(*commissioner);
  json record = create(*commissioner);
  EXPECT_EQ(record["state"], "open");
  EXPECT_EQ(record["category_name"], "楼上楼下漏水");
  EXPECT_EQ(record["compound"]["name"], "德胜新村");
  ASSERT_EQ(record["parties"].size(), 2u);
  EXPECT_EQ(record["parties"][0]["person_id"], body["parties"][0]["person_id"]);
  EXPECT_NE(record["parties"][0]["name"].get<std::string>().find('*'), std::string::npos);  // masked
  EXPECT_EQ(record["parties"][1]["name"], "楼上 402 室住户");
  EXPECT_EQ(record["mediator"]["person_id"], body["mediator_person_id"]);
  EXPECT_NE(record["mediator"]["name"].get<std::string>().find('*'), std::string::npos);
  EXPECT_EQ(record["timeline"][0]["kind"], "created");
  auto account = db().read()->query_one(
      "SELECT u.display_name, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.login = ?",
      {"commissioner"});
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(record["timeline"][0]["actor_name"], account->text(0)) << "who took the step, by name";
  EXPECT_EQ(record["timeline"][0]["actor_role"], account->text(1));
  EXPECT_EQ(commissioner->get(path(record)).json()["id"], record["id"]);
  bool audited = db().write([&](weizhi::store::Tx& tx) {
    return tx.query_one("SELECT 1 FROM audit_log WHERE action = 'mediation.create'").has_value();
  });
  EXPECT_TRUE(audited);
}

TEST_F(MediationTest, BadPartiesAndMediatorsAreRefusedNamingTheField) {
  auto commissioner = signed_in("commissioner");
  json one = dispute(*commissioner);
  one["parties"] = json::array({one["parties"][0]});
  auto reply = commissioner->post("/api/v1/mediations", one);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "parties");
  json bad_role = dispute(*commissioner);
  bad_role["parties"][1]["role"] = "witness";
  EXPECT_EQ(commissioner->post("/api/v1/mediations", bad_role).error_field(), "parties[1].role");
  json both = dispute(*commissioner);
  both["parties"][0]["name"] = "王伟";
  EXPECT_EQ(commissioner->post("/api/v1/mediations", both).error_field(), "parties[0].name");
  json one_side = dispute(*commissioner);
  one_side["parties"][1]["role"] = "applicant";
  EXPECT_EQ(commissioner->post("/api/v1/mediations", one_side).error_field(), "parties");
  json category = dispute(*commissioner);
  category["category"] = "noise";
  EXPECT_EQ(commissioner->post("/api/v1/mediations", category).error_field(), "category");

  json not_gold = dispute(*commissioner);
  not_gold["mediator_person_id"] = plain_resident("desheng-xincun");
  not_gold["parties"][0] = {{"name", "楼下 302 室住户"}, {"role", "applicant"}};
  auto refused = commissioner->post("/api/v1/mediations", not_gold);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_field(), "mediator_person_id");
  // A gold mediator of another community does not mediate here.
  json elsewhere = dispute(*commissioner);
  elsewhere["mediator_person_id"] = mediator_for(*signed_in("admin"), "dong-er-dong-san");
  EXPECT_EQ(commissioner->post("/api/v1/mediations", elsewhere).status, 422);
  json mediator_party = dispute(*commissioner);
  mediator_party["parties"][0]["person_id"] = mediator_party["mediator_person_id"];
  EXPECT_EQ(commissioner->post("/api/v1/mediations", mediator_party).error_field(), "mediator_person_id");
  json unknown_case = dispute(*commissioner);
  unknown_case["case_id"] = 999999;
  EXPECT_EQ(commissioner->post("/api/v1/mediations", unknown_case).error_field(), "case_id");
}

TEST_F(MediationTest, TheCommissionerWorksOnlyInTheirCompounds) {
  auto commissioner = signed_in("commissioner");
  auto secretary = signed_in("secretary");
  json outside = dispute(*secretary, "c-deshengba");
  EXPECT_EQ(commissioner->post("/api/v1/mediations", outside).status, 403);
  json record = create(*secretary, "c-deshengba");
  EXPECT_EQ(commissioner->get(path(record)).status, 403);
  EXPECT_EQ(commissioner->post(path(record, "/sessions"), session()).status, 403);
  EXPECT_EQ(commissioner->get("/api/v1/mediations?node=" + std::to_string(node("c-deshengba"))).status, 403);
  EXPECT_EQ(commissioner->get("/api/v1/mediations?node=" + std::to_string(node("desheng-xincun"))).status, 200);
  // Readers follow, but do not record.
  auto party = signed_in("party");
  EXPECT_EQ(party->get("/api/v1/mediations?node=" + std::to_string(node("desheng-xincun"))).status, 200);
  EXPECT_EQ(party->post("/api/v1/mediations", dispute(*party)).status, 403);
  EXPECT_EQ(signed_in("resident")->get("/api/v1/mediations?node=" + std::to_string(node("desheng-xincun"))).status,
            403);
  EXPECT_EQ(signed_in("supervisor")->get(path(record)).status, 200);
}

TEST_F(MediationTest, StepsFollowTheTableAndAgreedNeedsTheAgreement) {
  auto commissioner = signed_in("commissioner");
  json record = create(*commissioner);
  auto skipped = commissioner->post(path(record, "/transition"), agreement());
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(skipped.error_field(), "to");
  auto patched = commissioner->patch(path(record), json{{"summary", "楼上漏水已三个月"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["summary"], "楼上漏水已三个月");
  EXPECT_EQ(
      commissioner->post(path(record, "/sessions"), json{{"place", "调解室"}, {"attendees", {0, 2}}, {"notes", "x"}})
          .error_field(),
      "attendees[1]");
  // The first session starts the mediation.
  auto held = commissioner->post(path(record, "/sessions"), session());
  ASSERT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(held.json()["state"], "in_mediation");
  EXPECT_EQ(held.json()["sessions"].size(), 1u);
  EXPECT_EQ(held.json()["sessions"][0]["attendees"], json::array({0, 1}));
  EXPECT_EQ(commissioner->patch(path(record), json{{"summary", "改"}}).status, 409);
  auto missing = commissioner->post(path(record, "/transition"), json{{"to", "agreed"}, {"signed_on", "2026-01-05"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "agreement");
  EXPECT_EQ(
      commissioner->post(path(record, "/transition"), json{{"to", "agreed"}, {"agreement", "协议"}}).error_field(),
      "signed_on");
  EXPECT_EQ(commissioner->post(path(record, "/transition"), json{{"to", "not_agreed"}}).error_field(), "reason");
  auto agreed = commissioner->post(path(record, "/transition"), agreement());
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(agreed.json()["state"], "agreed");
  EXPECT_EQ(agreed.json()["signed_on"], "2026-01-05");
  EXPECT_EQ(agreed.json()["agreement"], agreement()["agreement"]);
  EXPECT_EQ(commissioner->post(path(record, "/sessions"), session()).status, 409);
  EXPECT_EQ(commissioner->post(path(record, "/transition"), json{{"to", "withdrawn"}, {"reason", "撤回"}}).status, 409);

  json other = create(*commissioner);
  auto withdrawn = commissioner->post(path(other, "/transition"), json{{"to", "withdrawn"}, {"reason", "双方已和解"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["reason"], "双方已和解");
  EXPECT_EQ(commissioner->post(path(other, "/transition"), json{{"to", "in_mediation"}}).status, 409);
}

TEST_F(MediationTest, ABrokenAgreementReopensOnce) {
  auto commissioner = signed_in("commissioner");
  json record = create(*commissioner);
  EXPECT_EQ(commissioner->post(path(record, "/follow-ups"), json{{"holds", "kept"}}).status, 409);
  ASSERT_EQ(commissioner->post(path(record, "/sessions"), session()).status, 201);
  ASSERT_EQ(commissioner->post(path(record, "/transition"), agreement()).status, 200);
  EXPECT_EQ(commissioner->post(path(record, "/follow-ups"), json{{"holds", "maybe"}}).error_field(), "holds");
  EXPECT_EQ(commissioner->post(path(record, "/follow-ups"), json{{"holds", "kept"}, {"visited_on", "2026-01-04"}})
                .error_field(),
            "visited_on");
  auto kept = commissioner->post(path(record, "/follow-ups"), json{{"holds", "kept"}, {"visited_on", "2026-01-10"}});
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_FALSE(kept.json()["can_reopen"].get<bool>());
  EXPECT_EQ(commissioner->post(path(record, "/transition"), json{{"to", "in_mediation"}}).status, 409);
  auto broken = commissioner->post(path(record, "/follow-ups"), json{{"holds", "broken"}, {"note", "再次渗水"}});
  ASSERT_EQ(broken.status, 201) << broken.body;
  EXPECT_TRUE(broken.json()["can_reopen"].get<bool>());
  EXPECT_EQ(broken.json()["follow_ups"].size(), 2u);
  auto reopened =
      commissioner->post(path(record, "/transition"), json{{"to", "in_mediation"}, {"reason", "协议未履行"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json()["state"], "in_mediation");
  EXPECT_TRUE(reopened.json()["reopened"].get<bool>());
  EXPECT_TRUE(reopened.json()["agreement"].is_null());
  EXPECT_EQ(reopened.json()["timeline"].back()["kind"], "reopen");
  ASSERT_EQ(commissioner->post(path(record, "/transition"), agreement()).status, 200);
  ASSERT_EQ(commissioner->post(path(record, "/follow-ups"), json{{"holds", "broken"}}).status, 201);
  auto again = commissioner->post(path(record, "/transition"), json{{"to", "in_mediation"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "to");
}

TEST_F(MediationTest, TheListFiltersByStateAndPages) {
  auto admin = signed_in("admin");
  auto agreed = admin->get("/api/v1/mediations?state=agreed");
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(agreed.json()["items"].size(), 4u);
  json agreed_items = agreed.json()["items"];
  for (const auto& item : agreed_items) EXPECT_EQ(item["state"], "agreed");
  EXPECT_EQ(admin->get("/api/v1/mediations?state=closed").error_field(), "state");
  auto first = admin->get("/api/v1/mediations?limit=5");
  ASSERT_EQ(first.json()["items"].size(), 5u);
  auto cursor = first.json()["next_cursor"];
  ASSERT_FALSE(cursor.is_null());
  auto second = admin->get("/api/v1/mediations?limit=5&cursor=" + cursor.get<std::string>());
  EXPECT_LT(second.json()["items"][0]["id"].get<std::int64_t>(), first.json()["items"][4]["id"].get<std::int64_t>());
  auto xincun = admin->get("/api/v1/mediations?node=" + std::to_string(node("desheng-xincun")));
  EXPECT_EQ(xincun.json()["items"].size(), 6u);
  EXPECT_EQ(admin->get("/api/v1/mediators?node=" + std::to_string(node("street"))).status, 422);
}

TEST_F(MediationTest, StatisticsCountTheSeededDisputes) {
  auto secretary = signed_in("secretary");
  auto reply = secretary->get("/api/v1/stats/mediation?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(reply.status, 200) << reply.body;
  json stats = reply.json();
  for (const char* key :
       {"open", "in_mediation", "agreed", "not_agreed", "withdrawn", "agreement_rate", "kept_share", "by_category"}) {
    EXPECT_TRUE(stats.contains(key)) << key;
  }
  EXPECT_EQ(stats["open"], 1);
  EXPECT_EQ(stats["in_mediation"], 3);
  EXPECT_EQ(stats["agreed"], 1);
  EXPECT_EQ(stats["not_agreed"], 1);
  EXPECT_EQ(stats["withdrawn"], 0);
  EXPECT_EQ(stats["agreement_rate"], (json{{"num", 1}, {"den", 2}}));
  EXPECT_EQ(stats["kept_share"], (json{{"num", 1}, {"den", 1}}));
  ASSERT_EQ(stats["by_category"].size(), 8u);
  EXPECT_EQ(stats["by_category"][1], (json{{"code", "water_leak"}, {"name", "楼上楼下漏水"}, {"count", 1}}));
  auto community = secretary->get("/api/v1/stats/mediation?node=" + std::to_string(node("desheng"))).json();
  EXPECT_EQ(community["withdrawn"], 1);
  EXPECT_EQ(community["agreement_rate"], (json{{"num", 2}, {"den", 3}}));
  EXPECT_EQ(signed_in("commissioner")->get("/api/v1/stats/mediation?node=" + std::to_string(node("desheng"))).status,
            403);
  // The elevator dispute came from the compound's service case.
  auto list = secretary->get("/api/v1/mediations?node=" + std::to_string(node("desheng-xincun"))).json();
  bool linked = false;
  for (const auto& item : list["items"])
    linked = linked || (item["category"] == "elevator_retrofit" && !item["case_id"].is_null());
  EXPECT_TRUE(linked);
}

// The commissioner of 德胜新村, and the secretary of 德胜社区, with the ids of another compound or
// community on every route of a dispute that takes more than one id: refused, nothing written.
TEST_F(MediationTest, IdsOfAnotherCompoundAreRefusedOnEitherEndAndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  auto parts = admin->get("/api/v1/org/nodes/" + std::to_string(node("c-deshengba")) + "/parts");
  ASSERT_EQ(parts.status, 200) << parts.body;
  json outside_part = parts.json()["items"].at(0);
  auto outside_case = admin->post(
      "/api/v1/cases",
      json{{"item_code", "street-lamp"}, {"compound_id", node("c-deshengba")}, {"description", "路灯不亮"}});
  ASSERT_EQ(outside_case.status, 201) << outside_case.body;
  std::int64_t outsider = person_under("c-deshengba");
  std::string listing = "/api/v1/mediations?limit=200&node=";
  auto count = [&](const std::string& compound) {
    return admin->get(listing + std::to_string(node(compound))).json()["items"].size();
  };
  json record = create(*commissioner);
  json theirs = create(*signed_in("secretary"), "c-deshengba");
  std::size_t here = count("desheng-xincun");
  std::size_t there = count("c-deshengba");

  auto with = [&](const std::function<void(json&)>& change) {
    json body = dispute(*commissioner);
    change(body);
    return commissioner->post("/api/v1/mediations", body);
  };
  auto party = with([&](json& body) { body["parties"][0]["person_id"] = outsider; });
  EXPECT_EQ(party.status, 403) << party.body;
  auto linked_case = with([&](json& body) { body["case_id"] = outside_case.json()["id"]; });
  EXPECT_EQ(linked_case.status, 422) << linked_case.body;
  EXPECT_EQ(linked_case.error_field(), "case_id");
  auto building = with([&](json& body) { body["building_id"] = outside_part["building_id"]; });
  EXPECT_EQ(building.error_field(), "building_id");
  auto part = with([&](json& body) { body["part_id"] = outside_part["id"]; });
  EXPECT_EQ(part.error_field(), "part_id");
  auto mediator = with([&](json& body) { body["mediator_person_id"] = mediator_for(*admin, "dong-er-dong-san"); });
  EXPECT_EQ(mediator.error_field(), "mediator_person_id");

  json outside_parties = json::array(
      {{{"person_id", outsider}, {"role", "applicant"}}, {{"name", "楼上 402 室住户"}, {"role", "respondent"}}});
  EXPECT_EQ(commissioner->patch(path(record), json{{"parties", outside_parties}}).status, 403);
  EXPECT_EQ(commissioner->patch(path(record), json{{"case_id", outside_case.json()["id"]}}).error_field(), "case_id");
  EXPECT_EQ(commissioner->patch(path(theirs), json{{"summary", "改"}}).status, 403);
  EXPECT_EQ(commissioner->post(path(theirs, "/transition"), json{{"to", "withdrawn"}, {"reason", "撤回"}}).status, 403);
  EXPECT_EQ(commissioner->post(path(theirs, "/follow-ups"), json{{"holds", "kept"}}).status, 403);

  // The secretary of 德胜社区 with people and compounds of 东二社区.
  auto secretary = signed_in("secretary");
  json donger_party = dispute(*secretary);
  donger_party["parties"][0]["person_id"] = person_under("dong-er-dong-san");
  EXPECT_EQ(secretary->post("/api/v1/mediations", donger_party).status, 403);
  EXPECT_EQ(secretary->post("/api/v1/mediations", dispute(*admin, "dong-er-dong-san")).status, 403);

  EXPECT_EQ(count("desheng-xincun"), here);
  EXPECT_EQ(count("c-deshengba"), there);
  json seen = admin->get(path(record)).json();
  EXPECT_EQ(seen["parties"], record["parties"]);
  EXPECT_TRUE(seen["case_id"].is_null());
  EXPECT_EQ(seen["timeline"].size(), 1u);
  json theirs_seen = admin->get(path(theirs)).json();
  EXPECT_EQ(theirs_seen["state"], "open");
  EXPECT_EQ(theirs_seen["summary"], theirs["summary"]);
}

TEST_F(MediationTest, AnAgreementIsDueForItsVisitAMonthOnUntilVisited) {
  auto commissioner = signed_in("commissioner");
  json late = agreed_on(*commissioner, day_from_today(-31));
  json soon = agreed_on(*commissioner, day_from_today(-28));
  json later = agreed_on(*commissioner, day_from_today(-20));
  auto due_today = [&](const std::string& login) {
    std::map<std::string, json> due;
    json today = signed_in(login)->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["kind"] == "mediation.follow_up") due[item["link"]] = item;
    }
    return due;
  };
  auto link = [](const json& record) { return "/mediations/" + std::to_string(record["id"].get<std::int64_t>()); };

  auto due = due_today("commissioner");
  ASSERT_TRUE(due.count(link(late)) && due.count(link(soon))) << "late, and due within three days";
  json overdue = due[link(late)];
  EXPECT_EQ(overdue["title"], "回访调解协议：楼上楼下漏水");
  EXPECT_TRUE(overdue["overdue"]);
  EXPECT_EQ(overdue["due_at"], weizhi::iso_utc(*weizhi::street_day_end(day_from_today(-1))));
  EXPECT_EQ(overdue["node"]["id"], node("desheng-xincun"));
  EXPECT_EQ(overdue["node"]["name"], "德胜新村");
  EXPECT_FALSE(due[link(soon)]["overdue"]);
  EXPECT_EQ(due[link(soon)]["due_at"], weizhi::iso_utc(*weizhi::street_day_end(day_from_today(2))));
  EXPECT_FALSE(due.count(link(later))) << "due in ten days: not yet today's work";
  EXPECT_TRUE(due_today("secretary").count(link(soon))) << "the community's secretary follows its compounds up too";
  EXPECT_TRUE(due_today("supervisor").empty()) << "reading disputes is not following them up";

  EXPECT_EQ(commissioner->get(path(soon)).json()["follow_up_due_on"], day_from_today(2));
  auto visited = commissioner->post(path(late, "/follow-ups"), json{{"holds", "kept"}});
  ASSERT_EQ(visited.status, 201) << visited.body;
  EXPECT_TRUE(visited.json()["follow_up_due_on"].is_null());
  due = due_today("commissioner");
  EXPECT_TRUE(due.count(link(soon)));
  EXPECT_FALSE(due.count(link(late))) << "visited: nothing left to follow up";
}
