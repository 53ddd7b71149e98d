// Hostile callers of residents' invitation letters, privacy (the corrections staff answer, 我的信息) and gate
// terminals: a signed-in resident on staff routes (403), staff of another street on this street's ids and this
// street's staff on theirs, at both ends of each link (404, as missing, and nothing written), the device routes
// anonymous (401), and odd encodings of path ids (400 or 404 in the error shape, never 500).
#include "auth/accounts.hpp"
#include "modules/org/org.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;
namespace org = weizhi::org;

namespace {

const std::string kDevices = "/api/v1/access/devices";
const std::string kRequests = "/api/v1/residents/invitation-requests";
const std::string kCorrections = "/api/v1/privacy/corrections";

std::string id_path(const std::string& base, std::int64_t id, const std::string& rest = "") {
  return base + "/" + std::to_string(id) + rest;
}

}  // namespace

class ScopeHostileTest : public SmsApiTest {
 protected:
  // 湖墅街道, a street beside ours with a compound and a building, and its own street administrator signed in.
  struct FarStreet {
    std::int64_t compound, building;
    std::unique_ptr<HttpClient> admin;
  };
  FarStreet far_street() {
    FarStreet far;
    db().write([&](weizhi::store::Tx& tx) {
      auto street = org::insert_node(tx, std::nullopt, org::NodeKind::Street, "湖墅街道", "scope-far");
      auto compound = org::create_compound(tx, org::create_community(tx, street, "湖墅社区", std::nullopt), "湖墅小区",
                                           std::nullopt);
      far.compound = compound.id;
      far.building = org::create_building(tx, compound, {"1幢", 6, false}).id;
      std::int64_t user = weizhi::auth::create_user(
          tx, "far-admin", "湖墅街道管理员",
          weizhi::crypto::hash_password("weizhi-demo", weizhi::crypto::PasswordCost::Minimal));
      weizhi::auth::assign_role(tx, user, "street_admin", street.id);
    });
    far.admin = anonymous();
    EXPECT_EQ(far.admin->login("far-admin", "weizhi-demo").status, 200);
    return far;
  }

  // A gate of the compound, made by `staff`.
  std::int64_t gate_in(HttpClient& staff, std::int64_t compound) {
    Reply made =
        staff.post("/api/v1/access/gates",
                   json{{"compound_id", compound}, {"name", "东门"}, {"tier", "main"}, {"hours", {{"always", true}}}});
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("id", std::int64_t{0});
  }
  // The device body for a terminal on the gate (never called: no job runs in these tests).
  static json device_on(std::int64_t gate) {
    return json{
        {"gate_id", gate},     {"name", "闸机"},        {"vendor", "hikvision_isapi"}, {"url", "http://192.0.2.10"},
        {"username", "admin"}, {"password", "Hik12345"}};
  }
  std::int64_t device_in(HttpClient& staff, std::int64_t compound) {
    Reply made = staff.post(kDevices, device_on(gate_in(staff, compound)));
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("id", std::int64_t{0});
  }

  // A request of 德胜新村 waiting for the community to confirm a phone, as a redeemed letter leaves it.
  std::int64_t waiting_request() {
    std::int64_t part = first_part_of("desheng-xincun");
    weizhi::people::PersonInput input;
    input.home_node_id = node("desheng-xincun");
    input.name = "王小明";
    std::int64_t person = register_in("desheng-xincun", input, weizhi::people::Relation::Resident);
    return db().write([&](weizhi::store::Tx& tx) {
      std::int64_t building = tx.scalar(
          "SELECT unit.parent_id FROM org_nodes part JOIN org_nodes unit ON unit.id = part.parent_id WHERE part.id = ?",
          {part});
      std::int64_t admin = tx.scalar("SELECT id FROM users WHERE login = 'admin'");
      std::int64_t batch = tx.scalar(
          "INSERT INTO invitation_batches (building_id, issued_by, issued_at, expires_at) VALUES (?, ?, "
          "'2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z') RETURNING id",
          {building, admin});
      std::int64_t letter = tx.scalar(
          "INSERT INTO invitations (batch_id, part_id, code_hash, used_at) VALUES (?, ?, 'scope-test', "
          "'2026-01-01T00:00:00Z') RETURNING id",
          {batch, part});
      return tx.scalar(
          "INSERT INTO invitation_requests (invitation_id, person_id, phone_enc, phone_index, phone_masked, "
          "requested_at, state) VALUES (?, ?, ?, ?, '199****5555', '2026-01-01T00:00:00Z', 'pending') RETURNING id",
          {letter, person, data_key().encrypt("19900005555"), data_key().blind_index("19900005555")});
    });
  }

