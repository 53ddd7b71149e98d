// Events with sign-ups over HTTP on the Test seed: staff publish events of their scope at venues that
// are open and free; residents living there sign up, wait in line when it is full and move up in order
// when a place frees; 200 sign-ups at once never overbook 50 places; check-in on the day by list or
// code; what another street holds is not found; anonymous callers are refused.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "app/app.hpp"
#include "auth/accounts.hpp"
#include "auth/sessions.hpp"
#include "core/time.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/people/people.hpp"
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
constexpr std::chrono::minutes kHour{60};
constexpr std::chrono::minutes kDay{24 * 60};

}  // namespace

class EngagementEventsTest : public ApiTest {
 protected:
  struct Resident {
    std::int64_t person_id;
    std::string token;
    std::unique_ptr<HttpClient> client;
  };

  // `count` new residents of the compound, each with an account signed in by an API token.
  std::vector<Resident> residents(std::size_t count, const std::string& compound = "desheng-xincun",
                                  bool party_members = false) {
    static int made = 0;
    std::vector<std::pair<std::int64_t, std::string>> created = db().write([&](weizhi::store::Tx& tx) {
      std::vector<std::pair<std::int64_t, std::string>> list;
      for (std::size_t i = 0; i < count; ++i) {
        weizhi::people::PersonInput input{node(compound), "报名居民" + std::to_string(made)};
        input.party_member = party_members;
        std::int64_t person = weizhi::people::create_person(tx, data_key(), input);
        std::int64_t user = weizhi::auth::create_user(tx, "ev-resident-" + std::to_string(made++), "报名居民", "!");
        tx.exec("UPDATE users SET person_id = ? WHERE id = ?", {person, user});
        list.emplace_back(person, weizhi::auth::create_api_token(tx, user, "h5"));
      }
      return list;
    });
    std::vector<Resident> people;
    for (const auto& [person, token] : created) {
      auto client = anonymous();
      client->set_bearer(token);
      people.push_back({person, token, std::move(client)});
    }
    return people;
  }

  json event_body(const std::string& node_code, std::int64_t capacity) {
    return {{"title", "加装电梯百姓圆桌会"},
            {"kind", "roundtable"},
            {"node_id", node(node_code)},
            {"starts_at", from_now(2 * kDay)},
            {"ends_at", from_now(2 * kDay + kHour)},
            {"capacity", capacity}};
  }

