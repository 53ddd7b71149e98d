// Epidemic mode over HTTP on the Test seed: an observation point declared on a building or unit suspends exactly
// the credentials of those living there (its staff's left alone), lifting or its last day passing restores exactly
// those, overlapping observations restore only when the last ends, one planned starts on its first day, its last day
// extended or shortened with the daily job ending it by the new one, and hostile callers: anonymous, another street's
// node, another compound's staff, a node of the wrong kind, odd bodies.
#include <chrono>
#include <set>

#include "auth/accounts.hpp"
#include "core/crypto.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

const std::string kObservations = "/api/v1/epidemic/observations";

// The street's date `days` from now.
std::string day(int days) {
  return weizhi::street_date(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
}

}  // namespace

class EpidemicTest : public ApiTest {
 protected:
  std::int64_t compound() { return node("desheng-xincun"); }

  // The first building of the compound and its first unit.
  std::int64_t building() {
    return db().read()->scalar("SELECT MIN(id) FROM org_nodes WHERE parent_id = ? AND kind = 'building'", {compound()});
  }
  std::int64_t unit_of(std::int64_t building_id) {
    return db().read()->scalar("SELECT MIN(id) FROM org_nodes WHERE parent_id = ? AND kind = 'unit'", {building_id});
  }

  // The credentials in the compound of those registered in a part under the node, in `state`.
  std::set<std::int64_t> credentials_under(std::int64_t node_id, const std::string& state) {
    auto lease = db().read();
    auto path = lease->query_one("SELECT path FROM org_nodes WHERE id = ?", {node_id})->text(0);
    std::set<std::int64_t> ids;
    for (const auto& row :
         lease->query("SELECT DISTINCT a.id FROM access_credentials a JOIN part_links l ON l.person_id = a.person_id "
                      "JOIN org_nodes n ON n.id = l.part_node_id WHERE a.compound_node_id = ? AND a.state = ? "
                      "AND n.path LIKE ?",
                      {compound(), state, path + "%"})) {
      ids.insert(row.i64(0));
    }
    return ids;
  }

  std::set<std::int64_t> in_state(const std::string& state) {
    std::set<std::int64_t> ids;
    for (const auto& row : db().read()->query(
             "SELECT id FROM access_credentials WHERE compound_node_id = ? AND state = ?", {compound(), state})) {
      ids.insert(row.i64(0));
    }
    return ids;
  }

  json observation(std::int64_t node_id, const std::string& starts_on = day(0), const std::string& ends_on = day(13)) {
    return json{{"node_id", node_id}, {"starts_on", starts_on}, {"ends_on", ends_on}, {"reason", "密切接触者居家观察"}};
  }

  std::int64_t declare(HttpClient& client, const json& body) {
    auto reply = client.post(kObservations, body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  Reply lift(HttpClient& client, std::int64_t id) {
    return client.post(kObservations + "/" + std::to_string(id) + "/lift", std::string());
  }

  Reply change(HttpClient& client, std::int64_t id, const std::string& ends_on, const std::string& reason = "复核") {
    return client.send("PATCH", kObservations + "/" + std::to_string(id),
                       json{{"ends_on", ends_on}, {"reason", reason}}.dump());
  }

  std::string credential_path(std::int64_t id, const std::string& step) {
    return "/api/v1/access/credentials/" + std::to_string(id) + "/" + step;
  }

  std::int64_t user_id(const std::string& login) {
    return db().read()->scalar("SELECT id FROM users WHERE login = ?", {login});
  }

  // An account that works on another compound of the street as its commissioner.
  void another_compounds_commissioner(const std::string& login) {
    db().write([&](weizhi::store::Tx& tx) {
      std::int64_t user = weizhi::auth::create_user(
          tx, login, "翠玉小区专员",
          weizhi::crypto::hash_password("weizhi-demo", weizhi::crypto::PasswordCost::Minimal));
      weizhi::auth::assign_role(tx, user, "commissioner", node("c-cuiyu"));
    });
  }
};

TEST_F(EpidemicTest, DeclaringSuspendsExactlyTheCredentialsOfThoseLivingThere) {
  std::int64_t observed = building();
  auto living_there = credentials_under(observed, "active");
  ASSERT_FALSE(living_there.empty()) << "the Test seed gives the building's residents credentials";
  auto active_before = in_state("active");

  auto reply = signed_in("commissioner")->post(kObservations, observation(observed));
  ASSERT_EQ(reply.status, 201) << reply.body;
  json created = reply.json();
  EXPECT_GT(created["households"].get<int>(), 0);
  EXPECT_GT(created["persons"].get<int>(), 0);
  EXPECT_EQ(created["credentials_suspended"], living_there.size());
  EXPECT_EQ(created["state"], "active");

  EXPECT_EQ(credentials_under(observed, "suspended"), living_there);
  std::set<std::int64_t> others;
  for (auto id : active_before) {
    if (!living_there.count(id)) others.insert(id);
  }
  EXPECT_EQ(in_state("active"), others) << "no one else's credential changes";
  std::int64_t id = created["id"];
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM access_credentials WHERE suspended_by_kind = 'observation' "
                                "AND suspended_by_id = ?",
                                {id}),
            static_cast<std::int64_t>(living_there.size()));
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'epidemic.observation.declare' "
                                "AND entity = ?",
                                {"epidemic_observation:" + std::to_string(id)}),
            1);
}

