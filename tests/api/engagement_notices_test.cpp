// Notices and publicity over HTTP on the Test seed: staff publish notices of their scope (bad fields named,
// another street's node not found); residents see the current notices over their home for their audience, read
// them (recorded once) and acknowledge those that ask it; staff count reads and acknowledgements per building and
// list the households not yet reached; a withdrawn notice is gone for residents; every 公示 of other modules (a
// vote's result, an election's publicity step) comes through one list; hostile callers are refused.
#include <chrono>

#include "core/time.hpp"
#include "support/engagement_api.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

std::string day(int days) { return weizhi::street_date(std::chrono::system_clock::now() + std::chrono::days(days)); }

std::string path(const json& notice, const std::string& tail = "") {
  return "/api/v1/notices/" + std::to_string(notice["id"].get<std::int64_t>()) + tail;
}

std::string my_path(const json& notice, const std::string& tail = "") {
  return "/api/v1/me/notices/" + std::to_string(notice["id"].get<std::int64_t>()) + tail;
}

// Whether the list `items` holds the notice (or item) with this title.
bool lists(const json& items, const std::string& title) {
  for (const auto& item : items) {
    if (item["title"] == title) return true;
  }
  return false;
}

}  // namespace

class EngagementNoticesTest : public ApiTest {
 protected:
  json notice_body(const std::string& node_code, const std::string& title = "停水通知") {
    return {{"node_id", node(node_code)}, {"title", title},          {"body", "本周六 8:00–18:00 停水，请提前储水。"},
            {"kind", "notice"},           {"audience", "residents"}, {"starts_on", day(0)},
            {"ends_on", day(6)},          {"needs_ack", true}};
  }

