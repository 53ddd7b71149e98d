// Hostile requests to today's work, the monthly report, the map and the compounds' outlines, vote
// reminders and export files, case triage and residents' categories, and the group robots: malformed
// and unknown ids, ids of another scope, malformed or repeated queries, oversized bodies, and the same
// change sent twice at once. Each is answered in the error shape or consistently, never with a 500,
// and leaves nothing half-written or written twice.
#include <algorithm>
#include <chrono>
#include <latch>
#include <map>
#include <thread>

#include "core/time.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

// Path ids a caller may type or forge: words, zero and below, past int64, the largest int64 (a
// record that cannot exist), decimals, a leading space or sign, hexadecimal and a full-width digit.
const std::vector<std::string> kBadIds = {
    "abc", "-1", "0", "99999999999999999999", "9223372036854775807", "1.5", "%201", "%2B1", "0x1", "%EF%BC%91"};

const std::vector<std::string> kExportFiles = {"roll.csv", "ballots.csv", "result.json"};

std::string hours_from_now(int hours) {
  return weizhi::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(hours));
}

json square(double lng, double lat) {
  return json{
      {"type", "Polygon"},
      {"coordinates", {{{lng, lat}, {lng + 0.002, lat}, {lng + 0.002, lat + 0.002}, {lng, lat + 0.002}, {lng, lat}}}}};
}

std::string robot_url(const std::string& key) { return "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key; }

long replies_with(const std::vector<Reply>& replies, long status) {
  return std::count_if(replies.begin(), replies.end(), [&](const Reply& reply) { return reply.status == status; });
}

}  // namespace

class HostileRecentRoutesTest : public ApiTest {
 protected:
  std::int64_t audit_rows(const std::string& action, const std::string& entity) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = ?", {action, entity});
  }

  // `reply` is the JSON error `code` with `status`, its message in Chinese.
  static void expect_error(const Reply& reply, long status, const std::string& code, const std::string& request) {
    EXPECT_EQ(reply.status, status) << request << " → " << reply.body.substr(0, 300);
    auto type = reply.headers.find("content-type");
    EXPECT_TRUE(type != reply.headers.end() && type->second.find("application/json") != std::string::npos)
        << request << " is not answered in JSON";
    json body = reply.json();
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) {
      ADD_FAILURE() << request << " → not the error shape: " << reply.body.substr(0, 300);
      return;
    }
    EXPECT_EQ(body["error"].value("code", ""), code) << request << " → " << reply.body.substr(0, 300);
    std::string message = body["error"].value("message", "");
    EXPECT_TRUE(std::any_of(message.begin(), message.end(), [](unsigned char c) { return c >= 0x80; }))
        << request << ": the message is not in Chinese: " << message;
  }

  // `reply` is a 400 naming `field`.
  static void expect_refused_field(const Reply& reply, const std::string& code, const std::string& field,
                                   const std::string& request) {
    expect_error(reply, 400, code, request);
    EXPECT_EQ(reply.error_field(), field) << request;
  }

  std::string vote_path(std::int64_t id, const std::string& rest) {
    return "/api/v1/votes/" + std::to_string(id) + rest;
  }
  std::string outline_url(std::int64_t node_id) { return "/api/v1/org/nodes/" + std::to_string(node_id) + "/outline"; }
  std::string case_path(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/cases/" + std::to_string(id) + rest;
  }

  // The seeded vote of 德胜新村 in `state` (open or published).
  std::int64_t seeded_vote(const std::string& state) {
    auto row =
        db().read()->query_one("SELECT id FROM votes WHERE compound_node_id = ? AND state = ? ORDER BY id LIMIT 1",
                               {node("desheng-xincun"), state});
    EXPECT_TRUE(row.has_value()) << "no " << state << " vote in the seed";
    return row ? row->i64(0) : 0;
  }

  // A vote the street admin prepares on the compound with `code`, opened when `open`.
  std::int64_t vote_on(const std::string& code, bool open) {
    auto admin = signed_in("admin");
    Reply created = admin->post("/api/v1/votes", json{{"compound_id", node(code)},
                                                      {"title", "关于更换单元门禁的表决"},
                                                      {"matter", 4},
                                                      {"items", {"同意更换单元门禁"}},
                                                      {"opens_at", hours_from_now(-1)},
                                                      {"closes_at", hours_from_now(48)},
                                                      {"channels", {"online", "paper", "meeting"}}});
    EXPECT_EQ(created.status, 201) << created.body;
    std::int64_t id = created.json().value("id", std::int64_t{0});
    if (open) {
      Reply opened = admin->post(vote_path(id, "/open"), json::object());
      EXPECT_EQ(opened.status, 200) << opened.body;
    }
    return id;
  }

  // A case the street admin reports in the compound with `code`, waiting for triage.
  std::int64_t case_in(const std::string& code, const std::string& description) {
    Reply reply = signed_in("admin")->post(
        "/api/v1/cases",
        json{{"item_code", "stairwell-clutter"}, {"compound_id", node(code)}, {"description", description}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  std::int64_t classify_events(std::int64_t case_id) {
    return count("SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = 'classify'", {case_id});
  }

  std::vector<std::unique_ptr<HttpClient>> clients(const std::string& login, std::size_t how_many) {
    std::vector<std::unique_ptr<HttpClient>> signed_in_clients;
    for (std::size_t i = 0; i < how_many; ++i) signed_in_clients.push_back(signed_in(login));
    return signed_in_clients;
  }

  // Each client's request, `send(client, index)`, from a thread of its own, all released together.
  template <class Send>
  static std::vector<Reply> at_once(std::vector<std::unique_ptr<HttpClient>>& senders, Send send) {
    std::vector<Reply> replies(senders.size());
    std::latch start(static_cast<std::ptrdiff_t>(senders.size()));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < senders.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        replies[i] = send(*senders[i], i);
      });
    }
    for (auto& thread : threads) thread.join();
    return replies;
  }
};

