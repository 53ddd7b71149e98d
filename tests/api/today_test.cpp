// GET /api/v1/me/today over HTTP on the Test seed: each person's work from the modules' today hooks,
// counted as the lists count it, under their own scopes only, overdue first.
#include <string>

#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

class TodayTest : public ApiTest {
 protected:
  // These tests count cases that wait for triage and are worked by hand. In the Test seed a company holds the task of the items they
  // report and its accounts serve 德胜, so a new case would go to it at once
  // (docs/modules/cases.md#who-works-a-new-case-first): its accounts are unlinked here. The routing itself is tested
  // in property_notices_test.cpp.
  void SetUp() override {
    ApiTest::SetUp();
    db().write([](weizhi::store::Tx& tx) { tx.exec("DELETE FROM property_company_staff"); });
  }

  json today(HttpClient& client) {
    auto reply = client.get("/api/v1/me/today");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json()["items"];
  }

  static json find(const json& items, const std::string& kind) {
    for (const auto& item : items) {
      if (item["kind"] == kind) return item;
    }
    return nullptr;
  }

  std::int64_t user_id(const std::string& login) {
    return db().read()->query_one("SELECT id FROM users WHERE login = ?", {login})->i64(0);
  }

  std::int64_t report_case(HttpClient& client) {
    auto reply = client.post("/api/v1/cases", json{{"item_code", "stairwell-clutter"},
                                                   {"compound_id", node("desheng-xincun")},
                                                   {"description", "楼道堆放纸箱"},
                                                   {"address", "1幢1单元"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json()["id"];
  }

  std::size_t listed(HttpClient& client, const std::string& query) {
    auto reply = client.get("/api/v1/cases?limit=500&" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.json()["next_cursor"].is_null()) << "one page holds them all";
    return reply.json()["items"].size();
  }

  void step(HttpClient& client, std::int64_t case_id, json body) {
    auto reply = client.post("/api/v1/cases/" + std::to_string(case_id) + "/transition", body);
    ASSERT_EQ(reply.status, 200) << reply.body;
  }
};

TEST_F(TodayTest, TheCommissionersGroupsCountWhatTheirListsShowAndLinkToThem) {
  auto commissioner = signed_in("commissioner");
  report_case(*commissioner);
  std::int64_t compound = node("desheng-xincun");
  std::string under = "node=" + std::to_string(compound);
  json items = today(*commissioner);

  json unassigned = find(items, "cases.unassigned");
  ASSERT_FALSE(unassigned.is_null()) << items.dump();
  EXPECT_EQ(unassigned["count"], listed(*commissioner, under + "&unassigned=1"));
  EXPECT_EQ(unassigned["node"]["id"], compound);
  EXPECT_EQ(unassigned["node"]["name"], "德胜新村");
  EXPECT_EQ(unassigned["link"], "/cases?" + under + "&tab=unassigned");
  EXPECT_EQ(unassigned["title"], "分派服务事项（" + std::to_string(unassigned["count"].get<int>()) + " 件）");

  std::size_t overdue = listed(*commissioner, under + "&overdue=1");
  json overdue_item = find(items, "cases.overdue");
  if (overdue == 0) {
    EXPECT_TRUE(overdue_item.is_null()) << "nothing to chase, no item";
  } else {
    ASSERT_FALSE(overdue_item.is_null());
    EXPECT_EQ(overdue_item["count"], overdue);
    EXPECT_TRUE(overdue_item["overdue"]);
    EXPECT_EQ(overdue_item["link"], "/cases?" + under + "&tab=overdue");
  }
}

TEST_F(TodayTest, ACaseAssignedToSomeoneIsOnTheirListUntilFixedThenAwaitsVerification) {
  auto commissioner = signed_in("commissioner");
  auto staff = signed_in("property-staff");
  std::int64_t case_id = report_case(*commissioner);
  step(*commissioner, case_id, {{"to", "accepted"}});
  step(*commissioner, case_id, {{"to", "assigned"}, {"assignee_user_id", user_id("property-staff")}});

  std::string link = "/cases/" + std::to_string(case_id);
  json mine;
  for (const auto& item : today(*staff)) {
    if (item["link"] == link) mine = item;
  }
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(mine["kind"], "cases.mine");
  EXPECT_EQ(mine["title"], "办理：楼道堆物清理（德胜新村 1幢1单元）");
  EXPECT_FALSE(mine["due_at"].is_null());
  EXPECT_FALSE(mine["overdue"]);
  EXPECT_TRUE(mine["count"].is_null());

  std::int64_t to_verify_before = 0;
  if (json item = find(today(*commissioner), "cases.to_verify"); !item.is_null()) to_verify_before = item["count"];
  step(*staff, case_id, {{"to", "in_progress"}});
  step(*staff, case_id, {{"to", "resolved"}, {"note", "已清理"}});
  for (const auto& item : today(*staff)) EXPECT_NE(item["link"], link) << "fixed: no longer the staff's to do";
  json to_verify = find(today(*commissioner), "cases.to_verify");
  ASSERT_FALSE(to_verify.is_null());
  EXPECT_EQ(to_verify["count"], to_verify_before + 1);
  EXPECT_EQ(to_verify["link"], "/cases?node=" + std::to_string(node("desheng-xincun")) + "&tab=all&state=resolved");
}

TEST_F(TodayTest, EachPersonCountsUnderTheirOwnScopeOnce) {
  auto commissioner = signed_in("commissioner");
  report_case(*commissioner);
  for (const auto& item : today(*commissioner)) {
    if (item["node"].is_null()) continue;
    EXPECT_EQ(item["node"]["id"], node("desheng-xincun")) << "the commissioner's list stays in their compound";
  }
  json community = find(today(*signed_in("secretary")), "cases.unassigned");
  ASSERT_FALSE(community.is_null());
  EXPECT_EQ(community["node"]["id"], node("desheng"));
  EXPECT_GE(community["count"].get<int>(), find(today(*commissioner), "cases.unassigned")["count"].get<int>());
  json street = today(*signed_in("admin"));
  int groups = 0;
  for (const auto& item : street) groups += item["kind"] == "cases.unassigned";
  EXPECT_EQ(groups, 1) << "the street admin's one scope holds every compound: one group, not one per role";
}

TEST_F(TodayTest, OverdueComesFirstThenTheSoonestDeadline) {
  auto commissioner = signed_in("commissioner");
  std::int64_t case_id = report_case(*commissioner);
  step(*commissioner, case_id, {{"to", "accepted"}});
  step(*commissioner, case_id, {{"to", "assigned"}, {"assignee_user_id", user_id("commissioner")}});
  json items = today(*commissioner);
  ASSERT_GE(items.size(), 2u);
  for (std::size_t i = 1; i < items.size(); ++i) {
    const json& before = items[i - 1];
    const json& after = items[i];
    EXPECT_GE(before["overdue"].get<bool>(), after["overdue"].get<bool>()) << items.dump();
    if (before["overdue"] == after["overdue"] && !before["due_at"].is_null() && !after["due_at"].is_null()) {
      EXPECT_LE(before["due_at"].get<std::string>(), after["due_at"].get<std::string>());
    }
    if (before["overdue"] == after["overdue"] && before["due_at"].is_null()) {
      EXPECT_TRUE(after["due_at"].is_null()) << "those without a deadline come last";
    }
  }
}

TEST_F(TodayTest, AResidentHasNoStaffWorkAndSignedOutIs401) {
  for (const auto& item : today(*signed_in("resident"))) {
    EXPECT_NE(item["kind"].get<std::string>().rfind("cases.", 0), 0u) << item.dump();
  }
  EXPECT_EQ(anonymous()->get("/api/v1/me/today").status, 401);
}