  // A correction the demo resident asks of 德胜新村's staff.
  std::int64_t open_correction() {
    Reply asked = signed_in("resident")->post("/api/v1/me/corrections", json{{"field", "other"}, {"proposed", "门牌"}});
    EXPECT_EQ(asked.status, 201) << asked.body;
    return asked.json().value("id", std::int64_t{0});
  }
};

TEST_F(ScopeHostileTest, AResidentIsRefusedEveryStaffRoute) {
  auto resident = signed_in("resident");
  std::int64_t device = device_in(*signed_in("admin"), node("desheng-xincun"));
  std::int64_t gate = count("SELECT gate_id FROM access_devices WHERE id = ?", {device});
  std::int64_t request = waiting_request();
  std::int64_t correction = open_correction();
  std::string compound = std::to_string(node("desheng-xincun"));
  struct Call {
    std::string method, path, body;
    long status;
  };
  // The gates' routes answer a caller who may not read the compound as if it were missing (its gates and their
  // terminals alike), a resident too; the others refuse the resident outright.
  const std::vector<Call> calls = {
      {"GET", "/api/v1/residents/invitations?compound=" + compound, "", 403},
      {"GET", kRequests + "?compound=" + compound, "", 403},
      {"POST", id_path(kRequests, request, "/confirm"), "", 403},
      {"POST", id_path(kRequests, request, "/refuse"), "", 403},
      {"GET", "/api/v1/privacy/notices", "", 403},
      {"POST", "/api/v1/privacy/notices", R"({"body":"新告知"})", 403},
      {"GET", kCorrections + "?node=" + compound, "", 403},
      {"GET", kDevices + "?compound=" + compound, "", 404},
      {"POST", kDevices, device_on(gate).dump(), 404},
      {"PATCH", id_path(kDevices, device), R"({"name":"x"})", 404},
      {"DELETE", id_path(kDevices, device), "", 404},
      {"POST", id_path(kDevices, device, "/sync"), "", 404},
      {"GET", "/api/v1/access/events?compound=" + compound, "", 404},
  };
  for (const auto& call : calls) {
    Reply reply = resident->send(call.method, call.path, call.body);
    EXPECT_EQ(reply.status, call.status) << call.method << " " << call.path << " → " << reply.body;
    EXPECT_FALSE(reply.error_code().empty()) << call.method << " " << call.path;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation_requests WHERE state = 'pending'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections WHERE id = ? AND status = 'open'", {correction}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_notices"), 1);
}

