// Compounds' outlines in the registry and the street's map of them with one figure per compound.
#include <map>

#include "core/time.hpp"
#include "modules/property/evaluation.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

class MapTest : public ApiTest {
 protected:
  std::string outline_url(const std::string& code) {
    return "/api/v1/org/nodes/" + std::to_string(node(code)) + "/outline";
  }

  // Closes the month of the contract in force at the compound with the score given, as a close would keep it.
  void close_scored(const std::string& compound, const std::string& month,
                    std::optional<weizhi::property::Rational> score) {
    weizhi::property::EvaluationResult result;
    result.month = month;
    result.score = score;
    std::int64_t contract = weizhi::property::contract_in_force(*db().read(), node(compound))->id;
    db().write([&](weizhi::store::Tx& tx) {
      weizhi::property::close_evaluation(tx, contract, month, "{}", weizhi::property::evaluation_result_json(result),
                                         std::nullopt);
    });
  }

  // Each compound's value in the answer, by name.
  static std::map<std::string, json> values_by_name(const json& map) {
    std::map<std::string, json> values;
    for (const char* part : {"items", "without_outline"}) {
      for (const auto& item : map[part]) values[item["name"]] = item["value"];
    }
    return values;
  }

  static json square(double lng, double lat) {
    return json{{"type", "Polygon"},
                {"coordinates",
                 {{{lng, lat}, {lng + 0.002, lat}, {lng + 0.002, lat + 0.002}, {lng, lat + 0.002}, {lng, lat}}}}};
  }
};

TEST_F(MapTest, AnOutlineIsKeptReadAndRemoved) {
  auto secretary = signed_in("secretary");
  json feature{{"type", "Feature"}, {"properties", {{"name", "德胜新村"}}}, {"geometry", square(120.15, 30.31)}};
  auto saved = secretary->send("PUT", outline_url("desheng-xincun"), feature.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["geometry"], square(120.15, 30.31));
  auto read = secretary->get(outline_url("desheng-xincun"));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["geometry"]["coordinates"][0][1][0], 120.152);
  EXPECT_EQ(secretary->del(outline_url("desheng-xincun")).status, 204);
  EXPECT_EQ(secretary->get(outline_url("desheng-xincun")).status, 404);
  EXPECT_EQ(secretary->del(outline_url("desheng-xincun")).status, 404);
}

TEST_F(MapTest, APointMarksACompoundWhoseBoundaryIsNotTraced) {
  auto secretary = signed_in("secretary");
  auto saved = secretary->send("PUT", outline_url("c-deshengba"),
                               json{{"type", "Point"}, {"coordinates", {120.15, 30.31}}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["geometry"]["type"], "Point");
}

TEST_F(MapTest, HostileOutlinesAreRefusedNamingTheField) {
  auto secretary = signed_in("secretary");
  auto refused_field = [&](const std::string& body) {
    auto reply = secretary->send("PUT", outline_url("desheng-xincun"), body);
    EXPECT_EQ(reply.status, 400) << body.substr(0, 200) << " → " << reply.body;
    return reply.error_field();
  };
  json unclosed = square(120.15, 30.31);
  unclosed["coordinates"][0][4] = {120.151, 30.31};
  EXPECT_EQ(refused_field(unclosed.dump()), "coordinates[0]");
  json triangle{{"type", "Polygon"}, {"coordinates", {{{120.15, 30.31}, {120.16, 30.31}, {120.15, 30.31}}}}};
  EXPECT_EQ(refused_field(triangle.dump()), "coordinates[0]");
  json east_of_everything = square(120.15, 30.31);
  east_of_everything["coordinates"][0][2][0] = 200;
  EXPECT_EQ(refused_field(east_of_everything.dump()), "coordinates[0][2][0]");
  EXPECT_EQ(refused_field(json{{"type", "Point"}, {"coordinates", {120.15, -95}}}.dump()), "coordinates[1]");
  EXPECT_EQ(refused_field(json{{"type", "Point"}, {"coordinates", {"120.15", 30.31}}}.dump()), "coordinates[0]");
  EXPECT_EQ(refused_field(json{{"type", "Point"}, {"coordinates", {120.15}}}.dump()), "coordinates");
  EXPECT_EQ(refused_field(json{{"type", "LineString"}, {"coordinates", {{120.15, 30.31}, {120.16, 30.31}}}}.dump()),
            "type");
  EXPECT_EQ(refused_field(json{{"coordinates", {120.15, 30.31}}}.dump()), "type");
  EXPECT_EQ(refused_field(json{{"type", "Feature"}, {"geometry", nullptr}}.dump()), "geometry");
  json bad_feature{{"type", "Feature"}, {"geometry", east_of_everything}};
  EXPECT_EQ(refused_field(bad_feature.dump()), "geometry.coordinates[0][2][0]");
  EXPECT_EQ(refused_field(json{{"type", "Polygon"}, {"coordinates", "none"}}.dump()), "coordinates");
  // JSON has no NaN nor infinity: a body spelling them is not JSON.
  refused_field(R"({"type":"Point","coordinates":[NaN,30.31]})");
  refused_field(R"({"type":"Point","coordinates":[1e999,30.31]})");
  refused_field("[120.15, 30.31]");
  json huge = square(120.15, 30.31);
  json ring = json::array();
  for (int i = 0; i < 2000; ++i) ring.push_back({120.15 + i * 1e-6, 30.31});
  ring.push_back(ring.front());
  huge["coordinates"] = json::array({ring});  // not {ring}: clang reads a one-element brace list as a copy
  EXPECT_EQ(refused_field(huge.dump()), "coordinates");
  std::string padded =
      R"({"type":"Point","coordinates":[120.15,30.31],"note":")" + std::string(300 * 1024, 'x') + "\"}";
  EXPECT_EQ(secretary->send("PUT", outline_url("desheng-xincun"), padded).status, 413);
  EXPECT_EQ(secretary->get(outline_url("desheng-xincun")).json()["geometry"]["type"], "Polygon");
}

