// Visitor passes and the gate's check over HTTP on the Test seed: the resident's household issues, lists and
// revokes passes (masked, limited, refused naming fields), staff list them and the figures count them, the key the
// terminals check with, and POST /api/v1/access/checks for a credential's rotating code and for a pass — granted,
// used, expired, suspended, wrong tier, two gates at once — recording each passage; hostile callers too.
#include <atomic>
#include <sodium.h>
#include <thread>

#include "core/crypto.hpp"
#include "modules/access/rules.hpp"
#include "modules/access/visitors_rules.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/people/people.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

const std::string kMine = "/api/v1/me/visitor-passes";
const std::string kChecks = "/api/v1/access/checks";

json visitor(const std::string& uses = "once") {
  return json{{"visitor_name", "王小明"}, {"visitor_phone", "13812345678"}, {"uses", uses}};
}

}  // namespace

class AccessVisitorsTest : public ApiTest {
 protected:
  // The compound's gate of the tier (the Test seed gives each pilot compound one of each).
  std::int64_t gate(const std::string& tier, const std::string& compound = "desheng-xincun") {
    return count("SELECT id FROM access_gates WHERE compound_node_id = ? AND tier = ?", {node(compound), tier});
  }

  Reply check(HttpClient& client, std::int64_t gate_id, const std::string& payload) {
    return client.post(kChecks, json{{"gate_id", gate_id}, {"payload", payload}});
  }

  // The current rotating code of the demo resident's QR credential.
  std::string resident_code(std::int64_t* credential_id = nullptr) {
    auto lease = db().read();
    auto row = lease->query_one(
        "SELECT a.id, a.secret_enc FROM access_credentials a JOIN users u ON u.person_id = a.person_id "
        "WHERE u.login = 'resident' AND a.kind = 'qr' ORDER BY a.id LIMIT 1");
    EXPECT_TRUE(row);
    if (credential_id) *credential_id = row->i64(0);
    auto secret = weizhi::access::bytes_from_hex(data_key().decrypt(row->text(1)));
    return weizhi::access::qr_payload(row->i64(0), weizhi::access::totp(*secret, std::chrono::system_clock::now()));
  }

  // A token for the pass signed with the platform's own key but saying `expires_at`.
  std::string token_expiring(std::int64_t pass_id, std::int64_t expires_at) {
    auto lease = db().read();
    auto row = lease->query_one("SELECT id, secret_enc FROM access_signing_keys");
    auto secret = weizhi::access::bytes_from_hex(data_key().decrypt(row->text(1)));
    return weizhi::access::sign_pass(
        {pass_id, node("desheng-xincun"), expires_at, weizhi::access::PassUses::Once, row->i64(0)}, *secret);
  }
};

// --- Issuing, listing, revoking ---

