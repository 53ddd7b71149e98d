// Elections over HTTP on the Test seed of 德胜新村: the seven steps open only in order after the
// supervisor's sign-off and their publicity periods; candidates are nominated and vetted; the
// online ballot is secret (no table or log links a voter to a ballot); paper ballots are
// accounted and typed twice; the count fills the committee; complaints block filing until answered;
// and the full demo street gives the pilot figures.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "app/modules.hpp"
#include "http/router.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "modules/elections/cli.hpp"
#include "modules/elections/rules.hpp"
#include "modules/elections/store.hpp"
#include "modules/people/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

class ElectionsTest : public ApiTest {
 protected:
  std::string path(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/elections/" + std::to_string(id) + rest;
  }
  std::int64_t scalar(const std::string& sql, const weizhi::store::Params& params = {}) {
    auto lease = db().read();
    return lease->scalar(sql, params);
  }
  std::int64_t create(int seats = 2) {
    auto created =
        signed_in("secretary")
            ->post("/api/v1/elections",
                   json{{"compound_id", node("desheng-xincun")}, {"title", "德胜新村自管会选举"}, {"seats", seats}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json()["id"];
  }
  // As if the current step's publicity period had run out.
  void end_publicity(std::int64_t id) {
    auto lease = db().read();
    lease->exec("UPDATE election_steps SET publicity_ends_on = '2000-01-01' WHERE election_id = ?", {id});
  }
  void sign_and_open(std::int64_t id, std::int64_t step) {
    end_publicity(id);
    auto signed_off =
        signed_in("supervisor")->post(path(id, "/steps/" + std::to_string(step - 1) + "/sign-off"), json::object());
    ASSERT_EQ(signed_off.status, 200) << signed_off.body;
    auto opened = signed_in("secretary")->post(path(id, "/steps/" + std::to_string(step) + "/open"), json::object());
    ASSERT_EQ(opened.status, 200) << opened.body;
  }
  // Runs an election up to the candidates' publicity (step 5) with `count` approved candidates;
  // returns their ids.
  std::vector<std::int64_t> up_to_publicity(std::int64_t id, int count) {
    for (std::int64_t step = 2; step <= 4; ++step) sign_and_open(id, step);
    auto secretary = signed_in("secretary");
    std::vector<std::int64_t> candidates;
    auto lease = db().read();
    // Party members of the compound who are not commissioners, so the commissioner's joining stays visible.
    auto people = lease->query(
        "SELECT id FROM people WHERE party_member = 1 AND is_developer = 0 AND home_node_id = ? AND id NOT IN "
        "(SELECT person_id FROM commissioner_assignments) ORDER BY id LIMIT ?",
        {node("desheng-xincun"), count});
    for (const auto& row : people) {
      auto added =
          secretary->post(path(id, "/candidates"),
                          json{{"person_id", row.i64(0)}, {"nomination", "self"}, {"origin", "building_leader"}});
      EXPECT_EQ(added.status, 201) << added.body;
    }
    for (const auto& row : lease->query("SELECT id FROM election_candidates WHERE election_id = ? ORDER BY id", {id})) {
      candidates.push_back(row.i64(0));
      auto vetted = secretary->post(path(id, "/candidates/" + std::to_string(row.i64(0)) + "/vetting"),
                                    json{{"vetting", "approved"}, {"reason", "符合条件"}});
      EXPECT_EQ(vetted.status, 200) << vetted.body;
    }
    sign_and_open(id, 5);
    return candidates;
  }
  // Runs an election up to the voting step with `count` approved candidates; returns their ids.
  std::vector<std::int64_t> up_to_voting(std::int64_t id, int count) {
    auto candidates = up_to_publicity(id, count);
    sign_and_open(id, 6);
    return candidates;
  }
  // A person whose home is the compound with this code, the n-th by id.
  std::int64_t person_of(const std::string& code, std::int64_t n = 0) {
    return scalar("SELECT id FROM people WHERE home_node_id = ? AND is_developer = 0 ORDER BY id LIMIT 1 OFFSET ?",
                  {node(code), n});
  }
  // Demo accounts made voters of the election's roll: each signs in as a different person on it.
  // The Test seed's compound has only a few households, so the frozen roll is first topped up
  // with other people of the registry, as if the compound were larger.
  std::vector<std::string> voters(std::int64_t id, std::size_t how_many) {
    static const char* const kLogins[] = {"resident",       "committee",  "grid",     "party", "property",
                                          "property-staff", "social-org", "director", "gate"};
    auto lease = db().read();
    std::int64_t missing = static_cast<std::int64_t>(how_many) -
                           lease->scalar("SELECT COUNT(*) FROM election_voters WHERE election_id = ?", {id});
    if (missing > 0) {
      lease->exec(
          "INSERT INTO election_voters (election_id, person_id) SELECT ?, id FROM people WHERE is_developer = 0 AND "
          "id NOT IN (SELECT person_id FROM election_voters WHERE election_id = ?) ORDER BY id LIMIT ?",
          {id, id, missing});
    }
    auto roll = lease->query("SELECT person_id FROM election_voters WHERE election_id = ? ORDER BY person_id LIMIT ?",
                             {id, static_cast<std::int64_t>(how_many)});
    std::vector<std::string> logins;
    for (std::size_t i = 0; i < roll.size() && i < std::size(kLogins); ++i) {
      lease->exec("UPDATE users SET person_id = ? WHERE login = ?", {roll[i].i64(0), kLogins[i]});
      logins.push_back(kLogins[i]);
    }
    EXPECT_EQ(logins.size(), how_many);
    return logins;
  }
  // Brings a 2-seat election to voting with 4 candidates and has its 5 voters cast: the first candidate gets 5
  // votes, the second 3, the third 2, the fourth none. Returns the candidates.
  std::vector<std::int64_t> five_ballots_cast(std::int64_t id) {
    auto candidates = up_to_voting(id, 4);
    auto logins = voters(id, 5);
    for (std::size_t i = 0; i < logins.size(); ++i) cast(id, logins[i], {candidates[0], candidates[i < 3 ? 1 : 2]});
    return candidates;
  }
  // Runs a 2-seat election of 德胜新村 with 4 candidates and 5 voters to its filing; returns the
  // election as the filing sign-off answers it.
  json elect_and_file() {
    std::int64_t id = create(2);
    five_ballots_cast(id);
    EXPECT_EQ(signed_in("secretary")->post(path(id, "/count"), json::object()).status, 200);
    sign_and_open(id, 7);
    end_publicity(id);
    auto filed = signed_in("supervisor")->post(path(id, "/steps/7/sign-off"), json::object());
    EXPECT_EQ(filed.status, 200) << filed.body;
    return filed.json();
  }
  // The caller's today item of `kind` linked to the election; null when there is none.
  json today_item(const std::string& login, const std::string& kind, std::int64_t id) {
    auto reply = signed_in(login)->get("/api/v1/me/today");
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["kind"] == kind && item["link"] == "/elections/" + std::to_string(id)) return item;
    }
    return nullptr;
  }
  void set_publicity_end(std::int64_t id, const std::string& day) {
    auto lease = db().read();
    lease->exec(
        "UPDATE election_steps SET publicity_ends_on = ? WHERE election_id = ? AND publicity_ends_on IS NOT NULL",
        {day, id});
  }
  // Casts online as `login`; returns the receipt code.
  std::string cast(std::int64_t id, const std::string& login, const std::vector<std::int64_t>& choices) {
    auto voter = signed_in(login);
    auto token = voter->post(path(id, "/ballot-token"), json::object());
    EXPECT_EQ(token.status, 201) << token.body;
    auto cast = voter->post(path(id, "/ballots"), json{{"token", token.json()["token"]}, {"choices", choices}});
    EXPECT_EQ(cast.status, 201) << cast.body;
    return cast.json().value("receipt_code", "");
  }
};