TEST_F(MapTest, OnlyThoseWhoEditTheCompoundSetItsOutline) {
  std::string point = json{{"type", "Point"}, {"coordinates", {120.15, 30.31}}}.dump();
  EXPECT_EQ(signed_in("commissioner")->send("PUT", outline_url("desheng-xincun"), point).status, 403);
  EXPECT_EQ(signed_in("commissioner")->del(outline_url("desheng-xincun")).status, 403);
  EXPECT_EQ(signed_in("secretary")->send("PUT", outline_url("c-cuiyu"), point).status, 403);
  EXPECT_EQ(signed_in("admin")->send("PUT", outline_url("desheng"), point).status, 404);
}

TEST_F(MapTest, TheMapShowsTheCompoundsUnderTheNodeWithTheirFigure) {
  auto admin = signed_in("admin");
  auto reply = admin->get("/api/v1/map?node=" + std::to_string(node("desheng")) + "&figure=open_cases");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto map = reply.json();
  EXPECT_EQ(map["figure"], "open_cases");
  EXPECT_EQ(map["node"]["name"], "德胜社区");
  ASSERT_EQ(map["items"].size(), 4u);
  EXPECT_EQ(map["items"][0]["name"], "德胜新村");
  for (const auto& item : map["items"]) {
    EXPECT_EQ(item["geometry"]["type"], "Polygon");
    EXPECT_TRUE(item["value"].is_number_integer() && item["value"].get<std::int64_t>() >= 0) << item;
  }
  EXPECT_TRUE(map["without_outline"].empty());
  EXPECT_EQ(admin->del(outline_url("c-chaowang")).status, 204);
  auto after = admin->get("/api/v1/map?node=" + std::to_string(node("desheng")) + "&figure=violations").json();
  ASSERT_EQ(after["items"].size(), 3u);
  ASSERT_EQ(after["without_outline"].size(), 1u);
  EXPECT_EQ(after["without_outline"][0]["name"], "潮王苑");
  EXPECT_TRUE(after["without_outline"][0]["value"].is_number_integer());
}

TEST_F(MapTest, EachFigureIsCountedPerCompound) {
  auto admin = signed_in("admin");
  auto street = admin->get("/api/v1/map?figure=overdue_cases").json();
  EXPECT_EQ(street["items"].size() + street["without_outline"].size(), 30u);
  EXPECT_EQ(street["without_outline"].size(), 2u);
  for (const auto& item : street["items"]) EXPECT_TRUE(item["value"].is_number_integer()) << item;
  auto turnout = admin->get("/api/v1/map?figure=turnout").json();
  for (const auto& item : turnout["items"]) {
    bool shown = item["value"].is_null() || (item["value"].get<double>() >= 0 && item["value"].get<double>() <= 100);
    EXPECT_TRUE(shown) << item;
  }
}

TEST_F(MapTest, ABadFigureOrNodeIsNamed) {
  auto admin = signed_in("admin");
  auto missing = admin->get("/api/v1/map");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "figure");
  auto unknown = admin->get("/api/v1/map?figure=happiness");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "figure");
  EXPECT_NE(unknown.json()["error"]["message"].get<std::string>().find("property_score"), std::string::npos)
      << "the message lists every figure";
  auto bad_node = admin->get("/api/v1/map?node=abc&figure=open_cases");
  EXPECT_EQ(bad_node.status, 400);
  EXPECT_EQ(bad_node.error_field(), "node");
  EXPECT_EQ(admin->get("/api/v1/map?node=999999&figure=open_cases").status, 404);
}