TEST_F(EpidemicTest, LiftingRestoresExactlyThoseItSuspended) {
  auto commissioner = signed_in("commissioner");
  std::int64_t observed = building();
  // A card besides the seeded codes, so that one credential is restored beside the two that are not.
  auto holder = db().read()->scalar("SELECT MIN(a.person_id) FROM access_credentials a WHERE a.id IN (" +
                                    std::to_string(*credentials_under(observed, "active").begin()) + ")");
  auto card = commissioner->post("/api/v1/access/credentials", json{{"compound_id", compound()},
                                                                    {"person_id", holder},
                                                                    {"kind", "card"},
                                                                    {"card_number", "EPI1"},
                                                                    {"valid_from", day(0)},
                                                                    {"valid_to", day(365)}});
  ASSERT_EQ(card.status, 201) << card.body;
  auto living_there = credentials_under(observed, "active");
  ASSERT_GE(living_there.size(), 3u);
  auto it = living_there.begin();
  std::int64_t by_hand = *it++, revoked_meanwhile = *it++;
  ASSERT_EQ(commissioner->post(credential_path(by_hand, "suspend"), json{{"reason", "卡片挂失"}}).status, 200);

  std::int64_t id = declare(*commissioner, observation(observed));
  ASSERT_EQ(commissioner->post(credential_path(revoked_meanwhile, "revoke"), json{{"reason", "迁出"}}).status, 200);

  auto lifted = lift(*commissioner, id);
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(lifted.json()["state"], "ended");
  std::set<std::int64_t> restored = living_there;
  restored.erase(by_hand);
  restored.erase(revoked_meanwhile);
  EXPECT_EQ(credentials_under(observed, "active"), restored);
  EXPECT_EQ(credentials_under(observed, "suspended"), std::set<std::int64_t>{by_hand}) << "suspended by hand stays";
  EXPECT_EQ(credentials_under(observed, "revoked").count(revoked_meanwhile), 1u) << "revoked meanwhile stays";
  EXPECT_EQ(lift(*commissioner, id).status, 409);
}

TEST_F(EpidemicTest, OverlappingObservationsRestoreOnlyWhenTheLastEnds) {
  auto commissioner = signed_in("commissioner");
  std::int64_t whole = building(), unit = unit_of(whole);
  auto in_unit = credentials_under(unit, "active");
  auto in_building = credentials_under(whole, "active");
  ASSERT_FALSE(in_unit.empty());
  std::int64_t first = declare(*commissioner, observation(whole));
  auto second = commissioner->post(kObservations, observation(unit));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["credentials_suspended"], in_unit.size()) << "held by both, suspended once";

  ASSERT_EQ(lift(*commissioner, first).status, 200);
  EXPECT_EQ(credentials_under(unit, "suspended"), in_unit) << "the unit's observation still runs";
  std::set<std::int64_t> rest;
  for (auto id : in_building) {
    if (!in_unit.count(id)) rest.insert(id);
  }
  for (auto id : rest) EXPECT_EQ(credentials_under(whole, "active").count(id), 1u) << id;
  std::int64_t second_id = second.json()["id"];
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM access_credentials WHERE suspended_by_id = ? "
                                "AND suspended_by_kind = 'observation'",
                                {second_id}),
            static_cast<std::int64_t>(in_unit.size()));

  ASSERT_EQ(lift(*commissioner, second_id).status, 200);
  EXPECT_EQ(credentials_under(whole, "active"), in_building);
}