TEST_F(ElectionsTest, StepsOpenOnlyInOrderAfterTheSupervisorSignsOff) {
  std::int64_t id = create();
  auto secretary = signed_in("secretary");
  auto supervisor = signed_in("supervisor");
  EXPECT_EQ(secretary->post(path(id, "/steps/3/open"), json::object()).status, 409);  // skipping
  EXPECT_EQ(secretary->post(path(id, "/steps/2/open"), json::object()).status, 409);  // step 1 unsigned
  EXPECT_EQ(secretary->post(path(id, "/steps/1/sign-off"), json::object()).status, 403);
  EXPECT_EQ(supervisor->post(path(id, "/steps/2/sign-off"), json::object()).status, 409);
  auto signed_off = supervisor->post(path(id, "/steps/1/sign-off"), json{{"note", "工作组组成合规"}});
  ASSERT_EQ(signed_off.status, 200);
  EXPECT_EQ(signed_off.json()["steps"][0]["sign_off_note"], "工作组组成合规");
  auto account = db().read()->query_one(
      "SELECT u.display_name, r.role FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.login = ?",
      {"supervisor"});
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(signed_off.json()["steps"][0]["signed_off_by"]["name"], account->text(0))
      << "named as every timeline names";
  EXPECT_EQ(signed_off.json()["steps"][0]["signed_off_by"]["role"], account->text(1));
  EXPECT_EQ(supervisor->post(path(id, "/steps/1/sign-off"), json::object()).status, 409);
  auto opened = secretary->post(path(id, "/steps/2/open"), json::object());
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_FALSE(opened.json()["steps"][1]["publicity_ends_on"].is_null());
  // The publicity period of 10 days has not run out.
  auto early = supervisor->post(path(id, "/steps/2/sign-off"), json::object());
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.json()["error"]["message"].get<std::string>().find("公示期"), std::string::npos);
  end_publicity(id);
  EXPECT_EQ(supervisor->post(path(id, "/steps/2/sign-off"), json::object()).status, 200);
  EXPECT_EQ(secretary->post(path(id, "/steps/4/open"), json::object()).status, 409);
  EXPECT_EQ(secretary->post(path(id, "/steps/9/open"), json::object()).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'election.step.sign_off'"), 2);
}

TEST_F(ElectionsTest, RoutesRefuseStrangersUnknownElectionsAndBadInput) {
  std::int64_t id = create();
  EXPECT_EQ(anonymous()->get("/api/v1/elections").status, 401);
  EXPECT_EQ(anonymous()->get(path(id)).status, 401);
  EXPECT_EQ(anonymous()->post(path(id, "/steps/2/open"), json::object()).status, 401);
  EXPECT_EQ(signed_in("resident")->get(path(id)).status, 403);
  EXPECT_EQ(signed_in("grid")->post(path(id, "/steps/2/open"), json::object()).status, 403);
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get(path(999999)).status, 404);
  EXPECT_EQ(secretary->post(path(999999, "/count"), json::object()).status, 404);
  auto field_of = [&](const json& body) {
    auto refused = secretary->post("/api/v1/elections", body);
    EXPECT_EQ(refused.status, 400) << body.dump();
    return refused.json()["error"].value("field", refused.json()["error"].value("message", ""));
  };
  json good{{"compound_id", node("desheng-xincun")}, {"title", "选举"}, {"seats", 5}};
  auto with = [&](const char* key, json value) {
    json body = good;
    body[key] = std::move(value);
    return body;
  };
  EXPECT_NE(field_of(with("title", "")).find("title"), std::string::npos);
  EXPECT_NE(field_of(with("seats", 0)).find("seats"), std::string::npos);
  EXPECT_NE(field_of(with("seats", "五")).find("seats"), std::string::npos);
  EXPECT_NE(field_of(with("roll_policy", "everyone")).find("roll_policy"), std::string::npos);
  EXPECT_NE(field_of(with("majority_base", "most")).find("majority_base"), std::string::npos);
  EXPECT_EQ(secretary->post("/api/v1/elections", with("compound_id", node("desheng"))).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM elections"), 1);
}