// --- Unknown and malformed ids ---

TEST_F(HostileRecentRoutesTest, MalformedAndUnknownIdsAreJson404sOnEveryRouteAndWriteNothing) {
  struct Call {
    std::string method;
    std::string before_id;
    std::string after_id;
    json body;
  };
  const std::vector<Call> calls = {
      {"GET", "/api/v1/org/nodes/", "/outline", json()},
      {"PUT", "/api/v1/org/nodes/", "/outline", square(120.15, 30.31)},
      {"DELETE", "/api/v1/org/nodes/", "/outline", json()},
      {"POST", "/api/v1/votes/", "/reminders", json::object()},
      {"GET", "/api/v1/votes/", "/files/roll.csv", json()},
      {"GET", "/api/v1/votes/", "/files/ballots.csv", json()},
      {"GET", "/api/v1/votes/", "/files/result.json", json()},
      {"POST", "/api/v1/cases/", "/item", json{{"item_code", "stairwell-light"}}},
      {"PATCH", "/api/v1/case-categories/", "", json{{"name", "楼道"}}},
      {"GET", "/api/v1/notification-webhooks/", "", json()},
      {"PUT", "/api/v1/notification-webhooks/", "", json{{"url", robot_url("unknown-node")}, {"enabled", true}}},
      {"POST", "/api/v1/notification-deliveries/", "/retry", json::object()},
      {"POST", "/api/v1/me/notifications/", "/read", json::object()},
  };
  const std::vector<std::string> tables = {
      "audit_log",   "org_outlines",       "notifications", "notification_webhooks", "notification_deliveries",
      "case_events", "idempotency_answers"};
  auto admin = signed_in("admin");
  std::map<std::string, std::int64_t> rows_before;
  for (const auto& table : tables) rows_before[table] = count("SELECT COUNT(*) FROM " + table);

  for (const auto& call : calls) {
    for (const auto& id : kBadIds) {
      std::string path = call.before_id + id + call.after_id;
      Reply reply = admin->send(call.method, path, call.body.is_null() ? "" : call.body.dump(),
                                {"Idempotency-Key: bad-id-" + id});
      expect_error(reply, 404, "not_found", call.method + " " + path);
    }
  }
  for (const auto& table : tables) EXPECT_EQ(count("SELECT COUNT(*) FROM " + table), rows_before[table]) << table;
}

