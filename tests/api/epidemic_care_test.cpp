// Observation care over HTTP on the Test seed (docs/rules.md#i-observation-care): a resident of the observed building
// checks in on the H5 and staff read it on the day's board, a reader not named on the observation sees counts only,
// staff enter a check-in by phone, the staff's today lists households not checked in by the street's hour, a help
// request becomes a case assigned to the staff, the compound's group robots are told on declare and lift, the purge
// after the retention period keeps the counts, and hostile callers.
#include <chrono>

#include "auth/accounts.hpp"
#include "core/crypto.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

const std::string kObservations = "/api/v1/epidemic/observations";
const std::string kMine = "/api/v1/me/epidemic";

std::string day(int days) {
  return weizhi::street_date(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
}

json healthy() { return json{{"temperature", 36.5}, {"symptoms", json::array({"none"})}}; }

}  // namespace

class EpidemicCareTest : public ApiTest {
 protected:
  std::int64_t compound() { return node("desheng-xincun"); }

  std::int64_t user_id(const std::string& login) {
    return db().read()->scalar("SELECT id FROM users WHERE login = ?", {login});
  }

  // The building of the demo resident's first home, and another building of the compound.
  std::int64_t residents_building() {
    return db().read()->scalar(
        "SELECT MIN(b.id) FROM users u JOIN part_links l ON l.person_id = u.person_id JOIN org_nodes p "
        "ON p.id = l.part_node_id JOIN org_nodes b ON b.kind = 'building' AND substr(p.path, 1, length(b.path)) = b.path "
        "WHERE u.login = 'resident'");
  }
  std::int64_t other_building() {
    return db().read()->scalar("SELECT MIN(id) FROM org_nodes WHERE parent_id = ? AND kind = 'building' AND id <> ?",
                               {compound(), residents_building()});
  }