TEST_F(ElectionsTest, CandidatesAreNominatedInStepFourAndMustOutnumberSeats) {
  std::int64_t id = create(2);
  auto secretary = signed_in("secretary");
  auto early = secretary->post(path(id, "/candidates"), json{{"person_id", 1}, {"nomination", "self"}});
  EXPECT_EQ(early.status, 409);
  for (std::int64_t step = 2; step <= 4; ++step) sign_and_open(id, step);
  auto lease = db().read();
  auto people = lease->query("SELECT id FROM people WHERE is_developer = 0 AND home_node_id = ? ORDER BY id LIMIT 2",
                             {node("desheng-xincun")});
  for (const auto& row : people) {
    ASSERT_EQ(secretary->post(path(id, "/candidates"), json{{"person_id", row.i64(0)}, {"nomination", "joint"}}).status,
              201);
  }
  EXPECT_EQ(
      secretary->post(path(id, "/candidates"), json{{"person_id", people[0].i64(0)}, {"nomination", "self"}}).status,
      409);
  EXPECT_EQ(secretary->post(path(id, "/candidates"), json{{"person_id", 1}, {"nomination", "friend"}})
                .json()["error"]["field"],
            "nomination");
  // Unvetted candidates block the sign-off; then two approved for two seats is not differential.
  EXPECT_EQ(signed_in("supervisor")->post(path(id, "/steps/4/sign-off"), json::object()).status, 409);
  for (const auto& row : lease->query("SELECT id FROM election_candidates WHERE election_id = ?", {id})) {
    auto vetted = secretary->post(path(id, "/candidates/" + std::to_string(row.i64(0)) + "/vetting"),
                                  json{{"vetting", "approved"}, {"reason", "符合条件"}});
    ASSERT_EQ(vetted.status, 200);
  }
  auto refused = signed_in("supervisor")->post(path(id, "/steps/4/sign-off"), json::object());
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("差额"), std::string::npos);
  // Before the vetting step opens, names stay masked even for approved candidates.
  json listed = secretary->get(path(id, "/candidates")).json();
  for (const auto& candidate : listed["items"]) {
    EXPECT_FALSE(candidate["person"].contains("full_name")) << candidate;
  }
}

TEST_F(ElectionsTest, ApprovedCandidatesArePublicisedByNameFromTheVettingStep) {
  std::int64_t id = create(2);
  up_to_voting(id, 3);
  auto items = signed_in("secretary")->get(path(id, "/candidates")).json()["items"];
  ASSERT_EQ(items.size(), 3u);
  auto lease = db().read();
  std::int64_t person = items[0]["person"]["id"];
  std::string masked = items[0]["person"]["name"];
  std::string full = items[0]["person"]["full_name"];
  EXPECT_NE(masked.find('*'), std::string::npos);
  EXPECT_EQ(full.find('*'), std::string::npos);
  auto key = weizhi::crypto::DataKey::from_file(settings_.data_key_file);
  EXPECT_EQ(full, weizhi::people::full_name(*lease, key, person));
  // The public page for anyone keeps them masked.
  auto shown = anonymous()->get(path(id, "/public-candidates")).json()["items"];
  EXPECT_EQ(shown[0]["name"], masked);
}

TEST_F(ElectionsTest, OnlineBallotIsSecret) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  auto logins = voters(id, 9);
  std::vector<std::string> receipts;
  for (std::size_t i = 0; i < logins.size(); ++i) {
    std::vector<std::int64_t> choices{candidates[0], candidates[i % 3 == 0 ? 2 : 1]};
    receipts.push_back(cast(id, logins[i], choices));
  }
  // A second ballot is refused; a used token cannot be used again.
  EXPECT_EQ(signed_in("resident")->post(path(id, "/ballot-token"), json::object()).status, 409);

  auto lease = db().read();
  // The ballots hold no voter, no user and no time finer than the day.
  auto ballots = lease->query(
      "SELECT receipt_code, channel, choices, round, cast_on FROM election_ballots WHERE election_id = ?", {id});
  ASSERT_EQ(ballots.size(), logins.size());
  for (const auto& ballot : ballots) EXPECT_EQ(ballot.text(4).size(), 10u) << ballot.text(4);
  auto columns = on_postgres() ? lease->query(
                                     "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE "
                                     "table_name = 'election_ballots' "
                                     "ORDER BY column_name")
                               : lease->query("SELECT name FROM pragma_table_info('election_ballots') ORDER BY name");
  std::vector<std::string> names;
  for (const auto& column : columns) names.push_back(column.text(0));
  EXPECT_EQ(names, std::vector<std::string>({"cast_on", "channel", "choices", "election_id", "receipt_code", "round"}));
  // The roll records only participation: no token hash left, no time.
  EXPECT_EQ(lease->scalar(
                "SELECT COUNT(*) FROM election_voters WHERE election_id = ? AND voted_round = 1 AND token_hash IS NULL",
                {id}),
            static_cast<std::int64_t>(logins.size()));
  // Neither the roll, the audit log nor any other record names a receipt. The audit log has each
  // voter's token issue and nothing per ballot, so no entry sits next to an issue to pair with it.
  for (const auto& receipt : receipts) {
    EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ? OR entity LIKE ?",
                            {"%" + receipt + "%", "%" + receipt + "%"}),
              0);
  }
  std::string entity = "election:" + std::to_string(id);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'election.ballot_token.issue' AND entity = ?",
                          {entity}),
            static_cast<std::int64_t>(logins.size()));
  std::int64_t first_issue = lease->scalar(
      "SELECT MIN(seq) FROM audit_log WHERE action = 'election.ballot_token.issue' AND entity = ?", {entity});
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE seq > ? AND entity = ? AND "
                          "action <> 'election.ballot_token.issue'",
                          {first_issue, entity}),
            0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'election.ballot%' AND "
                          "action <> 'election.ballot_token.issue'"),
            0);
  // The ballots are keyed by their random receipt code, so the key order is not the casting order.
  // SQLite keeps no rowid numbering them as cast and reads them in key order. (PostgreSQL's row
  // positions follow casting until the round is counted; the test of the sealed box checks them.)
  std::vector<std::string> by_key;
  for (const auto& row :
       lease->query("SELECT receipt_code FROM election_ballots WHERE election_id = ? ORDER BY receipt_code", {id})) {
    by_key.push_back(row.text(0));
  }
  EXPECT_NE(by_key, receipts);
  if (!on_postgres()) {
    EXPECT_ANY_THROW(lease->query("SELECT rowid FROM election_ballots"));
    std::vector<std::string> stored;
    for (const auto& row : lease->query("SELECT receipt_code FROM election_ballots WHERE election_id = ?", {id})) {
      stored.push_back(row.text(0));
    }
    EXPECT_EQ(stored, by_key);
  }
  EXPECT_EQ(std::set<std::string>(by_key.begin(), by_key.end()),
            std::set<std::string>(receipts.begin(), receipts.end()));

  // The receipt shows the ballot is in, and counted once the round is counted.
  auto check = anonymous()->get("/api/v1/election-receipts/" + receipts[0]);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_FALSE(check.json()["counted"]);
  EXPECT_FALSE(check.json().contains("choices"));
  ASSERT_EQ(signed_in("secretary")->post(path(id, "/count"), json::object()).status, 200);
  EXPECT_TRUE(anonymous()->get("/api/v1/election-receipts/" + receipts[0]).json()["counted"]);
  EXPECT_EQ(anonymous()->get("/api/v1/election-receipts/NOPE-NOPE").status, 404);
}