  json create_event(HttpClient& client, const json& body) {
    auto reply = client.post("/api/v1/events", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  // An event of 德胜新村 happening now (the street's today), sign-ups open.
  json event_today(HttpClient& client, std::int64_t capacity) {
    json body = event_body("desheng-xincun", capacity);
    body["starts_at"] = from_now(std::chrono::minutes(0));
    body["ends_at"] = from_now(2 * kHour);
    body["signup_opens_at"] = from_now(-kHour);
    body["signup_closes_at"] = from_now(2 * kHour);
    return create_event(client, body);
  }

  static std::string path(const json& event, const std::string& tail = "") {
    return "/api/v1/events/" + std::to_string(event["id"].get<std::int64_t>()) + tail;
  }

  json venue(HttpClient& client, const std::string& node_code, const std::string& opens = "08:00",
             const std::string& closes = "21:00") {
    auto reply = client.post("/api/v1/venues", json{{"node_id", node(node_code)},
                                                    {"name", "居民活动室"},
                                                    {"address", "2 幢底层"},
                                                    {"opens_at", opens},
                                                    {"closes_at", closes}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  // Street time of day `hour`:00, `days` from today, as ISO-8601 with the street's offset.
  static std::string street_at(int days, int hour) {
    std::string day = weizhi::street_date(std::chrono::system_clock::now() + std::chrono::days(days));
    return day + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00+08:00";
  }

  static constexpr std::size_t kRacers = 200;

  // Each client signs its resident up to the event at the same moment; the answers, in client order.
  std::vector<json> race(const json& event, const std::vector<HttpClient*>& clients) {
    std::vector<json> answers(clients.size());
    std::atomic<std::size_t> ready = 0;
    std::vector<std::thread> racers;
    for (std::size_t i = 0; i < clients.size(); ++i) {
      racers.emplace_back([&, i] {
        ++ready;
        while (ready < clients.size()) std::this_thread::yield();
        Reply reply = clients[i]->post(path(event, "/signups"), json::object());
        answers[i] = reply.status == 201 ? reply.json() : json{{"status_code", reply.status}, {"body", reply.body}};
      });
    }
    for (auto& racer : racers) racer.join();
    return answers;
  }

  // Exactly `places` confirmed, the first to commit; the rest waiting at places 1…N in the order of commit
  // (their sign-up ids), none missing or repeated.
  static void expect_places_then_line(const std::vector<json>& answers, std::size_t places) {
    std::vector<json> confirmed, waiting;
    for (const auto& answer : answers) {
      ASSERT_TRUE(answer.contains("id")) << answer.dump();
      (answer["status"] == "confirmed" ? confirmed : waiting).push_back(answer);
    }
    ASSERT_EQ(confirmed.size(), places);
    ASSERT_EQ(waiting.size(), answers.size() - places);
    auto by_id = [](const json& a, const json& b) { return a["id"].get<std::int64_t>() < b["id"].get<std::int64_t>(); };
    std::sort(waiting.begin(), waiting.end(), by_id);
    for (std::size_t i = 0; i < waiting.size(); ++i)
      EXPECT_EQ(waiting[i]["position"], static_cast<std::int64_t>(i + 1)) << "the line follows the order of commit";
    std::int64_t last_confirmed = std::max_element(confirmed.begin(), confirmed.end(), by_id)->at("id");
    EXPECT_LT(last_confirmed, waiting.front()["id"].get<std::int64_t>()) << "the first to arrive took the places";
  }
};

TEST_F(EngagementEventsTest, StaffPublishAnEventThatResidentsLivingThereSeeAndJoin) {
  auto commissioner = signed_in("commissioner");
  json event = create_event(*commissioner, event_body("desheng-xincun", 20));
  EXPECT_EQ(event["kind_name"], "百姓圆桌会");
  EXPECT_EQ(event["confirmed"], 0);
  EXPECT_EQ(event["places_left"], 20);
  EXPECT_EQ(event["signup_closes_at"], event["starts_at"]) << "sign-ups close when it starts by default";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement.event.create'"), 1);

  auto resident = signed_in("resident");
  auto mine = resident->get("/api/v1/me/events").json();
  auto offered = std::find_if(mine["items"].begin(), mine["items"].end(),
                              [&](const json& item) { return item["id"] == event["id"]; });
  ASSERT_NE(offered, mine["items"].end()) << mine.dump();
  EXPECT_TRUE((*offered)["my_signup"].is_null());
  auto joined = resident->post(path(event, "/signups"), json::object());
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["status"], "confirmed");
  EXPECT_TRUE(joined.json()["position"].is_null());
  EXPECT_EQ(joined.json()["code"].get<std::string>().size(), 10u);
  auto again = resident->post(path(event, "/signups"), json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "person_id");

  auto shown = resident->get(path(event)).json();
  EXPECT_EQ(shown["confirmed"], 1);
  EXPECT_EQ(shown["my_signup"]["id"], joined.json()["id"]);
  auto listed = commissioner
                    ->get("/api/v1/events?node=" + std::to_string(node("desheng-xincun")) + "&from=" + from_now(kDay) +
                          "&to=" + from_now(3 * kDay))
                    .json();
  ASSERT_EQ(listed["items"].size(), 1u) << "the seeded events of the compound come before";
  EXPECT_EQ(listed["items"][0]["id"], event["id"]);
  auto signups = commissioner->get(path(event, "/signups")).json();
  ASSERT_EQ(signups["items"].size(), 1u);
  EXPECT_NE(signups["items"][0]["name"].get<std::string>().find('*'), std::string::npos) << "names masked";
  EXPECT_FALSE(signups["items"][0].contains("code")) << "staff check in by name, not by the attendee's code";

  // A resident of another compound neither sees it nor joins it.
  auto outsider = residents(1, "c-deshengba");
  EXPECT_EQ(outsider[0].client->get(path(event)).status, 404);
  EXPECT_EQ(outsider[0].client->post(path(event, "/signups"), json::object()).status, 404);
  json offered_elsewhere = outsider[0].client->get("/api/v1/me/events").json();
  for (const auto& item : offered_elsewhere["items"]) EXPECT_NE(item["id"], event["id"]);
}

TEST_F(EngagementEventsTest, TwoHundredSignUpsAtOnceFillFiftyPlacesAndQueueTheRestInOrderOfArrival) {
  auto commissioner = signed_in("commissioner");
  json event = create_event(*commissioner, event_body("desheng-xincun", 50));
  auto people = residents(kRacers);
  std::vector<HttpClient*> clients;
  for (auto& resident : people) clients.push_back(resident.client.get());
  expect_places_then_line(race(event, clients), 50);
  auto shown = commissioner->get(path(event)).json();
  EXPECT_EQ(shown["confirmed"], 50);
  EXPECT_EQ(shown["waiting"], 150);
  EXPECT_EQ(shown["places_left"], 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_signups WHERE event_id = ? AND status = 'confirmed'",
                  {shown["id"].get<std::int64_t>()}),
            50);
}

TEST_F(EngagementEventsTest, TwoInstancesOnOnePostgresDatabaseNeverOverbookEither) {
  if (!on_postgres()) GTEST_SKIP() << "several instances share a database on PostgreSQL";
  weizhi::app::Application second(settings_, clock_);
  second.start();
  std::string second_url = "http://127.0.0.1:" + std::to_string(second.port());
  auto commissioner = signed_in("commissioner");
  json event = create_event(*commissioner, event_body("desheng-xincun", 50));
  auto people = residents(kRacers);
  // Every other resident signs up through the second instance, on its own connections and writer.
  std::vector<std::unique_ptr<HttpClient>> elsewhere;
  std::vector<HttpClient*> clients;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i % 2 == 0) {
      clients.push_back(people[i].client.get());
      continue;
    }
    elsewhere.push_back(std::make_unique<HttpClient>(second_url));
    elsewhere.back()->set_bearer(people[i].token);
    clients.push_back(elsewhere.back().get());
  }
  expect_places_then_line(race(event, clients), 50);
  second.stop();
}

TEST_F(EngagementEventsTest, CancellingAPlaceMovesTheFirstInLineUpAndTellsThem) {
  auto commissioner = signed_in("commissioner");
  json event = create_event(*commissioner, event_body("desheng-xincun", 2));
  auto people = residents(4);
  std::vector<json> signups;
  for (auto& resident : people)
    signups.push_back(resident.client->post(path(event, "/signups"), json::object()).json());
  EXPECT_EQ(signups[2]["status"], "waiting");
  EXPECT_EQ(signups[2]["position"], 1);
  EXPECT_EQ(signups[3]["position"], 2);

  auto cancelled =
      people[0].client->del(path(event, "/signups/" + std::to_string(signups[0]["id"].get<std::int64_t>())));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  EXPECT_EQ(cancelled.json()["promoted"], json::array({signups[2]["id"]}));
  auto third = people[2].client->get(path(event)).json()["my_signup"];
  EXPECT_EQ(third["status"], "confirmed");
  EXPECT_FALSE(third["promoted_at"].is_null());
  EXPECT_EQ(people[3].client->get(path(event)).json()["my_signup"]["position"], 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.person_id = ? AND "
                  "n.kind = 'engagement.promoted'",
                  {people[2].person_id}),
            1);