TEST_F(AccessVisitorsTest, AResidentIssuesAPassShownMaskedWithItsTokenAndTimeLeft) {
  auto resident = signed_in("resident");
  auto created = resident->post(kMine, visitor());
  ASSERT_EQ(created.status, 201) << created.body;
  json pass = created.json();
  EXPECT_EQ(pass["visitor_name"], "王*明");
  EXPECT_EQ(pass["visitor_phone"], "138****5678");
  EXPECT_EQ(pass["uses"], "once");
  EXPECT_EQ(pass["state"], "active");
  EXPECT_EQ(pass["gate_tiers"], json::array({"main", "middle"}));
  EXPECT_EQ(pass["compound"]["id"], node("desheng-xincun"));
  std::int64_t left = pass["seconds_left"];
  EXPECT_GT(left, 24 * 3600 - 60);
  EXPECT_LE(left, 24 * 3600);
  std::string token = pass["token"];
  EXPECT_EQ(token.rfind("WZV1.", 0), 0u);
  // Nothing of the visitor is kept in the clear.
  auto row = db().read()->query_one("SELECT name_enc, phone_enc FROM access_visitor_passes WHERE id = ?",
                                    {pass["id"].get<std::int64_t>()});
  EXPECT_EQ(row->text(0).find("王小明"), std::string::npos);
  EXPECT_EQ(data_key().decrypt(row->text(0)), "王小明");
  EXPECT_EQ(data_key().decrypt(row->text(1)), "13812345678");

  // The terminals' key checks the token offline.
  auto key = signed_in("commissioner")->get("/api/v1/access/visitor-key");
  ASSERT_EQ(key.status, 200) << key.body;
  EXPECT_EQ(key.json()["algorithm"], "Ed25519");
  auto public_key = weizhi::access::bytes_from_base64(key.json()["public_key"].get<std::string>());
  ASSERT_TRUE(public_key);
  weizhi::access::VerifyKey verify{key.json()["key_id"], *public_key};
  auto offline = weizhi::access::check_pass(token, verify, node("desheng-xincun"), std::chrono::system_clock::now());
  EXPECT_EQ(offline.verdict, weizhi::access::PassVerdict::Valid);
  EXPECT_EQ(offline.pass_id, pass["id"]);
  EXPECT_EQ(signed_in("gate")->get("/api/v1/access/visitor-key").json()["public_key"], key.json()["public_key"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_signing_keys"), 1);

  auto shorter = visitor("many");
  shorter["valid_hours"] = 2;
  shorter["gate_tiers"] = json::array({"main"});
  auto many = resident->post(kMine, shorter);
  ASSERT_EQ(many.status, 201) << many.body;
  EXPECT_LE(many.json()["seconds_left"].get<std::int64_t>(), 2 * 3600);
  EXPECT_EQ(many.json()["gate_tiers"], json::array({"main"}));

  auto listed = resident->get(kMine);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["id"], many.json()["id"]) << "newest first";
  EXPECT_EQ(items[1]["token"], token) << "the same token again";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.visitor_pass.issue'"), 2);

  auto stats =
      signed_in("commissioner")->get("/api/v1/stats/access?compound=" + std::to_string(node("desheng-xincun")));
  EXPECT_EQ(stats.json()["visitor_passes_active"], 2);
  auto staff =
      signed_in("commissioner")
          ->get("/api/v1/access/visitor-passes?compound=" + std::to_string(node("desheng-xincun")) + "&active=true");
  ASSERT_EQ(staff.status, 200) << staff.body;
  ASSERT_EQ(staff.json()["items"].size(), 2u);
  EXPECT_EQ(staff.json()["items"][1]["visitor_name"], "王*明");
  EXPECT_FALSE(staff.json()["items"][1].contains("token")) << "staff see the pass, not the visitor's QR";
}

TEST_F(AccessVisitorsTest, TheHouseholdRevokesItsOwnPassOnceAndAnothersIsMissing) {
  auto resident = signed_in("resident");
  std::int64_t id = resident->post(kMine, visitor()).json()["id"];
  std::string path = kMine + "/" + std::to_string(id) + "/revoke";
  auto revoked = resident->post(path, json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["state"], "revoked");
  EXPECT_FALSE(revoked.json().contains("token"));
  auto again = resident->post(path, json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "state");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.visitor_pass.revoke'"), 1);

  // A pass of another household of the compound.
  std::int64_t others = db().write([&](weizhi::store::Tx& tx) {
    std::int64_t part = tx.scalar(
        "SELECT l.part_node_id FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id WHERE n.path LIKE "
        "(SELECT path FROM org_nodes WHERE code = 'desheng-xincun') || '%' AND l.person_id <> "
        "(SELECT person_id FROM users WHERE login = 'resident') ORDER BY l.id LIMIT 1");
    return tx.scalar(
        "INSERT INTO access_visitor_passes (compound_node_id, part_node_id, issued_by, name_enc, name_masked, "
        "phone_enc, phone_masked, uses, tiers, expires_at, use_count, created_at) VALUES (?, ?, 1, 'x', '李*', 'x', "
        "'139****0000', 'once', '[\"main\"]', '2099-01-01T00:00:00Z', 0, '2026-01-01T00:00:00Z') RETURNING id",
        {node("desheng-xincun"), part});
  });
  EXPECT_EQ(resident->post(kMine + "/" + std::to_string(others) + "/revoke", json::object()).status, 404);
  json mine = resident->get(kMine).json();
  for (const auto& item : mine["items"]) EXPECT_NE(item["id"], others);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_visitor_passes WHERE id = ? AND revoked_at IS NULL", {others}), 1);
}

TEST_F(AccessVisitorsTest, BadPassesAreRefusedNamingTheFieldAndAHouseholdIsLimitedPerDay) {
  auto resident = signed_in("resident");
  auto refused = [&](json change) {
    json body = visitor();
    for (auto& [key, value] : change.items()) body[key] = value;
    if (change.contains("uses") && change["uses"].is_null()) body.erase("uses");
    return resident->post(kMine, body);
  };
  for (const auto& [change, field] :
       std::vector<std::pair<json, std::string>>{{{{"visitor_name", ""}}, "visitor_name"},
                                                 {{{"visitor_phone", "12345"}}, "visitor_phone"},
                                                 {{{"valid_hours", 0}}, "valid_hours"},
                                                 {{{"valid_hours", 25}}, "valid_hours"},
                                                 {{{"valid_hours", "3"}}, "valid_hours"},
                                                 {{{"uses", "twice"}}, "uses"},
                                                 {{{"uses", nullptr}}, "uses"},
                                                 {{{"gate_tiers", json::array()}}, "gate_tiers"},
                                                 {{{"gate_tiers", "main"}}, "gate_tiers"},
                                                 {{{"gate_tiers", json::array({"gate"})}}, "gate_tiers[0]"},
                                                 {{{"part_id", "x"}}, "part_id"},
                                                 {{{"extra", 1}}, "extra"}}) {
    auto reply = refused(change);
    EXPECT_EQ(reply.status, 400) << change.dump() << " → " << reply.body;
    EXPECT_EQ(reply.error_field(), field) << change.dump();
  }
  auto small = refused({{"gate_tiers", json::array({"small"})}});
  EXPECT_EQ(small.status, 422);
  EXPECT_EQ(small.error_field(), "gate_tiers");
  auto not_mine = refused({{"part_id", node("desheng-xincun")}});
  EXPECT_EQ(not_mine.status, 404);
  EXPECT_EQ(not_mine.error_field(), "part_id");
  EXPECT_EQ(signed_in("commissioner")->post(kMine, visitor()).status, 403) << "staff have no household";

  for (int i = 0; i < weizhi::access::kPassesPerHouseholdDay; ++i) {
    ASSERT_EQ(resident->post(kMine, visitor()).status, 201) << i;
  }
  auto flooded = resident->post(kMine, visitor());
  EXPECT_EQ(flooded.status, 429);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_visitor_passes"), weizhi::access::kPassesPerHouseholdDay);
}

TEST_F(AccessVisitorsTest, PassesIssuedAtOnceStopAtTheDailyLimit) {
  constexpr std::size_t kRacers = weizhi::access::kPassesPerHouseholdDay + 6;
  std::vector<std::unique_ptr<HttpClient>> phones;
  for (std::size_t i = 0; i < kRacers; ++i) phones.push_back(signed_in("resident"));
  std::vector<int> statuses(kRacers);
  std::atomic<std::size_t> ready = 0;
  std::vector<std::thread> racers;
  for (std::size_t i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      ++ready;
      while (ready < kRacers) std::this_thread::yield();
      statuses[i] = phones[i]->post(kMine, visitor()).status;
    });
  }
  for (auto& racer : racers) racer.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), weizhi::access::kPassesPerHouseholdDay);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_visitor_passes"), weizhi::access::kPassesPerHouseholdDay);
}