TEST_F(ScopeHostileTest, AnotherStreetsStaffFindNoneOfOurIdsAndWeNoneOfTheirs) {
  FarStreet far = far_street();
  auto admin = signed_in("admin");
  std::int64_t our_device = device_in(*admin, node("desheng-xincun"));
  std::int64_t our_gate = count("SELECT gate_id FROM access_devices WHERE id = ?", {our_device});
  std::int64_t their_device = device_in(*far.admin, far.compound);
  std::int64_t their_gate = count("SELECT gate_id FROM access_devices WHERE id = ?", {their_device});
  std::int64_t request = waiting_request();
  std::int64_t correction = open_correction();
  std::int64_t audited = count("SELECT COUNT(*) FROM audit_log");

  // Their administrator, on our ids.
  std::string ours = std::to_string(node("desheng-xincun"));
  for (const auto& path : {kDevices + "?compound=" + ours, "/api/v1/access/events?compound=" + ours,
                           "/api/v1/residents/invitations?compound=" + ours, kRequests + "?compound=" + ours}) {
    EXPECT_EQ(far.admin->get(path).status, 404) << path;
  }
  EXPECT_EQ(far.admin->patch(id_path(kDevices, our_device), {{"name", "越界"}}).status, 404);
  EXPECT_EQ(far.admin->del(id_path(kDevices, our_device)).status, 404);
  EXPECT_EQ(far.admin->post(id_path(kDevices, our_device, "/sync"), json::object()).status, 404);
  Reply on_our_gate = far.admin->post(kDevices, device_on(our_gate));
  EXPECT_EQ(on_our_gate.status, 404) << on_our_gate.body;
  std::int64_t our_building = count(
      "SELECT id FROM org_nodes WHERE kind = 'building' AND path LIKE ? ORDER BY id",
      {db().read()->query_one("SELECT path FROM org_nodes WHERE id = ?", {node("desheng-xincun")})->text(0) + "%"});
  Reply letters = far.admin->post("/api/v1/residents/invitations", json{{"building_id", our_building}});
  EXPECT_EQ(letters.status, 404) << letters.body;
  EXPECT_EQ(letters.error_field(), "building_id");
  EXPECT_EQ(far.admin->post(id_path(kRequests, request, "/confirm"), std::string("")).status, 404);
  EXPECT_EQ(far.admin->post(id_path(kRequests, request, "/refuse"), std::string("")).status, 404);
  EXPECT_EQ(
      far.admin->post(id_path(kCorrections, correction, "/resolve"), json{{"outcome", "corrected"}, {"reply", "好"}})
          .status,
      404);

  // Ours, on theirs.
  std::string theirs = std::to_string(far.compound);
  for (const auto& path : {kDevices + "?compound=" + theirs, "/api/v1/access/events?compound=" + theirs,
                           "/api/v1/residents/invitations?compound=" + theirs, kRequests + "?compound=" + theirs}) {
    EXPECT_EQ(admin->get(path).status, 404) << path;
  }
  EXPECT_EQ(admin->patch(id_path(kDevices, their_device), {{"name", "越界"}}).status, 404);
  EXPECT_EQ(admin->del(id_path(kDevices, their_device)).status, 404);
  EXPECT_EQ(admin->post(id_path(kDevices, their_device, "/sync"), json::object()).status, 404);
  Reply on_their_gate = admin->post(kDevices, device_on(their_gate));
  EXPECT_EQ(on_their_gate.status, 404) << on_their_gate.body;
  Reply their_letters = admin->post("/api/v1/residents/invitations", json{{"building_id", far.building}});
  EXPECT_EQ(their_letters.status, 404) << their_letters.body;
  EXPECT_EQ(their_letters.error_field(), "building_id");

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audited) << "a refusal wrote something";
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices WHERE name = '越界'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation_requests WHERE state = 'pending'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections WHERE status = 'open'"), 1);
}

TEST_F(ScopeHostileTest, TheDeviceRoutesRefuseAnonymousCallers) {
  std::int64_t device = device_in(*signed_in("admin"), node("desheng-xincun"));
  auto nobody = anonymous();
  EXPECT_EQ(nobody->patch(id_path(kDevices, device), {{"name", "x"}}).status, 401);
  EXPECT_EQ(nobody->del(id_path(kDevices, device)).status, 401);
  EXPECT_EQ(nobody->post(id_path(kDevices, device, "/sync"), json::object()).status, 401);
  Reply events = nobody->get("/api/v1/access/events?compound=" + std::to_string(node("desheng-xincun")));
  EXPECT_EQ(events.status, 401);
  EXPECT_EQ(events.error_code(), "unauthorized") << events.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices WHERE name = '闸机'"), 1);
}

TEST_F(ScopeHostileTest, OddPathIdsAreRefusedInTheErrorShapeNeverWith500) {
  auto admin = signed_in("admin");
  for (const char* id : {"%31", "1e3", "-1", "99999999999999999999"}) {
    const std::vector<std::pair<std::string, std::string>> calls = {
        {"POST", kRequests + "/" + id + "/confirm"},
        {"POST", kRequests + "/" + id + "/refuse"},
        {"POST", kCorrections + "/" + id + "/resolve"},
        {"PATCH", kDevices + "/" + id},
        {"DELETE", kDevices + "/" + id},
        {"POST", kDevices + "/" + id + "/sync"},
    };
    for (const auto& [method, path] : calls) {
      std::string body = method == "PATCH"            ? R"({"name":"x"})"
                         : path.ends_with("/resolve") ? R"({"outcome":"corrected","reply":"好"})"
                                                      : "";
      Reply reply = admin->send(method, path, body);
      EXPECT_TRUE(reply.status == 400 || reply.status == 404) << method << " " << path << " → " << reply.status;
      EXPECT_FALSE(reply.error_code().empty()) << method << " " << path << " → " << reply.body;
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices"), 0);
}