  // Someone else's sign-up is not the resident's to cancel; staff may cancel it.
  std::string fourth = path(event, "/signups/" + std::to_string(signups[3]["id"].get<std::int64_t>()));
  EXPECT_EQ(people[1].client->del(fourth).status, 404);
  EXPECT_EQ(commissioner->del(fourth).status, 200);
  EXPECT_EQ(commissioner->del(fourth).status, 409) << "cancelled already";
  // A cancelled person may sign up again, at the back of the line.
  auto back = people[0].client->post(path(event, "/signups"), json::object());
  ASSERT_EQ(back.status, 201) << back.body;
  EXPECT_EQ(back.json()["status"], "waiting");
  EXPECT_EQ(back.json()["position"], 1);
}

TEST_F(EngagementEventsTest, CallingOffAnEventTellsEveryoneSignedUpClosesSignUpsAndFreesTheVenue) {
  auto commissioner = signed_in("commissioner");
  json room = venue(*commissioner, "desheng-xincun");
  json body = event_body("desheng-xincun", 2);
  body["venue_id"] = room["id"];
  body["starts_at"] = street_at(2, 10);
  body["ends_at"] = street_at(2, 11);
  json event = create_event(*commissioner, body);
  auto people = residents(3);
  for (auto& resident : people) resident.client->post(path(event, "/signups"), json::object());

  auto grid_elsewhere = signed_in("resident");
  EXPECT_EQ(grid_elsewhere->post(path(event, "/cancel"), json{{"reason", "改期"}}).status, 404)
      << "a resident may see the event but not call it off";
  auto blank = commissioner->post(path(event, "/cancel"), json{{"reason", " "}});
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.error_field(), "reason");
  auto cancelled = commissioner->post(path(event, "/cancel"), json{{"reason", "台风预警，活动改期"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["state"], "cancelled");
  EXPECT_EQ(cancelled.json()["cancel_reason"], "台风预警，活动改期");
  EXPECT_EQ(cancelled.json()["told"], 3) << "two confirmed and one waiting";
  EXPECT_EQ(cancelled.json()["confirmed"], 0);
  EXPECT_EQ(cancelled.json()["waiting"], 0);
  for (const auto& resident : people) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.person_id = ? "
                    "AND n.kind = 'engagement.cancelled'",
                    {resident.person_id}),
              1);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement.event.cancel'"), 1);

  auto again = commissioner->post(path(event, "/cancel"), json{{"reason", "再次取消"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "state");
  auto late = people[0].client->post(path(event, "/signups"), json::object());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.error_field(), "signup");
  auto edited = commissioner->patch(path(event), json{{"capacity", 5}});
  EXPECT_EQ(edited.status, 409);
  EXPECT_EQ(edited.error_field(), "state");
  auto offered = people[0].client->get("/api/v1/me/events").json();
  for (const auto& item : offered["items"]) EXPECT_NE(item["id"], event["id"]) << "no longer offered";
  auto same_time = create_event(*commissioner, body);
  EXPECT_EQ(same_time["venue"]["id"], room["id"]) << "the venue is free again at that time";
}