TEST_F(AccessVisitorsTest, ResidentsOfSeveralHouseholdsNameThePart) {
  auto resident = signed_in("resident");
  std::int64_t second = db().write([&](weizhi::store::Tx& tx) {
    std::int64_t person = tx.scalar("SELECT person_id FROM users WHERE login = 'resident'");
    std::int64_t part = tx.scalar(
        "SELECT n.id FROM org_nodes n WHERE n.kind = 'part' AND n.path LIKE (SELECT path FROM org_nodes WHERE code = "
        "'desheng-xincun') || '%' AND n.id NOT IN (SELECT part_node_id FROM part_links WHERE person_id = ?) "
        "ORDER BY n.id LIMIT 1",
        {person});
    weizhi::people::link_part(tx, part, person, weizhi::people::Relation::Tenant, false);
    return part;
  });
  auto unnamed = resident->post(kMine, visitor());
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_EQ(unnamed.error_field(), "part_id");
  json body = visitor();
  body["part_id"] = second;
  auto named = resident->post(kMine, body);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(named.json()["part"]["id"], second);
}

// --- The gate's check ---

TEST_F(AccessVisitorsTest, AOncePassIsGrantedOnceThenDeniedAndEachPassageIsRecorded) {
  auto resident = signed_in("resident");
  json pass = resident->post(kMine, visitor()).json();
  auto guard = signed_in("property");
  auto first = check(*guard, gate("main"), pass["token"]);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["result"], "granted") << first.body;
  EXPECT_EQ(first.json()["subject"]["name"], "王*明");
  auto second = check(*signed_in("gate"), gate("main"), pass["token"]);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["result"], "denied");
  EXPECT_EQ(second.json()["reason"], weizhi::access::kPassUsedReason);
  EXPECT_EQ(resident->get(kMine).json()["items"][0]["state"], "used");

  auto events =
      signed_in("commissioner")->get("/api/v1/access/events?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(events.status, 200) << events.body;
  json items = events.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["result"], "denied");
  EXPECT_EQ(items[1]["result"], "granted");
  EXPECT_EQ(items[1]["source"], "check");
  EXPECT_EQ(items[1]["holder"]["visitor_pass_id"], pass["id"]);
  EXPECT_EQ(items[1]["holder"]["name"], "王*明");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.check'"), 2);

  // A pass for many uses passes again; it does not open a tier it was not issued for.
  auto many = visitor("many");
  many["gate_tiers"] = json::array({"main"});
  std::string token = resident->post(kMine, many).json()["token"];
  EXPECT_EQ(check(*guard, gate("main"), token).json()["result"], "granted");
  EXPECT_EQ(check(*guard, gate("main"), token).json()["result"], "granted");
  EXPECT_EQ(check(*guard, gate("middle"), token).json()["reason"], "通行证不能通行此门岗");
}