  json publish(HttpClient& staff, const json& body) {
    auto created = staff.post("/api/v1/notices", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }

  std::int64_t scalar(const std::string& sql, const weizhi::store::Params& params = {}) {
    return db().read()->scalar(sql, params);
  }

  // The building of the demo resident's (first) home.
  std::int64_t resident_building() {
    return scalar(
        "SELECT unit.parent_id FROM users u JOIN part_links l ON l.person_id = u.person_id JOIN org_nodes part ON "
        "part.id = l.part_node_id JOIN org_nodes unit ON unit.id = part.parent_id WHERE u.login = 'resident' "
        "ORDER BY l.id LIMIT 1");
  }

  bool resident_owns() {
    return scalar(
               "SELECT COUNT(*) FROM users u JOIN part_links l ON l.person_id = u.person_id WHERE u.login = "
               "'resident' AND l.relation = 'owner'") > 0;
  }
};

TEST_F(EngagementNoticesTest, StaffPublishANoticeAndBadFieldsAreNamed) {
  auto commissioner = signed_in("commissioner");
  json notice = publish(*commissioner, notice_body("desheng-xincun"));
  EXPECT_EQ(notice["state"], "current");
  EXPECT_EQ(notice["needs_ack"], true);
  EXPECT_EQ(notice["counts"]["unit"], "households");
  EXPECT_GT(notice["counts"]["total"].get<std::int64_t>(), 0);
  EXPECT_EQ(notice["counts"]["read"], 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement.notice.create'"), 1);

  auto refused = [&](json body, const std::string& field) {
    auto reply = commissioner->post("/api/v1/notices", body);
    EXPECT_EQ(reply.status, 400) << field << " " << reply.body;
    EXPECT_EQ(reply.error_field(), field) << reply.body;
  };
  json body = notice_body("desheng-xincun");
  body["title"] = "";
  refused(body, "title");
  std::string long_title;
  for (int i = 0; i < 61; ++i) long_title += "通";
  body["title"] = long_title;
  refused(body, "title");
  body = notice_body("desheng-xincun");
  body["body"] = std::string(5001, 'a');
  refused(body, "body");
  body = notice_body("desheng-xincun");
  body["ends_on"] = day(-1);
  refused(body, "ends_on");
  body["ends_on"] = "2026-13-01";
  refused(body, "ends_on");
  body = notice_body("desheng-xincun");
  body["audience"] = "everyone";
  refused(body, "audience");
  body = notice_body("desheng-xincun");
  body["kind"] = "gossip";
  refused(body, "kind");
  body = notice_body("desheng-xincun");
  body.erase("kind");
  refused(body, "kind");
  body = notice_body("desheng-xincun");
  body["attachment_ids"] = json::array({"not-a-photo"});
  refused(body, "attachment_ids[0]");
  body = notice_body("desheng-xincun");
  body["starts_on"] = day(-3);
  auto past = commissioner->post("/api/v1/notices", body);
  EXPECT_EQ(past.status, 422) << past.body;
  EXPECT_EQ(past.error_field(), "starts_on");
  EXPECT_EQ(commissioner->post("/api/v1/notices", std::string(3 * 1024 * 1024, ' ')).status, 413);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notices"), 1) << "nothing half-written";
}

TEST_F(EngagementNoticesTest, AnUpcomingNoticeIsEditedAndAStartedOneIsNot) {
  auto commissioner = signed_in("commissioner");
  json body = notice_body("desheng-xincun");
  body["starts_on"] = day(2);
  json upcoming = publish(*commissioner, body);
  EXPECT_EQ(upcoming["state"], "upcoming");
  auto edited = commissioner->patch(path(upcoming), json{{"title", "停水通知（更正）"}, {"ends_on", day(9)}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["title"], "停水通知（更正）");
  EXPECT_EQ(edited.json()["ends_on"], day(9));
  EXPECT_EQ(commissioner->patch(path(upcoming), json{{"node_id", node("street")}}).error_field(), "node_id");
  json current = publish(*commissioner, notice_body("desheng-xincun"));
  auto frozen = commissioner->patch(path(current), json{{"title", "改了"}});
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(frozen.error_field(), "state");

  auto listed = commissioner->get("/api/v1/notices?node=" + std::to_string(node("desheng-xincun")) + "&state=upcoming");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 1u) << listed.body;
  EXPECT_EQ(items[0]["id"], upcoming["id"]);
  EXPECT_EQ(
      commissioner->get("/api/v1/notices?node=" + std::to_string(node("desheng-xincun")) + "&state=soon").error_field(),
      "state");
  auto sheet = commissioner->get("/api/v1/notices?node=" + std::to_string(node("desheng-xincun")) + "&format=xlsx");
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK") << "an xlsx workbook";
}

TEST_F(EngagementNoticesTest, AResidentSeesOnlyCurrentNoticesOverTheirHomeForTheirAudience) {
  auto admin = signed_in("admin");
  auto resident = signed_in("resident");
  json mine = publish(*admin, notice_body("desheng-xincun", "本小区停水"));
  json street = publish(*admin, notice_body("street", "街道防汛通知"));
  json other_compound = publish(*admin, notice_body("c-deshengba", "别的小区的通知"));
  json body = notice_body("desheng-xincun", "下周的通知");
  body["starts_on"] = day(3);
  publish(*admin, body);
  body = notice_body("desheng-xincun", "业主大会通知");
  body["audience"] = "owners";
  publish(*admin, body);
  body = notice_body("desheng-xincun", "工作人员例会");
  body["audience"] = "staff";
  json staff_notice = publish(*admin, body);

  auto listed = resident->get("/api/v1/me/notices");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  EXPECT_TRUE(lists(items, "本小区停水"));
  EXPECT_TRUE(lists(items, "街道防汛通知")) << "a street's notice is over every home of the street";
  EXPECT_FALSE(lists(items, "别的小区的通知"));
  EXPECT_FALSE(lists(items, "下周的通知")) << "not yet up";
  EXPECT_EQ(lists(items, "业主大会通知"), resident_owns()) << "owners' notices only to owners";
  EXPECT_FALSE(lists(items, "工作人员例会"));
  EXPECT_EQ(listed.json()["unread"].get<std::int64_t>(), static_cast<std::int64_t>(items.size()));
  EXPECT_EQ(resident->get(my_path(other_compound)).status, 404);
  EXPECT_EQ(resident->get(my_path(staff_notice)).status, 404);
  EXPECT_EQ(resident->get(path(mine)).status, 404) << "the staff's view is not the resident's";

  auto staff_list = signed_in("commissioner")->get("/api/v1/me/notices");
  ASSERT_EQ(staff_list.status, 200);
  EXPECT_TRUE(lists(staff_list.json()["items"], "工作人员例会"));
  (void)street;
}

TEST_F(EngagementNoticesTest, ReadsAreRecordedOnceAndAcknowledgementsCountPerBuilding) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json notice = publish(*commissioner, notice_body("desheng-xincun"));
  json plain_body = notice_body("desheng-xincun", "无需确认的通知");
  plain_body["needs_ack"] = false;
  json plain = publish(*commissioner, plain_body);

  auto first = resident->get(my_path(notice));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["body"], "本周六 8:00–18:00 停水，请提前储水。");
  EXPECT_FALSE(first.json()["read_at"].is_null());
  EXPECT_TRUE(first.json()["acked_at"].is_null());
  auto again = resident->get(my_path(notice));
  EXPECT_EQ(again.json()["read_at"], first.json()["read_at"]) << "the first read is kept";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notice_receipts WHERE notice_id = ?", {notice["id"].get<std::int64_t>()}), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'engagement.notice.%' AND action <> "
                   "'engagement.notice.create'"),
            0)
      << "reads are stored, not audited";

  auto not_needed = resident->post(my_path(plain, "/ack"), json::object());
  EXPECT_EQ(not_needed.status, 409);
  EXPECT_EQ(not_needed.error_field(), "needs_ack");
  auto acked = resident->post(my_path(notice, "/ack"), json::object());
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_FALSE(acked.json()["acked_at"].is_null());
  EXPECT_EQ(resident->post(my_path(notice, "/ack"), json::object()).json()["acked_at"], acked.json()["acked_at"]);

  json shown = commissioner->get(path(notice)).json();
  EXPECT_EQ(shown["counts"]["read"], 1);
  EXPECT_EQ(shown["counts"]["acked"], 1);
  EXPECT_EQ(shown["counts"]["readers"], 1);
  auto receipts = commissioner->get(path(notice, "/receipts"));
  ASSERT_EQ(receipts.status, 200) << receipts.body;
  json buildings = receipts.json()["buildings"];
  std::int64_t households = 0, read = 0, acked_households = 0;
  std::int64_t building = resident_building();
  for (const auto& row : buildings) {
    households += row["households"].get<std::int64_t>();
    read += row["read"].get<std::int64_t>();
    acked_households += row["acked"].get<std::int64_t>();
    if (row["building"]["id"] == building) {
      EXPECT_EQ(row["acked"], 1) << row.dump();
    }
  }
  EXPECT_EQ(households, shown["counts"]["total"]);
  EXPECT_EQ(read, 1);
  EXPECT_EQ(acked_households, 1);

  auto of_building = commissioner->get(path(notice, "/receipts?building=" + std::to_string(building)));
  ASSERT_EQ(of_building.status, 200) << of_building.body;
  json list = of_building.json()["households"];
  std::int64_t acked_rows = 0, not_yet = 0;
  for (const auto& household : list) {
    if (household["state"] == "acked") {
      ++acked_rows;
      ASSERT_FALSE(household["ackers"].empty());
      EXPECT_NE(household["ackers"][0].get<std::string>().find("*"), std::string::npos) << "names are masked";
    }
    if (household["state"] == "not_yet") ++not_yet;
  }
  EXPECT_EQ(acked_rows, 1);
  EXPECT_EQ(not_yet, static_cast<std::int64_t>(list.size()) - 1);
  EXPECT_EQ(commissioner->get(path(notice, "/receipts?building=" + std::to_string(node("c-deshengba")))).status, 404);
  auto sheet = commissioner->get(path(notice, "/receipts?format=xlsx"));
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK");
}