TEST_F(EngagementEventsTest, SignUpsOutsideTheWindowAreRefusedNamingIt) {
  auto commissioner = signed_in("commissioner");
  json body = event_body("desheng-xincun", 10);
  body["signup_opens_at"] = from_now(kDay);
  json later = create_event(*commissioner, body);
  std::int64_t signups_before = count("SELECT COUNT(*) FROM event_signups");
  auto resident = signed_in("resident");
  auto early = resident->post(path(later, "/signups"), json::object());
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_field(), "signup");
  EXPECT_NE(early.json()["error"]["message"].get<std::string>().find("报名时间"), std::string::npos);
  body = event_body("desheng-xincun", 10);
  body["signup_opens_at"] = from_now(-2 * kHour);
  body["signup_closes_at"] = from_now(-kHour);
  json closed = create_event(*commissioner, body);
  EXPECT_EQ(resident->post(path(closed, "/signups"), json::object()).status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_signups"), signups_before);
}

TEST_F(EngagementEventsTest, StaffSignUpPeopleOfTheirScopeAndPartyEventsTakeOnlyPartyMembers) {
  auto commissioner = signed_in("commissioner");
  json body = event_body("desheng-xincun", 10);
  body["kind"] = "party_activity";
  body["audience"] = "party_members";
  json event = create_event(*commissioner, body);
  auto plain = residents(1);
  auto members = residents(1, "desheng-xincun", true);
  json offered = plain[0].client->get("/api/v1/me/events").json();
  for (const auto& item : offered["items"]) EXPECT_NE(item["id"], event["id"]) << "not offered to those it is not for";
  auto refused = commissioner->post(path(event, "/signups"), json{{"person_id", plain[0].person_id}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.error_field(), "person_id");
  auto member = commissioner->post(path(event, "/signups"), json{{"person_id", members[0].person_id}});
  ASSERT_EQ(member.status, 201) << member.body;
  EXPECT_EQ(members[0].client->get(path(event)).json()["my_signup"]["id"], member.json()["id"]);
  // A resident may not sign up someone else.
  EXPECT_EQ(plain[0].client->post(path(event, "/signups"), json{{"person_id", members[0].person_id}}).status, 404);
}

TEST_F(EngagementEventsTest, CheckInIsOnTheEventsDayForConfirmedSignUpsByListOrCode) {
  auto commissioner = signed_in("commissioner");
  json today = event_today(*commissioner, 1);
  auto people = residents(2);
  json first = people[0].client->post(path(today, "/signups"), json::object()).json();
  json second = people[1].client->post(path(today, "/signups"), json::object()).json();
  auto by_code = commissioner->post(path(today, "/check-ins"), json{{"code", first["code"]}});
  ASSERT_EQ(by_code.status, 201) << by_code.body;
  EXPECT_FALSE(by_code.json()["checked_in_at"].is_null());
  EXPECT_EQ(commissioner->post(path(today, "/check-ins"), json{{"signup_id", first["id"]}}).status, 409)
      << "checked in already";
  auto waiting = commissioner->post(path(today, "/check-ins"), json{{"signup_id", second["id"]}});
  EXPECT_EQ(waiting.status, 409);
  EXPECT_EQ(waiting.error_field(), "signup_id");
  EXPECT_EQ(commissioner->post(path(today, "/check-ins"), json{{"code", "0000000000"}}).status, 404);
  EXPECT_EQ(commissioner->post(path(today, "/check-ins"), json::object()).status, 400);
  EXPECT_EQ(people[0].client->post(path(today, "/check-ins"), json{{"code", first["code"]}}).status, 404)
      << "residents do not check themselves in";
  EXPECT_EQ(commissioner->get(path(today)).json()["checked_in"], 1);

  json tomorrow = create_event(*commissioner, event_body("desheng-xincun", 5));
  json early = people[0].client->post(path(tomorrow, "/signups"), json::object()).json();
  auto refused = commissioner->post(path(tomorrow, "/check-ins"), json{{"signup_id", early["id"]}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_field(), "event");

  auto todays = commissioner->get("/api/v1/me/today").json();
  bool listed = false;
  for (const auto& item : todays["items"]) listed = listed || item["kind"] == "engagement.event_today";
  EXPECT_TRUE(listed) << todays.dump();
}

TEST_F(EngagementEventsTest, AVenueTakesOneEventAtATimeWithinItsOpeningHours) {
  auto secretary = signed_in("secretary");
  json room = venue(*secretary, "desheng-xincun", "08:00", "21:00");
  EXPECT_EQ(secretary->get("/api/v1/venues/" + std::to_string(room["id"].get<std::int64_t>())).status, 200);
  json body = event_body("desheng-xincun", 30);
  body["venue_id"] = room["id"];
  body["starts_at"] = street_at(3, 19);
  body["ends_at"] = street_at(3, 20);
  json first = create_event(*secretary, body);
  EXPECT_EQ(first["venue"]["id"], room["id"]);
  json clash = body;
  clash["title"] = "党员活动日";
  clash["starts_at"] = street_at(3, 19);
  clash["ends_at"] = street_at(3, 21);
  auto refused = secretary->post("/api/v1/events", clash);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_field(), "venue_id");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("加装电梯百姓圆桌会"), std::string::npos);
  clash["starts_at"] = street_at(3, 20);
  EXPECT_EQ(secretary->post("/api/v1/events", clash).status, 201) << "one may begin as the other ends";
  json late = body;
  late["starts_at"] = street_at(4, 20);
  late["ends_at"] = street_at(4, 22);
  auto closed = secretary->post("/api/v1/events", late);
  EXPECT_EQ(closed.status, 422);
  EXPECT_EQ(closed.error_field(), "venue_id");
  // Moving the first event onto the second is a clash too.
  auto moved = secretary->patch(path(first), json{{"ends_at", street_at(3, 21)}});
  EXPECT_EQ(moved.status, 409);
  // The community's venues are offered to its compounds.
  auto listed = signed_in("commissioner")->get("/api/v1/venues?node=" + std::to_string(node("desheng-xincun"))).json();
  EXPECT_FALSE(listed["items"].empty());
}