TEST_F(MapTest, TheMapKeepsToTheCallersScope) {
  auto commissioner = signed_in("commissioner");
  auto own = commissioner->get("/api/v1/map?node=" + std::to_string(node("desheng-xincun")) + "&figure=open_cases");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["items"].size(), 1u);
  EXPECT_EQ(commissioner->get("/api/v1/map?node=" + std::to_string(node("desheng")) + "&figure=open_cases").status,
            403);
  EXPECT_EQ(signed_in("secretary")->get("/api/v1/map?node=" + std::to_string(node("cuiyu")) + "&figure=turnout").status,
            403);
}

TEST_F(MapTest, ThePropertyClusterFigureGivesEachCompoundsClusterAndTheLegendNamesTheirLeads) {
  auto admin = signed_in("admin");
  auto clusters = admin->get("/api/v1/property/clusters").json()["items"];
  ASSERT_EQ(clusters.size(), 3u);
  std::map<std::string, std::int64_t> cluster_of;
  for (const auto& cluster : clusters) {
    for (const auto& community : cluster["communities"]) {
      for (const auto& compound : community["compounds"]) cluster_of[compound["name"]] = cluster["id"];
    }
  }
  // A community outside every cluster, and a cluster whose lead's term ended yesterday.
  auto community = admin->post("/api/v1/org/nodes",
                               json{{"parent_id", node("street")}, {"kind", "community"}, {"name", "运河社区"}});
  ASSERT_EQ(community.status, 201) << community.body;
  ASSERT_EQ(admin
                ->post("/api/v1/org/nodes",
                       json{{"parent_id", community.json()["id"]}, {"kind", "compound"}, {"name", "运河新苑"}})
                .status,
            201);
  json east;
  for (const auto& cluster : clusters) {
    if (cluster["code"] == "cluster-east") east = cluster;
  }
  std::string yesterday = weizhi::street_date(std::chrono::system_clock::now() - std::chrono::hours(24));
  auto ended = admin->post("/api/v1/property/clusters/" + std::to_string(east["id"].get<std::int64_t>()) +
                               "/operators/" + std::to_string(east["lead"]["operator_id"].get<std::int64_t>()) + "/end",
                           json{{"until", yesterday}});
  ASSERT_EQ(ended.status, 200) << ended.body;

  auto reply = admin->get("/api/v1/map?figure=property_cluster");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto map = reply.json();
  EXPECT_EQ(map["figure"], "property_cluster");
  auto values = values_by_name(map);
  ASSERT_EQ(values.size(), 31u);
  for (const auto& [name, cluster] : cluster_of) EXPECT_EQ(values[name], cluster) << name;
  EXPECT_EQ(values["运河新苑"], nullptr) << "its community is in no cluster";
  ASSERT_EQ(map["categories"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& category = map["categories"][i];
    EXPECT_EQ(category["value"], clusters[i]["id"]);
    EXPECT_EQ(category["name"], clusters[i]["name"]);
    if (clusters[i]["code"] == "cluster-east") {
      EXPECT_EQ(category["lead"], nullptr) << "its lead's term has ended";
    } else {
      EXPECT_EQ(category["lead"], clusters[i]["lead"]["name"]);
    }
  }
  EXPECT_EQ(map["categories"][0]["lead"], "新南北物业服务有限公司");

  auto desheng = admin->get("/api/v1/map?node=" + std::to_string(node("desheng")) + "&figure=property_cluster").json();
  ASSERT_EQ(desheng["categories"].size(), 1u) << "only the clusters present";
  EXPECT_EQ(desheng["categories"][0]["name"], "北片组团（以大带小）");
  EXPECT_FALSE(admin->get("/api/v1/map?figure=open_cases").json().contains("categories"));
}

TEST_F(MapTest, ThePropertyScoreFigureIsTheNewestClosedMonthOfTheContractInForce) {
  auto admin = signed_in("admin");
  auto before = values_by_name(admin->get("/api/v1/map?figure=property_score").json());
  ASSERT_EQ(before.size(), 30u);
  for (const auto& [name, value] : before) EXPECT_EQ(value, nullptr) << name << ": no month closed yet";

  std::string last =
      weizhi::property::previous_month(weizhi::street_date(std::chrono::system_clock::now()).substr(0, 7));
  std::string earlier = weizhi::property::previous_month(last);
  close_scored("desheng-xincun", earlier, weizhi::property::Rational{90, 1});
  close_scored("desheng-xincun", last, weizhi::property::Rational{499, 6});
  close_scored("c-deshengba", last, std::nullopt);
  close_scored("c-cuiyu", earlier, weizhi::property::Rational{1543, 20});

  auto reply = admin->get("/api/v1/map?node=" + std::to_string(node("street")) + "&figure=property_score");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(reply.json().contains("categories"));
  auto values = values_by_name(reply.json());
  EXPECT_EQ(values["德胜新村"], 83.1) << "the newest month, 83.17 rounded down to one decimal";
  EXPECT_EQ(values["翠玉苑"], 77.1);
  EXPECT_EQ(values["德胜坝小区"], nullptr) << "its newest month had no sheet to count";
  EXPECT_EQ(values["德胜西苑"], nullptr);
}