TEST_F(ElectionsTest, BallotTokensAreForVotersOnTheRollOnly) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  voters(id, 1);
  EXPECT_EQ(signed_in("admin")->post(path(id, "/ballot-token"), json::object()).status, 403);
  EXPECT_EQ(anonymous()->post(path(id, "/ballots"), json{{"token", "0000"}, {"choices", {candidates[0]}}}).status, 403);
  auto voter = signed_in("resident");
  std::string token = voter->post(path(id, "/ballot-token"), json::object()).json()["token"];
  auto wrong = voter->post(path(id, "/ballots"), json{{"token", token}, {"choices", {candidates[0], candidates[0]}}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.json()["error"]["field"], "choices[1]");
  EXPECT_EQ(voter->post(path(id, "/ballots"), json{{"token", token}, {"choices", {999999}}}).status, 400);
  EXPECT_EQ(voter->post(path(id, "/ballots"), json{{"token", token}, {"choices", "all"}}).status, 400);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_ballots"), 0);
  EXPECT_EQ(voter->post(path(id, "/ballots"), json{{"token", token}, {"choices", json::array()}}).status, 201);
  EXPECT_EQ(voter->post(path(id, "/ballots"), json{{"token", token}, {"choices", json::array()}}).status, 403);
}

TEST_F(ElectionsTest, ARetriedBallotUnderItsIdempotencyKeyGetsItsReceiptAndCountsOnce) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  voters(id, 1);
  auto voter = signed_in("resident");
  std::string token = voter->post(path(id, "/ballot-token"), json::object()).json()["token"];
  std::string ballot = json{{"token", token}, {"choices", {candidates[0]}}}.dump();
  auto first = voter->send("POST", path(id, "/ballots"), ballot, {"Idempotency-Key: ballot-7f3a"});
  ASSERT_EQ(first.status, 201) << first.body;
  std::string receipt = first.json()["receipt_code"];
  // The token is the credential, not the session: a retry from anywhere with both gets the receipt.
  auto elsewhere = anonymous();
  for (HttpClient* client : {voter.get(), elsewhere.get()}) {
    auto retry = client->send("POST", path(id, "/ballots"), ballot, {"Idempotency-Key: ballot-7f3a"});
    ASSERT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(retry.json()["receipt_code"], receipt);
    EXPECT_EQ(retry.headers["idempotent-replayed"], "true");
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_ballots WHERE election_id = ?", {id}), 1);
  auto other = voter->send("POST", path(id, "/ballots"), json{{"token", token}, {"choices", {candidates[1]}}}.dump(),
                           {"Idempotency-Key: ballot-7f3a"});
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(voter->post(path(id, "/ballots"), json::parse(ballot)).status, 403);

  // What the database keeps of the answer says neither whose it is nor what it is: a keyed hash,
  // the ballot's day and a sealed text that not even the server's data key opens.
  auto lease = db().read();
  auto kept = lease->query("SELECT * FROM idempotency_answers");
  ASSERT_EQ(kept.size(), 1u);
  ASSERT_EQ(kept[0].size(), 3u);
  auto row = lease->query_one("SELECT key_hash, kept_on, sealed FROM idempotency_answers");
  EXPECT_EQ(row->text(1),
            lease->query_one("SELECT cast_on FROM election_ballots WHERE election_id = ?", {id})->text(0));
  std::int64_t user_id = scalar("SELECT id FROM users WHERE login = 'resident'");
  std::int64_t person_id = scalar("SELECT person_id FROM users WHERE login = 'resident'");
  for (std::size_t column = 0; column < 3; ++column) {
    std::string value = row->text(column);
    for (const std::string& secret : {receipt, token, std::string("ballot-7f3a"), std::string("receipt_code")}) {
      EXPECT_EQ(value.find(secret), std::string::npos) << column << ": " << secret;
    }
    EXPECT_NE(value, std::to_string(user_id));
    EXPECT_NE(value, std::to_string(person_id));
  }
  auto data_key = weizhi::crypto::DataKey::from_file(settings_.data_key_file);
  EXPECT_ANY_THROW(data_key.decrypt(row->text(2)));
}

