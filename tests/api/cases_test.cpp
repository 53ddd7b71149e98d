// Cases over HTTP on the Test seed (德胜新村, the 57 items): residents report for their own
// compound with photos; staff walk the transition table step by step, each step with its
// permission; nobody verifies their own work; duplicates hand work to the original; ratings reopen
// once; bulk assignment is all or nothing; permission and input checks; statistics from records.
#include <algorithm>
#include <chrono>
#include <string>

#include "app/jobs.hpp"
#include "app/modules.hpp"
#include "modules/cases/rules.hpp"
#include "modules/cases/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

class CasesTest : public ApiTest {
 protected:
  // These tests walk each case through triage by hand. In the Test seed a company holds the task of the items they
  // report and its accounts serve 德胜, so a new case would go to it at once
  // (docs/modules/cases.md#who-works-a-new-case-first): its accounts are unlinked here. The routing itself is tested
  // in property_notices_test.cpp.
  void SetUp() override {
    ApiTest::SetUp();
    db().write([](weizhi::store::Tx& tx) { tx.exec("DELETE FROM property_company_staff"); });
  }

  std::int64_t user_id(const std::string& login) {
    return db().write(
        [&](weizhi::store::Tx& tx) { return tx.query_one("SELECT id FROM users WHERE login = ?", {login})->i64(0); });
  }

