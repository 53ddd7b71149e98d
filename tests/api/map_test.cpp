// Compounds' outlines in the registry and the street's map of them with one figure per compound.
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

class MapTest : public ApiTest {
 protected:
  std::string outline_url(const std::string& code) {
    return "/api/v1/org/nodes/" + std::to_string(node(code)) + "/outline";
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