  // An observation of the building from today, the grid member named on its staff.
  std::int64_t declare(std::int64_t building) {
    auto reply = signed_in("commissioner")
                     ->post(kObservations, json{{"node_id", building},
                                                {"starts_on", day(0)},
                                                {"ends_on", day(13)},
                                                {"reason", "密切接触者居家观察"},
                                                {"staff_user_ids", json::array({user_id("grid")})}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  std::string path(std::int64_t id, const std::string& tail = "") {
    return kObservations + "/" + std::to_string(id) + tail;
  }

  // The resident's home under observation, as the H5 reads it.
  std::int64_t my_part(HttpClient& resident) {
    auto mine = resident.get(kMine);
    EXPECT_EQ(mine.status, 200) << mine.body;
    json body = mine.json();
    EXPECT_FALSE(body["homes"].empty()) << mine.body;
    return body["homes"].empty() ? 0 : body["homes"][0]["part"]["id"].get<std::int64_t>();
  }

  json board(HttpClient& client, std::int64_t id) {
    auto reply = client.get(path(id, "/board"));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  void another_compounds_commissioner(const std::string& login) {
    db().write([&](weizhi::store::Tx& tx) {
      std::int64_t user = weizhi::auth::create_user(
          tx, login, "翠玉小区专员",
          weizhi::crypto::hash_password("weizhi-demo", weizhi::crypto::PasswordCost::Minimal));
      weizhi::auth::assign_role(tx, user, "commissioner", node("c-cuiyu"));
    });
  }
};

TEST_F(EpidemicCareTest, AResidentOfTheBuildingChecksInAndTheStaffReadItOnTheBoard) {
  std::int64_t id = declare(residents_building());
  auto resident = signed_in("resident");
  std::int64_t part = my_part(*resident);
  json body{{"part_id", part}, {"temperature", 37.5}, {"symptoms", json::array({"cough"})}, {"note", "夜里咳嗽"}};
  auto reply = resident->post(kMine + "/check-ins", body);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["abnormal"], true);
  EXPECT_EQ(reply.json()["channel"], "h5");
  EXPECT_EQ(reply.json()["legal_basis"], "PIPL Art. 13(4)");

  json mine = resident->get(kMine).json();
  EXPECT_EQ(mine["homes"][0]["observation"]["id"], id);
  EXPECT_EQ(mine["homes"][0]["today"]["check_in"]["temperature"], 37.5);
  EXPECT_EQ(mine["check_in_by_hour"], 10);

  // The values are sealed at rest, with the legal basis beside them.
  auto stored =
      db().read()->query_one("SELECT health, legal_basis FROM epidemic_check_ins WHERE observation_id = ?", {id});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->text(0).find("cough"), std::string::npos);
  // The sealed text is random-looking, so a short figure such as "37" may occur in it by chance: look for the JSON's
  // key and the tenths the plain values would hold.
  EXPECT_EQ(stored->text(0).find("temperature_tenths"), std::string::npos);
  EXPECT_EQ(stored->text(0).find(":375"), std::string::npos);
  EXPECT_EQ(stored->text(1), "PIPL Art. 13(4)");

  // The staff named on it, and those managing the compound, read the household's values.
  for (const char* login : {"grid", "commissioner"}) {
    json shown = board(*signed_in(login), id);
    EXPECT_TRUE(shown["detail"].get<bool>()) << login;
    EXPECT_EQ(shown["counts"]["checked_in"], 1);
    EXPECT_EQ(shown["counts"]["abnormal"], 1);
    bool found = false;
    for (const auto& item : shown["items"]) {
      if (item["part"]["id"] != part) continue;
      found = true;
      EXPECT_EQ(item["state"], "abnormal");
      EXPECT_EQ(item["check_in"]["note"], "夜里咳嗽");
      EXPECT_FALSE(item["part"]["address"].get<std::string>().empty());
    }
    EXPECT_TRUE(found) << login;
  }

  // A second check-in the same day replaces the first, audited as such.
  auto again = resident->post(kMine + "/check-ins",
                              json{{"part_id", part}, {"temperature", 36.6}, {"symptoms", json::array({"none"})}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["replaced"].get<bool>());
  json shown = board(*signed_in("grid"), id);
  EXPECT_EQ(shown["counts"]["checked_in"], 1);
  EXPECT_EQ(shown["counts"]["abnormal"], 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'epidemic.check_in.replace'"), 1);
  EXPECT_EQ(count("SELECT check_ins FROM epidemic_observations WHERE id = ?", {id}), 1);
}

TEST_F(EpidemicCareTest, AReaderNotNamedOnTheObservationSeesCountsOnly) {
  std::int64_t id = declare(residents_building());
  auto resident = signed_in("resident");
  ASSERT_EQ(resident
                ->post(kMine + "/check-ins",
                       [&] {
                         json body = healthy();
                         body["part_id"] = my_part(*resident);
                         return body;
                       }())
                .status,
            201);
  auto party = signed_in("party");
  json shown = board(*party, id);
  EXPECT_FALSE(shown["detail"].get<bool>());
  EXPECT_TRUE(shown["items"].empty());
  EXPECT_EQ(shown["counts"]["checked_in"], 1);
  EXPECT_GT(shown["counts"]["households"].get<int>(), 0);
  json help = party->get(path(id, "/help-requests")).json();
  EXPECT_FALSE(help["detail"].get<bool>());
  EXPECT_TRUE(help["items"].empty());
  // Nor may they enter one.
  auto entry =
      party->post(path(id, "/check-ins"),
                  json{{"part_id", my_part(*resident)}, {"temperature", 36.5}, {"symptoms", json::array({"none"})}});
  EXPECT_EQ(entry.status, 403);
}

TEST_F(EpidemicCareTest, StaffEnterACheckInTakenByPhone) {
  std::int64_t id = declare(residents_building());
  auto grid = signed_in("grid");
  json shown = board(*grid, id);
  ASSERT_FALSE(shown["items"].empty());
  std::int64_t part = shown["items"][0]["part"]["id"];
  json body = healthy();
  body["part_id"] = part;
  auto reply = grid->post(path(id, "/check-ins"), body);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["channel"], "phone");
  EXPECT_EQ(board(*grid, id)["items"][0]["state"], "checked_in");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'epidemic.check_in.record' AND summary LIKE ?", {"%phone%"}),
      1);
  // A part that is not one of its households.
  body["part_id"] = other_building();
  auto outside = grid->post(path(id, "/check-ins"), body);
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(outside.error_field(), "part_id");
}

TEST_F(EpidemicCareTest, TheStaffsTodayListsHouseholdsNotCheckedInAfterTheHourAndAbnormalOnes) {
  std::int64_t id = declare(residents_building());
  std::int64_t street = node("street");
  // From midnight on, every household without a check-in is missed.
  auto admin = signed_in("admin");
  auto policy =
      admin->send("PUT", "/api/v1/epidemic-policies/" + std::to_string(street), json{{"check_in_by_hour", 0}}.dump());
  ASSERT_EQ(policy.status, 200) << policy.body;
  EXPECT_EQ(admin->get("/api/v1/epidemic-policies/" + std::to_string(street)).json()["check_in_by_hour"], 0);
  std::int64_t households = board(*signed_in("grid"), id)["counts"]["households"];

  auto today_of = [&](const std::string& login, const std::string& kind) {
    auto reply = signed_in(login)->get("/api/v1/me/today");
    EXPECT_EQ(reply.status, 200) << reply.body;
    json body = reply.json();
    for (const auto& item : body["items"]) {
      if (item["kind"] == kind) return item;
    }
    return json();
  };
  json missing = today_of("grid", "epidemic.check_in_missing");
  ASSERT_FALSE(missing.is_null());
  EXPECT_EQ(missing["count"], households);
  EXPECT_EQ(missing["link"], "/epidemic/observations/" + std::to_string(id) + "?date=" + day(0));
  EXPECT_TRUE(today_of("party", "epidemic.check_in_missing").is_null()) << "only the staff named on it";

  auto resident = signed_in("resident");
  json body{{"part_id", my_part(*resident)}, {"temperature", 38.2}, {"symptoms", json::array({"fever"})}};
  ASSERT_EQ(resident->post(kMine + "/check-ins", body).status, 201);
  json after = today_of("grid", "epidemic.check_in_missing");
  if (households > 1) {
    EXPECT_EQ(after["count"], households - 1);
  }
  json abnormal = today_of("grid", "epidemic.check_in_abnormal");
  ASSERT_FALSE(abnormal.is_null());
  EXPECT_EQ(abnormal["count"], 1);
}

TEST_F(EpidemicCareTest, AHelpRequestBecomesACaseAssignedToTheObservationsStaff) {
  std::int64_t id = declare(residents_building());
  auto resident = signed_in("resident");
  std::int64_t part = my_part(*resident);
  auto reply = resident->post(kMine + "/help-requests",
                              json{{"part_id", part}, {"kind", "medicine"}, {"detail", "需要代购降压药"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  json created = reply.json();
  std::int64_t case_id = created["case"]["id"];
  EXPECT_EQ(created["case"]["state"], "assigned");

  auto grid = signed_in("grid");
  auto record = grid->get("/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(record.status, 200) << record.body;
  EXPECT_EQ(record.json()["assignee_user_id"], user_id("grid"));
  EXPECT_EQ(record.json()["description"].get<std::string>().find("降压药"), std::string::npos)
      << "the detail stays sealed with the observation";

  json mine = resident->get(kMine).json();
  ASSERT_EQ(mine["help_requests"].size(), 1u);
  EXPECT_EQ(mine["help_requests"][0]["case"]["state"], "assigned");
  EXPECT_EQ(mine["help_requests"][0]["detail"], "需要代购降压药");

  json listed = grid->get(path(id, "/help-requests")).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["detail"], "需要代购降压药");
  EXPECT_EQ(listed["items"][0]["case"]["id"], case_id);
  EXPECT_EQ(count("SELECT help_requests FROM epidemic_observations WHERE id = ?", {id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM epidemic_help_requests WHERE detail LIKE ?", {"%降压药%"}), 0);
}

TEST_F(EpidemicCareTest, TheCompoundsGroupRobotsAreToldOnDeclareAndLiftWithoutNamingAnyone) {
  // 德胜社区's robot, switched on.
  auto robot = signed_in("admin")->send(
      "PUT", "/api/v1/notification-webhooks/" + std::to_string(node("desheng")),
      json{{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=epidemic-care"}, {"enabled", true}}.dump());
  ASSERT_EQ(robot.status, 200) << robot.body;
  std::int64_t id = declare(residents_building());
  auto declared = db().read()->query_one(
      "SELECT content FROM notification_deliveries WHERE kind = 'epidemic.observation.declared'");
  ASSERT_TRUE(declared) << "德胜社区's robot is told";
  std::string building_name =
      db().read()->query_one("SELECT name FROM org_nodes WHERE id = ?", {residents_building()})->text(0);
  EXPECT_NE(declared->text(0).find(building_name), std::string::npos) << declared->text(0);
  EXPECT_NE(declared->text(0).find(day(13)), std::string::npos);
  EXPECT_EQ(declared->text(0).find("居民（演示）"), std::string::npos);

  ASSERT_EQ(signed_in("commissioner")->post(path(id, "/lift"), std::string()).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_deliveries WHERE kind = 'epidemic.observation.ended'"), 1);
}

TEST_F(EpidemicCareTest, ThePurgeAfterTheRetentionPeriodKeepsOnlyTheCounts) {
  std::int64_t id = declare(residents_building());
  auto resident = signed_in("resident");
  std::int64_t part = my_part(*resident);
  json body = healthy();
  body["part_id"] = part;
  ASSERT_EQ(resident->post(kMine + "/check-ins", body).status, 201);
  ASSERT_EQ(resident->post(kMine + "/help-requests", json{{"part_id", part}, {"kind", "supplies"}, {"detail", "米面"}})
                .status,
            201);
  ASSERT_EQ(signed_in("commissioner")->post(path(id, "/lift"), std::string()).status, 200);

  weizhi::testing::ManualClock clock;
  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24 * 29));
  ASSERT_TRUE(run_job("epidemic.care.purge", clock));
  EXPECT_EQ(count("SELECT COUNT(*) FROM epidemic_check_ins WHERE observation_id = ?", {id}), 1) << "kept 30 days";

  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24 * 31));
  ASSERT_TRUE(run_job("epidemic.care.purge", clock));
  EXPECT_EQ(count("SELECT COUNT(*) FROM epidemic_check_ins WHERE observation_id = ?", {id}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM epidemic_help_requests WHERE observation_id = ? AND detail IS NOT NULL", {id}),
            0);
  json kept = signed_in("commissioner")->get(path(id)).json();
  EXPECT_EQ(kept["check_ins"], 1);
  EXPECT_EQ(kept["help_requests"], 1);
  EXPECT_FALSE(kept["care_purged_at"].is_null());
  auto audited =
      db().read()->query_one("SELECT actor, summary FROM audit_log WHERE action = 'epidemic.care.purge' AND entity = ?",
                             {"epidemic_observation:" + std::to_string(id)});
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->text(0), "system");
  EXPECT_EQ(json::parse(audited->text(1)), (json{{"check_ins", 1}, {"help_request_details", 1}}));
}

TEST_F(EpidemicCareTest, HostileCallersAreRefused) {
  auto resident = signed_in("resident");
  // Not under observation: nothing to check in for.
  EXPECT_EQ(resident->post(kMine + "/check-ins", healthy()).status, 403);
  std::int64_t elsewhere = declare(other_building());
  EXPECT_EQ(resident->post(kMine + "/check-ins", healthy()).status, 403);
  EXPECT_EQ(resident->post(kMine + "/help-requests", json{{"kind", "supplies"}, {"detail", "米"}}).status, 403);
  EXPECT_TRUE(resident->get(kMine).json()["homes"].empty());
  EXPECT_EQ(resident->get(path(elsewhere, "/board")).status, 404) << "a resident reads no observation";

  std::int64_t id = declare(residents_building());
  std::int64_t part = my_part(*resident);
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get(kMine).status, 401);
  EXPECT_EQ(anonymous->post(kMine + "/check-ins", healthy()).status, 401);
  EXPECT_EQ(anonymous->post(kMine + "/help-requests", json{{"kind", "supplies"}, {"detail", "米"}}).status, 401);
  EXPECT_EQ(anonymous->get(path(id, "/board")).status, 401);
  EXPECT_EQ(anonymous->post(path(id, "/check-ins"), healthy()).status, 401);

  another_compounds_commissioner("epidemic-cuiyu");
  auto cuiyu = signed_in("epidemic-cuiyu");
  EXPECT_EQ(cuiyu->get(path(id, "/board")).status, 404);
  EXPECT_EQ(cuiyu->get(path(id, "/help-requests")).status, 404);
  json entry = healthy();
  entry["part_id"] = part;
  EXPECT_EQ(cuiyu->post(path(id, "/check-ins"), entry).status, 404);

  auto refused_field = [&](json body) {
    body["part_id"] = part;
    auto reply = resident->post(kMine + "/check-ins", body);
    EXPECT_EQ(reply.status, 400) << body.dump();
    return reply.error_field();
  };
  for (json temperature : {json(34.9), json(42.5), json(36.55), json("36.5"), json(nullptr)}) {
    json body = healthy();
    body["temperature"] = temperature;
    EXPECT_EQ(refused_field(body), "temperature") << temperature.dump();
  }
  json body = healthy();
  body["symptoms"] = json::array({"none", "cough"});
  EXPECT_EQ(refused_field(body), "symptoms");
  body["symptoms"] = json::array({"sneezing"});
  EXPECT_EQ(refused_field(body), "symptoms[0]");
  body = healthy();
  body["note"] = std::string(201 * 3, 'x');
  EXPECT_EQ(refused_field(body), "note");
  body = healthy();
  body["mood"] = "fine";
  EXPECT_EQ(refused_field(body), "mood");
  auto missing_home = resident->post(kMine + "/check-ins", [&] {
    json other = healthy();
    other["part_id"] = 999999999;
    return other;
  }());
  EXPECT_EQ(missing_home.status, 404);
  EXPECT_EQ(resident->post(kMine + "/check-ins", std::string("[1,")).status, 400);
  json oversize = healthy();
  oversize["note"] = std::string(2 * 1024 * 1024, 'x');
  EXPECT_EQ(resident->post(kMine + "/check-ins", oversize).status, 413);

  auto long_detail = resident->post(kMine + "/help-requests",
                                    json{{"part_id", part}, {"kind", "medicine"}, {"detail", std::string(501, 'x')}});
  EXPECT_EQ(long_detail.status, 400);
  EXPECT_EQ(long_detail.error_field(), "detail");
  auto odd_kind = resident->post(kMine + "/help-requests", json{{"part_id", part}, {"kind", "taxi"}, {"detail", "x"}});
  EXPECT_EQ(odd_kind.error_field(), "kind");

  auto grid = signed_in("grid");
  EXPECT_EQ(grid->get(path(id, "/board?date=2026-02-30")).error_field(), "date");
  EXPECT_EQ(grid->get(kObservations + "/%31abc/board").status, 404);
  EXPECT_EQ(signed_in("grid")
                ->send("PUT", "/api/v1/epidemic-policies/" + std::to_string(node("street")),
                       json{{"check_in_by_hour", 8}}.dump())
                .status,
            403);
  EXPECT_EQ(signed_in("admin")
                ->send("PUT", "/api/v1/epidemic-policies/" + std::to_string(node("street")),
                       json{{"check_in_by_hour", 24}}.dump())
                .error_field(),
            "check_in_by_hour");
}
