// Access over HTTP on the Test seed: a compound's gates in three tiers with their hours and the main gates' roster,
// credentials issued only to those who live in or work on the compound, their lifecycle (audited), moving out
// ending them, the resident's own credentials and rotating code, the compound's figures, and hostile callers:
// anonymous, out of scope (as missing), another street's ids on either end, odd encodings and oversize bodies.
#include <regex>

#include "core/crypto.hpp"
#include "modules/access/rules.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/people/people.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

const std::string kGates = "/api/v1/access/gates";
const std::string kCredentials = "/api/v1/access/credentials";

json always() { return json{{"always", true}}; }

json night_closed() {
  return json{{"always", false},
              {"windows", json::array({{{"weekdays", {1, 2, 3, 4, 5, 6, 7}}, {"from", "05:30"}, {"to", "23:00"}}})}};
}

}  // namespace

class AccessTest : public ApiTest {
 protected:
  std::string id(const std::string& code) { return std::to_string(node(code)); }

  // People who live in the compound `code` with exactly one part there, by id.
  std::vector<std::int64_t> residents_of(const std::string& code) {
    auto lease = db().read();
    auto path = lease->query_one("SELECT path FROM org_nodes WHERE code = ?", {code})->text(0);
    std::vector<std::int64_t> ids;
    for (const auto& row :
         lease->query("SELECT l.person_id FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id "
                      "JOIN people p ON p.id = l.person_id WHERE p.is_developer = 0 AND n.path LIKE ? "
                      "GROUP BY l.person_id HAVING COUNT(*) = 1 ORDER BY l.person_id",
                      {path + "%"})) {
      ids.push_back(row.i64(0));
    }
    EXPECT_FALSE(ids.empty()) << "nobody lives in " << code;
    return ids;
  }

  std::int64_t user_id(const std::string& login) { return count("SELECT id FROM users WHERE login = ?", {login}); }

  json qr_for(std::int64_t person, const std::string& compound = "desheng-xincun") {
    return json{{"compound_id", node(compound)},
                {"person_id", person},
                {"kind", "qr"},
                {"valid_from", "2026-01-01"},
                {"valid_to", "2099-12-31"}};
  }

  Reply issue(HttpClient& client, const json& body) { return client.post(kCredentials, body); }

  std::string credential_path(std::int64_t credential, const std::string& step) {
    return kCredentials + "/" + std::to_string(credential) + "/" + step;
  }

  // A street of its own with a compound, a gate, a resident and their credential, out of our street's reach.
  struct Far {
    std::int64_t compound, gate, person, credential;
  };
  Far far_street() {
    return db().write([&](weizhi::store::Tx& tx) {
      namespace org = weizhi::org;
      auto street = org::insert_node(tx, std::nullopt, org::NodeKind::Street, "湖墅街道", "access-far");
      auto community = org::create_community(tx, street, "湖墅社区", "access-far-community");
      auto compound = org::create_compound(tx, community, "湖墅小区", "access-far-compound");
      auto building = org::create_building(tx, compound, {"1幢", 6, false});
      auto unit = org::create_unit(tx, building, "1单元");
      auto part = org::create_part(tx, unit, {"101", 1, org::PartUse::Residential, 8000, org::AreaSource::Registered});
      std::int64_t person = weizhi::people::create_person(tx, data_key(), {compound.id, "湖墅居民"});
      weizhi::people::link_part(tx, part.id, person, weizhi::people::Relation::Owner, false);
      std::int64_t gate = tx.scalar(
          "INSERT INTO access_gates (compound_node_id, name, tier, hours, status, note, created_at, updated_at) "
          "VALUES (?, '湖墅大门', 'main', '{\"always\":true,\"windows\":[]}', 'open', '', '2026-01-01T00:00:00Z', "
          "'2026-01-01T00:00:00Z') RETURNING id",
          {compound.id});
      std::int64_t credential = tx.scalar(
          "INSERT INTO access_credentials (compound_node_id, person_id, kind, number, valid_from, valid_to, state, "
          "created_at, updated_at) VALUES (?, ?, 'card', 'FAR1', '2026-01-01', '2099-12-31', 'active', "
          "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
          {compound.id, person});
      return Far{compound.id, gate, person, credential};
    });
  }
};