TEST_F(EngagementEventsTest, RaisingTheCapacityMovesTheWaitingUpAndLoweringItBelowThePlacesTakenIsRefused) {
  auto commissioner = signed_in("commissioner");
  json event = create_event(*commissioner, event_body("desheng-xincun", 1));
  auto people = residents(3);
  for (auto& resident : people) resident.client->post(path(event, "/signups"), json::object());
  auto raised = commissioner->patch(path(event), json{{"capacity", 2}});
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_EQ(raised.json()["confirmed"], 2);
  EXPECT_EQ(raised.json()["waiting"], 1);
  auto lowered = commissioner->patch(path(event), json{{"capacity", 1}});
  EXPECT_EQ(lowered.status, 409);
  EXPECT_EQ(lowered.error_field(), "capacity");
}

TEST_F(EngagementEventsTest, BadInputIsRefusedNamingTheField) {
  auto commissioner = signed_in("commissioner");
  std::int64_t events_before = count("SELECT COUNT(*) FROM events");
  auto refused_field = [&](const std::string& key, const json& value) {
    json body = event_body("desheng-xincun", 10);
    body[key] = value;
    auto reply = commissioner->post("/api/v1/events", body);
    EXPECT_EQ(reply.status, 400) << key << " " << reply.body;
    return reply.error_field();
  };
  EXPECT_EQ(refused_field("capacity", 0), "capacity");
  EXPECT_EQ(refused_field("capacity", 10001), "capacity");
  EXPECT_EQ(refused_field("capacity", 1e30), "capacity");
  EXPECT_EQ(refused_field("capacity", "50"), "capacity");
  EXPECT_EQ(refused_field("kind", "party"), "kind");
  EXPECT_EQ(refused_field("title", ""), "title");
  EXPECT_EQ(refused_field("starts_at", "tomorrow"), "starts_at");
  EXPECT_EQ(refused_field("ends_at", from_now(kDay)), "ends_at");
  EXPECT_EQ(refused_field("venue_id", "x"), "venue_id");
  EXPECT_EQ(refused_field("surprise", 1), "surprise");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events"), events_before);
  auto huge = commissioner->post("/api/v1/events", std::string(3 * 1024 * 1024, ' '));
  EXPECT_EQ(huge.status, 413);
  auto venue_reply = commissioner->post(
      "/api/v1/venues",
      json{{"node_id", node("desheng-xincun")}, {"name", "活动室"}, {"opens_at", "25:00"}, {"closes_at", "21:00"}});
  EXPECT_EQ(venue_reply.status, 400);
  EXPECT_EQ(venue_reply.error_field(), "opens_at");
}