TEST_F(EpidemicTest, TheCompoundsAccessFiguresCountItsRunningObservations) {
  auto commissioner = signed_in("commissioner");
  std::string stats = "/api/v1/stats/access?compound=" + std::to_string(compound());
  EXPECT_EQ(commissioner->get(stats).json()["observations_active"], 0);
  std::int64_t whole = building();
  std::int64_t first = declare(*commissioner, observation(whole));
  declare(*commissioner, observation(unit_of(whole)));
  declare(*commissioner, observation(whole, day(1), day(3)));
  EXPECT_EQ(commissioner->get(stats).json()["observations_active"], 2) << "a planned one is not running yet";
  ASSERT_EQ(lift(*commissioner, first).status, 200);
  EXPECT_EQ(commissioner->get(stats).json()["observations_active"], 1);
}

TEST_F(EpidemicTest, TheStaffNamedKeepTheirAccess) {
  // The demo resident lives in the compound and, here, also works on it as a grid member.
  std::int64_t resident = user_id("resident");
  db().write([&](weizhi::store::Tx& tx) { weizhi::auth::assign_role(tx, resident, "grid_member", compound()); });
  auto person = db().read()->query_one("SELECT person_id FROM users WHERE id = ?", {resident});
  ASSERT_TRUE(person && !person->is_null(0));
  auto home = db().read()->query_one(
      "SELECT n.parent_id FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id WHERE l.person_id = ?",
      {person->i64(0)});
  ASSERT_TRUE(home);
  std::int64_t unit = home->i64(0);
  auto own = db().read()->query("SELECT id FROM access_credentials WHERE person_id = ? AND state = 'active'",
                                {person->i64(0)});
  ASSERT_FALSE(own.empty());
  auto living_there = credentials_under(unit, "active");

  json body = observation(unit);
  body["staff_user_ids"] = json::array({resident});
  auto reply = signed_in("commissioner")->post(kObservations, body);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["credentials_suspended"], living_there.size() - own.size());
  ASSERT_EQ(reply.json()["staff"].size(), 1u);
  EXPECT_EQ(reply.json()["staff"][0]["user_id"], resident);
  EXPECT_EQ(reply.json()["staff"][0]["display_name"], "居民（演示）");
  for (const auto& row : own) EXPECT_EQ(credentials_under(unit, "active").count(row.i64(0)), 1u);
}

TEST_F(EpidemicTest, TheDailyJobStartsAPlannedObservationAndEndsOneWhoseLastDayHasPassed) {
  auto commissioner = signed_in("commissioner");
  std::int64_t observed = building();
  auto living_there = credentials_under(observed, "active");
  auto planned = commissioner->post(kObservations, observation(observed, day(1), day(2)));
  ASSERT_EQ(planned.status, 201) << planned.body;
  EXPECT_EQ(planned.json()["state"], "planned");
  EXPECT_EQ(planned.json()["credentials_suspended"], 0);
  EXPECT_EQ(credentials_under(observed, "suspended").size(), 0u);

  weizhi::testing::ManualClock clock;
  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24));
  ASSERT_TRUE(run_job("epidemic.observations.lifecycle", clock));
  EXPECT_EQ(credentials_under(observed, "suspended"), living_there);
  std::string path = kObservations + "/" + std::to_string(planned.json()["id"].get<std::int64_t>());
  EXPECT_EQ(commissioner->get(path).json()["state"], "active");

  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24 * 3));
  ASSERT_TRUE(run_job("epidemic.observations.lifecycle", clock));
  EXPECT_EQ(commissioner->get(path).json()["state"], "ended");
  EXPECT_EQ(credentials_under(observed, "active"), living_there);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'epidemic.observation.end' "
                                "AND actor = 'system'"),
            1);
}