TEST_F(ElectionsTest, PaperBallotsAreAccountedTypedTwiceAndReconciled) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  auto commissioner = signed_in("commissioner");
  auto grid = signed_in("grid");
  auto enter = [&](HttpClient& clerk, const std::string& number, const std::vector<std::int64_t>& choices) {
    return clerk.post(path(id, "/paper-entries"), json{{"ballot_number", number}, {"choices", choices}});
  };
  EXPECT_EQ(enter(*commissioner, "001", {candidates[0], candidates[1]}).json()["status"], "awaiting_second_entry");
  EXPECT_EQ(enter(*commissioner, "001", {candidates[0], candidates[1]}).status, 409);
  auto counted = enter(*grid, "001", {candidates[0], candidates[1]});
  EXPECT_EQ(counted.status, 201);
  EXPECT_EQ(counted.json()["status"], "counted");
  enter(*commissioner, "002", {candidates[0]});
  EXPECT_EQ(enter(*grid, "002", {candidates[2]}).json()["status"], "held");
  EXPECT_EQ(signed_in("supervisor")->get(path(id, "/paper-held")).json()["items"], json({"002"}));
  EXPECT_EQ(enter(*grid, "bad number!", {candidates[0]}).json()["error"]["field"], "ballot_number");

  EXPECT_EQ(enter(*commissioner, "003", {candidates[0], candidates[2]}).json()["status"], "awaiting_second_entry");
  EXPECT_EQ(enter(*grid, "003", {candidates[0], candidates[2]}).json()["status"], "counted");

  auto secretary = signed_in("secretary");
  // Typed paper needs its accounting, and every returned ballot settled, before the count.
  EXPECT_EQ(secretary->post(path(id, "/count"), json::object()).status, 409);
  ASSERT_EQ(commissioner->post(path(id, "/paper-account"), json{{"issued", 4}, {"returned", 3}, {"spoiled", 1}}).status,
            200);
  auto unsettled = secretary->post(path(id, "/count"), json::object());
  EXPECT_EQ(unsettled.status, 409);
  EXPECT_NE(unsettled.json()["error"]["message"].get<std::string>().find("收回 3 张"), std::string::npos);
  auto settled = signed_in("supervisor")->post(path(id, "/paper-held/002/settle"), json{{"choices", {candidates[0]}}});
  ASSERT_EQ(settled.status, 201) << settled.body;
  EXPECT_EQ(
      signed_in("supervisor")->post(path(id, "/paper-held/002/settle"), json{{"choices", {candidates[0]}}}).status,
      404);
  auto count = secretary->post(path(id, "/count"), json::object());
  ASSERT_EQ(count.status, 200) << count.body;
  json result = count.json()["rounds"][0]["result"];
  EXPECT_EQ(result["issued"], 4);
  EXPECT_EQ(result["returned"], 3);
  EXPECT_TRUE(result["round_valid"]);
  EXPECT_EQ(result["elected"][0]["candidate_id"], candidates[0]);
  EXPECT_EQ(result["elected"][0]["votes"], 3);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_ballots WHERE channel = 'paper'"), 3);
}

TEST_F(ElectionsTest, CountFillsTheCommitteeAndComplaintsBlockFilingUntilAnswered) {
  std::int64_t id = create(2);
  auto candidates = five_ballots_cast(id);
  auto secretary = signed_in("secretary");
  auto supervisor = signed_in("supervisor");
  EXPECT_EQ(supervisor->post(path(id, "/steps/6/sign-off"), json::object()).status, 409);  // not counted yet
  auto count = secretary->post(path(id, "/count"), json::object());
  ASSERT_EQ(count.status, 200) << count.body;
  json result = count.json()["rounds"][0]["result"];
  EXPECT_TRUE(result["round_valid"]);
  ASSERT_EQ(result["elected"].size(), 2u);
  EXPECT_EQ(result["elected"][1]["candidate_id"], candidates[1]);
  EXPECT_EQ(result["alternates"][0]["candidate_id"], candidates[2]);  // 2 of 5 is at least a third
  sign_and_open(id, 7);

  auto complaint = signed_in("resident")->post(path(id, "/complaints"), json{{"text", "计票过程希望公开"}});
  ASSERT_EQ(complaint.status, 201) << complaint.body;
  end_publicity(id);
  auto blocked = supervisor->post(path(id, "/steps/7/sign-off"), json::object());
  EXPECT_EQ(blocked.status, 409);
  EXPECT_NE(blocked.json()["error"]["message"].get<std::string>().find("异议"), std::string::npos);
  auto complaints = secretary->get(path(id, "/complaints")).json()["items"];
  std::int64_t complaint_id = complaints[0]["id"];
  ASSERT_EQ(secretary
                ->post(path(id, "/complaints/" + std::to_string(complaint_id) + "/answer"),
                       json{{"answer", "计票全程由监督员见证"}})
                .status,
            200);
  auto filed = supervisor->post(path(id, "/steps/7/sign-off"), json::object());
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json()["state"], "filed");
  std::int64_t committee_id = filed.json()["committee_id"];
  json committee = secretary->get("/api/v1/committees/" + std::to_string(committee_id)).json();
  // The two elected, and the commissioner ex officio (the street's default policy).
  ASSERT_EQ(committee["members"].size(), 3u);
  EXPECT_EQ(committee["members"][2]["origin"], "commissioner");
  EXPECT_TRUE(committee["commissioner"]["on_committee"]);
  ASSERT_EQ(committee["alternates"].size(), 1u);

  json stats = secretary->get("/api/v1/stats/self-management").json();
  EXPECT_EQ(stats["pilot_compounds"], 1);
  EXPECT_EQ(stats["candidates"], 4);
  EXPECT_EQ(stats["committee_members"], 3);
  EXPECT_EQ(stats["commissioners_on_committees"], 1);
  EXPECT_EQ(stats["min_party_share"]["den"], 3);
}

TEST_F(ElectionsTest, EachCandidateIsJudgedAgainstTheRoundsBoundBesideTheKeptResult) {
  std::int64_t id = create(2);
  auto candidates = five_ballots_cast(id);
  auto secretary = signed_in("secretary");
  EXPECT_TRUE(secretary->get(path(id, "")).json()["rounds"][0]["verdicts"].is_null());  // not counted yet
  auto count = secretary->post(path(id, "/count"), json::object());
  ASSERT_EQ(count.status, 200) << count.body;
  json round = count.json()["rounds"][0];
  EXPECT_FALSE(round["result"].contains("verdicts"));  // the result stays as counted
  json verdicts = round["verdicts"];
  EXPECT_EQ(verdicts["electing_votes"], 3);   // more than half of the 5 returned
  EXPECT_EQ(verdicts["alternate_votes"], 2);  // at least a third of 5
  ASSERT_EQ(verdicts["candidates"].size(), round["result"]["tally"].size());
  std::map<std::int64_t, json> by_candidate;
  for (const auto& verdict : verdicts["candidates"]) by_candidate[verdict["candidate_id"]] = verdict;
  EXPECT_EQ(by_candidate[candidates[1]]["votes_needed"], 3);
  EXPECT_TRUE(by_candidate[candidates[1]]["meets_rule"]);  // 3 votes, at the bound
  EXPECT_EQ(by_candidate[candidates[2]]["votes_needed"], 3);
  EXPECT_FALSE(by_candidate[candidates[2]]["meets_rule"]);  // 2 votes, one short
  EXPECT_FALSE(by_candidate[candidates[3]]["meets_rule"]);
  EXPECT_EQ(secretary->get(path(id, "")).json()["rounds"][0]["verdicts"], verdicts);
}

