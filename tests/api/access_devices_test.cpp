// Access terminals over HTTP against the ISAPI emulator, on the Test seed: a device added to a gate keeps its
// password encrypted and never shows it; a sync makes the terminal hold exactly the gate's credentials (unknown
// persons deleted, a suspended one disabled); the job syncs after a change; a terminal that is down or refuses the
// password fails the sync clearly and its status says why; and hostile callers.
#include "support/isapi_emulator.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::IsapiEmulator;

namespace {

const std::string kDevices = "/api/v1/access/devices";
const std::string kPassword = "Hik12345";

}  // namespace

class AccessDevicesTest : public ApiTest {
 protected:
  std::int64_t gate_of(const std::string& compound, const std::string& tier) {
    return count(
        "SELECT g.id FROM access_gates g JOIN org_nodes n ON n.id = g.compound_node_id WHERE n.code = ? AND "
        "g.tier = ? ORDER BY g.id LIMIT 1",
        {compound, tier});
  }
  // Credentials of desheng-xincun that a main gate's terminal should hold.
  std::int64_t wanted() {
    return count(
        "SELECT COUNT(*) FROM access_credentials a JOIN org_nodes n ON n.id = a.compound_node_id WHERE n.code = "
        "'desheng-xincun' AND a.state <> 'revoked'");
  }
  json device_body(const IsapiEmulator& terminal, const std::string& password = kPassword) {
    return json{{"gate_id", gate_of("desheng-xincun", "main")},
                {"name", "南大门闸机"},
                {"vendor", "hikvision_isapi"},
                {"url", terminal.url()},
                {"username", "admin"},
                {"password", password}};
  }
  std::string sync_path(std::int64_t device) { return kDevices + "/" + std::to_string(device) + "/sync"; }
  json device_status(std::int64_t device) {
    auto reply = signed_in("commissioner")->get(kDevices + "?compound=" + std::to_string(node("desheng-xincun")));
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["id"] == device) return item;
    }
    ADD_FAILURE() << "device " << device << " not listed";
    return json();
  }
};