TEST_F(EpidemicTest, AnExtendedObservationKeepsItsCredentialsSuspendedUntilItsNewLastDayHasPassed) {
  auto commissioner = signed_in("commissioner");
  std::int64_t observed = building();
  auto living_there = credentials_under(observed, "active");
  std::int64_t id = declare(*commissioner, observation(observed, day(0), day(2)));

  auto extended = change(*commissioner, id, day(5), "复核发现新的密切接触者");
  ASSERT_EQ(extended.status, 200) << extended.body;
  json moved = extended.json();
  EXPECT_EQ(moved["ends_on"], day(5));
  EXPECT_EQ(moved["state"], "active");
  ASSERT_EQ(moved["changes"].size(), 1u);
  EXPECT_EQ(moved["changes"][0]["from_ends_on"], day(2));
  EXPECT_EQ(moved["changes"][0]["ends_on"], day(5));
  EXPECT_EQ(moved["changes"][0]["reason"], "复核发现新的密切接触者");
  EXPECT_FALSE(moved["changes"][0]["changed_by"].get<std::string>().empty());
  EXPECT_EQ(credentials_under(observed, "suspended"), living_there) << "nothing restored by a change";
  auto audited = db().read()->query_one(
      "SELECT summary FROM audit_log WHERE action = 'epidemic.observation.change' AND entity = ?",
      {"epidemic_observation:" + std::to_string(id)});
  ASSERT_TRUE(audited);
  json summary = json::parse(audited->text(0));
  EXPECT_EQ(summary["change"], "extend");
  EXPECT_EQ(summary["from_ends_on"], day(2));
  EXPECT_EQ(summary["ends_on"], day(5));

  weizhi::testing::ManualClock clock;
  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24 * 3));
  ASSERT_TRUE(run_job("epidemic.observations.lifecycle", clock));
  std::string path = kObservations + "/" + std::to_string(id);
  EXPECT_EQ(commissioner->get(path).json()["state"], "active") << "the old last day has passed, the new one not";
  EXPECT_EQ(credentials_under(observed, "suspended"), living_there);

  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24 * 6));
  ASSERT_TRUE(run_job("epidemic.observations.lifecycle", clock));
  EXPECT_EQ(commissioner->get(path).json()["state"], "ended");
  EXPECT_EQ(credentials_under(observed, "active"), living_there);
}

TEST_F(EpidemicTest, AnObservationShortenedToTodayIsEndedByTheDailyJobTomorrowAsALiftWould) {
  auto commissioner = signed_in("commissioner");
  std::int64_t observed = building();
  auto living_there = credentials_under(observed, "active");
  std::int64_t id = declare(*commissioner, observation(observed));
  auto shortened = change(*commissioner, id, day(0), "提前解除");
  ASSERT_EQ(shortened.status, 200) << shortened.body;
  EXPECT_EQ(shortened.json()["state"], "active") << "today is still observed";
  EXPECT_EQ(credentials_under(observed, "suspended"), living_there);

  weizhi::testing::ManualClock clock;
  clock.set(std::chrono::system_clock::now() + std::chrono::hours(24));
  ASSERT_TRUE(run_job("epidemic.observations.lifecycle", clock));
  EXPECT_EQ(commissioner->get(kObservations + "/" + std::to_string(id)).json()["state"], "ended");
  EXPECT_EQ(credentials_under(observed, "active"), living_there);
  auto ended =
      db().read()->query_one("SELECT summary FROM audit_log WHERE action = 'epidemic.observation.end' AND entity = ?",
                             {"epidemic_observation:" + std::to_string(id)});
  ASSERT_TRUE(ended);
  EXPECT_EQ(json::parse(ended->text(0))["restored"], living_there.size());
}