TEST_F(ElectionsTest, ReElectionStartsANewTermAndKeepsThePreviousCommitteeAsItsRecord) {
  std::int64_t first = elect_and_file()["committee_id"];
  std::int64_t second = elect_and_file()["committee_id"];
  ASSERT_NE(first, second);
  auto secretary = signed_in("secretary");
  json old = secretary->get("/api/v1/committees/" + std::to_string(first)).json();
  EXPECT_FALSE(old["ended_on"].is_null());
  EXPECT_EQ(old["next_term_id"], second);
  EXPECT_EQ(old["members"].size(), 3u);  // the record of its term stays
  json current = secretary->get("/api/v1/committees/" + std::to_string(second)).json();
  EXPECT_TRUE(current["ended_on"].is_null());
  EXPECT_TRUE(current["next_term_id"].is_null());
  ASSERT_EQ(current["previous_terms"].size(), 1u);
  EXPECT_EQ(current["previous_terms"][0]["id"], first);
  EXPECT_EQ(current["previous_terms"][0]["ended_on"], old["ended_on"]);

  // Only the current committee is listed, counted and changed.
  auto list = secretary->get("/api/v1/committees?node=" + std::to_string(node("desheng-xincun"))).json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], second);
  std::int64_t old_member = old["members"][0]["id"];
  auto leave = secretary->post(
      "/api/v1/committees/" + std::to_string(first) + "/members/" + std::to_string(old_member) + "/leave",
      json{{"reason", "已换届"}});
  EXPECT_EQ(leave.status, 409);
  EXPECT_NE(leave.json()["error"]["message"].get<std::string>().find("换届"), std::string::npos);
  EXPECT_EQ(secretary->get("/api/v1/stats/self-management").json()["committee_members"], 3);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'election.step.sign_off' AND summary LIKE ?",
                   {"%\"previous_committee_id\":" + std::to_string(first) + "%"}),
            1);
}

TEST_F(ElectionsTest, ResidentSeesTheElectionsOfTheirRollAndWhetherTheyVotedNeverHow) {
  EXPECT_EQ(anonymous()->get("/api/v1/me/elections").status, 401);
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  auto logins = voters(id, 2);
  auto mine = [&](const std::string& login) { return signed_in(login)->get("/api/v1/me/elections").json()["items"]; };
  json before = mine(logins[0]);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0]["id"], id);
  EXPECT_EQ(before[0]["compound"]["name"], "德胜新村");
  EXPECT_TRUE(before[0]["voting_open"]);
  EXPECT_FALSE(before[0]["voted"]);
  EXPECT_EQ(before[0]["seats"], 2);
  ASSERT_EQ(before[0]["candidates"].size(), 3u);
  EXPECT_EQ(before[0]["candidates"][0]["id"], candidates[0]);
  // The ballot names whom it chooses: publicised candidates in full.
  EXPECT_EQ(before[0]["candidates"][0]["name"].get<std::string>().find('*'), std::string::npos);

  cast(id, logins[0], {candidates[0]});
  json after = mine(logins[0]);
  EXPECT_TRUE(after[0]["voted"]);
  EXPECT_EQ(after[0].dump().find("choices"), std::string::npos);
  EXPECT_FALSE(mine(logins[1])[0]["voted"]);
  // Someone off the roll has no elections.
  EXPECT_TRUE(mine("admin").empty());
}

TEST_F(ElectionsTest, CountingSealsTheBallotBoxAndVerifyFindsATamperedBallot) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  auto logins = voters(id, 6);
  for (std::size_t i = 0; i < logins.size(); ++i) cast(id, logins[i], {candidates[i % 3]});
  ASSERT_EQ(signed_in("secretary")->post(path(id, "/count"), json::object()).status, 200);
  auto lease = db().read();
  auto sealed = lease->query_one(
      "SELECT ballot_count, ballot_hash FROM election_rounds WHERE election_id = ? AND round = 1", {id});
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->i64(0), 6);
  EXPECT_EQ(sealed->text(1).size(), 64u);
  EXPECT_TRUE(weizhi::elections::verify_ballot_boxes(*lease).empty());
  if (on_postgres()) {
    // Counting wrote the round's ballots again in one transaction, in key order: no ballot keeps
    // the transaction id it shared with its voter's roll line, nor a row position in casting order.
    EXPECT_EQ(lease->scalar("SELECT COUNT(DISTINCT CAST(CAST(xmin AS TEXT) AS BIGINT)) FROM election_ballots "
                            "WHERE election_id = ?",
                            {id}),
              1);
    EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM election_ballots b JOIN election_voters v ON "
                            "CAST(v.xmin AS TEXT) = CAST(b.xmin AS TEXT) WHERE b.election_id = ?",
                            {id}),
              0);
    std::vector<std::string> by_key, by_position;
    for (const auto& row :
         lease->query("SELECT receipt_code FROM election_ballots WHERE election_id = ? ORDER BY receipt_code", {id})) {
      by_key.push_back(row.text(0));
    }
    for (const auto& row :
         lease->query("SELECT receipt_code FROM election_ballots WHERE election_id = ? ORDER BY ctid", {id})) {
      by_position.push_back(row.text(0));
    }
    EXPECT_EQ(by_position, by_key);
  }

  std::string receipt =
      lease->query_one("SELECT MIN(receipt_code) FROM election_ballots WHERE election_id = ?", {id})->text(0);
  ASSERT_EQ(lease->exec("UPDATE election_ballots SET choices = ? WHERE receipt_code = ?",
                        {std::to_string(candidates[0]) + "," + std::to_string(candidates[1]), receipt}),
            1);
  auto mismatches = weizhi::elections::verify_ballot_boxes(*lease);
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_EQ(mismatches[0].election_id, id);
  EXPECT_EQ(mismatches[0].round, 1);
  EXPECT_EQ(mismatches[0].found_count, 6);
  lease->exec("DELETE FROM election_ballots WHERE receipt_code = ?", {receipt});
  mismatches = weizhi::elections::verify_ballot_boxes(*lease);
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_EQ(mismatches[0].sealed_count, 6);
  EXPECT_EQ(mismatches[0].found_count, 5);
}