TEST_F(HostileRecentRoutesTest, OnlyTheThreeExportFilesAreServedAndNoFileNameClimbsOutOfThem) {
  std::int64_t vote = seeded_vote("published");
  auto organiser = signed_in("commissioner");
  Reply roll = organiser->get(vote_path(vote, "/files/roll.csv"));
  ASSERT_EQ(roll.status, 200) << roll.body;
  ASSERT_FALSE(roll.body.empty());
  const std::vector<std::string> names = {"",
                                          "..",
                                          "%2e%2e",
                                          "../roll.csv",
                                          "..%2Froll.csv",
                                          "%2e%2e%2f%2e%2e%2froll.csv",
                                          "../../../../../../../../etc/passwd",
                                          "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                          "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                                          "..%5C..%5C..%5Cetc%5Cpasswd",
                                          "roll.csv%00",
                                          "roll.csv%00.json",
                                          "ROLL.CSV",
                                          "Roll.csv",
                                          "roll.csv.bak",
                                          "roll",
                                          "roll.csv;.json",
                                          "votes.db",
                                          "data.key"};
  for (const auto& name : names) {
    std::string path = vote_path(vote, "/files/" + name);
    Reply reply = organiser->get(path);
    EXPECT_TRUE(reply.status == 404 || reply.status == 400) << path << " → " << reply.status;
    EXPECT_TRUE(reply.json().contains("error")) << path << " → " << reply.body.substr(0, 300);
    EXPECT_EQ(reply.body.find(roll.body.substr(0, 40)), std::string::npos) << path << " served the roll";
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << path << " served /etc/passwd";
  }
  for (const auto& file : kExportFiles) EXPECT_EQ(organiser->get(vote_path(vote, "/files/" + file)).status, 200);
}