TEST_F(EngagementEventsTest, WhatAnotherStreetHoldsIsNotFoundAtEitherEnd) {
  auto far = weizhi::testing::other_street(db(), data_key());
  std::int64_t signups_before = count("SELECT COUNT(*) FROM event_signups");
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  json body = event_body("desheng-xincun", 10);
  body["node_id"] = far.compound;
  EXPECT_EQ(admin->post("/api/v1/events", body).status, 404) << "a node of another street";
  EXPECT_EQ(commissioner->get("/api/v1/events?node=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(
      admin
          ->post("/api/v1/venues",
                 json{{"node_id", far.compound}, {"name", "湖墅活动室"}, {"opens_at", "08:00"}, {"closes_at", "20:00"}})
          .status,
      404);
  std::int64_t far_venue = db().write([&](weizhi::store::Tx& tx) {
    return tx.scalar(
        "INSERT INTO venues (node_id, name, address, opens_at, closes_at, created_by_user_id, created_at) "
        "VALUES (?, '湖墅活动室', '', '08:00', '20:00', (SELECT id FROM users WHERE login = 'admin'), ?) RETURNING id",
        {far.compound, weizhi::iso_utc(std::chrono::system_clock::now())});
  });
  EXPECT_EQ(admin->get("/api/v1/venues/" + std::to_string(far_venue)).status, 404);
  body = event_body("desheng-xincun", 10);
  body["venue_id"] = far_venue;
  auto venue_reply = admin->post("/api/v1/events", body);
  EXPECT_EQ(venue_reply.status, 404) << "a venue of another street";
  EXPECT_EQ(venue_reply.error_field(), "venue_id");
  json event = create_event(*commissioner, event_body("desheng-xincun", 10));
  auto person_reply = commissioner->post(path(event, "/signups"), json{{"person_id", far.person}});
  EXPECT_EQ(person_reply.status, 404) << "a person of another street";
  EXPECT_EQ(person_reply.error_field(), "person_id");
  // Another compound's worker does not see the event.
  json other = create_event(*admin, event_body("c-deshengba", 10));
  EXPECT_EQ(commissioner->get(path(other)).status, 404);
  EXPECT_EQ(commissioner->get(path(other, "/signups")).status, 404);
  EXPECT_EQ(commissioner->post(path(other, "/check-ins"), json{{"signup_id", 1}}).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_signups"), signups_before);
}

TEST_F(EngagementEventsTest, AnonymousCallersAreRefusedAndOddIdsAreNotFound) {
  auto admin = signed_in("admin");
  json event = create_event(*admin, event_body("desheng-xincun", 10));
  std::int64_t signups_before = count("SELECT COUNT(*) FROM event_signups");
  weizhi::testing::expect_anonymous_refused(*anonymous(), {{"GET", "/api/v1/events"},
                                                           {"POST", "/api/v1/events"},
                                                           {"GET", path(event)},
                                                           {"PATCH", path(event)},
                                                           {"POST", path(event, "/cancel")},
                                                           {"GET", path(event, "/signups")},
                                                           {"POST", path(event, "/signups")},
                                                           {"DELETE", path(event, "/signups/1")},
                                                           {"POST", path(event, "/check-ins")},
                                                           {"GET", "/api/v1/me/events"},
                                                           {"GET", "/api/v1/venues"},
                                                           {"POST", "/api/v1/venues"},
                                                           {"GET", "/api/v1/venues/1"}});
  std::string id = std::to_string(event["id"].get<std::int64_t>());
  std::string escaped;
  for (char digit : id) escaped += "%3" + std::string(1, digit);
  EXPECT_EQ(admin->get("/api/v1/events/" + escaped).json()["id"], event["id"]) << "an escaped id is the same id";
  weizhi::testing::expect_odd_ids_not_found(*admin, "/api/v1/events");
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_signups"), signups_before);
}

TEST_F(EngagementEventsTest, TheMonthlyReportCountsEventsSignUpsAndAttendance) {
  auto commissioner = signed_in("commissioner");
  json today = event_today(*commissioner, 5);
  auto people = residents(2);
  json first = people[0].client->post(path(today, "/signups"), json::object()).json();
  people[1].client->post(path(today, "/signups"), json::object());
  commissioner->post(path(today, "/check-ins"), json{{"signup_id", first["id"]}});
  std::string month = weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7);
  auto admin = signed_in("admin");
  auto figures_now = [&] {
    auto report = admin->get("/api/v1/reports/monthly?format=json&node=" + std::to_string(node("desheng-xincun")) +
                             "&month=" + month);
    EXPECT_EQ(report.status, 200) << report.body;
    json body = report.json();
    std::map<std::string, json> figures;
    for (const auto& candidate : body["sections"]) {
      if (candidate["key"] != "engagement.events") continue;
      for (const auto& figure : candidate["figures"]) figures[figure["label"]] = figure["value"];
    }
    return figures;
  };
  auto figures = figures_now();
  ASSERT_FALSE(figures.empty()) << "the section engagement.events";
  EXPECT_GE(figures["举办活动"].get<std::int64_t>(), 1);
  EXPECT_GE(figures["报名成功"].get<std::int64_t>(), 2);
  EXPECT_GE(figures["签到参加"].get<std::int64_t>(), 1);
  json called_off = event_today(*commissioner, 5);
  ASSERT_EQ(commissioner->post(path(called_off, "/cancel"), json{{"reason", "改期"}}).status, 200);
  EXPECT_EQ(figures_now()["举办活动"], figures["举办活动"]) << "an event called off was not held";
}