TEST_F(ElectionsTest, PeopleOfAnotherCompoundCannotBeNominatedOrVisited) {
  std::int64_t id = create(2);
  for (std::int64_t step = 2; step <= 4; ++step) sign_and_open(id, step);
  auto commissioner = signed_in("commissioner");  // scoped to 德胜新村
  auto secretary = signed_in("secretary");        // scoped to 德胜社区
  std::int64_t own = person_of("desheng-xincun");
  std::int64_t neighbour = person_of("c-deshengba");  // 德胜坝小区, same community
  std::int64_t far = person_of("c-cuiyu");            // 翠玉苑, another community
  auto nominate = [&](HttpClient& client, std::int64_t person) {
    return client.post(path(id, "/candidates"), json{{"person_id", person}, {"nomination", "self"}});
  };
  auto refused = nominate(*commissioner, neighbour);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.json()["error"]["field"], "person_id");
  EXPECT_EQ(nominate(*secretary, far).status, 403);
  // Someone the caller may see, but who neither lives nor holds a part in the compound, cannot stand.
  auto outsider = nominate(*secretary, neighbour);
  EXPECT_EQ(outsider.status, 422) << outsider.body;
  EXPECT_EQ(outsider.json()["error"]["field"], "person_id");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_candidates"), 0);

  auto visit = [&](HttpClient& client, std::int64_t visitor, std::int64_t visited) {
    return client.post(
        path(id, "/visits"),
        json{{"visitor_person_id", visitor}, {"visited_person_id", visited}, {"visited_on", "2026-03-01"}});
  };
  auto visited = visit(*commissioner, own, neighbour);
  EXPECT_EQ(visited.status, 403);
  EXPECT_EQ(visited.json()["error"]["field"], "visited_person_id");
  auto visitor = visit(*commissioner, neighbour, own);
  EXPECT_EQ(visitor.status, 403);
  EXPECT_EQ(visitor.json()["error"]["field"], "visitor_person_id");
  EXPECT_EQ(visit(*secretary, own, far).status, 403);
  EXPECT_EQ(visit(*commissioner, own, 999999999).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_visits"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('election.candidate.add', 'election.visit.add')"),
            0);
  // Within the compound both work.
  EXPECT_EQ(nominate(*commissioner, own).status, 201);
  EXPECT_EQ(visit(*commissioner, own, person_of("desheng-xincun", 1)).status, 201);
}

TEST_F(ElectionsTest, ComplaintsComeFromVotersOnTheRollAndStaffOfTheCompound) {
  std::int64_t id = create(2);
  json complaint{{"text", "选民名单有误"}};
  EXPECT_EQ(anonymous()->post(path(id, "/complaints"), complaint).status, 401);
  EXPECT_EQ(signed_in("gate")->post(path(id, "/complaints"), complaint).status, 403);
  EXPECT_EQ(signed_in("resident")->post(path(id, "/complaints"), complaint).status, 403);  // not on the roll
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_complaints"), 0);
  voters(id, 1);  // the demo resident joins the roll
  EXPECT_EQ(signed_in("resident")->post(path(id, "/complaints"), complaint).status, 201);
  EXPECT_EQ(signed_in("commissioner")->post(path(id, "/complaints"), complaint).status, 201);
  EXPECT_EQ(signed_in("supervisor")->post(path(id, "/complaints"), complaint).status, 201);
  EXPECT_EQ(signed_in("secretary")->post(path(999999, "/complaints"), complaint).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM election_complaints"), 3);
}

TEST_F(ElectionsTest, VotersOfTheCompoundSeeCandidatesByNameWhilePublicisedAndOthersMasked) {
  std::int64_t id = create(2);
  auto candidates = up_to_publicity(id, 3);
  auto logins = voters(id, 5);
  auto lease = db().read();
  auto key = weizhi::crypto::DataKey::from_file(settings_.data_key_file);
  auto mine = [&](const std::string& login) { return signed_in(login)->get("/api/v1/me/elections").json()["items"]; };
  // Step 5, the candidates' publicity: the voters see the approved list in full.
  json publicity = mine(logins[0]);
  ASSERT_EQ(publicity.size(), 1u);
  EXPECT_FALSE(publicity[0]["voting_open"]);
  ASSERT_EQ(publicity[0]["candidates"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    std::int64_t person = lease->scalar("SELECT person_id FROM election_candidates WHERE id = ?", {candidates[i]});
    EXPECT_EQ(publicity[0]["candidates"][i]["id"], candidates[i]);
    EXPECT_EQ(publicity[0]["candidates"][i]["name"], weizhi::people::full_name(*lease, key, person));
  }
  // The page open to anyone keeps them masked, for anonymous callers and voters alike.
  auto anonymous_client = anonymous();
  auto voter_client = signed_in(logins[0]);
  for (HttpClient* client : {anonymous_client.get(), voter_client.get()}) {
    auto shown = client->get(path(id, "/public-candidates"));
    ASSERT_EQ(shown.status, 200);
    ASSERT_EQ(shown.json()["items"].size(), 3u);
    json items = shown.json()["items"];  // the loop must not range over a temporary's member
    for (const auto& item : items) {
      EXPECT_NE(item["name"].get<std::string>().find('*'), std::string::npos) << item;
    }
  }
  // Once the vote is counted (both seats filled), nothing is listed by name any more.
  sign_and_open(id, 6);
  for (const auto& login : logins) cast(id, login, {candidates[0], candidates[1]});
  auto count = signed_in("secretary")->post(path(id, "/count"), json::object());
  ASSERT_EQ(count.status, 200);
  ASSERT_EQ(count.json()["rounds"].size(), 1u);
  EXPECT_TRUE(mine(logins[0])[0]["candidates"].empty());
  EXPECT_TRUE(mine("admin").empty());
}

// THE BIG ONE for elections: the full demo street, whose pilot elections ran through the module's
// own functions, gives the article's figures (docs/rules.md#figures) computed from the records.
TEST(ElectionsDemoSeedBigTest, PilotFiguresComeOutOfTheRecords) {
  auto lease = weizhi::testing::demo_street().db.read();
  auto stats = weizhi::elections::self_management_stats(*lease);
  EXPECT_EQ(stats.pilot_communities, 4);
  EXPECT_EQ(stats.pilot_compounds, 16);
  EXPECT_EQ(stats.visits, 55);
  EXPECT_EQ(stats.candidates, 112);
  EXPECT_EQ(stats.committee_members, 80);
  EXPECT_EQ(stats.commissioners_on_committees, 15);
  ASSERT_TRUE(stats.min_party_share);
  EXPECT_GE(stats.min_party_share->first * 100, 60 * stats.min_party_share->second);
  // Every pilot election was filed after all seven steps were signed off.
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM elections WHERE state = 'filed'"), 16);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM election_steps s JOIN elections e ON e.id = s.election_id "
                          "WHERE e.state = 'filed' AND s.signed_off_at IS NOT NULL"),
            16 * 7);
  // 德胜新村 re-elects its committee, voting open, the demo resident still to vote; 西四苑's first
  // election waits for the sign-off of its publicity, whose period has run out.
  auto running = lease->query(
      "SELECT n.name, e.current_step FROM elections e JOIN org_nodes n ON n.id = e.compound_node_id "
      "WHERE e.state = 'running' ORDER BY e.id");
  ASSERT_EQ(running.size(), 2u);
  EXPECT_EQ(running[0].text(0), "德胜新村");
  EXPECT_EQ(running[0].i64(1), weizhi::elections::kVoting);
  EXPECT_EQ(running[1].text(0), "西四苑");
  EXPECT_EQ(running[1].i64(1), weizhi::elections::kPublicity);
  auto resident = lease->query_one("SELECT person_id FROM users WHERE login = 'resident'")->i64(0);
  auto roll_line = lease->query_one(
      "SELECT v.voted_round FROM election_voters v JOIN elections e ON e.id = v.election_id "
      "WHERE e.state = 'running' AND v.person_id = ?",
      {resident});
  ASSERT_TRUE(roll_line);
  EXPECT_EQ(roll_line->i64(0), 0);
  EXPECT_GT(lease->scalar("SELECT COUNT(*) FROM election_voters v JOIN elections e ON e.id = v.election_id "
                          "WHERE e.state = 'running' AND v.voted_round = 1"),
            0);
  auto publicity_end = lease->query_one(
      "SELECT s.publicity_ends_on FROM election_steps s JOIN elections e ON e.id = s.election_id "
      "WHERE e.state = 'running' AND e.current_step = 2 AND s.step = 2");
  EXPECT_LT(publicity_end->text(0), weizhi::street_date(weizhi::SystemClock().now()));
}