TEST_F(EpidemicTest, APlannedObservationIsShortenedButNotBeforeItsFirstDay) {
  auto commissioner = signed_in("commissioner");
  std::int64_t id = declare(*commissioner, observation(building(), day(2), day(9)));
  auto before_first = change(*commissioner, id, day(1));
  EXPECT_EQ(before_first.status, 400);
  EXPECT_EQ(before_first.error_field(), "ends_on");
  auto shortened = change(*commissioner, id, day(2));
  ASSERT_EQ(shortened.status, 200) << shortened.body;
  EXPECT_EQ(shortened.json()["state"], "planned");
  EXPECT_EQ(shortened.json()["ends_on"], day(2));
}

TEST_F(EpidemicTest, ALastDayIsNotMovedOnceEndedNorToThePastNorToTheSameDay) {
  auto commissioner = signed_in("commissioner");
  std::int64_t id = declare(*commissioner, observation(building()));
  auto past = change(*commissioner, id, day(-1));
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(past.error_field(), "ends_on");
  auto same = change(*commissioner, id, day(13));
  EXPECT_EQ(same.status, 409);
  EXPECT_EQ(same.error_field(), "ends_on");
  auto no_reason = change(*commissioner, id, day(20), " ");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.error_field(), "reason");
  auto not_a_date = change(*commissioner, id, "下周五");
  EXPECT_EQ(not_a_date.status, 400);
  EXPECT_EQ(not_a_date.error_field(), "ends_on");

  ASSERT_EQ(lift(*commissioner, id).status, 200);
  auto lifted = change(*commissioner, id, day(20));
  EXPECT_EQ(lifted.status, 409);
  EXPECT_EQ(lifted.error_field(), "state");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM epidemic_observation_changes"), 0) << "nothing half-written";
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'epidemic.observation.change'"), 0);
}