TEST_F(AccessDevicesTest, ADeviceKeepsItsPasswordEncryptedAndNeverShowsIt) {
  IsapiEmulator terminal("admin", kPassword);
  auto commissioner = signed_in("commissioner");
  auto created = commissioner->post(kDevices, device_body(terminal));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_FALSE(created.json().contains("password"));
  EXPECT_FALSE(created.json().contains("password_enc"));
  EXPECT_EQ(created.body.find(kPassword), std::string::npos);
  std::int64_t id = created.json()["id"];
  auto stored = db().read()->query_one("SELECT password_enc FROM access_devices WHERE id = ?", {id})->text(0);
  EXPECT_EQ(stored.find(kPassword), std::string::npos);
  EXPECT_EQ(data_key().decrypt(stored), kPassword);
  json listed = device_status(id);
  EXPECT_FALSE(listed.contains("password"));
  EXPECT_TRUE(listed["last_sync_at"].is_null());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = ?", {"access_device:" + std::to_string(id)}), 1);

  auto renamed = commissioner->patch(kDevices + "/" + std::to_string(id), {{"name", "南门闸机"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "南门闸机");
  EXPECT_EQ(
      data_key().decrypt(db().read()->query_one("SELECT password_enc FROM access_devices WHERE id = ?", {id})->text(0)),
      kPassword);
  EXPECT_EQ(commissioner->del(kDevices + "/" + std::to_string(id)).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices WHERE id = ?", {id}), 0);
}

TEST_F(AccessDevicesTest, ASyncMakesTheTerminalHoldExactlyTheGatesCredentials) {
  IsapiEmulator terminal("admin", kPassword);
  terminal.put_user({{"employeeNo", "GHOST1"}, {"name", "不明人员"}, {"Valid", {{"enable", true}}}});
  auto commissioner = signed_in("commissioner");
  std::int64_t id = commissioner->post(kDevices, device_body(terminal)).json()["id"];
  ASSERT_GT(wanted(), 0);

  auto synced = commissioner->post(sync_path(id), json::object());
  ASSERT_EQ(synced.status, 200) << synced.body;
  EXPECT_EQ(synced.json()["upserted"], wanted());
  EXPECT_EQ(synced.json()["deleted"], 1);
  EXPECT_EQ(synced.json()["failed"], 0);
  auto held = terminal.users();
  EXPECT_EQ(static_cast<std::int64_t>(held.size()), wanted());
  EXPECT_FALSE(held.contains("GHOST1"));
  for (const auto& [number, info] : held) {
    EXPECT_EQ(info["userType"], "normal");
    EXPECT_EQ(info["Valid"]["timeType"], "local");
    EXPECT_EQ(info["RightPlan"][0]["doorNo"], 1);
    EXPECT_NE(info["name"].get<std::string>().find("*"), std::string::npos) << "names are masked: " << info["name"];
  }
  EXPECT_FALSE(device_status(id)["last_sync_at"].is_null());
  EXPECT_TRUE(device_status(id)["last_error"].is_null());

  // Nothing changed: a second sync writes nothing.
  auto again = commissioner->post(sync_path(id), json::object());
  EXPECT_EQ(again.json()["upserted"], 0);
  EXPECT_EQ(again.json()["deleted"], 0);

  // A suspended credential stays on the terminal, disabled; a revoked one leaves it.
  auto credential = count(
      "SELECT MIN(a.id) FROM access_credentials a JOIN org_nodes n ON n.id = a.compound_node_id WHERE n.code = "
      "'desheng-xincun' AND a.state = 'active' AND a.kind = 'qr'");
  std::string code = "QR" + std::to_string(credential);
  ASSERT_TRUE(terminal.users().contains(code));
  auto suspended = commissioner->post("/api/v1/access/credentials/" + std::to_string(credential) + "/suspend",
                                      {{"reason", "居家隔离"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  auto after = commissioner->post(sync_path(id), json::object());
  EXPECT_EQ(after.json()["upserted"], 1);
  EXPECT_EQ(terminal.users()[code]["Valid"]["enable"], false);
  ASSERT_EQ(
      commissioner->post("/api/v1/access/credentials/" + std::to_string(credential) + "/revoke", {{"reason", "迁出"}})
          .status,
      200);
  EXPECT_EQ(commissioner->post(sync_path(id), json::object()).json()["deleted"], 1);
  EXPECT_FALSE(terminal.users().contains(code));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.device.sync' AND entity = ?",
                  {"access_device:" + std::to_string(id)}),
            4);
}

TEST_F(AccessDevicesTest, TheJobSyncsADeviceAfterACredentialChange) {
  IsapiEmulator terminal("admin", kPassword);
  auto commissioner = signed_in("commissioner");
  std::int64_t id = commissioner->post(kDevices, device_body(terminal)).json()["id"];
  ASSERT_TRUE(run_job("access.devices.sync", clock_));
  EXPECT_EQ(static_cast<std::int64_t>(terminal.users().size()), wanted()) << "a new device is synced in full";

  auto credential = count(
      "SELECT MIN(a.id) FROM access_credentials a JOIN org_nodes n ON n.id = a.compound_node_id WHERE n.code = "
      "'desheng-xincun' AND a.state = 'active'");
  ASSERT_EQ(
      commissioner
          ->post("/api/v1/access/credentials/" + std::to_string(credential) + "/suspend", {{"reason", "门禁卡挂失"}})
          .status,
      200);
  // The next period (10 s on) finds the device due and syncs it.
  weizhi::testing::ManualClock later;
  later.set(clock_.now() + std::chrono::seconds(11));
  ASSERT_TRUE(run_job("access.devices.sync", later));
  bool disabled = false;
  for (const auto& [number, info] : terminal.users()) {
    if (info["Valid"]["enable"] == false) disabled = true;
  }
  EXPECT_TRUE(disabled);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.device.sync' AND entity = ?",
                  {"access_device:" + std::to_string(id)}),
            2);
}

TEST_F(AccessDevicesTest, ATerminalThatIsDownOrRefusesThePasswordFailsClearlyAndIsRetried) {
  IsapiEmulator terminal("admin", kPassword);
  auto commissioner = signed_in("commissioner");
  std::int64_t id = commissioner->post(kDevices, device_body(terminal)).json()["id"];
  terminal.set_down(true);
  auto down = commissioner->post(sync_path(id), json::object());
  EXPECT_EQ(down.status, 502) << down.body;
  EXPECT_EQ(down.json()["error"]["code"], "device_unreachable");
  json status = device_status(id);
  EXPECT_NE(status["last_error"].get<std::string>().find("连接设备失败"), std::string::npos) << status;
  EXPECT_EQ(status["failures"], 1);
  EXPECT_FALSE(status["next_retry_at"].is_null());
  // The job leaves it alone until the retry is due.
  ASSERT_TRUE(run_job("access.devices.sync", clock_));
  EXPECT_EQ(device_status(id)["failures"], 1);

  terminal.set_down(false);
  std::int64_t wrong = commissioner->post(kDevices, device_body(terminal, "wrong-password")).json()["id"];
  auto refused = commissioner->post(sync_path(wrong), json::object());
  EXPECT_EQ(refused.status, 502);
  EXPECT_EQ(device_status(wrong)["last_error"], "设备拒绝登录：用户名或密码错误");
  EXPECT_GT(terminal.refused_logins(), 0);

  // Back up: the next sync succeeds and clears the error.
  ASSERT_EQ(commissioner->post(sync_path(id), json::object()).status, 200);
  EXPECT_TRUE(device_status(id)["last_error"].is_null());
  EXPECT_EQ(device_status(id)["failures"], 0);
}

TEST_F(AccessDevicesTest, HostileCallersAndAddressesAreRefused) {
  IsapiEmulator terminal("admin", kPassword);
  auto commissioner = signed_in("commissioner");
  json body = device_body(terminal);
  EXPECT_EQ(anonymous()->post(kDevices, body).status, 401);
  EXPECT_EQ(anonymous()->get(kDevices + "?compound=" + std::to_string(node("desheng-xincun"))).status, 401);
  EXPECT_EQ(signed_in("party")->post(kDevices, body).status, 403);
  auto with = [&](const std::string& key, const json& value) {
    json changed = body;
    changed[key] = value;
    return commissioner->post(kDevices, changed);
  };
  EXPECT_EQ(with("url", "http://admin:secret@192.0.2.10").error_field(), "url");
  EXPECT_EQ(with("url", "file:///etc/passwd").error_field(), "url");
  EXPECT_EQ(with("url", "gopher://192.0.2.10").error_field(), "url");
  EXPECT_EQ(with("url", "http://192.0.2.10/?x=1").error_field(), "url");
  EXPECT_EQ(with("url", "http://").error_field(), "url");
  EXPECT_EQ(with("vendor", "dahua").error_field(), "vendor");
  EXPECT_EQ(with("password", "").error_field(), "password");
  EXPECT_EQ(with("gate_id", "1e3").status, 400);
  EXPECT_EQ(with("extra", 1).error_field(), "extra");
  EXPECT_EQ(commissioner->post(kDevices, std::string(2 * 1024 * 1024, '{')).status, 413);
  // Another compound's gate, and its device, are as missing.
  EXPECT_EQ(with("gate_id", gate_of("c-cuiyu", "main")).status, 404);
  EXPECT_EQ(with("gate_id", 999999999).status, 404);
  json elsewhere = body;
  elsewhere["gate_id"] = gate_of("c-cuiyu", "main");
  std::int64_t far = signed_in("admin")->post(kDevices, elsewhere).json()["id"];
  std::string far_path = kDevices + "/" + std::to_string(far);
  EXPECT_EQ(commissioner->post(far_path + "/sync", json::object()).status, 404);
  EXPECT_EQ(commissioner->patch(far_path, {{"name", "x"}}).status, 404);
  EXPECT_EQ(commissioner->del(far_path).status, 404);
  EXPECT_EQ(commissioner->get(kDevices + "?compound=" + std::to_string(node("c-cuiyu"))).status, 404);
  EXPECT_EQ(commissioner->post(kDevices + "/abc/sync", json::object()).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_devices"), 1);
}

TEST_F(AccessDevicesTest, EventsArePulledOnceAndSearchedByGatePersonAndTime) {
  IsapiEmulator terminal("admin", kPassword);
  auto commissioner = signed_in("commissioner");
  std::int64_t device = commissioner->post(kDevices, device_body(terminal)).json()["id"];
  auto holder = db().read()->query_one(
      "SELECT a.id, a.person_id FROM access_credentials a JOIN org_nodes n ON n.id = a.compound_node_id WHERE "
      "n.code = 'desheng-xincun' AND a.state = 'active' ORDER BY a.id LIMIT 1");
  std::int64_t credential = holder->i64(0), person = holder->i64(1);
  // Within the last day, in the terminal's local time.
  auto local = [&](int minutes_ago) {
    std::string utc = weizhi::iso_utc(clock_.now() + std::chrono::hours(8) - std::chrono::minutes(minutes_ago));
    return utc.substr(0, 19) + "+08:00";
  };
  terminal.add_event(101, local(30), "QR" + std::to_string(credential), 75);
  terminal.add_event(102, local(20), "UNKNOWN9", 9);
  terminal.add_event(103, local(10), "QR" + std::to_string(credential), 75);

  ASSERT_TRUE(run_job("access.events.pull", clock_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events WHERE device_id = ?", {device}), 3);
  weizhi::testing::ManualClock later;
  later.set(clock_.now() + std::chrono::minutes(1));
  terminal.add_event(104, local(5), "QR" + std::to_string(credential), 1);
  ASSERT_TRUE(run_job("access.events.pull", later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events WHERE device_id = ?", {device}), 4) << "nothing twice";

  std::string compound = std::to_string(node("desheng-xincun"));
  auto all = commissioner->get("/api/v1/access/events?compound=" + compound);
  ASSERT_EQ(all.status, 200) << all.body;
  json items = all.json()["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["result"], "granted");
  EXPECT_EQ(items[0]["reason"], "刷卡通过");
  EXPECT_EQ(items[2]["result"], "denied");
  EXPECT_EQ(items[2]["reason"], "未登记的卡");
  EXPECT_TRUE(items[2]["holder"].is_null());
  EXPECT_EQ(items[1]["holder"]["credential_id"], credential);
  EXPECT_NE(items[1]["holder"]["name"].get<std::string>().find("*"), std::string::npos) << "the person masked";
  EXPECT_EQ(items[1]["gate"]["id"], gate_of("desheng-xincun", "main"));

  auto mine = commissioner->get("/api/v1/access/events?compound=" + compound + "&person=" + std::to_string(person));
  EXPECT_EQ(mine.json()["items"].size(), 3u);
  auto recent = commissioner->get("/api/v1/access/events?compound=" + compound +
                                  "&from=" + weizhi::iso_utc(clock_.now() - std::chrono::minutes(15)));
  EXPECT_EQ(recent.json()["items"].size(), 2u);
  auto other_gate = commissioner->get("/api/v1/access/events?compound=" + compound +
                                      "&gate=" + std::to_string(gate_of("desheng-xincun", "small")));
  EXPECT_EQ(other_gate.json()["items"].size(), 0u);
  EXPECT_EQ(commissioner->get("/api/v1/access/events?compound=" + compound + "&from=yesterday").error_field(), "from");
  EXPECT_EQ(commissioner->get("/api/v1/access/events?compound=" + std::to_string(node("c-cuiyu"))).status, 404);
  EXPECT_EQ(anonymous()->get("/api/v1/access/events?compound=" + compound).status, 401);

  auto stats = commissioner->get("/api/v1/stats/access?compound=" + compound);
  EXPECT_EQ(stats.json()["devices"], 1);

  // Past the retention the daily purge deletes them, audited with counts only.
  weizhi::testing::ManualClock much_later;
  much_later.set(clock_.now() + std::chrono::days(181));
  ASSERT_TRUE(run_job("access.events.purge", much_later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events"), 0);
  auto purge = db().read()->query_one("SELECT summary FROM audit_log WHERE action = 'access.events.purge'");
  ASSERT_TRUE(purge);
  EXPECT_EQ(json::parse(purge->text(0))["purged"], 4);
}