TEST_F(EngagementNoticesTest, AWithdrawnNoticeIsGoneForResidentsAndKeptWithItsReason) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json notice = publish(*commissioner, notice_body("desheng-xincun"));
  ASSERT_EQ(resident->get(my_path(notice)).status, 200);
  EXPECT_EQ(commissioner->post(path(notice, "/withdraw"), json{{"reason", ""}}).error_field(), "reason");
  auto withdrawn = commissioner->post(path(notice, "/withdraw"), json{{"reason", "日期有误，重新发布"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["state"], "withdrawn");
  EXPECT_EQ(withdrawn.json()["withdraw_reason"], "日期有误，重新发布");
  EXPECT_EQ(commissioner->post(path(notice, "/withdraw"), json{{"reason", "再撤"}}).status, 409);
  EXPECT_EQ(resident->get(my_path(notice)).status, 404);
  EXPECT_EQ(resident->post(my_path(notice, "/ack"), json::object()).status, 404);
  EXPECT_FALSE(lists(resident->get("/api/v1/me/notices").json()["items"], "停水通知"));
  EXPECT_FALSE(lists(resident->get("/api/v1/me/publicity").json()["items"], "停水通知"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement.notice.withdraw'"), 1);
}

TEST_F(EngagementNoticesTest, EveryModulesPublicityComesThroughOneList) {
  auto resident = signed_in("resident");
  auto commissioner = signed_in("commissioner");
  json body = notice_body("desheng-xincun", "议事会成员公示");
  body["kind"] = "publicity";
  publish(*commissioner, body);

  // A vote on 德胜新村, closed and published.
  ASSERT_EQ(signed_in("admin")
                ->send("PUT", "/api/v1/voting-policies/" + std::to_string(node("street")),
                       json{{"online_ballot_id_check", "off"}}.dump())
                .status,
            200);
  auto vote = commissioner->post(
      "/api/v1/votes", json{{"compound_id", node("desheng-xincun")},
                            {"title", "关于续聘物业的表决"},
                            {"matter", 4},
                            {"items", {"同意续聘"}},
                            {"opens_at", weizhi::iso_utc(std::chrono::system_clock::now() - std::chrono::hours(1))},
                            {"closes_at", weizhi::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(48))},
                            {"channels", {"online", "paper"}}});
  ASSERT_EQ(vote.status, 201) << vote.body;
  std::string vote_path = "/api/v1/votes/" + std::to_string(vote.json()["id"].get<std::int64_t>());
  ASSERT_EQ(commissioner->post(vote_path + "/open", json::object()).status, 200);
  db().transaction([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE votes SET closes_at = ? WHERE id = ?",
            {weizhi::iso_utc(std::chrono::system_clock::now() - std::chrono::hours(1)),
             vote.json()["id"].get<std::int64_t>()});
  });
  ASSERT_EQ(commissioner->post(vote_path + "/close", json::object()).status, 200);
  auto published = commissioner->post(vote_path + "/publish", json::object());
  ASSERT_EQ(published.status, 200) << published.body;

  // An election on 德胜新村 in its second step: the election publicised.
  auto election =
      signed_in("secretary")
          ->post("/api/v1/elections",
                 json{{"compound_id", node("desheng-xincun")}, {"title", "德胜新村自管会选举"}, {"seats", 2}});
  ASSERT_EQ(election.status, 201) << election.body;
  std::string election_path = "/api/v1/elections/" + std::to_string(election.json()["id"].get<std::int64_t>());
  ASSERT_EQ(signed_in("supervisor")->post(election_path + "/steps/1/sign-off", json::object()).status, 200);
  ASSERT_EQ(signed_in("secretary")->post(election_path + "/steps/2/open", json::object()).status, 200);

  auto mine = resident->get("/api/v1/me/publicity");
  ASSERT_EQ(mine.status, 200) << mine.body;
  json items = mine.json()["items"];
  std::set<std::string> modules;
  for (const auto& item : items) {
    modules.insert(item["module"].get<std::string>());
    EXPECT_LE(item["starts_on"].get<std::string>(), day(0));
    EXPECT_GE(item["ends_on"].get<std::string>(), day(0));
  }
  EXPECT_TRUE(modules.count("engagement")) << mine.body;
  EXPECT_TRUE(modules.count("voting")) << mine.body;
  EXPECT_TRUE(modules.count("elections")) << mine.body;
  EXPECT_TRUE(lists(items, "表决结果公示：关于续聘物业的表决")) << mine.body;
  for (const auto& item : items) {
    if (item["module"] == "voting") {
      EXPECT_EQ(item["ends_on"], day(6)) << "a week, the first day counted";
      EXPECT_EQ(item["link"], "/votes/" + std::to_string(vote.json()["id"].get<std::int64_t>()));
    }
  }

  auto staff = commissioner->get("/api/v1/publicity?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(staff.json()["items"].size(), items.size());
  auto elsewhere = signed_in("admin")->get("/api/v1/publicity?node=" + std::to_string(node("c-deshengba")));
  ASSERT_EQ(elsewhere.status, 200);
  EXPECT_FALSE(lists(elsewhere.json()["items"], "议事会成员公示")) << "another compound's publicity is not theirs";
}

TEST_F(EngagementNoticesTest, ANoticesPhotosReachThoseWhoMayReadItAndNobodyElse) {
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  std::string photo = upload_photo(*commissioner, "notice-photo");
  std::string added = upload_photo(*commissioner, "notice-photo-added");
  json body = notice_body("desheng-xincun");
  body["attachment_ids"] = json::array({photo});
  json notice = publish(*commissioner, body);
  ASSERT_EQ(notice["attachment_ids"], json::array({photo}));
  auto photo_path = [&](const json& of, const std::string& id) { return path(of, "/attachments/" + id); };

  auto seen = commissioner->get(photo_path(notice, photo));
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.headers["content-type"], "image/png");
  EXPECT_EQ(resident->get(photo_path(notice, photo)).status, 200) << "a resident the notice is for, while it is up";
  EXPECT_EQ(resident->get(my_path(notice)).json()["attachment_ids"], json::array({photo}));
  EXPECT_EQ(resident->get(photo_path(notice, added)).status, 404) << "a stored photo that is not the notice's";
  EXPECT_EQ(resident->get(photo_path(notice, "..%2F..%2Fetc%2Fpasswd")).status, 404);
  EXPECT_EQ(resident->get(photo_path(notice, std::string(300, 'a'))).status, 404);

  json theirs_body = notice_body("c-deshengba");
  theirs_body["attachment_ids"] = json::array({added});
  json theirs = publish(*signed_in("admin"), theirs_body);
  EXPECT_EQ(commissioner->get(photo_path(theirs, added)).status, 404) << "staff of another compound";
  EXPECT_EQ(resident->get(photo_path(theirs, added)).status, 404) << "a resident of another compound";
  EXPECT_EQ(resident->get("/api/v1/notices/999999/attachments/" + photo).status, 404);
  EXPECT_EQ(anonymous()->get(photo_path(notice, photo)).status, 401);

  json staff_body = notice_body("desheng-xincun", "自管会例会");
  staff_body["audience"] = "staff";
  staff_body["attachment_ids"] = json::array({photo});
  json staff_only = publish(*commissioner, staff_body);
  EXPECT_EQ(resident->get(photo_path(staff_only, photo)).status, 404) << "a notice not for residents";

  ASSERT_EQ(commissioner->post(path(notice, "/withdraw"), json{{"reason", "重新发布"}}).status, 200);
  EXPECT_EQ(resident->get(photo_path(notice, photo)).status, 404) << "a withdrawn notice's photos are gone";
  EXPECT_EQ(commissioner->get(photo_path(notice, photo)).status, 200) << "staff keep the record";
}

TEST_F(EngagementNoticesTest, HostileCallersAreRefused) {
  auto far = weizhi::testing::other_street(db(), data_key());
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  auto resident = signed_in("resident");
  json body = notice_body("desheng-xincun");
  body["node_id"] = far.compound;
  auto foreign = admin->post("/api/v1/notices", body);
  EXPECT_EQ(foreign.status, 404) << "a node of another street";
  EXPECT_EQ(commissioner->get("/api/v1/notices?node=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(commissioner->get("/api/v1/publicity?node=" + std::to_string(far.compound)).status, 404);
  json theirs = publish(*admin, notice_body("c-deshengba"));
  for (std::string tail : {"", "/receipts"}) EXPECT_EQ(commissioner->get(path(theirs, tail)).status, 404) << tail;
  EXPECT_EQ(commissioner->post(path(theirs, "/withdraw"), json{{"reason", "x"}}).status, 404);
  EXPECT_EQ(resident->post(my_path(theirs, "/ack"), json::object()).status, 404)
      << "a notice out of the household's scope";
  EXPECT_EQ(resident->get(my_path(theirs)).status, 404);
  EXPECT_EQ(resident->post("/api/v1/notices", notice_body("desheng-xincun")).status, 404)
      << "a resident publishes nothing";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notice_receipts"), 0);

  weizhi::testing::expect_anonymous_refused(*anonymous(), {{"GET", "/api/v1/notices"},
                                                           {"POST", "/api/v1/notices"},
                                                           {"GET", path(theirs)},
                                                           {"PATCH", path(theirs)},
                                                           {"POST", path(theirs, "/withdraw")},
                                                           {"GET", path(theirs, "/receipts")},
                                                           {"GET", "/api/v1/me/notices"},
                                                           {"GET", my_path(theirs)},
                                                           {"POST", my_path(theirs, "/ack")},
                                                           {"GET", "/api/v1/me/publicity"},
                                                           {"GET", "/api/v1/publicity"}});
  weizhi::testing::expect_odd_ids_not_found(*admin, "/api/v1/notices");
  weizhi::testing::expect_odd_ids_not_found(*resident, "/api/v1/me/notices");
  EXPECT_EQ(admin->get("/api/v1/notices?node=%E4%B8%80").status, 400);
}