// --- Gates ---

TEST_F(AccessTest, EveryPilotCompoundHasGatesOfTheThreeTiersWithAStaffedMainGate) {
  auto reply = signed_in("commissioner")->get(kGates + "?compound=" + id("desheng-xincun"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  json items = reply.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["tier"], "main");
  EXPECT_EQ(items[0]["hours"]["always"], true);
  EXPECT_EQ(items[0]["roster"]["shifts"].size(), 2u);
  EXPECT_TRUE(items[0]["roster"]["company"].is_object()) << "the contract in force names the company";
  EXPECT_EQ(items[1]["tier"], "middle");
  EXPECT_EQ(items[1]["hours"]["windows"][0]["from"], "05:30");
  EXPECT_EQ(items[1]["hours"]["windows"][0]["to"], "23:00");
  EXPECT_FALSE(items[1].contains("roster"));
  EXPECT_EQ(items[2]["tier"], "small");
  for (const char* compound : {"c-cuiyu"}) {
    EXPECT_EQ(signed_in("admin")->get(kGates + "?compound=" + id(compound)).json()["items"].size(), 3u) << compound;
  }
}

TEST_F(AccessTest, AWorkerAddsAndEditsAGateAndItsRoster) {
  auto commissioner = signed_in("commissioner");
  json gate{{"compound_id", node("desheng-xincun")}, {"name", "西大门"}, {"tier", "main"}, {"hours", always()}};
  auto created = commissioner->post(kGates, gate);
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t gate_id = created.json()["id"];
  EXPECT_EQ(created.json()["status"], "open");
  EXPECT_EQ(commissioner->post(kGates, gate).status, 409);
  std::string path = kGates + "/" + std::to_string(gate_id);

  json roster{{"shifts",
               json::array({{{"guard_name", "赵师傅"}, {"from", "07:00"}, {"to", "19:00"}, {"weekdays", {1, 2, 3}}},
                            {{"guard_name", "钱师傅"}, {"from", "19:00"}, {"to", "07:00"}, {"weekdays", {1, 2, 3}}}})}};
  auto saved = commissioner->send("PUT", path + "/roster", roster.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["shifts"][1]["guard_name"], "钱师傅");
  EXPECT_EQ(commissioner->get(path + "/roster").json()["shifts"].size(), 2u);

  auto patched =
      commissioner->patch(path, {{"status", "fault"}, {"note", "道闸故障，已报修"}, {"hours", night_closed()}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["status"], "fault");
  EXPECT_EQ(patched.json()["open_now"], false);
  EXPECT_EQ(patched.json()["hours"]["always"], false);

  EXPECT_EQ(commissioner->patch(path, {{"tier", "side"}}).error_field(), "tier");
  EXPECT_EQ(commissioner->patch(path, {{"hours", {{"always", false}}}}).error_field(), "hours.windows");
  auto taken = commissioner->patch(path, {{"name", "南大门"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.error_field(), "name");

  // A main gate becoming a middle gate leaves its guards behind; a middle gate keeps none.
  auto middle = commissioner->patch(path, {{"tier", "middle"}});
  ASSERT_EQ(middle.status, 200) << middle.body;
  EXPECT_EQ(commissioner->get(path + "/roster").json()["shifts"].size(), 0u);
  auto refused = commissioner->send("PUT", path + "/roster", roster.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.error_field(), "tier");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = ?", {"access_gate:" + std::to_string(gate_id)}), 4);
}

TEST_F(AccessTest, BadGatesAreRefusedNamingTheField) {
  auto admin = signed_in("admin");
  json gate{{"compound_id", node("desheng-xincun")}, {"name", "新门"}, {"tier", "main"}, {"hours", always()}};
  auto with = [&](const std::string& key, const json& value) {
    json body = gate;
    body[key] = value;
    return admin->post(kGates, body);
  };
  EXPECT_EQ(with("tier", "side").error_field(), "tier");
  EXPECT_EQ(with("status", "ajar").error_field(), "status");
  EXPECT_EQ(with("name", " ").error_field(), "name");
  EXPECT_EQ(with("name", std::string(31 * 3, 'x')).error_field(), "name");
  EXPECT_EQ(with("hours", "always").error_field(), "hours");
  EXPECT_EQ(with("hours", json{{"always", false}, {"windows", json::array()}}).error_field(), "hours.windows");
  json late = night_closed();
  late["windows"][0]["to"] = "25:00";
  EXPECT_EQ(with("hours", late).error_field(), "hours.windows[0].to");
  EXPECT_EQ(with("compound_id", node("desheng")).status, 404) << "a community is no compound";
  EXPECT_EQ(with("extra", 1).error_field(), "extra");
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_gates WHERE name = '新门'"), 0);
}

TEST_F(AccessTest, GatesAreReadAndKeptOnlyWithinScope) {
  auto party = signed_in("party");  // reads the compound, keeps nothing
  json gate{{"compound_id", node("desheng-xincun")}, {"name", "党员门"}, {"tier", "small"}, {"hours", always()}};
  EXPECT_EQ(party->get(kGates + "?compound=" + id("desheng-xincun")).status, 200);
  EXPECT_EQ(party->post(kGates, gate).status, 403);
  // Another compound is out of the commissioner's reach: as missing.
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(kGates + "?compound=" + id("c-deshengba")).status, 404);
  gate["compound_id"] = node("c-deshengba");
  EXPECT_EQ(commissioner->post(kGates, gate).status, 404);
  std::int64_t elsewhere = signed_in("admin")->get(kGates + "?compound=" + id("c-cuiyu")).json()["items"][0]["id"];
  EXPECT_EQ(commissioner->get(kGates + "/" + std::to_string(elsewhere)).status, 404);
  EXPECT_EQ(commissioner->patch(kGates + "/" + std::to_string(elsewhere), {{"status", "closed"}}).status, 404);
  EXPECT_EQ(commissioner->get(kGates + "/" + std::to_string(elsewhere) + "/roster").status, 404);
  // A resident reads no gates list: the compound is as missing to them.
  EXPECT_EQ(signed_in("resident")->get(kGates + "?compound=" + id("desheng-xincun")).status, 404);
}

// --- Credentials ---

TEST_F(AccessTest, CredentialsGoOnlyToThoseWhoLiveOrWorkInTheCompound) {
  auto secretary = signed_in("secretary");
  std::int64_t resident = residents_of("desheng-xincun")[0];
  auto issued = issue(*secretary, qr_for(resident));
  ASSERT_EQ(issued.status, 201) << issued.body;
  json credential = issued.json();
  EXPECT_EQ(credential["state"], "active");
  EXPECT_EQ(credential["kind"], "qr");
  EXPECT_EQ(credential["tiers"], json({"main", "middle"}));
  EXPECT_EQ(credential["holder"]["kind"], "person");
  EXPECT_NE(credential["holder"]["name"].get<std::string>().find('*'), std::string::npos) << "names are masked";
  EXPECT_FALSE(credential["address"].empty());
  EXPECT_FALSE(issued.body.find("secret") != std::string::npos) << "the secret never leaves";

  // A resident of another compound of the same community is refused.
  auto outsider = issue(*secretary, qr_for(residents_of("c-deshengba")[0]));
  EXPECT_EQ(outsider.status, 422);
  EXPECT_EQ(outsider.error_field(), "person_id");
  EXPECT_EQ(issue(*secretary, qr_for(999999999)).status, 404);

  json staff{{"compound_id", node("desheng-xincun")},
             {"user_id", user_id("property-staff")},
             {"kind", "card"},
             {"card_number", "00A17F"},
             {"valid_from", "2026-01-01"},
             {"valid_to", "2099-12-31"}};
  auto card = issue(*secretary, staff);
  ASSERT_EQ(card.status, 201) << card.body;
  EXPECT_EQ(card.json()["card_number"], "00A17F");
  EXPECT_EQ(card.json()["holder"]["kind"], "user");
  EXPECT_EQ(issue(*secretary, staff).status, 409) << "one live credential per card number";
  staff["user_id"] = user_id("social-org");
  auto not_staff = issue(*secretary, staff);
  EXPECT_EQ(not_staff.status, 422);
  EXPECT_EQ(not_staff.error_field(), "user_id");

  auto with = [&](const std::string& key, const json& value) {
    json body = qr_for(resident);
    body[key] = value;
    if (value.is_null()) body.erase(key);
    return issue(*secretary, body);
  };
  EXPECT_EQ(with("kind", "iris").error_field(), "kind");
  EXPECT_EQ(with("card_number", "123").error_field(), "card_number");
  EXPECT_EQ(with("valid_to", "2025-12-31").error_field(), "valid_to");
  EXPECT_EQ(with("valid_from", "2026/01/01").error_field(), "valid_from");
  EXPECT_EQ(with("user_id", user_id("property-staff")).error_field(), "person_id");
  json card_body = qr_for(resident);
  card_body["kind"] = "card";
  for (const char* number : {"12-34", "", "卡号", "0123456789012345678901234567890123"}) {
    card_body["card_number"] = number;
    EXPECT_EQ(issue(*secretary, card_body).error_field(), "card_number") << number;
  }
  EXPECT_EQ(signed_in("party")->post(kCredentials, qr_for(resident)).status, 403);
}

TEST_F(AccessTest, TheSmallGatesNeedACurrentCommitteeMembersApproval) {
  auto secretary = signed_in("secretary");
  auto residents = residents_of("desheng-xincun");
  auto committee = secretary->post("/api/v1/committees",
                                   json{{"compound_id", node("desheng-xincun")}, {"term_starts_on", "2025-03-01"}});
  ASSERT_EQ(committee.status, 201) << committee.body;
  std::int64_t committee_id = committee.json()["id"];
  auto member =
      secretary->post("/api/v1/committees/" + std::to_string(committee_id) + "/members",
                      json{{"person_id", residents[1]}, {"position", "director"}, {"origin", "social_worker"}});
  ASSERT_EQ(member.status, 201) << member.body;

  json body = qr_for(residents[0]);
  body["approval"] = {{"member_person_id", residents[2]}, {"reference", "自管会〔2026〕5号"}};
  auto not_member = issue(*secretary, body);
  EXPECT_EQ(not_member.status, 422);
  EXPECT_EQ(not_member.error_field(), "approval.member_person_id");
  body["approval"] = {{"member_person_id", residents[1]}, {"reference", " "}};
  EXPECT_EQ(issue(*secretary, body).error_field(), "approval.reference");
  body["approval"] = {{"member_person_id", residents[1]}, {"reference", "自管会〔2026〕5号"}};
  auto approved = issue(*secretary, body);
  ASSERT_EQ(approved.status, 201) << approved.body;
  EXPECT_EQ(approved.json()["tiers"], json({"main", "middle", "small"}));
  EXPECT_EQ(approved.json()["approval"]["reference"], "自管会〔2026〕5号");
  EXPECT_EQ(approved.json()["approval"]["member"]["person_id"], residents[1]);
}

TEST_F(AccessTest, SuspendRestoreAndRevokeFollowTheLifecycleAndAreAudited) {
  auto grid = signed_in("grid");
  std::int64_t credential = issue(*grid, qr_for(residents_of("desheng-xincun")[0])).json()["id"];
  EXPECT_EQ(grid->post(credential_path(credential, "suspend"), json::object()).error_field(), "reason");
  EXPECT_EQ(grid->post(credential_path(credential, "suspend"), json{{"reason", " "}}).error_field(), "reason");
  auto suspended = grid->post(credential_path(credential, "suspend"), json{{"reason", "手机遗失"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(suspended.json()["state"], "suspended");
  EXPECT_EQ(suspended.json()["reason"], "手机遗失");
  EXPECT_EQ(suspended.json()["suspended_by"]["kind"], "manual");
  EXPECT_EQ(grid->post(credential_path(credential, "suspend"), json{{"reason", "再次"}}).status, 409);
  auto restored = grid->post(credential_path(credential, "restore"), json::object());
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.json()["state"], "active");
  EXPECT_TRUE(restored.json()["reason"].is_null());
  EXPECT_EQ(grid->post(credential_path(credential, "restore"), json::object()).status, 409);
  auto revoked = grid->post(credential_path(credential, "revoke"), json{{"reason", "本人申请"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["state"], "revoked");
  auto no_return = grid->post(credential_path(credential, "restore"), json::object());
  EXPECT_EQ(no_return.status, 409);
  EXPECT_EQ(no_return.error_field(), "state");
  EXPECT_EQ(grid->post(credential_path(credential, "revoke"), json{{"reason", "再次"}}).status, 409);
  std::string entity = "access_credential:" + std::to_string(credential);
  for (const char* action : {"access.credential.issue", "access.credential.suspend", "access.credential.restore",
                             "access.credential.revoke"}) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity = ?", {action, entity}), 1) << action;
  }
  auto listed = grid->get(kCredentials + "?compound=" + id("desheng-xincun") + "&state=revoked");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["id"], credential);
  EXPECT_EQ(grid->get(kCredentials + "?compound=" + id("desheng-xincun") + "&state=lost").error_field(), "state");
}

TEST_F(AccessTest, MovingOutRevokesTheResidentsCredentialsInThatCompound) {
  auto admin = signed_in("admin");
  auto residents = residents_of("desheng-xincun");
  std::int64_t leaving = residents[0], staying = residents[1];
  std::int64_t leaving_credential = issue(*admin, qr_for(leaving)).json()["id"];
  std::int64_t staying_credential = issue(*admin, qr_for(staying)).json()["id"];
  auto link = db().read()->query_one("SELECT part_node_id, id FROM part_links WHERE person_id = ?", {leaving});
  ASSERT_TRUE(link);
  auto removed = admin->del("/api/v1/parts/" + std::to_string(link->i64(0)) + "/links/" + std::to_string(link->i64(1)));
  ASSERT_TRUE(removed.status == 200 || removed.status == 204) << removed.body;

  ASSERT_TRUE(run_job("access.credentials.moving_out", clock_));
  auto shown = [&](std::int64_t credential, std::int64_t person) {
    json items = admin->get(kCredentials + "?compound=" + id("desheng-xincun") + "&person=" + std::to_string(person))
                     .json()["items"];
    for (const auto& item : items) {
      if (item["id"] == credential) return item;
    }
    return json();
  };
  json left = shown(leaving_credential, leaving);
  EXPECT_EQ(left["state"], "revoked");
  EXPECT_EQ(left["reason"], "迁出");
  EXPECT_EQ(shown(staying_credential, staying)["state"], "active");
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_credentials WHERE person_id = ? AND state <> 'revoked'", {leaving}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.credential.revoke' AND entity = ? "
                  "AND actor = 'system'",
                  {"access_credential:" + std::to_string(leaving_credential)}),
            1);
}

// --- The resident's own ---

TEST_F(AccessTest, TheResidentSeesTheirCredentialAndItsRotatingCode) {
  auto resident = signed_in("resident");
  auto mine = resident->get("/api/v1/me/credentials");
  ASSERT_EQ(mine.status, 200) << mine.body;
  json items = mine.json()["items"];
  ASSERT_FALSE(items.empty()) << "the demo resident holds a QR code";
  json credential = items[0];
  EXPECT_EQ(credential["kind"], "qr");
  EXPECT_EQ(credential["compound"]["id"], node("desheng-xincun"));
  std::int64_t credential_id = credential["id"];

  auto code = resident->get("/api/v1/me/credentials/" + std::to_string(credential_id) + "/code");
  ASSERT_EQ(code.status, 200) << code.body;
  std::string payload = code.json()["code"];
  EXPECT_TRUE(std::regex_match(payload, std::regex("WZA1:" + std::to_string(credential_id) + ":[0-9]{8}"))) << payload;
  int expires = code.json()["expires_in"];
  EXPECT_GE(expires, 1);
  EXPECT_LE(expires, 30);
  EXPECT_EQ(code.json().size(), 2u) << "the code and its time, never the secret";
  // The code checks against the secret kept for the credential.
  auto sealed = db().read()->query_one("SELECT secret_enc FROM access_credentials WHERE id = ?", {credential_id});
  auto secret = weizhi::access::bytes_from_hex(data_key().decrypt(sealed->text(0)));
  ASSERT_TRUE(secret);
  auto parsed = weizhi::access::parse_qr_payload(payload);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(weizhi::access::verify_qr(*secret, parsed->code, std::chrono::system_clock::now()));

  // Someone else's credential is as missing; a suspended one shows no code.
  std::int64_t others = issue(*signed_in("admin"), qr_for(residents_of("desheng-xincun").back())).json()["id"];
  EXPECT_EQ(resident->get("/api/v1/me/credentials/" + std::to_string(others) + "/code").status, 404);
  ASSERT_EQ(signed_in("admin")->post(credential_path(credential_id, "suspend"), json{{"reason", "核查"}}).status, 200);
  auto refused = resident->get("/api/v1/me/credentials/" + std::to_string(credential_id) + "/code");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(resident->get("/api/v1/me/credentials").json()["items"][0]["reason"], "核查");
}

TEST_F(AccessTest, StatsAnswerTheFiguresByTheirExactKeys) {
  auto reply = signed_in("commissioner")->get("/api/v1/stats/access?compound=" + id("desheng-xincun"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  json stats = reply.json();
  std::vector<std::string> keys;
  for (const auto& [key, value] : stats.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"credentials_active", "credentials_suspended", "devices", "gates",
                                            "observations_active", "visitor_passes_active"}));
  EXPECT_EQ(stats["gates"], json({{"main", 1}, {"middle", 1}, {"small", 1}}));
  EXPECT_EQ(stats["devices"], 0);
  EXPECT_EQ(stats["visitor_passes_active"], 0);
  EXPECT_EQ(stats["observations_active"], 0);
  EXPECT_EQ(stats["credentials_active"],
            count("SELECT COUNT(*) FROM access_credentials WHERE compound_node_id = ? AND state = 'active'",
                  {node("desheng-xincun")}));
  EXPECT_GT(stats["credentials_active"].get<std::int64_t>(), 0);
  EXPECT_EQ(stats["credentials_suspended"], 0);
}

// --- Hostile callers ---

TEST_F(AccessTest, AnonymousCallersAreAnswered401AndWriteNothing) {
  auto anonymous = this->anonymous();
  std::int64_t gates = count("SELECT COUNT(*) FROM access_gates");
  std::string compound = id("desheng-xincun");
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", kGates + "?compound=" + compound},
                                                        {"POST", kGates},
                                                        {"GET", kGates + "/1"},
                                                        {"PATCH", kGates + "/1"},
                                                        {"GET", kGates + "/1/roster"},
                                                        {"PUT", kGates + "/1/roster"},
                                                        {"GET", kCredentials + "?compound=" + compound},
                                                        {"POST", kCredentials},
                                                        {"POST", kCredentials + "/1/suspend"},
                                                        {"POST", kCredentials + "/1/restore"},
                                                        {"POST", kCredentials + "/1/revoke"},
                                                        {"GET", "/api/v1/me/credentials"},
                                                        {"GET", "/api/v1/me/credentials/1/code"},
                                                        {"GET", "/api/v1/stats/access?compound=" + compound}}) {
    auto reply = anonymous->send(method, path, method == "GET" ? "" : R"({"reason":"x"})");
    EXPECT_EQ(reply.status, 401) << method << " " << path << " → " << reply.body;
    EXPECT_FALSE(reply.error_code().empty()) << method << " " << path;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_gates"), gates);
}

TEST_F(AccessTest, AnotherStreetsIdsAreMissingOnEitherEnd) {
  Far far = far_street();
  auto admin = signed_in("admin");
  std::string gate = kGates + "/" + std::to_string(far.gate);
  EXPECT_EQ(admin->get(gate).status, 404);
  EXPECT_EQ(admin->patch(gate, {{"status", "closed"}}).status, 404);
  EXPECT_EQ(admin->get(gate + "/roster").status, 404);
  EXPECT_EQ(admin->send("PUT", gate + "/roster", R"({"shifts":[]})").status, 404);
  EXPECT_EQ(admin->get(kGates + "?compound=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(admin->get(kCredentials + "?compound=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(admin->get("/api/v1/stats/access?compound=" + std::to_string(far.compound)).status, 404);
  EXPECT_EQ(
      admin->post(kGates, {{"compound_id", far.compound}, {"name", "越界门"}, {"tier", "small"}, {"hours", always()}})
          .status,
      404);
  for (const char* step : {"suspend", "restore", "revoke"}) {
    EXPECT_EQ(admin->post(credential_path(far.credential, step), json{{"reason", "越界"}}).status, 404) << step;
  }
  // Our compound with their person, and their compound with our person.
  auto theirs = issue(*admin, qr_for(far.person));
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(theirs.error_field(), "person_id");
  json ours = qr_for(residents_of("desheng-xincun")[0]);
  ours["compound_id"] = far.compound;
  EXPECT_EQ(issue(*admin, ours).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_credentials WHERE compound_node_id = ?", {far.compound}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_gates WHERE compound_node_id = ?", {far.compound}), 1);
  EXPECT_EQ(count("SELECT state = 'active' FROM access_credentials WHERE id = ?", {far.credential}), 1);
}

TEST_F(AccessTest, OddEncodingsAndOversizeBodiesAreRefusedInTheErrorShape) {
  auto admin = signed_in("admin");
  for (const char* bad : {"abc", "-1", "0", "99999999999999999999", "1.5", "%201", "0x1", "%EF%BC%91"}) {
    auto gate = admin->get(kGates + "/" + bad);
    EXPECT_EQ(gate.status, 404) << bad;
    EXPECT_FALSE(gate.error_code().empty()) << bad;
    EXPECT_EQ(admin->post(kCredentials + "/" + bad + "/suspend", json{{"reason", "x"}}).status, 404) << bad;
    auto listed = admin->get(kGates + "?compound=" + bad);
    EXPECT_EQ(listed.status, 400) << bad;
    EXPECT_EQ(listed.error_field(), "compound") << bad;
  }
  EXPECT_EQ(admin->get(kGates).error_field(), "compound");
  EXPECT_EQ(admin->get(kCredentials + "?compound=" + id("desheng-xincun") + "&person=%00").error_field(), "person");
  EXPECT_EQ(admin->post(kGates, std::string("{\"name\":")).status, 400);
  EXPECT_EQ(admin->post(kGates, std::string("[1]")).status, 400);
  std::string two_mebibytes(2 * 1024 * 1024, 'x');
  EXPECT_EQ(admin->post(kGates, json{{"name", two_mebibytes}}).status, 413);
  EXPECT_EQ(admin->post(kCredentials, json{{"card_number", two_mebibytes}}).status, 413);
  json nested = json::array();
  for (int i = 0; i < 100; ++i) nested = json::array({nested});
  json body{{"compound_id", node("desheng-xincun")}, {"name", "深门"}, {"tier", "main"}, {"hours", nested}};
  EXPECT_EQ(admin->post(kGates, body).status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_gates WHERE name = '深门'"), 0);
}