// The access log of a cast leaves out the client's address and the exact moment (the dispatcher
// marks every answer of a discreet route); the token's issue is logged as usual.
TEST(ElectionRoutes, CastingASecretBallotIsLoggedDiscreetlyAndAskingForItsTokenIsNot) {
  weizhi::http::Router router;
  for (const auto& module : weizhi::app::all_modules()) module.routes(router);
  auto cast = router.match(weizhi::http::Method::Post, "/api/v1/elections/7/ballots");
  ASSERT_EQ(cast.outcome, weizhi::http::Router::Outcome::Found);
  EXPECT_TRUE(cast.route->discreet_access_log);
  auto token = router.match(weizhi::http::Method::Post, "/api/v1/elections/7/ballot-token");
  ASSERT_EQ(token.outcome, weizhi::http::Router::Outcome::Found);
  EXPECT_FALSE(token.route->discreet_access_log);
}

// --- Today's work ---

TEST_F(ElectionsTest, AStepReadyForSignOffIsOnTheSupervisorsListAndAnEndingPublicityOnTheOrganisers) {
  std::int64_t id = create(2);
  json sign_off = today_item("supervisor", "elections.sign_off", id);
  ASSERT_FALSE(sign_off.is_null());
  EXPECT_EQ(sign_off["title"], "签字确认：第 1 步「成立选举工作组」（德胜新村自管会选举）");
  EXPECT_EQ(sign_off["node"]["id"], node("desheng-xincun"));
  EXPECT_TRUE(today_item("secretary", "elections.sign_off", id).is_null()) << "not theirs to sign";
  ASSERT_EQ(signed_in("supervisor")->post(path(id, "/steps/1/sign-off"), json::object()).status, 200);
  EXPECT_TRUE(today_item("supervisor", "elections.sign_off", id).is_null());

  ASSERT_EQ(signed_in("secretary")->post(path(id, "/steps/2/open"), json::object()).status, 200);
  EXPECT_TRUE(today_item("supervisor", "elections.sign_off", id).is_null()) << "the publicity is running";
  EXPECT_TRUE(today_item("secretary", "elections.publicity", id).is_null()) << "ten days to go";

  std::string today = weizhi::street_date(std::chrono::system_clock::now());
  set_publicity_end(id, today);
  json ending = today_item("secretary", "elections.publicity", id);
  ASSERT_FALSE(ending.is_null());
  EXPECT_EQ(ending["title"], "公示期 " + today + " 结束：第 2 步「宣传发动与公示职责」（德胜新村自管会选举）");
  EXPECT_EQ(ending["due_at"], weizhi::iso_utc(*weizhi::street_day_end(today)));
  EXPECT_FALSE(ending["overdue"]);

  end_publicity(id);
  json over = today_item("secretary", "elections.publicity", id);
  ASSERT_FALSE(over.is_null());
  EXPECT_TRUE(over["overdue"]);
  EXPECT_EQ(over["title"], "公示期已满，待签字并开启下一步：第 2 步「宣传发动与公示职责」（德胜新村自管会选举）");
  EXPECT_FALSE(today_item("supervisor", "elections.sign_off", id).is_null());
  ASSERT_EQ(signed_in("supervisor")->post(path(id, "/steps/2/sign-off"), json::object()).status, 200);
  EXPECT_FALSE(today_item("secretary", "elections.publicity", id).is_null()) << "until the next step opens";
  ASSERT_EQ(signed_in("secretary")->post(path(id, "/steps/3/open"), json::object()).status, 200);
  EXPECT_TRUE(today_item("secretary", "elections.publicity", id).is_null());
}

TEST_F(ElectionsTest, AVoterOnTheRollIsAskedToVoteInTheOpenRoundUntilTheyHave) {
  std::int64_t id = create(2);
  auto candidates = up_to_voting(id, 3);
  voters(id, 2);
  json asked = today_item("resident", "elections.cast", id);
  ASSERT_FALSE(asked.is_null());
  EXPECT_EQ(asked["title"], "参加选举投票：德胜新村自管会选举（第 1 轮）");
  cast(id, "resident", {candidates[0], candidates[1]});
  EXPECT_TRUE(today_item("resident", "elections.cast", id).is_null());
}
