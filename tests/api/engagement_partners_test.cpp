// Partner units of the alliance over HTTP on the Test seed, on SQLite and PostgreSQL: the street admin adds
// 市水务集团 to 运河红盟 with a contact (masked), an agreement and resources sunk to compounds; the compound's
// commissioner sees them in one place; a partner's venue takes the events of the compounds it serves and no
// others; staff of the street read but do not manage; another street's unit, venue or node is not found;
// bad fields are refused naming them; anonymous callers are refused.
#include <string>

#include "support/engagement_api.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

namespace {

// Street time of day `hour`:00, `days` from today, with the street's offset.
std::string street_at(int days, int hour) {
  std::string day = weizhi::street_date(std::chrono::system_clock::now() + std::chrono::days(days));
  return day + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00+08:00";
}

}  // namespace

class EngagementPartnersTest : public ApiTest {
 protected:
  json create_unit(HttpClient& client, const std::string& name = "市水务集团") {
    auto reply = client.post(
        "/api/v1/partners",
        json{{"street_id", node("street")}, {"name", name}, {"kind", "state_enterprise"}, {"alliance", "运河红盟"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  static std::string path(const json& unit, const std::string& tail = "") {
    return "/api/v1/partners/" + std::to_string(unit["id"].get<std::int64_t>()) + tail;
  }

  // 泵站大厅 of 德胜社区, lent by the unit and sunk to 德胜新村 alone.
  json pump_hall(HttpClient& admin, const json& unit) {
    auto venue = admin.post("/api/v1/venues", json{{"node_id", node("desheng")},
                                                   {"name", "泵站大厅"},
                                                   {"address", "德胜路泵站"},
                                                   {"opens_at", "09:00"},
                                                   {"closes_at", "20:00"}});
    EXPECT_EQ(venue.status, 201) << venue.body;
    auto resource = admin.post(path(unit, "/resources"), json{{"kind", "venue"},
                                                              {"description", "泵站大厅，可容纳 80 人"},
                                                              {"venue_id", venue.json()["id"]},
                                                              {"serves", json::array({node("desheng-xincun")})}});
    EXPECT_EQ(resource.status, 201) << resource.body;
    return venue.json();
  }

  json event_at(const std::string& node_code, const json& venue) {
    return {{"title", "节水护水进小区"},
            {"kind", "party_activity"},
            {"node_id", node(node_code)},
            {"venue_id", venue["id"]},
            {"starts_at", street_at(3, 14)},
            {"ends_at", street_at(3, 16)},
            {"capacity", 60}};
  }
};

TEST_F(EngagementPartnersTest, TheStreetAddsAUnitWithContactsAgreementsAndResourcesSunkToCompounds) {
  auto admin = signed_in("admin");
  json unit = create_unit(*admin);
  EXPECT_EQ(unit["alliance"], "运河红盟");
  EXPECT_EQ(unit["kind"], "state_enterprise");
  auto contact = admin->post(path(unit, "/contacts"),
                             json{{"name", "钱水清"}, {"role", "党建办主任"}, {"phone", "139 0057 1102"}});
  ASSERT_EQ(contact.status, 201) << contact.body;
  EXPECT_EQ(contact.json()["name"], "钱*清");
  EXPECT_EQ(contact.json()["phone"], "139****1102");
  EXPECT_EQ(count("SELECT COUNT(*) FROM partner_contacts WHERE name_sealed LIKE '%钱%' OR phone_sealed LIKE '%1102%'"),
            0)
      << "sealed at rest";
  auto agreement = admin->post(path(unit, "/agreements"), json{{"title", "运河红盟党建共建协议"},
                                                               {"signed_on", "2026-03-01"},
                                                               {"valid_to", "2028-02-29"},
                                                               {"summary", "场地共享、志愿服务"}});
  ASSERT_EQ(agreement.status, 201) << agreement.body;
  json hall = pump_hall(*admin, unit);
  auto volunteers = admin->post(
      path(unit, "/resources"),
      json{{"kind", "volunteers"}, {"description", "供水抢修党员志愿队"}, {"serves", json::array({node("desheng")})}});
  ASSERT_EQ(volunteers.status, 201) << volunteers.body;

  auto page = admin->get(path(unit)).json();
  EXPECT_EQ(page["contacts"].size(), 1u);
  EXPECT_EQ(page["agreements"][0]["valid_to"], "2028-02-29");
  ASSERT_EQ(page["resources"].size(), 2u);
  EXPECT_EQ(page["resources"][0]["venue"]["id"], hall["id"]);
  EXPECT_EQ(
      admin->get("/api/v1/venues/" + std::to_string(hall["id"].get<std::int64_t>())).json()["partner_unit"]["name"],
      "市水务集团")
      << "the venue resource is the venue, linked to its unit";
  auto listed = admin->get("/api/v1/partners?alliance=%E8%BF%90%E6%B2%B3%E7%BA%A2%E7%9B%9F").json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["contacts"], 1);

  // The commissioner of 德胜新村 sees what is sunk to the compound and to the community above it.
  auto commissioner = signed_in("commissioner");
  auto sunk = commissioner->get("/api/v1/partners/resources?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(sunk.status, 200) << sunk.body;
  ASSERT_EQ(sunk.json()["items"].size(), 2u);
  EXPECT_EQ(sunk.json()["items"][0]["unit"]["name"], "市水务集团");
  EXPECT_EQ(sunk.json()["items"][0]["contacts"][0]["phone"], "139****1102");
  auto elsewhere = admin->get("/api/v1/partners/resources?compound=" + std::to_string(node("c-deshengba"))).json();
  EXPECT_EQ(elsewhere["items"].size(), 1u) << "another compound of the community gets the volunteers only";

  auto renamed = admin->patch(path(unit), json{{"name", "杭州市水务集团"}, {"alliance", nullptr}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_TRUE(renamed.json()["alliance"].is_null());
  for (const char* action :
       {"engagement.partner.create", "engagement.partner.contact.add", "engagement.partner.agreement.add",
        "engagement.partner.resource.add", "engagement.partner.update"}) {
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM audit_log WHERE action = '") + action + "'"), 1) << action;
  }
}

TEST_F(EngagementPartnersTest, APartnersVenueTakesEventsOfTheCompoundsItServesAndNoOthers) {
  auto admin = signed_in("admin");
  json hall = pump_hall(*admin, create_unit(*admin));
  auto commissioner = signed_in("commissioner");
  auto served = commissioner->post("/api/v1/events", event_at("desheng-xincun", hall));
  ASSERT_EQ(served.status, 201) << served.body;
  EXPECT_EQ(served.json()["venue"]["name"], "泵站大厅");
  auto venues = commissioner->get("/api/v1/venues?node=" + std::to_string(node("desheng-xincun"))).json();
  bool offered = false;
  for (const auto& venue : venues["items"]) offered = offered || venue["id"] == hall["id"];
  EXPECT_TRUE(offered) << "the compound's venue picker lists it";

  // 南七 lies in another community and the hall is not sunk there.
  json body = event_at("nan-qi", hall);
  body["starts_at"] = street_at(4, 14);
  body["ends_at"] = street_at(4, 16);
  auto refused = admin->post("/api/v1/events", body);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_field(), "venue_id");
  auto clash = admin->post("/api/v1/events", event_at("desheng-xincun", hall));
  EXPECT_EQ(clash.status, 409) << "booked already";
  EXPECT_EQ(clash.error_field(), "venue_id");
}

TEST_F(EngagementPartnersTest, StaffOfTheStreetReadButDoNotManageAndBadFieldsAreRefusedNamingThem) {
  auto admin = signed_in("admin");
  json unit = create_unit(*admin);
  auto supervisor = signed_in("supervisor");
  EXPECT_EQ(supervisor->get(path(unit)).status, 200) << "staff of the street read its units";
  EXPECT_EQ(
      supervisor
          ->post("/api/v1/partners", json{{"street_id", node("street")}, {"name", "市建委"}, {"kind", "government"}})
          .status,
      403);
  EXPECT_EQ(supervisor->patch(path(unit), json{{"name", "改名"}}).status, 403);
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(path(unit)).status, 404) << "a compound's staff read what is sunk to it instead";
  EXPECT_EQ(commissioner->patch(path(unit), json{{"name", "改名"}}).status, 404);

  auto field_of = [&](const std::string& target, const json& body) {
    auto reply = admin->post(target, body);
    EXPECT_EQ(reply.status / 100, 4) << target << " " << body.dump() << " " << reply.body;
    return reply.error_field();
  };
  json good{{"street_id", node("street")}, {"name", "市建委"}, {"kind", "government"}};
  EXPECT_EQ(
      field_of("/api/v1/partners", json{{"street_id", node("street")}, {"name", "市水务集团"}, {"kind", "other"}}),
      "name")
      << "a second unit of the name";
  json bad = good;
  bad["kind"] = "army";
  EXPECT_EQ(field_of("/api/v1/partners", bad), "kind");
  bad = good;
  bad["street_id"] = node("desheng");
  EXPECT_EQ(field_of("/api/v1/partners", bad), "street_id") << "a unit belongs to a street";
  bad = good;
  bad["name"] = std::string(51 * 3, 'a');
  EXPECT_EQ(field_of("/api/v1/partners", bad), "name");
  bad = good;
  bad["colour"] = "red";
  EXPECT_EQ(field_of("/api/v1/partners", bad), "colour");
  EXPECT_EQ(field_of(path(unit, "/contacts"), json{{"name", "钱水清"}, {"phone", "12345"}}), "phone");
  EXPECT_EQ(field_of(path(unit, "/agreements"), json{{"title", "协议"}, {"signed_on", "2026-13-01"}}), "signed_on");
  EXPECT_EQ(
      field_of(path(unit, "/resources"), json{{"kind", "land"}, {"description", "地"}, {"serves", json::array()}}),
      "kind");
  EXPECT_EQ(field_of(path(unit, "/resources"),
                     json{{"kind", "funds"}, {"description", "共建经费"}, {"serves", json::array({"desheng"})}}),
            "serves[0]");
  EXPECT_EQ(field_of(path(unit, "/resources"), json{{"kind", "funds"},
                                                    {"description", "共建经费"},
                                                    {"serves", json::array({node("desheng-xincun"), 99999})}}),
            "serves[1]");
  EXPECT_EQ(field_of(path(unit, "/resources"),
                     json{{"kind", "venue"}, {"description", "大厅"}, {"serves", json::array({node("desheng")})}}),
            "venue_id");
  auto oversize =
      admin->post(path(unit, "/agreements"),
                  json{{"title", "协议"}, {"signed_on", "2026-03-01"}, {"summary", std::string(3 << 20, 'x')}});
  EXPECT_EQ(oversize.status, 413);
  EXPECT_EQ(count("SELECT COUNT(*) FROM partner_units"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM partner_resources"), 0) << "nothing half-written";
}

TEST_F(EngagementPartnersTest, WhatAnotherStreetHoldsIsNotFoundAtEitherEnd) {
  auto far = weizhi::testing::other_street(db(), data_key());
  auto admin = signed_in("admin");
  EXPECT_EQ(
      admin->post("/api/v1/partners", json{{"street_id", far.street}, {"name", "湖墅水厂"}, {"kind", "other"}}).status,
      404);
  std::int64_t far_unit = db().write([&](weizhi::store::Tx& tx) {
    return tx.scalar(
        "INSERT INTO partner_units (street_id, name, kind, created_by_user_id, created_at, updated_at) VALUES "
        "(?, '湖墅水厂', 'other', (SELECT id FROM users WHERE login = 'admin'), '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z') RETURNING id",
        {far.street});
  });
  std::string theirs = "/api/v1/partners/" + std::to_string(far_unit);
  EXPECT_EQ(admin->get(theirs).status, 404);
  EXPECT_EQ(admin->patch(theirs, json{{"name", "改名"}}).status, 404);
  EXPECT_EQ(admin->post(theirs + "/contacts", json{{"name", "某人"}}).status, 404);
  EXPECT_EQ(admin->get("/api/v1/partners/resources?compound=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(admin->get("/api/v1/partners?node=" + std::to_string(far.street)).status, 404);
  json unit = create_unit(*admin);
  auto far_node =
      admin->post(path(unit, "/resources"),
                  json{{"kind", "funds"}, {"description", "经费"}, {"serves", json::array({far.compound})}});
  EXPECT_EQ(far_node.status, 404);
  EXPECT_EQ(far_node.error_field(), "serves[0]");
  std::int64_t far_venue = db().write([&](weizhi::store::Tx& tx) {
    return tx.scalar(
        "INSERT INTO venues (node_id, name, address, opens_at, closes_at, created_by_user_id, created_at) "
        "VALUES (?, '湖墅活动室', '', '08:00', '20:00', (SELECT id FROM users WHERE login = 'admin'), ?) RETURNING id",
        {far.community, weizhi::iso_utc(std::chrono::system_clock::now())});
  });
  auto far_venue_reply = admin->post(path(unit, "/resources"), json{{"kind", "venue"},
                                                                    {"description", "活动室"},
                                                                    {"venue_id", far_venue},
                                                                    {"serves", json::array({node("desheng")})}});
  EXPECT_EQ(far_venue_reply.status, 404);
  EXPECT_EQ(far_venue_reply.error_field(), "venue_id");
  auto far_partner = admin->post("/api/v1/venues", json{{"node_id", node("desheng")},
                                                        {"name", "借用场地"},
                                                        {"partner_unit_id", far_unit},
                                                        {"opens_at", "08:00"},
                                                        {"closes_at", "20:00"}});
  EXPECT_EQ(far_partner.status, 404);
  EXPECT_EQ(far_partner.error_field(), "partner_unit_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM partner_resources"), 0);
}

TEST_F(EngagementPartnersTest, AnonymousCallersAreRefusedAndOddIdsAreNotFound) {
  auto admin = signed_in("admin");
  json unit = create_unit(*admin);
  weizhi::testing::expect_anonymous_refused(*anonymous(), {{"GET", "/api/v1/partners"},
                                                           {"POST", "/api/v1/partners"},
                                                           {"GET", "/api/v1/partners/resources?compound=1"},
                                                           {"GET", path(unit)},
                                                           {"PATCH", path(unit)},
                                                           {"POST", path(unit, "/contacts")},
                                                           {"POST", path(unit, "/agreements")},
                                                           {"POST", path(unit, "/resources")}});
  weizhi::testing::expect_odd_ids_not_found(*admin, "/api/v1/partners");
  EXPECT_EQ(admin->get("/api/v1/partners/resources").status, 400) << "the compound is asked for";
  EXPECT_EQ(admin->get("/api/v1/partners/resources?compound=abc").status, 400);
}