TEST_F(EpidemicTest, TheCompoundsGroupRobotsAreToldOfAChangeWithTheDatesAndNoPerson) {
  auto robot = signed_in("admin")->send(
      "PUT", "/api/v1/notification-webhooks/" + std::to_string(node("desheng")),
      json{{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=epidemic-change"}, {"enabled", true}}.dump());
  ASSERT_EQ(robot.status, 200) << robot.body;
  auto commissioner = signed_in("commissioner");
  std::int64_t observed = building();
  std::int64_t id = declare(*commissioner, observation(observed));
  ASSERT_EQ(change(*commissioner, id, day(20), "复核发现新的密切接触者").status, 200);
  auto told =
      db().read()->query_one("SELECT content FROM notification_deliveries WHERE kind = 'epidemic.observation.changed'");
  ASSERT_TRUE(told) << "德胜社区's robot is told";
  std::string content = told->text(0);
  std::string building_name = db().read()->query_one("SELECT name FROM org_nodes WHERE id = ?", {observed})->text(0);
  EXPECT_NE(content.find(building_name), std::string::npos) << content;
  EXPECT_NE(content.find(day(13)), std::string::npos) << content;
  EXPECT_NE(content.find(day(20)), std::string::npos) << content;
  EXPECT_NE(content.find("延长"), std::string::npos) << content;
  EXPECT_EQ(content.find("居民（演示）"), std::string::npos);
  EXPECT_EQ(content.find("密切接触者"), std::string::npos) << "the reason stays with the staff";
}

TEST_F(EpidemicTest, TheCompoundsObservationsAreListedForThoseWorkingOnIt) {
  auto commissioner = signed_in("commissioner");
  std::int64_t id = declare(*commissioner, observation(building()));
  auto listed = signed_in("grid")->get(kObservations + "?compound=" + std::to_string(compound()));
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], id);
  EXPECT_EQ(items[0]["compound"]["id"], compound());
}

TEST_F(EpidemicTest, HostileCallersAreRefused) {
  auto commissioner = signed_in("commissioner");
  std::int64_t id = declare(*commissioner, observation(building()));
  std::string path = kObservations + "/" + std::to_string(id);

  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->post(kObservations, observation(building())).status, 401);
  EXPECT_EQ(anonymous->get(path).status, 401);
  EXPECT_EQ(anonymous->post(path + "/lift", std::string()).status, 401);
  EXPECT_EQ(change(*anonymous, id, day(20)).status, 401);

  // Another street's building is as missing.
  std::int64_t far_building = db().write([&](weizhi::store::Tx& tx) {
    namespace org = weizhi::org;
    auto street = org::insert_node(tx, std::nullopt, org::NodeKind::Street, "湖墅街道", "epidemic-far");
    auto community = org::create_community(tx, street, "湖墅社区", "epidemic-far-community");
    auto far = org::create_compound(tx, community, "湖墅小区", "epidemic-far-compound");
    return org::create_building(tx, far, {"1幢", 6, false}).id;
  });
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->post(kObservations, observation(far_building)).status, 404);
  EXPECT_EQ(admin->post(kObservations, observation(999999999)).status, 404);

  // Another compound's staff see no observation here.
  another_compounds_commissioner("epidemic-cuiyu");
  auto cuiyu = signed_in("epidemic-cuiyu");
  EXPECT_EQ(cuiyu->get(path).status, 404);
  EXPECT_EQ(cuiyu->post(path + "/lift", std::string()).status, 404);
  EXPECT_EQ(change(*cuiyu, id, day(20)).status, 404);
  EXPECT_EQ(cuiyu->get(kObservations + "?compound=" + std::to_string(compound())).status, 404);
  EXPECT_EQ(cuiyu->post(kObservations, observation(building())).status, 404);

  // Reading is not declaring.
  EXPECT_EQ(signed_in("grid")->post(kObservations, observation(building())).status, 403);
  EXPECT_EQ(change(*signed_in("grid"), id, day(20)).status, 403);

  EXPECT_EQ(commissioner->post(kObservations, observation(compound())).error_field(), "node_id");
  EXPECT_EQ(commissioner->post(kObservations, observation(compound())).status, 422);
  auto backwards = commissioner->post(kObservations, observation(building(), day(5), day(2)));
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(backwards.error_field(), "ends_on");
  json odd = observation(building());
  odd["node_id"] = std::to_string(building());
  EXPECT_EQ(commissioner->post(kObservations, odd).status, 400);
  odd = observation(building());
  odd["staff_user_ids"] = "grid";
  EXPECT_EQ(commissioner->post(kObservations, odd).error_field(), "staff_user_ids");
  odd["staff_user_ids"] = json::array({user_id("resident")});
  auto not_staff = commissioner->post(kObservations, odd);
  EXPECT_EQ(not_staff.status, 422);
  EXPECT_EQ(not_staff.error_field(), "staff_user_ids[0]");
  odd = observation(building());
  odd["color"] = "red";
  EXPECT_EQ(commissioner->post(kObservations, odd).status, 400);
  EXPECT_EQ(commissioner->post(kObservations, std::string("{\"node_id\": 1,")).status, 400);
  json oversize = observation(building());
  oversize["reason"] = std::string(2 * 1024 * 1024, 'x');
  EXPECT_EQ(commissioner->post(kObservations, oversize).status, 413);
  EXPECT_EQ(commissioner->post(path + "/lift", json{{"now", true}}).status, 400);
  EXPECT_EQ(commissioner->get(kObservations + "/%31%32abc").status, 404);

  // A change of the last day: odd and oversize bodies.
  EXPECT_EQ(commissioner->send("PATCH", path, json{{"ends_on", day(20)}, {"reason", "复核"}, {"state", "ended"}}.dump())
                .status,
            400);
  auto numeric = commissioner->send("PATCH", path, json{{"ends_on", 20261231}, {"reason", "复核"}}.dump());
  EXPECT_EQ(numeric.status, 400);
  EXPECT_EQ(numeric.error_field(), "ends_on");
  EXPECT_EQ(commissioner->send("PATCH", path, std::string("[\"ends_on\"]")).status, 400);
  EXPECT_EQ(commissioner
                ->send("PATCH", path, json{{"ends_on", day(20)}, {"reason", std::string(2 * 1024 * 1024, 'x')}}.dump())
                .status,
            413);
  EXPECT_EQ(commissioner->send("PATCH", kObservations + "/%31%32abc", json{{"ends_on", day(20)}}.dump()).status, 404);
  EXPECT_EQ(commissioner->get(path).json()["ends_on"], day(13)) << "nothing changed by a refused body";
}