  json report(HttpClient& client, json extra = json::object()) {
    json body{
        {"item_code", "stairwell-clutter"}, {"compound_id", node("desheng-xincun")}, {"description", "楼道堆放纸箱"}};
    for (auto& [key, value] : extra.items()) body[key] = value;
    auto reply = client.post("/api/v1/cases", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  static std::string path(const json& record, const std::string& tail = "") {
    return "/api/v1/cases/" + std::to_string(record["id"].get<std::int64_t>()) + tail;
  }

  weizhi::testing::Reply step(HttpClient& client, const json& record, json body) {
    return client.post(path(record, "/transition"), body);
  }

  // A case reported by the resident and worked by property staff up to resolved.
  json resolved_case(HttpClient& resident) {
    json record = report(resident);
    auto commissioner = signed_in("commissioner");
    auto staff = signed_in("property-staff");
    EXPECT_EQ(step(*commissioner, record, {{"to", "accepted"}}).status, 200);
    EXPECT_EQ(step(*commissioner, record, {{"to", "assigned"}, {"assignee_user_id", user_id("property-staff")}}).status,
              200);
    EXPECT_EQ(step(*staff, record, {{"to", "in_progress"}}).status, 200);
    auto resolved = step(*staff, record, {{"to", "resolved"}, {"note", "已清理"}});
    EXPECT_EQ(resolved.status, 200) << resolved.body;
    return resolved.json();
  }
};

TEST_F(CasesTest, TheCatalogueHasTheFiftySevenItemsAndOnlyTheStreetEditsIt) {
  auto resident = signed_in("resident");
  auto list = resident->get("/api/v1/case-items?street=" + std::to_string(node("street")));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["items"].size(), 57u);
  json item{{"street_id", node("street")}, {"code", "graffiti"},   {"name", "乱涂乱画清理"}, {"category", "环境卫生"},
            {"party", "property_company"}, {"response_hours", 24}, {"resolution_days", 3}};
  EXPECT_EQ(signed_in("secretary")->post("/api/v1/case-items", item).status, 403);
  auto admin = signed_in("admin");
  auto created = admin->post("/api/v1/case-items", item);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(admin->post("/api/v1/case-items", item).status, 409);
  auto id = std::to_string(created.json()["id"].get<std::int64_t>());
  auto patched = admin->patch("/api/v1/case-items/" + id, json{{"resolution_days", 5}, {"active", false}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["resolution_days"], 5);
  EXPECT_EQ(admin->patch("/api/v1/case-items/" + id, json{{"party", "nobody"}}).error_field(), "party");
  EXPECT_EQ(admin->get("/api/v1/case-items?node=" + std::to_string(node("desheng-xincun"))).json()["items"].size(),
            57u);
}

TEST_F(CasesTest, ResidentReportsWithPhotosForTheirCompoundOnly) {
  auto resident = signed_in("resident");
  std::string photo = upload_photo(*resident, "clutter");
  json record = report(*resident, {{"photos", {photo}}, {"address", "3 幢 2 单元"}});
  EXPECT_EQ(record["state"], "reported");
  EXPECT_EQ(record["state_type"], "open");
  EXPECT_EQ(record["channel"], "resident_h5");
  EXPECT_EQ(record["photos"], json::array({photo}));
  EXPECT_EQ(record["item"]["name"], "楼道堆物清理");
  EXPECT_FALSE(record["response_due_at"].get<std::string>().empty());
  EXPECT_FALSE(record["overdue"].get<bool>());
  EXPECT_EQ(record["events"].size(), 1u);
  auto elsewhere = resident->post(
      "/api/v1/cases",
      json{{"item_code", "stairwell-clutter"}, {"compound_id", node("c-deshengba")}, {"description", "楼道堆物"}});
  EXPECT_EQ(elsewhere.status, 403);
  auto mine = resident->get("/api/v1/me/cases");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.json()["items"][0]["id"], record["id"]);
  // Residents see their own cases, not the compound's list or a neighbour's case.
  EXPECT_EQ(resident->get(path(record)).status, 200);
  EXPECT_EQ(resident->get("/api/v1/cases?node=" + std::to_string(node("desheng-xincun"))).status, 403);
  json other = report(*signed_in("commissioner"));
  EXPECT_EQ(other["channel"], "hotline");
  EXPECT_EQ(resident->get(path(other)).status, 403);
}

TEST_F(CasesTest, TheFullPathKeepsEveryStepAsAnEvent) {
  auto resident = signed_in("resident");
  json record = resolved_case(*resident);
  auto secretary = signed_in("secretary");
  auto verified = step(*secretary, record, {{"to", "verified"}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  auto closed = step(*secretary, record, {{"to", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  json detail = resident->get(path(record)).json();
  EXPECT_EQ(detail["state"], "closed");
  EXPECT_EQ(detail["state_type"], "closed");
  std::vector<std::string> states;
  for (const auto& event : detail["events"]) states.push_back(event["to"].get<std::string>());
  EXPECT_EQ(states, (std::vector<std::string>{"reported", "accepted", "assigned", "in_progress", "resolved", "verified",
                                              "closed"}));
  EXPECT_EQ(detail["events"][4]["note"], "已清理");
  EXPECT_FALSE(detail["resolved_at"].is_null());
  EXPECT_FALSE(detail["closed_at"].is_null());

  // Everyone by name and role, never by account number; the resident masked.
  std::string resident_masked = db().read()
                                    ->query_one(
                                        "SELECT p.name_masked FROM users u JOIN people p ON p.id = u.person_id "
                                        "WHERE u.login = 'resident'")
                                    ->text(0);
  const json& events = detail["events"];
  EXPECT_EQ(events[0]["actor_name"], resident_masked);
  EXPECT_NE(resident_masked.find('*'), std::string::npos);
  EXPECT_EQ(events[0]["actor_role"], "resident");
  EXPECT_EQ(events[1]["actor_name"], "德胜新村小区专员（演示）");
  EXPECT_EQ(events[1]["actor_role"], "commissioner");
  EXPECT_EQ(events[3]["actor_name"], "物业员工（演示）");
  EXPECT_EQ(events[3]["actor_role"], "property_staff");
  EXPECT_EQ(events[5]["actor_role"], "community_secretary");
  EXPECT_EQ(detail["assignee_name"], "物业员工（演示）");
  EXPECT_EQ(detail["assignee_role"], "property_staff");
  auto listed = signed_in("commissioner")->get("/api/v1/cases?limit=5&node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(listed.status, 200);
  json listed_items = listed.json()["items"];
  for (const auto& item : listed_items) {
    if (item["id"] == record["id"]) {
      EXPECT_EQ(item["assignee_name"], "物业员工（演示）");
    }
    if (item["assignee_user_id"].is_null()) {
      EXPECT_TRUE(item["assignee_name"].is_null());
    }
  }
}

TEST_F(CasesTest, ATimelineRunsInTheOrderThingsHappenedTheReportFirst) {
  // A case reported two days ago and accepted yesterday, written today (as the demo seed and a
  // late entry write them).
  std::int64_t id = db().write([&](weizhi::store::Tx& tx) {
    auto item = *weizhi::cases::find_item_by_code(tx.connection(), node("street"), "stairwell-clutter");
    weizhi::cases::NewCase input;
    input.item_id = item.id;
    input.compound_node_id = node("desheng-xincun");
    input.description = "楼道堆放纸箱";
    input.reported_at = tx.now() - std::chrono::hours(48);
    std::int64_t created = weizhi::cases::create_case(tx, input, item);
    weizhi::store::Tx yesterday(tx.connection(), tx.now() - std::chrono::hours(24));
    weizhi::cases::transition(yesterday, *weizhi::cases::find_case(tx.connection(), created),
                              {weizhi::cases::State::Accepted, "", std::nullopt, std::nullopt, "", std::nullopt});
    return created;
  });
  auto commissioner = signed_in("commissioner");
  ASSERT_EQ(step(*commissioner, json{{"id", id}}, {{"to", "returned"}, {"note", "不属于公共服务事项"}}).status, 200);
  json detail = commissioner->get("/api/v1/cases/" + std::to_string(id)).json();
  std::vector<std::string> states;
  for (const auto& event : detail["events"]) states.push_back(event["to"].get<std::string>());
  EXPECT_EQ(states, (std::vector<std::string>{"reported", "accepted", "returned"}));
  EXPECT_EQ(detail["events"][0]["at"], detail["reported_at"]);
  for (std::size_t i = 1; i < detail["events"].size(); ++i) {
    EXPECT_LT(detail["events"][i - 1]["at"].get<std::string>(), detail["events"][i]["at"].get<std::string>());
  }
}

TEST_F(CasesTest, ASkippedStepIsAConflictAndAStepNeedsItsPermission) {
  json record = report(*signed_in("resident"));
  auto skipped = step(*signed_in("commissioner"), record, {{"to", "resolved"}});
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(skipped.error_field(), "to");
  // Property staff may work cases but not accept them.
  EXPECT_EQ(step(*signed_in("property-staff"), record, {{"to", "accepted"}}).status, 403);
  EXPECT_EQ(step(*signed_in("commissioner"), record, {{"to", "flying"}}).error_field(), "to");
}

TEST_F(CasesTest, NobodyVerifiesTheirOwnWork) {
  json record = resolved_case(*signed_in("resident"));
  auto staff_verify = step(*signed_in("property-staff"), record, {{"to", "verified"}});
  EXPECT_EQ(staff_verify.status, 403);
  EXPECT_EQ(step(*signed_in("property"), record, {{"to", "verified"}}).status, 403);
  // The commissioner may verify, but not a case they worked themselves.
  json own = report(*signed_in("resident"));
  auto commissioner = signed_in("commissioner");
  ASSERT_EQ(step(*commissioner, own, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(step(*commissioner, own, {{"to", "assigned"}, {"assignee_user_id", user_id("commissioner")}}).status, 200);
  ASSERT_EQ(step(*commissioner, own, {{"to", "in_progress"}}).status, 200);
  ASSERT_EQ(step(*commissioner, own, {{"to", "resolved"}}).status, 200);
  EXPECT_EQ(step(*commissioner, own, {{"to", "verified"}}).status, 403);
  EXPECT_EQ(step(*signed_in("secretary"), own, {{"to", "verified"}}).status, 200);
}

TEST_F(CasesTest, ADuplicateLinksToItsOriginalAndRefusesFurtherUpdates) {
  auto resident = signed_in("resident");
  json original = report(*resident);
  json copy = report(*resident);
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(step(*commissioner, copy, {{"to", "duplicate"}}).error_field(), "original_id");
  EXPECT_EQ(step(*commissioner, copy, {{"to", "duplicate"}, {"original_id", copy["id"]}}).status, 422);
  auto linked = step(*commissioner, copy, {{"to", "duplicate"}, {"original_id", original["id"]}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json()["original_id"], original["id"]);
  EXPECT_EQ(linked.json()["state_type"], "closed");
  auto again = step(*commissioner, copy, {{"to", "accepted"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "original_id");
  EXPECT_NE(again.body.find(std::to_string(original["id"].get<std::int64_t>())), std::string::npos);
  EXPECT_EQ(commissioner->post(path(copy, "/notes"), json{{"note", "补充"}}).error_field(), "original_id");
}

TEST_F(CasesTest, ClosingWithoutAFixNeedsAReasonShownToTheResident) {
  auto resident = signed_in("resident");
  json record = report(*resident);
  auto commissioner = signed_in("commissioner");
  auto missing = step(*commissioner, record, {{"to", "closed_not_fixed"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "reason");
  ASSERT_EQ(step(*commissioner, record, {{"to", "closed_not_fixed"}, {"reason", "属住户自家管道问题"}}).status, 200);
  json seen = resident->get(path(record)).json();
  EXPECT_EQ(seen["state"], "closed_not_fixed");
  EXPECT_EQ(seen["close_reason"], "属住户自家管道问题");
}

TEST_F(CasesTest, BulkAssignmentIsAllOrNothing) {
  auto resident = signed_in("resident");
  auto commissioner = signed_in("commissioner");
  json first = report(*resident);
  json second = report(*resident);
  json not_accepted = report(*resident);
  ASSERT_EQ(step(*commissioner, first, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(step(*commissioner, second, {{"to", "accepted"}}).status, 200);
  std::int64_t staff = user_id("property-staff");
  auto refused = commissioner->post(
      "/api/v1/cases/bulk-assign",
      json{{"case_ids", {first["id"], second["id"], not_accepted["id"]}}, {"assignee_user_id", staff}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(commissioner->get(path(first)).json()["state"], "accepted");
  auto assigned = commissioner->post("/api/v1/cases/bulk-assign",
                                     json{{"case_ids", {first["id"], second["id"]}}, {"assignee_user_id", staff}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  json assigned_cases = assigned.json()["items"];
  ASSERT_EQ(assigned_cases.size(), 2u);
  for (const auto& item : assigned_cases) {
    EXPECT_EQ(item["state"], "assigned");
    EXPECT_EQ(item["assignee_user_id"], staff);
  }
  EXPECT_EQ(
      commissioner->post("/api/v1/cases/bulk-assign", json{{"case_ids", json::array()}, {"assignee_user_id", staff}})
          .error_field(),
      "case_ids");
  EXPECT_EQ(signed_in("property-staff")
                ->post("/api/v1/cases/bulk-assign", json{{"case_ids", {first["id"]}}, {"assignee_user_id", staff}})
                .status,
            403);
}

TEST_F(CasesTest, AnUnsatisfiedRatingReopensTheCaseOnce) {
  auto resident = signed_in("resident");
  json record = resolved_case(*resident);
  EXPECT_EQ(signed_in("commissioner")->post(path(record, "/rating"), json{{"score", 1}}).status, 403);
  EXPECT_EQ(resident->post(path(record, "/rating"), json{{"score", 7}}).error_field(), "score");
  auto first = resident->post(path(record, "/rating"), json{{"score", 2}, {"comment", "没清干净"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["state"], "in_progress");
  EXPECT_TRUE(first.json()["reopened"].get<bool>());
  EXPECT_EQ(first.json()["events"].back()["kind"], "reopen");
  EXPECT_EQ(resident->post(path(record, "/rating"), json{{"score", 1}}).status, 409);
  auto staff = signed_in("property-staff");
  ASSERT_EQ(step(*staff, record, {{"to", "resolved"}}).status, 200);
  auto second = resident->post(path(record, "/rating"), json{{"score", 1}, {"comment", "还是不行"}});
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(second.json()["state"], "resolved");
  EXPECT_EQ(second.json()["ratings"].size(), 2u);
  auto revisit = signed_in("committee")->post(path(record, "/revisit"), json{{"note", "上门回访，已再次清理"}});
  ASSERT_EQ(revisit.status, 201) << revisit.body;
  EXPECT_FALSE(revisit.json()["revisited_on"].is_null());
  EXPECT_EQ(signed_in("property-staff")->post(path(record, "/revisit"), json{{"note", "x"}}).status, 403);
}

TEST_F(CasesTest, StatisticsComeFromTheSeededRecords) {
  auto admin = signed_in("admin");
  auto stats = admin->get("/api/v1/stats/cases");
  ASSERT_EQ(stats.status, 200) << stats.body;
  json figures = stats.json();
  EXPECT_EQ(figures["items"], 57);
  EXPECT_GT(figures["open"].get<int>(), 0);
  EXPECT_GT(figures["overdue"].get<int>(), 0);
  for (const char* level : {"commissioner", "tripartite_director", "community_secretary", "street"}) {
    EXPECT_TRUE(figures["escalated"].contains(level));
  }
  EXPECT_TRUE(figures["median_hours_to_resolve"].is_number());
  EXPECT_GT(figures["satisfied_share"]["den"].get<int>(), 0);
  EXPECT_LE(figures["top_items"].size(), 5u);
  EXPECT_TRUE(figures["top_items"][0].contains("name"));
  auto overdue = admin->get("/api/v1/cases?overdue=1&node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(overdue.status, 200);
  EXPECT_GT(overdue.json()["items"].size(), 0u);
  json overdue_cases = overdue.json()["items"];
  for (const auto& item : overdue_cases) EXPECT_TRUE(item["overdue"].get<bool>());
  auto page = admin->get("/api/v1/cases?limit=3");
  EXPECT_EQ(page.json()["items"].size(), 3u);
  EXPECT_FALSE(page.json()["next_cursor"].is_null());
  EXPECT_EQ(signed_in("resident")->get("/api/v1/stats/cases").status, 403);
}

TEST_F(CasesTest, SignedOutCallersGet401AndUnknownIds404) {
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get("/api/v1/cases/1").status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/case-items").status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/stats/cases").status, 401);
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get("/api/v1/cases/999999").status, 404);
  EXPECT_EQ(secretary->post("/api/v1/cases/999999/transition", json{{"to", "accepted"}}).status, 404);
  EXPECT_EQ(
      secretary
          ->post("/api/v1/cases", json{{"item_code", "street-lamp"}, {"compound_id", 999999}, {"description", "x"}})
          .status,
      404);
  // The secretary of 德胜 works cases of its compounds only.
  json elsewhere = report(*signed_in("admin"), {{"compound_id", node("dong-er-dong-san")}});
  EXPECT_EQ(secretary->get(path(elsewhere)).status, 403);
  EXPECT_EQ(step(*secretary, elsewhere, {{"to", "accepted"}}).status, 403);
}

TEST_F(CasesTest, APropertyCompanySeesAndWorksOnlyTheCompoundsItServes) {
  auto admin = signed_in("admin");
  auto manager = signed_in("property");      // the 德胜 community's property company
  auto staff = signed_in("property-staff");  // 德胜新村 only
  json other_community = report(*admin, {{"compound_id", node("dong-er-dong-san")}});
  json neighbour = report(*admin, {{"compound_id", node("c-deshengba")}});
  EXPECT_EQ(manager->get(path(other_community)).status, 403);
  EXPECT_EQ(step(*manager, other_community, {{"to", "accepted"}}).status, 403);
  EXPECT_EQ(manager->get("/api/v1/cases?node=" + std::to_string(node("dong-er-dong-san"))).status, 403);
  EXPECT_EQ(manager->get(path(neighbour)).status, 200);
  EXPECT_EQ(staff->get(path(neighbour)).status, 403);
  EXPECT_EQ(staff->get("/api/v1/cases?node=" + std::to_string(node("c-deshengba"))).status, 403);
}

TEST_F(CasesTest, BadInputIsRefusedNamingTheField) {
  auto commissioner = signed_in("commissioner");
  auto post = [&](json body) { return commissioner->post("/api/v1/cases", body); };
  json good{{"item_code", "street-lamp"}, {"compound_id", node("desheng-xincun")}, {"description", "路灯不亮"}};
  auto with = [&](const char* key, json value) {
    json body = good;
    body[key] = value;
    return post(body);
  };
  EXPECT_EQ(with("item_code", "no-such-item").error_field(), "item_code");
  EXPECT_EQ(with("description", " ").error_field(), "description");
  EXPECT_EQ(with("channel", "fax").error_field(), "channel");
  EXPECT_EQ(with("photos", {"IMG_1.jpg"}).error_field(), "photos[0]");
  EXPECT_EQ(with("photos", {std::string(64, 'a')}).error_field(), "photos[0]");
  std::vector<std::string> seven;
  for (int i = 0; i < 7; ++i) seven.push_back(upload_photo(*commissioner, "p" + std::to_string(i)));
  EXPECT_EQ(with("photos", seven).error_field(), "photos");
  EXPECT_EQ(with("part_id", node("c-deshengba")).status, 404);
  EXPECT_EQ(with("unknown", 1).status, 400);
  EXPECT_EQ(post(json{{"compound_id", node("desheng-xincun")}}).error_field(), "item_code");
  std::string list = "/api/v1/cases?node=" + std::to_string(node("desheng-xincun"));
  EXPECT_EQ(commissioner->get(list + "&state=done").error_field(), "state");
  EXPECT_EQ(commissioner->get(list + "&overdue=yes").error_field(), "overdue");
  json record = report(*commissioner);
  ASSERT_EQ(step(*commissioner, record, {{"to", "accepted"}}).status, 200);
  EXPECT_EQ(step(*commissioner, record, {{"to", "assigned"}}).error_field(), "assignee_user_id");
  EXPECT_EQ(step(*commissioner, record, {{"to", "assigned"}, {"assignee_user_id", 999999}}).error_field(),
            "assignee_user_id");
  EXPECT_EQ(commissioner->post(path(record, "/notes"), json{{"note", ""}}).error_field(), "note");
}

TEST_F(CasesTest, APhotoIsServedOnlyThroughItsCaseToThoseWhoMayReadIt) {
  auto resident = signed_in("resident");
  std::string photo = upload_photo(*resident, "lamp");
  std::string unrelated = upload_photo(*resident, "unrelated");
  json record = report(*resident, {{"photos", {photo}}});
  auto mine = resident->get(path(record, "/photos/" + photo));
  EXPECT_EQ(mine.status, 200);
  EXPECT_EQ(mine.headers["content-type"], "image/png");
  EXPECT_EQ(signed_in("commissioner")->get(path(record, "/photos/" + photo)).status, 200);
  EXPECT_EQ(resident->get(path(record, "/photos/" + unrelated)).status, 404);
  json dong = report(*signed_in("admin"), {{"compound_id", node("dong-er-dong-san")}, {"photos", {photo}}});
  EXPECT_EQ(signed_in("secretary")->get(path(dong, "/photos/" + photo)).status, 403);
  EXPECT_EQ(anonymous()->get(path(record, "/photos/" + photo)).status, 401);
}

TEST_F(CasesTest, TheEscalationJobClimbsTheChainOncePerPeriodAcrossInstances) {
  auto commissioner = signed_in("commissioner");
  json record = report(*commissioner);
  // Reported eleven days ago with three days to fix it: past due by seven to eight days, two whole
  // periods beyond the first level, so up to the community secretary.
  db().write([&](weizhi::store::Tx& tx) {
    auto reported = tx.now() - std::chrono::hours(24 * 11);
    tx.exec("UPDATE cases SET reported_at = ?, resolve_due_at = ? WHERE id = ?",
            {weizhi::iso_utc(reported), weizhi::iso_utc(weizhi::cases::resolve_due(reported, 3)),
             record["id"].get<std::int64_t>()});
    return 0;
  });
  weizhi::app::JobRunner first(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  weizhi::app::JobRunner second(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  auto ran = first.run_due();
  EXPECT_NE(std::find(ran.begin(), ran.end(), "cases.escalations"), ran.end());
  auto ran_again = second.run_due();
  EXPECT_EQ(std::find(ran_again.begin(), ran_again.end(), "cases.escalations"), ran_again.end());
  json detail = commissioner->get(path(record)).json();
  EXPECT_TRUE(detail["overdue"].get<bool>());
  EXPECT_EQ(detail["escalation_level"], "community_secretary");
  std::int64_t escalations = std::count_if(detail["events"].begin(), detail["events"].end(),
                                           [](const json& event) { return event["kind"] == "escalation"; });
  EXPECT_EQ(escalations, 3);
  auto stats = signed_in("admin")->get("/api/v1/stats/cases?node=" + std::to_string(node("desheng-xincun")));
  EXPECT_GE(stats.json()["escalated"]["community_secretary"].get<int>(), 1);

  // Each link reached is told in its inbox, naming the case; the link above it is not yet.
  std::string link = "/cases/" + std::to_string(record["id"].get<std::int64_t>());
  auto told = [&](const std::string& login) {
    auto inbox = signed_in(login)->get("/api/v1/me/notifications?limit=200").json()["items"];
    return std::count_if(inbox.begin(), inbox.end(), [&](const json& notification) {
      return notification["kind"] == "case.escalated" && notification["link"] == link;
    });
  };
  EXPECT_EQ(told("commissioner"), 1);
  EXPECT_EQ(told("director"), 1);
  EXPECT_EQ(told("secretary"), 1);
  EXPECT_EQ(told("admin"), 0);
  auto escalated =
      commissioner->get("/api/v1/cases?escalated=1&node=" + std::to_string(node("desheng-xincun"))).json()["items"];
  ASSERT_FALSE(escalated.empty());
  EXPECT_EQ(escalated[0]["id"], record["id"]);
  for (const auto& item : escalated) EXPECT_NE(item["escalation_level"], "none");
}

TEST_F(CasesTest, EachDeadlineSaysWhetherItIsMissedAndADueDayLastsUntilItsEnd) {
  auto commissioner = signed_in("commissioner");
  json record = report(*commissioner);
  std::int64_t id = record["id"];
  auto set_due = [&](const char* column, auto due_of) {
    db().write([&](weizhi::store::Tx& tx) {
      return tx.exec(std::string("UPDATE cases SET ") + column + " = ? WHERE id = ?",
                     {weizhi::iso_utc(due_of(tx.now())), id});
    });
  };
  auto listed_overdue = [&] {
    auto items = commissioner->get("/api/v1/cases?overdue=1&limit=500&node=" + std::to_string(node("desheng-xincun")))
                     .json()["items"];
    return std::any_of(items.begin(), items.end(), [&](const json& item) { return item["id"] == id; });
  };

  // Nobody took it on in time, the fix has days left: only the response is missed.
  set_due("response_due_at", [](weizhi::TimePoint now) { return now - std::chrono::hours(1); });
  json late = commissioner->get(path(record)).json();
  EXPECT_TRUE(late["response_overdue"].get<bool>());
  EXPECT_FALSE(late["resolution_overdue"].get<bool>());
  EXPECT_TRUE(late["overdue"].get<bool>());
  EXPECT_TRUE(listed_overdue());

  // Taken on and due today: not overdue until the street day is over.
  ASSERT_EQ(step(*commissioner, record, {{"to", "accepted"}}).status, 200);
  set_due("resolve_due_at", [](weizhi::TimePoint now) { return *weizhi::street_day_end(weizhi::street_date(now)); });
  json due_today = commissioner->get(path(record)).json();
  EXPECT_EQ(due_today["resolve_due_on"], weizhi::street_date(std::chrono::system_clock::now()));
  EXPECT_FALSE(due_today["response_overdue"].get<bool>());
  EXPECT_FALSE(due_today["resolution_overdue"].get<bool>());
  EXPECT_FALSE(due_today["overdue"].get<bool>());
  EXPECT_FALSE(listed_overdue());

  // Due yesterday: the fix is missed.
  set_due("resolve_due_at", [](weizhi::TimePoint now) {
    return *weizhi::street_day_end(weizhi::street_date(now - std::chrono::hours(24)));
  });
  json missed = commissioner->get(path(record)).json();
  EXPECT_TRUE(missed["resolution_overdue"].get<bool>());
  EXPECT_TRUE(missed["overdue"].get<bool>());
  EXPECT_TRUE(listed_overdue());
}

TEST_F(CasesTest, ResidentsReportUnderAPlainCategoryThatStaffMapToACatalogueItem) {
  auto resident = signed_in("resident");
  auto offered = resident->get("/api/v1/case-categories?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(offered.status, 200) << offered.body;
  json categories = offered.json()["items"];
  ASSERT_EQ(categories.size(), 10u);
  EXPECT_EQ(categories[0]["name"], "水电");
  EXPECT_EQ(categories.back()["code"], "other");
  EXPECT_EQ(categories.back()["name"], "其他");

  json record = report(*resident, {{"category_code", "stairwell"}, {"item_code", nullptr}});
  EXPECT_EQ(record["resident_category"], (json{{"code", "stairwell"}, {"name", "楼道"}}));
  EXPECT_EQ(record["item"]["code"], "stairwell-clutter");
  json body{{"compound_id", node("desheng-xincun")}, {"description", "楼道灯不亮"}};
  EXPECT_EQ(resident->post("/api/v1/cases", body).error_field(), "item_code");
  body["category_code"] = "stairwell";
  body["item_code"] = "stairwell-light";
  EXPECT_EQ(resident->post("/api/v1/cases", body).error_field(), "category_code");
  body.erase("item_code");
  body["category_code"] = "weather";
  auto unknown = resident->post("/api/v1/cases", body);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_field(), "category_code");

  // At triage staff put it under the item that fits; the resident's choice stays on the case.
  EXPECT_EQ(resident->post(path(record, "/item"), json{{"item_code", "stairwell-light"}}).status, 403);
  auto commissioner = signed_in("commissioner");
  auto classified = commissioner->post(path(record, "/item"), json{{"item_code", "stairwell-light"}});
  ASSERT_EQ(classified.status, 200) << classified.body;
  EXPECT_EQ(classified.json()["item"]["code"], "stairwell-light");
  EXPECT_EQ(classified.json()["resident_category"]["name"], "楼道");
  EXPECT_EQ(classified.json()["events"].back()["kind"], "classify");
  EXPECT_EQ(classified.json()["events"].back()["note"], "楼道堆物清理 → 楼道灯维修");
  EXPECT_EQ(commissioner->post(path(record, "/item"), json{{"item_code", "no-such-item"}}).error_field(), "item_code");
  ASSERT_EQ(step(*commissioner, record, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(step(*commissioner, record, {{"to", "assigned"}, {"assignee_user_id", user_id("property-staff")}}).status,
            200);
  auto late = commissioner->post(path(record, "/item"), json{{"item_code", "stairwell-clutter"}});
  EXPECT_EQ(late.status, 409);

  // The street edits its categories; 其他 always stays.
  std::int64_t other = categories.back()["id"];
  auto admin = signed_in("admin");
  std::string other_path = "/api/v1/case-categories/" + std::to_string(other);
  EXPECT_EQ(signed_in("secretary")->patch(other_path, json{{"item_code", "noise"}}).status, 403);
  auto off = admin->patch(other_path, json{{"active", false}});
  EXPECT_EQ(off.status, 409);
  EXPECT_EQ(off.error_field(), "active");
  auto remapped = admin->patch(other_path, json{{"item_code", "noise"}});
  ASSERT_EQ(remapped.status, 200) << remapped.body;
  EXPECT_EQ(remapped.json()["item"]["code"], "noise");
  EXPECT_EQ(admin->patch(other_path, json{{"name", ""}}).error_field(), "name");
  json added{{"street_id", node("street")}, {"code", "lift"}, {"name", "电梯"}, {"item_code", "elevator-fault"}};
  auto created = admin->post("/api/v1/case-categories", added);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(admin->post("/api/v1/case-categories", added).status, 409);
  EXPECT_EQ(
      resident->get("/api/v1/case-categories?node=" + std::to_string(node("desheng-xincun"))).json()["items"].size(),
      11u);
}

TEST_F(CasesTest, AResidentsFixedReportWaitsForTheirRatingOnTheirListForToday) {
  auto resident = signed_in("resident");
  json record = resolved_case(*resident);
  EXPECT_TRUE(record["awaiting_rating"].get<bool>());
  std::string link = "/cases/" + std::to_string(record["id"].get<std::int64_t>());
  auto rate_items = [&] {
    json found = json::array();
    json today = resident->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["kind"] == "cases.rate" && item["link"] == link) found.push_back(item);
    }
    return found;
  };
  json waiting = rate_items();
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0]["title"], "评价：楼道堆物清理（德胜新村）");
  EXPECT_EQ(waiting[0]["node"]["id"], node("desheng-xincun"));
  ASSERT_EQ(resident->post(path(record, "/rating"), json{{"score", 5}}).status, 201);
  EXPECT_FALSE(resident->get(path(record)).json()["awaiting_rating"].get<bool>());
  EXPECT_TRUE(rate_items().empty());
  // Staff who register a case by telephone are not asked to rate it.
  auto commissioner = signed_in("commissioner");
  json staff_today = commissioner->get("/api/v1/me/today").json();
  for (const auto& item : staff_today["items"]) EXPECT_NE(item["kind"], "cases.rate");
}

TEST_F(CasesTest, OnlySomeoneWhoMayWorkTheCompoundsCasesCanBeGivenOne) {
  auto resident = signed_in("resident");
  auto commissioner = signed_in("commissioner");
  json record = report(*resident);
  ASSERT_EQ(step(*commissioner, record, {{"to", "accepted"}}).status, 200);
  // The supervisor reads cases but does not work them; the resident holds no case permission.
  for (const char* login : {"supervisor", "resident"}) {
    auto refused = step(*commissioner, record, {{"to", "assigned"}, {"assignee_user_id", user_id(login)}});
    EXPECT_EQ(refused.status, 422) << login;
    EXPECT_EQ(refused.error_field(), "assignee_user_id");
    auto bulk = commissioner->post("/api/v1/cases/bulk-assign",
                                   json{{"case_ids", {record["id"]}}, {"assignee_user_id", user_id(login)}});
    EXPECT_EQ(bulk.status, 422) << login;
  }
  EXPECT_EQ(commissioner->get(path(record)).json()["state"], "accepted");
  // The picker lists who may work the compound's cases, and only them.
  auto assignees = commissioner->get("/api/v1/case-assignees?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(assignees.status, 200) << assignees.body;
  std::vector<std::int64_t> listed;
  json assignee_list = assignees.json()["items"];
  for (const auto& assignee : assignee_list) listed.push_back(assignee["user_id"].get<std::int64_t>());
  for (const char* login : {"property-staff", "property", "commissioner", "grid", "admin"}) {
    EXPECT_NE(std::find(listed.begin(), listed.end(), user_id(login)), listed.end()) << login;
  }
  for (const char* login : {"supervisor", "resident", "party"}) {
    EXPECT_EQ(std::find(listed.begin(), listed.end(), user_id(login)), listed.end()) << login;
  }
  EXPECT_EQ(
      signed_in("property-staff")->get("/api/v1/case-assignees?node=" + std::to_string(node("desheng-xincun"))).status,
      403);
  ASSERT_EQ(step(*commissioner, record, {{"to", "assigned"}, {"assignee_user_id", user_id("property-staff")}}).status,
            200);
  auto staff = signed_in("property-staff");
  auto inbox = staff->get("/api/v1/me/notifications").json()["items"];
  ASSERT_FALSE(inbox.empty());
  EXPECT_EQ(inbox[0]["kind"], "case.assigned");
  EXPECT_EQ(inbox[0]["link"], path(record).substr(7));
  // The worker's inbox holds it; the unassigned one no longer does.
  std::string under = "&node=" + std::to_string(node("desheng-xincun"));
  auto mine = staff->get("/api/v1/cases?assignee=me" + under).json()["items"];
  ASSERT_FALSE(mine.empty());
  EXPECT_EQ(mine[0]["id"], record["id"]);
  for (const auto& item : mine) EXPECT_EQ(item["assignee_user_id"], user_id("property-staff"));
  auto waiting = commissioner->get("/api/v1/cases?unassigned=1" + under).json()["items"];
  for (const auto& item : waiting) {
    EXPECT_NE(item["id"], record["id"]);
    EXPECT_TRUE(item["state"] == "reported" || item["state"] == "accepted") << item["state"];
  }
  EXPECT_EQ(commissioner->get("/api/v1/cases?escalated=2" + under).error_field(), "escalated");
}

TEST_F(CasesTest, TheResidentIsToldTheOutcome) {
  auto resident = signed_in("resident");
  json record = resolved_case(*resident);
  auto inbox = resident->get("/api/v1/me/notifications").json()["items"];
  ASSERT_FALSE(inbox.empty());
  EXPECT_EQ(inbox[0]["kind"], "case.outcome");
  EXPECT_NE(inbox[0]["body"].get<std::string>().find("请查看并评价"), std::string::npos);
}

TEST_F(CasesTest, TheCalendarGivesEveryCompoundItsPreInterventionTaskOncePerDay) {
  std::string today = weizhi::street_date(std::chrono::system_clock::now());
  if (today.substr(5) == "02-29") GTEST_SKIP() << "no yearly schedule falls on 02-29";
  auto admin = signed_in("admin");
  auto items = admin->get("/api/v1/case-items?street=" + std::to_string(node("street"))).json()["items"];
  auto drains =
      std::find_if(items.begin(), items.end(), [](const json& item) { return item["code"] == "flood-prevention"; });
  ASSERT_NE(drains, items.end());
  EXPECT_TRUE((*drains)["pre_schedule"].is_array());
  std::string item_path = "/api/v1/case-items/" + std::to_string((*drains)["id"].get<std::int64_t>());
  EXPECT_EQ(admin->patch(item_path, json{{"pre_schedule", {"13-01"}}}).error_field(), "pre_schedule[0]");
  EXPECT_EQ(admin->patch(item_path, json{{"pre_schedule", {"05-01", "05-01"}}}).error_field(), "pre_schedule[1]");
  auto saved = admin->patch(item_path, json{{"pre_schedule", {today.substr(5)}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["pre_schedule"], json::array({today.substr(5)}));

  weizhi::app::JobRunner first(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  weizhi::app::JobRunner second(db(), data_key(), weizhi::app::all_jobs(), std::chrono::seconds(60));
  auto ran = first.run_due();
  EXPECT_NE(std::find(ran.begin(), ran.end(), "cases.pre_tasks"), ran.end());
  second.run_due();
  std::int64_t compounds = db().write(
      [](weizhi::store::Tx& tx) { return tx.scalar("SELECT COUNT(*) FROM org_nodes WHERE kind = 'compound'"); });
  auto tasks = admin->get("/api/v1/cases?item=flood-prevention&limit=200").json()["items"];
  std::int64_t scheduled =
      std::count_if(tasks.begin(), tasks.end(), [](const json& task) { return task["channel"] == "schedule"; });
  EXPECT_EQ(scheduled, compounds);
  // The commissioner of 德胜新村 is told of the compound's task.
  auto inbox = signed_in("commissioner")->get("/api/v1/me/notifications?limit=200").json()["items"];
  EXPECT_GE(std::count_if(inbox.begin(), inbox.end(), [](const json& n) { return n["kind"] == "case.pre_task"; }), 1);
  // Nobody reports on the calendar's channel by hand.
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner
                ->post("/api/v1/cases", json{{"item_code", "stairwell-clutter"},
                                             {"compound_id", node("desheng-xincun")},
                                             {"description", "x"},
                                             {"channel", "schedule"}})
                .error_field(),
            "channel");
}

// A caller without the right to a step is refused before the case's state is looked at: the answer
// is 403 whether or not the step would be allowed now, and it does not tell the state.
TEST_F(CasesTest, AStepTheCallerMayNotTakeIs403WhateverTheStateAndDoesNotTellIt) {
  auto resident = signed_in("resident");
  auto commissioner = signed_in("commissioner");
  json reported = report(*resident);
  json accepted = report(*resident);
  ASSERT_EQ(step(*commissioner, accepted, {{"to", "accepted"}}).status, 200);
  json original = report(*resident);
  json duplicate = report(*resident);
  ASSERT_EQ(step(*commissioner, duplicate, {{"to", "duplicate"}, {"original_id", original["id"]}}).status, 200);
  // Asked of a case in each state, the same refusal: it tells nothing of the state, nor of the
  // original a duplicate names.
  const std::pair<const char*, const char*> asks[] = {
      {"property-staff", "closed"},            // no cases.close; a step from none of these states
      {"property-staff", "closed_not_fixed"},  // no cases.close; a step from reported and accepted
      {"supervisor", "resolved"},              // reads cases, works none
      {"committee", "accepted"},               // verifies, does not accept
  };
  for (const auto& [login, to] : asks) {
    auto caller = signed_in(login);
    std::vector<std::string> bodies;
    for (const json* record : {&reported, &accepted, &duplicate}) {
      auto refused = step(*caller, *record, {{"to", to}, {"reason", "x"}});
      EXPECT_EQ(refused.status, 403) << login << " → " << to << ": " << refused.body;
      bodies.push_back(refused.body);
    }
    EXPECT_EQ(bodies[0], bodies[1]) << login << " → " << to;
    EXPECT_EQ(bodies[0], bodies[2]) << login << " → " << to;
  }
  // Nothing moved.
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get(path(reported)).json()["state"], "reported");
  EXPECT_EQ(admin->get(path(accepted)).json()["state"], "accepted");
  EXPECT_EQ(admin->get(path(duplicate)).json()["state"], "duplicate");
  // Nothing leads back to reported, whatever the state: a bad request.
  EXPECT_EQ(step(*commissioner, accepted, {{"to", "reported"}}).error_field(), "to");
  // Holding the step's right, a caller still learns that it is not allowed now.
  EXPECT_EQ(step(*commissioner, reported, {{"to", "closed"}}).status, 409);
}

// The commissioner of 德胜新村, and the secretary of 德胜社区, with the ids of another compound on
// every route of a case that takes more than one id: refused, and nothing written.
TEST_F(CasesTest, IdsOfAnotherCompoundAreRefusedOnEitherEndAndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  // Property staff of 德胜坝小区 only.
  auto staff = admin->post("/api/v1/users",
                           json{{"login", "deshengba-staff"},
                                {"display_name", "德胜坝物业员工"},
                                {"password", "Kq7-rTz2-vWx9-Lm4p"},
                                {"roles", {{{"role", "property_staff"}, {"scope_node_id", node("c-deshengba")}}}}});
  ASSERT_EQ(staff.status, 201) << staff.body;
  std::int64_t outside_staff = staff.json()["id"];
  auto parts = admin->get("/api/v1/org/nodes/" + std::to_string(node("c-deshengba")) + "/parts");
  ASSERT_EQ(parts.status, 200) << parts.body;
  ASSERT_FALSE(parts.json()["items"].empty());
  json outside_part = parts.json()["items"][0];

  json mine = report(*commissioner);
  json theirs = report(*admin, {{"compound_id", node("c-deshengba")}});
  ASSERT_EQ(step(*commissioner, mine, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(step(*admin, theirs, {{"to", "accepted"}}).status, 200);
  auto count = [&] { return admin->get("/api/v1/cases?limit=500").json()["items"].size(); };
  std::size_t before = count();

  // Reporting in one's compound with a home or building of another.
  auto part = commissioner->post("/api/v1/cases", json{{"item_code", "street-lamp"},
                                                       {"compound_id", node("desheng-xincun")},
                                                       {"description", "路灯不亮"},
                                                       {"part_id", outside_part["id"]}});
  EXPECT_EQ(part.status, 422) << part.body;
  EXPECT_EQ(part.error_field(), "part_id");
  auto building = commissioner->post("/api/v1/cases", json{{"item_code", "street-lamp"},
                                                           {"compound_id", node("desheng-xincun")},
                                                           {"description", "路灯不亮"},
                                                           {"building_id", outside_part["building_id"]}});
  EXPECT_EQ(building.status, 422) << building.body;
  EXPECT_EQ(building.error_field(), "building_id");
  // The case of another compound, alone or beside one's own.
  EXPECT_EQ(step(*commissioner, theirs, {{"to", "assigned"}, {"assignee_user_id", user_id("property-staff")}}).status,
            403);
  EXPECT_EQ(commissioner->post(path(theirs, "/notes"), json{{"note", "跨小区备注"}}).status, 403);
  EXPECT_EQ(commissioner->post(path(theirs, "/revisit"), json{{"note", "跨小区回访"}}).status, 403);
  auto bulk = commissioner->post("/api/v1/cases/bulk-assign", json{{"case_ids", {mine["id"], theirs["id"]}},
                                                                   {"assignee_user_id", user_id("property-staff")}});
  EXPECT_EQ(bulk.status, 403) << bulk.body;
  // One's own case, given to staff of another compound or marked a duplicate of its case.
  auto assigned = step(*commissioner, mine, {{"to", "assigned"}, {"assignee_user_id", outside_staff}});
  EXPECT_EQ(assigned.status, 422) << assigned.body;
  EXPECT_EQ(assigned.error_field(), "assignee_user_id");
  auto bulk_outside = commissioner->post("/api/v1/cases/bulk-assign",
                                         json{{"case_ids", {mine["id"]}}, {"assignee_user_id", outside_staff}});
  EXPECT_EQ(bulk_outside.status, 422) << bulk_outside.body;
  EXPECT_EQ(bulk_outside.error_field(), "assignee_user_id");
  auto duplicate = step(*commissioner, mine, {{"to", "duplicate"}, {"original_id", theirs["id"]}});
  EXPECT_EQ(duplicate.status, 422) << duplicate.body;
  EXPECT_EQ(duplicate.error_field(), "original_id");

  // The secretary of 德胜社区 with a case of 东二社区.
  auto secretary = signed_in("secretary");
  json donger = report(*admin, {{"compound_id", node("dong-er-dong-san")}});
  EXPECT_EQ(step(*secretary, donger, {{"to", "accepted"}}).status, 403);
  EXPECT_EQ(secretary
                ->post("/api/v1/cases/bulk-assign",
                       json{{"case_ids", {donger["id"]}}, {"assignee_user_id", user_id("property-staff")}})
                .status,
            403);

  EXPECT_EQ(count(), before + 1);  // the 东二 case the admin reported, and nothing else
  for (const json* record : {&mine, &theirs}) {
    json seen = admin->get(path(*record)).json();
    EXPECT_EQ(seen["state"], "accepted");
    EXPECT_TRUE(seen["assignee_user_id"].is_null());
    EXPECT_TRUE(seen["original_id"].is_null());
    EXPECT_EQ(seen["events"].size(), 2u);
  }
  EXPECT_EQ(admin->get(path(donger)).json()["state"], "reported");
}