TEST_F(HostileRecentRoutesTest, OnlyACompoundHasAnOutline) {
  auto admin = signed_in("admin");
  std::int64_t building = count("SELECT MIN(id) FROM org_nodes WHERE kind = 'building'");
  std::int64_t part = count("SELECT MIN(id) FROM org_nodes WHERE kind = 'part'");
  for (std::int64_t id : {node("street"), node("desheng"), building, part}) {
    std::string url = outline_url(id);
    expect_error(admin->send("PUT", url, square(120.15, 30.31).dump()), 404, "not_found", "PUT " + url);
    expect_error(admin->get(url), 404, "not_found", "GET " + url);
    expect_error(admin->del(url), 404, "not_found", "DELETE " + url);
    EXPECT_EQ(count("SELECT COUNT(*) FROM org_outlines WHERE node_id = ?", {id}), 0) << url;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'org.outline.%'"), 0);
}

// --- Ids of another scope ---

TEST_F(HostileRecentRoutesTest, AVoteOfAnotherCompoundIsNeitherRemindedNorDownloadedNorIsItsStateTold) {
  std::int64_t next_door = vote_on("c-deshengba", true);
  std::int64_t other_community = vote_on("c-cuiyu", false);
  std::int64_t reminders_before = count("SELECT COUNT(*) FROM notifications WHERE kind = 'vote.reminder'");

  auto commissioner = signed_in("commissioner");
  expect_error(commissioner->send("POST", vote_path(next_door, "/reminders"), json{{"message", "请尽快投票"}}.dump(),
                                  {"Idempotency-Key: next-door"}),
               403, "forbidden", "the commissioner reminds the voters next door");
  auto secretary = signed_in("secretary");
  expect_error(secretary->post(vote_path(other_community, "/reminders"), json::object()), 403, "forbidden",
               "the secretary reminds the voters of another community");
  // Open or draft, the file of a vote out of scope is refused as such, not as too early (409 state).
  for (const auto& file : kExportFiles) {
    expect_error(commissioner->get(vote_path(next_door, "/files/" + file)), 403, "forbidden", "next door's " + file);
    expect_error(secretary->get(vote_path(other_community, "/files/" + file)), 403, "forbidden",
                 "another community's " + file);
  }

  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'vote.reminder'"), reminders_before);
  EXPECT_EQ(audit_rows("vote.remind", "vote:" + std::to_string(next_door)), 0);
  EXPECT_EQ(audit_rows("vote.remind", "vote:" + std::to_string(other_community)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM idempotency_answers"), 0);
  // The vote's organiser may remind its voters: the refusals were for the scope.
  Reply own = signed_in("admin")->post(vote_path(next_door, "/reminders"), json::object());
  EXPECT_EQ(own.status, 201) << own.body;
}

TEST_F(HostileRecentRoutesTest, AnOutlineOfAnotherCommunitysCompoundIsNotReadChangedOrRemoved) {
  auto admin = signed_in("admin");
  std::string url = outline_url(node("c-cuiyu"));
  Reply before = admin->get(url);
  ASSERT_EQ(before.status, 200) << before.body;

  auto secretary = signed_in("secretary");
  expect_error(secretary->get(url), 403, "forbidden", "GET another community's outline");
  expect_error(secretary->send("PUT", url, square(120.15, 30.31).dump()), 403, "forbidden",
               "PUT another community's outline");
  expect_error(secretary->del(url), 403, "forbidden", "DELETE another community's outline");
  std::string next_door = outline_url(node("c-deshengba"));
  expect_error(signed_in("commissioner")->get(next_door), 403, "forbidden", "GET the outline next door");

  EXPECT_EQ(admin->get(url).body, before.body);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'org.outline.%'"), 0);
}

TEST_F(HostileRecentRoutesTest, ACaseOfAnotherCompoundIsNotTriagedAndKeepsItsItem) {
  std::int64_t next_door = case_in("c-deshengba", "隔壁小区楼道堆放杂物");
  std::int64_t other_community = case_in("c-cuiyu", "翠玉苑楼道堆放杂物");
  expect_error(signed_in("commissioner")->post(case_path(next_door, "/item"), json{{"item_code", "stairwell-light"}}),
               403, "forbidden", "the commissioner triages the case next door");
  expect_error(
      signed_in("secretary")->post(case_path(other_community, "/item"), json{{"item_code", "stairwell-light"}}), 403,
      "forbidden", "the secretary triages a case of another community");

  auto admin = signed_in("admin");
  for (std::int64_t id : {next_door, other_community}) {
    EXPECT_EQ(admin->get(case_path(id)).json()["item"]["code"], "stairwell-clutter") << id;
    EXPECT_EQ(classify_events(id), 0) << id;
    EXPECT_EQ(audit_rows("cases.classify", "case:" + std::to_string(id)), 0) << id;
  }
}

// --- Malformed and repeated queries ---

TEST_F(HostileRecentRoutesTest, MalformedQueriesAreRefusedNamingTheParameter) {
  auto admin = signed_in("admin");
  const std::string map = "/api/v1/map?";
  const std::string report = "/api/v1/reports/monthly?";
  const std::vector<std::pair<std::string, std::string>> refused = {
      {map, "figure"},
      {map + "figure=", "figure"},
      {map + "figure=OPEN_CASES", "figure"},
      {map + "figure=open_cases%00", "figure"},
      {map + "figure=open_cases%20", "figure"},
      {map + "figure=open_cases&node=", "node"},
      {map + "figure=open_cases&node=0", "node"},
      {map + "figure=open_cases&node=-1", "node"},
      {map + "figure=open_cases&node=99999999999999999999", "node"},
      {map + "figure=open_cases&node=1.5", "node"},
      {map + "figure=open_cases&node=%EF%BC%91", "node"},
      {report + "format=json&month=2026-00", "month"},
      {report + "format=json&month=2026-13", "month"},
      {report + "format=json&month=2026-11%00", "month"},
      {report + "format=json&month=%EF%BC%92026-11", "month"},
      {report + "format=JSON&month=2026-11", "format"},
      {report + "format=&month=2026-11", "format"},
      {report + "format=json&month=2026-11&node=", "node"},
      {report + "format=json&month=2026-11&node=-1", "node"},
  };
  for (const auto& [path, field] : refused) expect_refused_field(admin->get(path), "invalid_field", field, path);
  expect_error(admin->get(map + "figure=open_cases&node=99999999"), 404, "not_found", "the map of no node");
  expect_error(admin->get(report + "format=json&month=2026-11&node=99999999"), 404, "not_found",
               "the report of no node");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.monthly'"), 0);
  // Today's work takes no parameters: whatever is added is left aside.
  Reply today = admin->get("/api/v1/me/today?node=abc&month=2026-13&figure=%00");
  EXPECT_EQ(today.status, 200) << today.body;
}

TEST_F(HostileRecentRoutesTest, AMonthOutsideTheYearsTheServerTakesIsRefusedNotReadAsAnother) {
  // The server's clock reaches from 1677 to 2262; a month further off would overflow it.
  auto admin = signed_in("admin");
  for (const char* month : {"0000-01", "0001-01", "1677-09", "1899-12", "1900-01", "2200-01", "2262-04", "9999-12"}) {
    expect_refused_field(admin->get(std::string("/api/v1/reports/monthly?format=json&month=") + month), "invalid_field",
                         "month", month);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.monthly'"), 0);
  for (const char* month : {"1900-02", "1970-01", "2199-12"}) {
    Reply reply = admin->get(std::string("/api/v1/reports/monthly?format=json&month=") + month);
    ASSERT_EQ(reply.status, 200) << month << " → " << reply.body.substr(0, 300);
    EXPECT_EQ(reply.json()["month"], month);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.monthly'"), 3);
}

TEST_F(HostileRecentRoutesTest, ARepeatedNodeNeverReadsANodeOtherThanTheOneItWasCheckedFor) {
  // Whichever of two nodes the server takes, it is the one the caller's right was checked on: the
  // answer is a refusal, or the caller's own node.
  auto expect_own_or_refused = [&](const Reply& reply, std::int64_t own, const std::string& request) {
    if (reply.status == 200) {
      EXPECT_EQ(reply.json()["node"]["id"], own) << request;
    } else if (reply.status == 400) {
      expect_refused_field(reply, "invalid_field", "node", request);
    } else {
      expect_error(reply, 403, "forbidden", request);
    }
  };
  std::string own = std::to_string(node("desheng-xincun"));
  std::string community = std::to_string(node("desheng"));
  std::string street = std::to_string(node("street"));
  auto commissioner = signed_in("commissioner");
  auto secretary = signed_in("secretary");
  std::int64_t reports = 0;
  for (const auto& [first, second] : {std::pair{own, community}, std::pair{community, own}}) {
    std::string map = "/api/v1/map?figure=open_cases&node=" + first + "&node=" + second;
    expect_own_or_refused(commissioner->get(map), node("desheng-xincun"), map);
  }
  for (const auto& [first, second] : {std::pair{community, street}, std::pair{street, community}}) {
    std::string report = "/api/v1/reports/monthly?format=json&month=2026-11&node=" + first + "&node=" + second;
    Reply reply = secretary->get(report);
    expect_own_or_refused(reply, node("desheng"), report);
    if (reply.status == 200) ++reports;
  }
  EXPECT_EQ(audit_rows("report.monthly", "org_node:" + street), 0);
  EXPECT_EQ(audit_rows("report.monthly", "org_node:" + community), reports);
}

TEST_F(HostileRecentRoutesTest, EveryDemoAccountGetsItsOwnListForToday) {
  for (const char* login : {"admin", "secretary", "director", "commissioner", "party", "grid", "committee",
                            "supervisor", "property", "property-staff", "social-org", "resident", "gate"}) {
    Reply reply = signed_in(login)->get("/api/v1/me/today");
    ASSERT_EQ(reply.status, 200) << login << " → " << reply.body.substr(0, 300);
    EXPECT_TRUE(reply.json()["items"].is_array()) << login;
    EXPECT_TRUE(reply.json()["at"].is_string()) << login;
  }
}

// --- Oversized and mistyped bodies ---

TEST_F(HostileRecentRoutesTest, OversizedAndMistypedBodiesAreRefusedNamingTheFieldAndChangeNothing) {
  std::string reminders = vote_path(seeded_vote("open"), "/reminders");
  std::int64_t case_id = case_in("desheng-xincun", "楼道堆放杂物，待分类");
  std::string triage = case_path(case_id, "/item");
  std::string category =
      "/api/v1/case-categories/" + std::to_string(count("SELECT MIN(id) FROM case_resident_categories"));
  std::string robot = "/api/v1/notification-webhooks/" + std::to_string(node("desheng"));
  std::string outline = outline_url(node("desheng-xincun"));
  const std::string two_mebibytes(2 * 1024 * 1024, 'x');
  struct Refusal {
    std::string method;
    std::string path;
    std::string body;
    long status;
    std::string code;
    std::string field;
  };
  const std::vector<Refusal> refusals = {
      {"POST", reminders, json{{"message", two_mebibytes}}.dump(), 413, "payload_too_large", ""},
      {"POST", reminders, json{{"message", std::string(501, 'x')}}.dump(), 400, "invalid_field", "message"},
      {"POST", reminders, json{{"message", 5}}.dump(), 400, "invalid_field", "message"},
      {"POST", reminders, json{{"message", "请投票"}, {"to", "everyone"}}.dump(), 400, "unknown_field", "to"},
      {"POST", reminders, "[]", 400, "invalid_json", ""},
      {"POST", triage, json{{"item_code", two_mebibytes}}.dump(), 413, "payload_too_large", ""},
      {"POST", triage, json{{"item_code", 7}}.dump(), 400, "invalid_field", "item_code"},
      {"POST", triage, "{}", 400, "missing_field", "item_code"},
      {"POST", triage, json{{"item_code", "stairwell-light"}, {"item_id", 1}}.dump(), 400, "unknown_field", "item_id"},
      {"POST", triage, json{{"item_code", ""}}.dump(), 422, "unprocessable", "item_code"},
      {"PATCH", category, json{{"name", two_mebibytes}}.dump(), 413, "payload_too_large", ""},
      {"PATCH", category, json{{"position", "1"}}.dump(), 400, "invalid_field", "position"},
      {"PATCH", category, json{{"active", "yes"}}.dump(), 400, "invalid_field", "active"},
      {"PATCH", category, "", 400, "invalid_json", ""},
      {"PUT", robot, json{{"url", robot_url(two_mebibytes)}, {"enabled", true}}.dump(), 413, "payload_too_large", ""},
      {"PUT", robot, json{{"url", robot_url(std::string(1000, 'k'))}, {"enabled", true}}.dump(), 400, "invalid_field",
       "url"},
      {"PUT", robot, json{{"url", robot_url("k")}}.dump(), 400, "missing_field", "enabled"},
      {"PUT", robot, json{{"url", robot_url("k")}, {"enabled", "true"}}.dump(), 400, "invalid_field", "enabled"},
      {"PUT", outline, R"({"type":"Point","coordinates":[120.15,30.31])", 400, "invalid_json", ""},
      {"PUT", outline, "null", 400, "invalid_json", ""},
  };
  auto admin = signed_in("admin");
  std::int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  std::int64_t notifications_before = count("SELECT COUNT(*) FROM notifications");
  std::string category_before = admin->get("/api/v1/case-categories?all=1").body;
  std::string robot_before = admin->get(robot).body;
  std::string outline_before = admin->get(outline).body;

  for (const auto& refusal : refusals) {
    std::string request = refusal.method + " " + refusal.path + " " + refusal.body.substr(0, 80);
    Reply reply = admin->send(refusal.method, refusal.path, refusal.body);
    expect_error(reply, refusal.status, refusal.code, request);
    if (!refusal.field.empty()) {
      EXPECT_EQ(reply.error_field(), refusal.field) << request;
    }
  }

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), notifications_before);
  EXPECT_EQ(admin->get(case_path(case_id)).json()["item"]["code"], "stairwell-clutter");
  EXPECT_EQ(admin->get("/api/v1/case-categories?all=1").body, category_before);
  EXPECT_EQ(admin->get(robot).body, robot_before);
  EXPECT_EQ(admin->get(outline).body, outline_before);
}

TEST_F(HostileRecentRoutesTest, ATextHoldingANulCharacterIsRefusedRatherThanCutShort) {
  // PostgreSQL keeps no NUL in a text: a reminder holding one would reach the owners cut short there.
  std::string reminders = vote_path(seeded_vote("open"), "/reminders");
  std::string category =
      "/api/v1/case-categories/" + std::to_string(count("SELECT MIN(id) FROM case_resident_categories"));
  auto admin = signed_in("admin");
  std::string categories_before = admin->get("/api/v1/case-categories?all=1").body;
  std::int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {reminders, R"({"message":"请在周五前投票\u0000（此后不显示）"})"},
      {reminders, R"({"mess\u0000age":"请在周五前投票"})"},
      {category, R"({"name":"楼\u0000道"})"},
      {category, R"({"name":["楼道\u0000"]})"},
  };
  for (const auto& [path, body] : bodies) {
    expect_error(admin->send(path == reminders ? "POST" : "PATCH", path, body), 400, "invalid_json", body);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(admin->get("/api/v1/case-categories?all=1").body, categories_before);
}

// --- The same change sent twice at once ---

TEST_F(HostileRecentRoutesTest, OutlinesPutAtOnceLeaveOneOutlineAndAnAuditRecordEach) {
  auto admin = signed_in("admin");
  std::int64_t compound = node("desheng-xincun");
  ASSERT_EQ(admin->del(outline_url(compound)).status, 204);
  auto editors = clients("secretary", 4);
  std::vector<json> outlines;
  for (std::size_t i = 0; i < editors.size(); ++i) outlines.push_back(square(120.15 + 0.01 * i, 30.31));

  auto replies = at_once(editors, [&](HttpClient& editor, std::size_t i) {
    return editor.send("PUT", outline_url(compound), outlines[i].dump());
  });

  EXPECT_EQ(replies_with(replies, 200), static_cast<long>(replies.size()));
  Reply kept = admin->get(outline_url(compound));
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_NE(std::find(outlines.begin(), outlines.end(), kept.json()["geometry"]), outlines.end()) << kept.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_outlines WHERE node_id = ?", {compound}), 1);
  std::string entity = "org_node:" + std::to_string(compound);
  std::int64_t first_saves = 0;
  for (const auto& row :
       db().read()->query("SELECT summary FROM audit_log WHERE action = 'org.outline.save' AND entity = ?", {entity})) {
    if (!json::parse(row.text(0)).value("replaced", true)) ++first_saves;
  }
  EXPECT_EQ(audit_rows("org.outline.save", entity), static_cast<std::int64_t>(replies.size()));
  EXPECT_EQ(first_saves, 1) << "exactly one save found no outline before it";
}

TEST_F(HostileRecentRoutesTest, AnOutlineDeletedWhileReadIsReadWholeOrNotAtAllAndDeletedOnce) {
  std::int64_t compound = node("desheng-xincun");
  std::string url = outline_url(compound);
  auto admin = signed_in("admin");
  json stored = admin->get(url).json();
  ASSERT_TRUE(stored.contains("geometry")) << stored;
  constexpr std::size_t kReaders = 4;
  constexpr int kReadsEach = 15;
  auto callers = clients("secretary", kReaders + 2);
  std::vector<std::vector<Reply>> reads(kReaders);

  auto replies = at_once(callers, [&](HttpClient& caller, std::size_t i) {
    if (i >= kReaders) return caller.del(url);
    for (int read = 0; read < kReadsEach; ++read) reads[i].push_back(caller.get(url));
    return Reply{};
  });

  std::vector<Reply> deletes(replies.begin() + kReaders, replies.end());
  EXPECT_EQ(replies_with(deletes, 204), 1);
  for (const auto& reply : deletes) {
    if (reply.status != 204) expect_error(reply, 404, "not_found", "the second delete");
  }
  for (const auto& reader : reads) {
    for (const auto& reply : reader) {
      if (reply.status == 200) {
        EXPECT_EQ(reply.json(), stored);
      } else {
        expect_error(reply, 404, "not_found", "a read while deleting");
      }
    }
  }
  EXPECT_EQ(admin->get(url).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_outlines WHERE node_id = ?", {compound}), 0);
  EXPECT_EQ(audit_rows("org.outline.delete", "org_node:" + std::to_string(compound)), 1);
}

TEST_F(HostileRecentRoutesTest, TriagesSentAtOnceMakeEachChangeOnceWithOneAuditRecord) {
  // Triage is for a case nobody took yet: the company holding the item's task, which would take it at once
  // (docs/modules/cases.md#who-works-a-new-case-first), has no linked account here.
  db().write([](weizhi::store::Tx& tx) { tx.exec("DELETE FROM property_company_staff"); });
  std::int64_t id = case_in("desheng-xincun", "楼道灯不亮，两人同时分类");
  std::string entity = "case:" + std::to_string(id);
  auto triagers = clients("commissioner", 4);

  auto same = at_once(triagers, [&](HttpClient& triager, std::size_t) {
    return triager.post(case_path(id, "/item"), json{{"item_code", "stairwell-light"}});
  });

  EXPECT_GE(replies_with(same, 200), 1);
  for (const auto& reply : same) {
    if (reply.status != 200) expect_error(reply, 409, "conflict", "a triage sent at once");
  }
  EXPECT_EQ(classify_events(id), 1);
  EXPECT_EQ(audit_rows("cases.classify", entity), 1);
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get(case_path(id)).json()["item"]["code"], "stairwell-light");

  // Sent again later, the same triage finds the case under that item and writes nothing.
  Reply again = triagers[0]->post(case_path(id, "/item"), json{{"item_code", "stairwell-light"}});
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["item"]["code"], "stairwell-light");
  EXPECT_EQ(classify_events(id), 1);
  EXPECT_EQ(audit_rows("cases.classify", entity), 1);

  // Two triages to different items at once: each change the case takes is one event and one record.
  const std::vector<std::string> items = {"noise", "stairwell-clutter"};
  auto pair = clients("commissioner", items.size());
  auto different = at_once(pair, [&](HttpClient& triager, std::size_t i) {
    return triager.post(case_path(id, "/item"), json{{"item_code", items[i]}});
  });
  for (const auto& reply : different) {
    if (reply.status != 200) expect_error(reply, 409, "conflict", "a different triage sent at once");
  }
  std::int64_t changes = replies_with(different, 200);
  EXPECT_GE(changes, 1);
  EXPECT_EQ(classify_events(id), 1 + changes);
  EXPECT_EQ(audit_rows("cases.classify", entity), 1 + changes);
  std::string kept = admin->get(case_path(id)).json()["item"]["code"];
  EXPECT_NE(std::find(items.begin(), items.end(), kept), items.end()) << kept;
}

TEST_F(HostileRecentRoutesTest, RemindersSentAtOnceWithoutAKeyAreEachSentOnceAndWithOneKeyOnce) {
  std::int64_t vote = seeded_vote("open");
  std::string entity = "vote:" + std::to_string(vote);
  auto reminded = [&] {
    return count(
        "SELECT COUNT(*) FROM notifications WHERE kind = 'vote.reminder' AND entity_type = 'vote' AND "
        "entity_id = ?",
        {vote});
  };
  auto organisers = clients("commissioner", 3);

  auto unkeyed = at_once(organisers, [&](HttpClient& organiser, std::size_t) {
    return organiser.post(vote_path(vote, "/reminders"), json{{"message", "请在周五前投票"}});
  });

  ASSERT_EQ(replies_with(unkeyed, 201), static_cast<long>(unkeyed.size()));
  std::int64_t non_voters = unkeyed[0].json()["count"];
  ASSERT_GT(non_voters, 0);
  for (const auto& reply : unkeyed) EXPECT_EQ(reply.json()["count"], non_voters);
  EXPECT_EQ(audit_rows("vote.remind", entity), static_cast<std::int64_t>(unkeyed.size()));
  EXPECT_EQ(reminded(), non_voters * static_cast<std::int64_t>(unkeyed.size()));

  auto keyed = at_once(organisers, [&](HttpClient& organiser, std::size_t) {
    return organiser.send("POST", vote_path(vote, "/reminders"), json{{"message", "请在周五前投票"}}.dump(),
                          {"Idempotency-Key: friday-reminder"});
  });

  for (const auto& reply : keyed) {
    if (reply.status != 201) expect_error(reply, 409, "idempotency_key_in_use", "a keyed reminder sent at once");
  }
  EXPECT_GE(replies_with(keyed, 201), 1);
  EXPECT_EQ(audit_rows("vote.remind", entity), static_cast<std::int64_t>(unkeyed.size()) + 1);
  EXPECT_EQ(reminded(), non_voters * static_cast<std::int64_t>(unkeyed.size() + 1));
}

TEST_F(HostileRecentRoutesTest, RobotsSavedAtOnceLeaveOneRobotPerNodeAndAnAuditRecordEach) {
  std::int64_t compound = node("desheng-xincun");
  std::string url = "/api/v1/notification-webhooks/" + std::to_string(compound);
  std::int64_t before = count("SELECT COUNT(*) FROM notification_webhooks WHERE node_id = ?", {compound});
  ASSERT_LE(before, 1);
  auto leaders = clients("secretary", 4);

  auto replies = at_once(leaders, [&](HttpClient& leader, std::size_t i) {
    return leader.send("PUT", url, json{{"url", robot_url("at-once-" + std::to_string(i))}, {"enabled", true}}.dump());
  });

  EXPECT_EQ(replies_with(replies, 200), static_cast<long>(replies.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_webhooks WHERE node_id = ?", {compound}), 1);
  auto kept = db().read()->query_one("SELECT url FROM notification_webhooks WHERE node_id = ?", {compound});
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->text(0).rfind(robot_url("at-once-"), 0), 0u) << kept->text(0);
  EXPECT_EQ(audit_rows("notifications.webhook.update", "node:" + std::to_string(compound)),
            static_cast<std::int64_t>(replies.size()));
}

TEST_F(HostileRecentRoutesTest, TheSameCategoryCreatedAtOnceIsOneCategoryAndTheRestConflicts) {
  auto admins = clients("admin", 4);
  json category{{"street_id", node("street")}, {"code", "lift"}, {"name", "电梯"}, {"item_code", "elevator-fault"}};

  auto replies =
      at_once(admins, [&](HttpClient& admin, std::size_t) { return admin.post("/api/v1/case-categories", category); });

  EXPECT_EQ(replies_with(replies, 201), 1);
  for (const auto& reply : replies) {
    if (reply.status != 201) expect_error(reply, 409, "conflict", "the same category at once");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_resident_categories WHERE code = 'lift'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.category.create'"), 1);
}