TEST_F(AccessVisitorsTest, ExpiredRevokedForgedAndOtherCompoundsPassesAreDenied) {
  auto resident = signed_in("resident");
  auto guard = signed_in("property");
  json pass = resident->post(kMine, visitor()).json();
  std::int64_t id = pass["id"];
  // A token whose signed expiry has passed, and a pass whose stored expiry has.
  auto expired = check(*guard, gate("main"), token_expiring(id, 1'700'000'000));
  EXPECT_EQ(expired.json()["result"], "denied");
  EXPECT_EQ(expired.json()["reason"], "通行证已过期");
  db().write([&](weizhi::store::Tx& tx) {
    return tx.exec("UPDATE access_visitor_passes SET expires_at = '2026-01-01T00:00:00Z' WHERE id = ?", {id});
  });
  EXPECT_EQ(check(*guard, gate("main"), pass["token"]).json()["reason"], "通行证已过期");

  json revoked = resident->post(kMine, visitor()).json();
  resident->post(kMine + "/" + std::to_string(revoked["id"].get<std::int64_t>()) + "/revoke", json::object());
  EXPECT_EQ(check(*guard, gate("main"), revoked["token"]).json()["reason"], "通行证已作废");

  std::string token = resident->post(kMine, visitor()).json()["token"];
  std::string forged = token.substr(0, token.size() - 4) + (token.substr(token.size() - 4) == "AAAA" ? "BBBB" : "AAAA");
  EXPECT_EQ(check(*guard, gate("main"), forged).json()["result"], "denied");
  EXPECT_EQ(check(*guard, gate("main"), "WZV1.garbage").json()["reason"], "通行证无法识别");
  EXPECT_EQ(check(*guard, gate("main"), "https://example.com/").json()["result"], "denied");
  // Another pilot compound's gate, within the admin's reach.
  auto elsewhere = check(*signed_in("admin"), gate("main", "c-cuiyu"), token);
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.body;
  EXPECT_EQ(elsewhere.json()["reason"], "通行证不是本小区的");
  EXPECT_EQ(check(*guard, gate("main"), token).json()["result"], "granted") << "still unused";
}

TEST_F(AccessVisitorsTest, ACredentialsCodeIsGrantedWhileUsableAndOnItsTiers) {
  auto guard = signed_in("property");
  std::int64_t credential = 0;
  std::string code = resident_code(&credential);
  auto granted = check(*guard, gate("main"), code);
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(granted.json()["result"], "granted") << granted.body;
  EXPECT_EQ(granted.json()["subject"]["id"], credential);
  auto wrong = code.substr(0, code.size() - 8) + (code.substr(code.size() - 8) == "00000000" ? "11111111" : "00000000");
  EXPECT_EQ(check(*guard, gate("main"), wrong).json()["result"], "denied");
  EXPECT_EQ(check(*guard, gate("main"), "WZA1:999999:12345678").json()["reason"], "找不到该凭证");

  // A credential without the committee's approval does not open the small gate.
  std::int64_t person = count(
      "SELECT l.person_id FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id JOIN people p ON p.id = "
      "l.person_id WHERE p.is_developer = 0 AND n.path LIKE (SELECT path FROM org_nodes WHERE code = "
      "'desheng-xincun') || '%' AND l.person_id <> (SELECT person_id FROM users WHERE login = 'resident') "
      "ORDER BY l.id LIMIT 1");
  auto issued = signed_in("admin")->post("/api/v1/access/credentials", json{{"compound_id", node("desheng-xincun")},
                                                                            {"person_id", person},
                                                                            {"kind", "qr"},
                                                                            {"valid_from", "2026-01-01"},
                                                                            {"valid_to", "2099-12-31"}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::int64_t unapproved = issued.json()["id"];
  auto sealed = db().read()->query_one("SELECT secret_enc FROM access_credentials WHERE id = ?", {unapproved});
  auto secret = weizhi::access::bytes_from_hex(data_key().decrypt(sealed->text(0)));
  std::string their_code =
      weizhi::access::qr_payload(unapproved, weizhi::access::totp(*secret, std::chrono::system_clock::now()));
  EXPECT_EQ(check(*guard, gate("small"), their_code).json()["reason"], "凭证不能通行此门岗");

  // Suspended, it is denied.
  ASSERT_EQ(
      signed_in("admin")
          ->post("/api/v1/access/credentials/" + std::to_string(credential) + "/suspend", json{{"reason", "核查"}})
          .status,
      200);
  auto suspended = check(*guard, gate("main"), resident_code());
  EXPECT_EQ(suspended.json()["result"], "denied");
  EXPECT_EQ(suspended.json()["reason"], "凭证已暂停");
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events WHERE source = 'check' AND credential_id = ?", {credential}), 3);
}

TEST_F(AccessVisitorsTest, TwoGatesCheckingAOncePassAtOnceGrantExactlyOne) {
  auto resident = signed_in("resident");
  constexpr std::size_t kGates = 8;
  std::vector<std::unique_ptr<HttpClient>> guards;
  for (std::size_t i = 0; i < kGates; ++i) guards.push_back(signed_in(i % 2 ? "gate" : "property"));
  for (int round = 0; round < 3; ++round) {
    std::string token = resident->post(kMine, visitor()).json()["token"];
    std::vector<std::string> results(kGates);
    std::atomic<std::size_t> ready = 0;
    std::vector<std::thread> racers;
    for (std::size_t i = 0; i < kGates; ++i) {
      racers.emplace_back([&, i] {
        ++ready;
        while (ready < kGates) std::this_thread::yield();
        Reply reply = check(*guards[i], gate("main"), token);
        results[i] = reply.status == 200 ? reply.json()["result"].get<std::string>() : std::to_string(reply.status);
      });
    }
    for (auto& racer : racers) racer.join();
    EXPECT_EQ(std::count(results.begin(), results.end(), "granted"), 1) << round;
    EXPECT_EQ(std::count(results.begin(), results.end(), "denied"), static_cast<long>(kGates - 1)) << round;
  }
}

TEST_F(AccessVisitorsTest, PassesArePurgedWithThePassages180DaysAfterTheyExpired) {
  auto resident = signed_in("resident");
  std::string token = resident->post(kMine, visitor()).json()["token"];
  ASSERT_EQ(check(*signed_in("property"), gate("main"), token).json()["result"], "granted");
  // A day later the pass has expired, and its passage is not yet 180 days old: both stay.
  weizhi::testing::ManualClock later;
  later.set(clock_.now() + std::chrono::days(2));
  ASSERT_TRUE(run_job("access.events.purge", later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_visitor_passes"), 1);
  weizhi::testing::ManualClock much_later;
  much_later.set(clock_.now() + std::chrono::days(182));
  ASSERT_TRUE(run_job("access.events.purge", much_later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_visitor_passes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events"), 0);
  auto purge = db().read()->query_one(
      "SELECT summary FROM audit_log WHERE action = 'access.events.purge' ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(purge);
  EXPECT_EQ(json::parse(purge->text(0))["visitor_passes_purged"], 1);
}

// --- Hostile callers ---

TEST_F(AccessVisitorsTest, AnonymousCallersAre401AndStaffWithoutTheRightAre403Or404) {
  auto anonymous = this->anonymous();
  std::string compound = std::to_string(node("desheng-xincun"));
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/access/visitor-key"},
                                                        {"GET", kMine},
                                                        {"POST", kMine},
                                                        {"POST", kMine + "/1/revoke"},
                                                        {"GET", "/api/v1/access/visitor-passes?compound=" + compound},
                                                        {"POST", kChecks}}) {
    auto reply = anonymous->send(method, path, method == "GET" ? "" : json{{"gate_id", 1}, {"payload", "x"}}.dump());
    EXPECT_EQ(reply.status, 401) << method << " " << path << " → " << reply.body;
  }
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get("/api/v1/access/visitor-key").status, 403);
  EXPECT_EQ(check(*resident, gate("main"), "x").status, 404) << "a resident checks no gate";
  EXPECT_EQ(check(*signed_in("property-staff"), gate("main"), "x").status, 404);
  EXPECT_EQ(resident->get("/api/v1/access/visitor-passes?compound=" + compound).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events"), 0);
}

TEST_F(AccessVisitorsTest, AnotherStreetsGateIsMissingAndOddOrOversizeBodiesAre400) {
  std::int64_t far_gate = db().write([&](weizhi::store::Tx& tx) {
    namespace org = weizhi::org;
    auto street = org::insert_node(tx, std::nullopt, org::NodeKind::Street, "湖墅街道", "visitors-far");
    auto community = org::create_community(tx, street, "湖墅社区", "visitors-far-community");
    auto compound = org::create_compound(tx, community, "湖墅小区", "visitors-far-compound");
    return tx.scalar(
        "INSERT INTO access_gates (compound_node_id, name, tier, hours, status, note, created_at, updated_at) "
        "VALUES (?, '湖墅大门', 'main', '{\"always\":true,\"windows\":[]}', 'open', '', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z') RETURNING id",
        {compound.id});
  });
  auto admin = signed_in("admin");
  auto far = check(*admin, far_gate, resident_code());
  EXPECT_EQ(far.status, 404);
  EXPECT_EQ(admin
                ->get("/api/v1/access/visitor-passes?compound=" +
                      std::to_string(count("SELECT compound_node_id FROM access_gates WHERE id = ?", {far_gate})))
                .status,
            404);
  for (const char* bad : {"abc", "-1", "0", "1.5", "99999999999999999999"}) {
    EXPECT_EQ(admin->post(kChecks, std::string(R"({"gate_id":")") + bad + R"(","payload":"x"})").status / 100, 4)
        << bad;
    EXPECT_EQ(signed_in("resident")->post(kMine + "/" + bad + "/revoke", json::object()).status, 404) << bad;
  }
  std::string passes = "/api/v1/access/visitor-passes?compound=";
  for (const char* bad : {"abc", "-1", "0x1", "%EF%BC%91"}) {
    auto listed = admin->get(passes + bad);
    EXPECT_EQ(listed.status, 400) << bad;
    EXPECT_EQ(listed.error_field(), "compound") << bad;
  }
  EXPECT_EQ(admin->get(passes + std::to_string(node("desheng-xincun")) + "&active=maybe").error_field(), "active");
  auto oversize = check(*admin, gate("main"), "WZV1." + std::string(600, 'A'));
  EXPECT_EQ(oversize.status, 400);
  EXPECT_EQ(oversize.error_field(), "payload");
  EXPECT_EQ(check(*admin, gate("main"), "").error_field(), "payload");
  EXPECT_EQ(admin->post(kChecks, json{{"gate_id", gate("main")}}).error_field(), "payload");
  EXPECT_EQ(admin->post(kChecks, std::string("{\"gate_id\":")).status, 400);
  std::string two_mebibytes(2 * 1024 * 1024, 'x');
  EXPECT_EQ(admin->post(kChecks, json{{"gate_id", gate("main")}, {"payload", two_mebibytes}}).status, 413);
  EXPECT_EQ(signed_in("resident")->post(kMine, json{{"visitor_name", two_mebibytes}}).status, 413);
  EXPECT_EQ(count("SELECT COUNT(*) FROM access_events"), 0);
}
