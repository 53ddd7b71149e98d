// Voting over HTTP on the Test seed of 德胜新村: preparing and opening a vote with its frozen
// roll, ballots online, at a meeting and on paper (two clerks, a supervisor), one ballot per
// owner across channels, Idempotency-Key retries, the window, closing, extension, publication
// with fingerprints, the public receipt check and the export that `weizhi tally` recounts.
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "modules/voting/cli.hpp"
#include "modules/voting/model.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {

std::string hours_from_now(int hours) {
  return weizhi::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(hours));
}

// Every byte but unreserved ASCII as %XX, as a browser sends a query value.
std::string percent_encoded(const std::string& text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return encoded;
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

class VotingTest : public ApiTest {
 protected:
  // The identity check before an online ballot has its own tests (voting_identity_test.cpp): the votes here open
  // under a street that does not ask for it, so that they test the other rules of ballots.
  void SetUp() override {
    ApiTest::SetUp();
    auto policy = signed_in("admin")->send("PUT", "/api/v1/voting-policies/" + std::to_string(node("street")),
                                           json{{"online_ballot_id_check", "off"}}.dump());
    ASSERT_EQ(policy.status, 200) << policy.body;
  }
  json vote_body(int matter = 4) {
    return json{{"compound_id", node("desheng-xincun")},
                {"title", "关于续聘物业的表决"},
                {"matter", matter},
                {"items", {"同意续聘", "同意调整物业费"}},
                {"opens_at", hours_from_now(-1)},
                {"closes_at", hours_from_now(48)},
                {"channels", {"online", "paper", "meeting"}}};
  }
  // A vote of the commissioner on 德胜新村, opened; returns its id.
  std::int64_t open_vote(const json& body) {
    auto organiser = signed_in("commissioner");
    auto created = organiser->post("/api/v1/votes", body);
    EXPECT_EQ(created.status, 201) << created.body;
    std::int64_t id = created.json()["id"];
    auto opened = organiser->post(path(id, "/open"), json::object());
    EXPECT_EQ(opened.status, 200) << opened.body;
    return id;
  }
  std::int64_t open_vote() { return open_vote(vote_body()); }
  std::string path(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/votes/" + std::to_string(id) + rest;
  }
  std::int64_t resident_person() {
    auto lease = db().read();
    return lease->query_one("SELECT person_id FROM users WHERE login = 'resident'")->i64(0);
  }
  // A voter of the vote other than the demo resident.
  std::int64_t other_voter(std::int64_t vote_id, int skip = 0) {
    auto lease = db().read();
    return lease
        ->query_one(
            "SELECT DISTINCT owner_id FROM vote_roll WHERE vote_id = ? AND owner_id IS NOT NULL AND "
            "owner_id <> ? ORDER BY owner_id LIMIT 1 OFFSET ?",
            {vote_id, resident_person(), skip})
        ->i64(0);
  }
  std::int64_t count(const std::string& sql, const weizhi::store::Params& params) {
    auto lease = db().read();
    return lease->scalar(sql, params);
  }
  // Moves the deadline into the past, as if the window had run out.
  void end_window(std::int64_t vote_id) {
    db().transaction([&](weizhi::store::Tx& tx) {
      tx.exec("UPDATE votes SET closes_at = ? WHERE id = ?", {hours_from_now(-1), vote_id});
    });
  }
  // The caller's today item of `kind` linked to `link`; null when there is none.
  json today_item(HttpClient& client, const std::string& kind, const std::string& link) {
    auto reply = client.get("/api/v1/me/today");
    EXPECT_EQ(reply.status, 200) << reply.body;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["kind"] == kind && item["link"] == link) return item;
    }
    return nullptr;
  }
  Reply cast_with_key(HttpClient& client, std::int64_t vote_id, const json& body, const std::string& key) {
    return client.send("POST", path(vote_id, "/ballots"), body.dump(), {"Idempotency-Key: " + key});
  }
};

// --- Preparing and opening ---

TEST_F(VotingTest, OpeningFreezesTheRollWithItsFingerprint) {
  auto organiser = signed_in("commissioner");
  auto created = organiser->post("/api/v1/votes", vote_body(7));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["state"], "draft");
  EXPECT_EQ(created.json()["threshold"], "three_quarters");
  EXPECT_EQ(created.json()["policies"],
            (json{{"follow_majority", "both_dimensions"}, {"extension", "once_if_quorum_not_met"}}));
  std::int64_t id = created.json()["id"];
  EXPECT_EQ(organiser->get(path(id, "/roll")).status, 409);

  auto opened = organiser->post(path(id, "/open"), json::object());
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["state"], "open");
  std::string fingerprint = opened.json()["roll_fingerprint"];
  EXPECT_EQ(fingerprint.size(), 64u);
  auto roll = organiser->get(path(id, "/roll")).json();
  EXPECT_EQ(roll["fingerprint"], fingerprint);
  EXPECT_GT(roll["owner_count"].get<int>(), 0);
  for (const auto& entry : roll["items"]) EXPECT_NE(entry["use"], "parking");
  EXPECT_EQ(organiser->post(path(id, "/open"), json::object()).status, 409);
}

TEST_F(VotingTest, BadVotesAreRefusedNamingTheField) {
  auto organiser = signed_in("commissioner");
  auto body = vote_body();
  body["matter"] = 10;
  EXPECT_EQ(organiser->post("/api/v1/votes", body).error_field(), "matter");
  body = vote_body();
  body["closes_at"] = hours_from_now(-2);
  EXPECT_EQ(organiser->post("/api/v1/votes", body).error_field(), "closes_at");
  body = vote_body();
  body["channels"] = {"fax"};
  EXPECT_EQ(organiser->post("/api/v1/votes", body).error_field(), "channels[0]");
  body = vote_body();
  body["scope"] = {{"kind", "buildings"}, {"node_ids", {node("desheng-xincun")}}};
  auto reply = organiser->post("/api/v1/votes", body);
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(reply.error_field(), "scope.node_ids[0]");
  EXPECT_EQ(count("SELECT COUNT(*) FROM votes WHERE title = ?", {"关于续聘物业的表决"}), 0);
}

TEST_F(VotingTest, OnlyOrganisersPrepareVotes) {
  EXPECT_EQ(anonymous()->post("/api/v1/votes", vote_body()).status, 401);
  EXPECT_EQ(signed_in("resident")->post("/api/v1/votes", vote_body()).status, 403);
}

TEST_F(VotingTest, ADraftIsEditedAndCheckedAsOnCreation) {
  auto organiser = signed_in("commissioner");
  auto created = organiser->post("/api/v1/votes", vote_body(4));
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.json()["id"];
  EXPECT_TRUE(created.json()["terms_fixed_by"].is_null());

  auto edited =
      organiser->patch(path(id), json{{"title", "关于选聘新物业的表决"}, {"matter", 6}, {"items", {"同意选聘"}}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["title"], "关于选聘新物业的表决");
  EXPECT_EQ(edited.json()["threshold"], "three_quarters");
  EXPECT_EQ(edited.json()["items"], json({"同意选聘"}));
  EXPECT_EQ(edited.json()["channels"], json({"online", "paper", "meeting"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.update' AND entity = ?",
                  {"vote:" + std::to_string(id)}),
            1);

  // Each refusal names the field and leaves the draft as it was.
  EXPECT_EQ(organiser->patch(path(id), json{{"items", json::array()}}).error_field(), "items");
  EXPECT_EQ(organiser->patch(path(id), json{{"closes_at", hours_from_now(-5)}}).error_field(), "closes_at");
  EXPECT_EQ(organiser->patch(path(id), json{{"colour", "red"}}).error_field(), "colour");
  auto moved = organiser->patch(path(id), json{{"compound_id", node("desheng")}});
  EXPECT_EQ(moved.status, 400) << moved.body;
  EXPECT_EQ(moved.error_field(), "compound_id");
  EXPECT_EQ(organiser->get(path(id)).json()["title"], "关于选聘新物业的表决");

  EXPECT_EQ(anonymous()->patch(path(id), json{{"title", "x"}}).status, 401);
  EXPECT_EQ(signed_in("resident")->patch(path(id), json{{"title", "x"}}).status, 403);
  EXPECT_EQ(organiser->patch(path(999999), json{{"title", "x"}}).status, 404);

  ASSERT_EQ(organiser->post(path(id, "/open"), json::object()).status, 200);
  auto late = organiser->patch(path(id), json{{"title", "开启后改标题"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.error_field(), "state");
}

// --- The proposal's materials ---

TEST_F(VotingTest, AProposalsMaterialsAreSetWhileADraftAndShownToItsVoters) {
  auto organiser = signed_in("commissioner");
  std::string plan = upload_photo(*organiser, "plan");
  json body = vote_body();
  body["documents"] = {{{"name", "物业服务合同（续签稿）"}, {"reference", "业委会〔2026〕3 号"}}};
  body["photos"] = {plan};
  auto created = organiser->post("/api/v1/votes", body);
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.json()["id"];
  EXPECT_EQ(created.json()["documents"], body["documents"]);
  EXPECT_EQ(created.json()["photos"], json::array({plan}));

  std::string site = upload_photo(*organiser, "site");
  json documents = {{{"name", "物业服务合同（续签稿）"}, {"reference", "业委会〔2026〕3 号"}},
                    {{"name", "满意度调查报告"}, {"reference", "公告栏"}}};
  auto edited = organiser->patch(path(id), json{{"documents", documents}, {"photos", {site, plan}}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["title"], "关于续聘物业的表决") << "the terms not sent stay";
  auto retitled = organiser->patch(path(id), json{{"title", "关于续聘物业服务企业的表决"}});
  ASSERT_EQ(retitled.status, 200) << retitled.body;
  EXPECT_EQ(retitled.json()["documents"], documents) << "the materials not sent stay";
  EXPECT_EQ(retitled.json()["photos"], json::array({site, plan}));

  ASSERT_EQ(organiser->post(path(id, "/open"), json::object()).status, 200);
  auto late = organiser->patch(path(id), json{{"documents", json::array()}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.error_field(), "state");
  EXPECT_EQ(organiser->get(path(id)).json()["documents"], documents);

  auto mine = signed_in("resident")->get("/api/v1/me/votes");
  ASSERT_EQ(mine.status, 200) << mine.body;
  json shown;
  json listed = mine.json();
  for (const auto& vote : listed["items"]) {
    if (vote["id"] == id) shown = vote;
  }
  ASSERT_FALSE(shown.is_null()) << mine.body;
  EXPECT_EQ(shown["documents"], documents);
  EXPECT_EQ(shown["photos"], json::array({site, plan}));
}

TEST_F(VotingTest, BadMaterialsAreRefusedNamingTheFieldAndNothingIsSaved) {
  auto organiser = signed_in("commissioner");
  std::int64_t votes_before = count("SELECT COUNT(*) FROM votes", {});
  auto refused = [&](json documents, json photos = json::array()) {
    json body = vote_body();
    body["documents"] = std::move(documents);
    body["photos"] = std::move(photos);
    auto reply = organiser->post("/api/v1/votes", body);
    EXPECT_EQ(reply.status, 400) << reply.body;
    return reply.error_field();
  };
  json document = {{"name", "方案"}, {"reference", "1 号"}};
  EXPECT_EQ(refused(json::array({document, {{"name", std::string(101, 'x')}, {"reference", "2 号"}}})),
            "documents[1].name");
  EXPECT_EQ(refused(json::array({{{"name", "方案"}, {"reference", std::string(201, 'x')}}})), "documents[0].reference");
  EXPECT_EQ(refused(json::array({{{"name", "方案"}}})), "documents[0].reference");
  EXPECT_EQ(refused(json::array({{{"name", "方案"}, {"reference", "1 号"}, {"pages", 3}}})), "documents[0].pages");
  EXPECT_EQ(refused(json::array({"方案"})), "documents[0]");
  EXPECT_EQ(refused("方案"), "documents");
  EXPECT_EQ(refused(json(std::vector<json>(21, document))), "documents");
  EXPECT_EQ(refused(json::array(), {std::string(64, 'a')}), "photos[0]") << "no such stored photo";
  EXPECT_EQ(refused(json::array(), {"../../etc/passwd"}), "photos[0]");
  std::string photo = upload_photo(*organiser, "twice");
  EXPECT_EQ(refused(json::array(), {photo, photo}), "photos[0]");
  EXPECT_EQ(count("SELECT COUNT(*) FROM votes", {}), votes_before);

  auto created = organiser->post("/api/v1/votes", vote_body());
  std::int64_t id = created.json()["id"];
  auto patched = organiser->patch(path(id), json{{"title", "改了标题"}, {"photos", {std::string(64, 'b')}}});
  EXPECT_EQ(patched.status, 400) << patched.body;
  EXPECT_EQ(patched.error_field(), "photos[0]");
  EXPECT_EQ(organiser->get(path(id)).json()["title"], "关于续聘物业的表决") << "nothing half-written";
}

TEST_F(VotingTest, AProposalsPhotoIsServedToItsReadersAndVotersAndOnlyForItsOwnVote) {
  auto organiser = signed_in("commissioner");
  std::string plan = upload_photo(*organiser, "plan");
  std::string elsewhere = upload_photo(*organiser, "another vote's");
  json body = vote_body();
  body["photos"] = {plan};
  std::int64_t id = open_vote(body);
  json other = vote_body();
  other["photos"] = {elsewhere};
  std::int64_t other_id = open_vote(other);
  std::string photo_path = path(id, "/photos/" + plan);

  auto served = organiser->get(photo_path);
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(served.headers["content-type"], "image/png");
  EXPECT_EQ(weizhi::crypto::sha256_hex(served.body), plan);
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get(photo_path).status, 200) << "a voter on the roll";
  EXPECT_EQ(resident->get(photo_path).body, served.body);
  EXPECT_EQ(resident->get(path(id, "/photos/" + elsewhere)).status, 404) << "a photo of another vote";
  EXPECT_EQ(organiser->get(path(id, "/photos/" + elsewhere)).status, 404);
  EXPECT_EQ(organiser->get(path(other_id, "/photos/" + plan)).status, 404);
  EXPECT_EQ(organiser->get(path(id, "/photos/" + upload_photo(*organiser, "stored, on no vote"))).status, 404);
  EXPECT_EQ(organiser->get(path(999999, "/photos/" + plan)).status, 404);
  EXPECT_EQ(anonymous()->get(photo_path).status, 401);

  // A vote of another compound, and the same resident once their account is someone of another compound.
  auto admin = signed_in("admin");
  json outside = vote_body();
  outside["compound_id"] = node("c-deshengba");
  outside["photos"] = {elsewhere};
  auto drafted = admin->post("/api/v1/votes", outside);
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  EXPECT_EQ(resident->get(path(drafted.json()["id"].get<std::int64_t>(), "/photos/" + elsewhere)).status, 403);
  std::int64_t outsider = person_under("c-deshengba");
  db().transaction(
      [&](weizhi::store::Tx& tx) { tx.exec("UPDATE users SET person_id = ? WHERE login = 'resident'", {outsider}); });
  EXPECT_EQ(signed_in("resident")->get(photo_path).status, 403);
}

// --- Ballots ---

TEST_F(VotingTest, AResidentVotesOnlineAndAnyoneChecksTheReceipt) {
  std::int64_t id = open_vote();
  auto reply = signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "follow"}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["voter_id"], resident_person());
  std::string code = reply.json()["receipt_code"];
  auto receipt = anonymous()->get("/api/v1/vote-receipts/" + code);
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(receipt.json()["choices"], (json{"agree", "follow"}));
  EXPECT_EQ(receipt.json()["channel"], "online");
  EXPECT_EQ(anonymous()->get("/api/v1/vote-receipts/0000-0000").status, 404);
}

TEST_F(VotingTest, OnlineBallotsCannotBeMarkedInvalidOrMissAnItem) {
  std::int64_t id = open_vote();
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree", "invalid"}}}).error_field(), "choices[1]");
  EXPECT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree"}}}).error_field(), "choices");
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_ballots WHERE vote_id = ?", {id}), 0);
}

TEST_F(VotingTest, ASecondBallotOnAnotherChannelIsRefusedNamingTheFirst) {
  std::int64_t id = open_vote();
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 201);
  auto second = signed_in("committee")
                    ->post(path(id, "/meeting-ballots"),
                           json{{"voter_id", resident_person()}, {"choices", {"oppose", "oppose"}}});
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_NE(second.json()["error"]["message"].get<std::string>().find("线上"), std::string::npos) << second.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_ballots WHERE vote_id = ?", {id}), 1);
}

TEST_F(VotingTest, ARetryWithTheSameIdempotencyKeyGetsTheFirstAnswer) {
  std::int64_t id = open_vote();
  auto resident = signed_in("resident");
  json body{{"choices", {"agree", "abstain"}}};
  auto first = cast_with_key(*resident, id, body, "ballot-1");
  ASSERT_EQ(first.status, 201) << first.body;
  auto retry = cast_with_key(*resident, id, body, "ballot-1");
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.json()["receipt_code"], first.json()["receipt_code"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_ballots WHERE vote_id = ?", {id}), 1);
  auto other_body = cast_with_key(*resident, id, json{{"choices", {"oppose", "oppose"}}}, "ballot-1");
  EXPECT_EQ(other_body.status, 422) << other_body.body;
  EXPECT_EQ(cast_with_key(*resident, id, body, "ballot-2").status, 409);
}

TEST_F(VotingTest, PaperFormsTypedDifferentlyAreHeldForTheSupervisor) {
  std::int64_t id = open_vote();
  std::int64_t voter = other_voter(id);
  auto clerk_a = signed_in("committee");
  auto clerk_b = signed_in("commissioner");
  json entry{{"voter_id", voter}, {"choices", {"agree", "invalid"}}};
  auto first = clerk_a->post(path(id, "/paper-entries"), entry);
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(first.json()["status"], "awaiting_second_entry");
  EXPECT_EQ(clerk_a->post(path(id, "/paper-entries"), entry).status, 409);
  auto second =
      clerk_b->post(path(id, "/paper-entries"), json{{"voter_id", voter}, {"choices", {"oppose", "invalid"}}});
  ASSERT_EQ(second.status, 202) << second.body;
  EXPECT_EQ(second.json()["status"], "held");
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_ballots WHERE vote_id = ?", {id}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.paper.enter' AND entity = ?",
                  {"vote:" + std::to_string(id)}),
            2);

  EXPECT_EQ(clerk_a->get(path(id, "/paper-held")).status, 403);
  auto supervisor = signed_in("supervisor");
  auto held = supervisor->get(path(id, "/paper-held")).json()["items"];
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0]["voter"]["id"], voter);
  EXPECT_EQ(held[0]["entries"].size(), 2u);
  auto settled = supervisor->post(path(id, "/paper-held/" + std::to_string(voter) + "/settle"),
                                  json{{"choices", {"agree", "invalid"}}});
  ASSERT_EQ(settled.status, 201) << settled.body;
  EXPECT_EQ(settled.json()["channel"], "paper");
  EXPECT_TRUE(supervisor->get(path(id, "/paper-held")).json()["items"].empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.paper.settle' AND entity = ?",
                  {"vote:" + std::to_string(id)}),
            1);
}

TEST_F(VotingTest, PaperFormsTypedAlikeAreCounted) {
  std::int64_t id = open_vote();
  json entry{{"voter_id", other_voter(id)}, {"choices", {"agree", "abstain"}}};
  ASSERT_EQ(signed_in("committee")->post(path(id, "/paper-entries"), entry).status, 202);
  auto second = signed_in("commissioner")->post(path(id, "/paper-entries"), entry);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["status"], "counted");
  EXPECT_EQ(second.json()["ballot"]["channel"], "paper");
  auto turnout = signed_in("commissioner")->get(path(id, "/turnout")).json();
  EXPECT_EQ(turnout["count"]["num"], 1);
  EXPECT_EQ(turnout["quorum_met"], false);
}

TEST_F(VotingTest, TheTurnoutFollowsEachBallotAgainstTheRollTotals) {
  std::int64_t id = open_vote();
  auto organiser = signed_in("commissioner");
  auto roll = organiser->get(path(id, "/roll")).json();
  auto before = organiser->get(path(id, "/turnout")).json();
  EXPECT_EQ(before["count"]["num"], 0);
  EXPECT_EQ(before["count"]["den"], roll["owner_count"]);
  EXPECT_EQ(before["area"]["den"], roll["total_area_centi_m2"]);
  EXPECT_EQ(before["quorum_bound"], (json{{"num", 2}, {"den", 3}, {"reached", "at_the_bound"}, {"of", "in_scope"}}));
  auto clerk = signed_in("committee");
  for (int cast = 1; cast <= 2; ++cast) {
    json ballot{{"voter_id", other_voter(id, cast - 1)}, {"choices", {"agree", "agree"}}};
    ASSERT_EQ(clerk->post(path(id, "/meeting-ballots"), ballot).status, 201);
    auto now = organiser->get(path(id, "/turnout")).json();
    EXPECT_EQ(now["ballots"], cast);
    EXPECT_EQ(now["count"]["num"], cast);
    EXPECT_EQ(now["count"]["den"], roll["owner_count"]);
    EXPECT_EQ(now["area"]["num"],
              count("SELECT SUM(r.area_centi_m2) FROM vote_roll r JOIN vote_ballots b ON b.vote_id = r.vote_id AND "
                    "b.voter_id = r.owner_id WHERE r.vote_id = ? AND r.use <> 'parking'",
                    {id}));
  }
}

TEST_F(VotingTest, BallotsAfterTheWindowAreRefused) {
  std::int64_t id = open_vote();
  end_window(id);
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 409);
  auto organiser = signed_in("commissioner");
  auto closed = organiser->post(path(id, "/close"), json::object());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 409);
  EXPECT_EQ(
      signed_in("committee")
          ->post(path(id, "/meeting-ballots"), json{{"voter_id", other_voter(id)}, {"choices", {"agree", "agree"}}})
          .status,
      409);
}

TEST_F(VotingTest, AVoteCannotBeClosedBeforeItsDeadline) {
  std::int64_t id = open_vote();
  EXPECT_EQ(signed_in("commissioner")->post(path(id, "/close"), json::object()).status, 409);
}

TEST_F(VotingTest, SomeoneNotOnTheRollMayNotVoteOnline) {
  std::int64_t id = open_vote();
  auto reply = signed_in("grid")->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  auto for_other =
      signed_in("resident")
          ->post(path(id, "/ballots"), json{{"voter_id", other_voter(id)}, {"choices", {"agree", "agree"}}});
  EXPECT_EQ(for_other.status, 403) << for_other.body;
  EXPECT_EQ(anonymous()->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 401);
}

TEST_F(VotingTest, AMeetingBallotNeedsAVoterOnTheRollWithoutABallot) {
  std::int64_t id = open_vote();
  std::int64_t outsider = count(
      "SELECT MIN(id) FROM people WHERE id NOT IN (SELECT owner_id FROM vote_roll WHERE vote_id = ? AND owner_id IS NOT "
      "NULL)",
      {id});
  auto clerk = signed_in("committee");
  auto off_roll =
      clerk->post(path(id, "/meeting-ballots"), json{{"voter_id", outsider}, {"choices", {"agree", "agree"}}});
  EXPECT_EQ(off_roll.status, 422) << off_roll.body;
  EXPECT_EQ(off_roll.error_field(), "voter_id");

  json ballot{{"voter_id", other_voter(id)}, {"choices", {"agree", "oppose"}}};
  ASSERT_EQ(clerk->post(path(id, "/meeting-ballots"), ballot).status, 201);
  auto again = clerk->post(path(id, "/meeting-ballots"), ballot);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_field(), "voter_id");
  EXPECT_NE(again.json()["error"]["message"].get<std::string>().find("会议现场"), std::string::npos) << again.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_ballots WHERE vote_id = ?", {id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.ballot.meeting' AND entity = ?",
                  {"vote:" + std::to_string(id)}),
            1);
}

TEST_F(VotingTest, ARecordedProxyVotesForTheOwner) {
  std::int64_t id = open_vote();
  std::int64_t voter = other_voter(id);
  auto organiser = signed_in("commissioner");
  auto proxy = organiser->post(
      path(id, "/proxies"),
      json{{"voter_id", voter}, {"proxy_person_id", resident_person()}, {"letter_reference", "WT-2026-017"}});
  ASSERT_EQ(proxy.status, 201) << proxy.body;
  auto cast =
      signed_in("resident")->post(path(id, "/ballots"), json{{"voter_id", voter}, {"choices", {"agree", "agree"}}});
  ASSERT_EQ(cast.status, 201) << cast.body;
  EXPECT_EQ(cast.json()["voter_id"], voter);
  EXPECT_EQ(cast.json()["proxy_person_id"], resident_person());
  auto mine = signed_in("resident")->get("/api/v1/me/votes").json()["items"];
  bool listed = false;
  for (const auto& vote : mine) {
    if (vote["id"] == id) listed = vote["my_voters"].size() == 2;
  }
  EXPECT_TRUE(listed);
}

TEST_F(VotingTest, RecordedProxiesAreListedWithMaskedNames) {
  std::int64_t id = open_vote();
  std::int64_t voter = other_voter(id);
  auto organiser = signed_in("commissioner");
  EXPECT_EQ(organiser->get(path(id, "/proxies")).json()["items"], json::array());
  ASSERT_EQ(
      organiser
          ->post(path(id, "/proxies"),
                 json{{"voter_id", voter}, {"proxy_person_id", resident_person()}, {"letter_reference", "WT-2026-018"}})
          .status,
      201);
  auto again =
      organiser->post(path(id, "/proxies"),
                      json{{"voter_id", voter}, {"proxy_person_id", resident_person()}, {"letter_reference", "WT-2"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "voter_id");
  json listed = organiser->get(path(id, "/proxies")).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  const json& proxy = listed["items"][0];
  EXPECT_EQ(proxy["voter"]["id"], voter);
  EXPECT_EQ(proxy["proxy"]["id"], resident_person());
  EXPECT_EQ(proxy["letter_reference"], "WT-2026-018");
  std::string voter_name = proxy["voter"]["name"];
  EXPECT_NE(voter_name.find('*'), std::string::npos) << voter_name;
  EXPECT_EQ(signed_in("resident")->get(path(id, "/proxies")).status, 403);
  EXPECT_EQ(organiser->get(path(999999, "/proxies")).status, 404);
}

TEST_F(VotingTest, RegistryEditsAfterOpeningLeaveTheRollUnchanged) {
  std::int64_t id = open_vote();
  auto organiser = signed_in("commissioner");
  auto before = organiser->get(path(id, "/roll")).json();
  json owned;
  for (const auto& entry : before["items"]) {
    if (!entry["owner"].is_null()) owned = entry;
  }
  ASSERT_FALSE(owned.is_null());
  std::int64_t part = owned["part"]["id"];
  auto admin = signed_in("admin");
  auto links = admin->get("/api/v1/parts/" + std::to_string(part) + "/links").json()["items"];
  for (const auto& link : links) {
    auto removed = admin->del("/api/v1/parts/" + std::to_string(part) + "/links/" +
                              std::to_string(link["id"].get<std::int64_t>()));
    ASSERT_EQ(removed.status, 204) << removed.body;
  }
  auto after = organiser->get(path(id, "/roll")).json();
  EXPECT_EQ(after, before);
  auto fresh = open_vote();
  EXPECT_NE(organiser->get(path(fresh, "/roll")).json()["fingerprint"], before["fingerprint"]);
}

// --- Closing, extension, publication ---

TEST_F(VotingTest, AVoteShortOfQuorumMayBeExtendedOnce) {
  std::int64_t id = open_vote();
  end_window(id);
  auto organiser = signed_in("commissioner");
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  auto extended = organiser->post(path(id, "/extend"), json{{"closes_at", hours_from_now(72)}});
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_EQ(extended.json()["state"], "open");
  EXPECT_TRUE(extended.json()["extended"].get<bool>());
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  EXPECT_EQ(organiser->post(path(id, "/extend"), json{{"closes_at", hours_from_now(96)}}).status, 409);
}

TEST_F(VotingTest, PublishedResultsShowRatiosFingerprintsAndMaskedVotersAndExportRecounts) {
  std::int64_t id = open_vote();
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "oppose"}}}).status, 201);
  auto clerk = signed_in("committee");
  ASSERT_EQ(
      clerk->post(path(id, "/meeting-ballots"), json{{"voter_id", other_voter(id)}, {"choices", {"follow", "invalid"}}})
          .status,
      201);
  auto organiser = signed_in("commissioner");
  EXPECT_EQ(anonymous()->get(path(id, "/publication")).status, 404);
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  auto published = organiser->post(path(id, "/publish"), json::object());
  ASSERT_EQ(published.status, 200) << published.body;

  auto publication = anonymous()->get(path(id, "/publication"));
  ASSERT_EQ(publication.status, 200) << publication.body;
  auto shown = publication.json();
  EXPECT_EQ(shown["vote"]["state"], "published");
  ASSERT_EQ(shown["result"]["items"].size(), 2u);
  auto item = shown["result"]["items"][0];
  EXPECT_EQ(item["quorum"]["count"]["num"], 2);
  EXPECT_EQ(item["approval"]["count"], (json{{"num", 2}, {"den", 2}}));  // follow joins the leading agree
  EXPECT_EQ(item["outcome"], "failed_quorum");
  EXPECT_EQ(shown["result"]["items"][1]["quorum"]["count"]["num"], 1);
  ASSERT_EQ(shown["ballots"].size(), 2u);
  for (const auto& ballot : shown["ballots"]) {
    EXPECT_NE(ballot["voter"].get<std::string>().find('*'), std::string::npos) << ballot;
  }

  auto folder = std::filesystem::path(folder_) / "export";
  {
    auto lease = db().read();
    weizhi::voting::export_vote(*lease, id, folder.string());
  }
  EXPECT_EQ(weizhi::crypto::sha256_hex(file_text(folder / "roll.csv")), shown["fingerprints"]["roll"]);
  EXPECT_EQ(weizhi::crypto::sha256_hex(file_text(folder / "ballots.csv")), shown["fingerprints"]["ballots"]);
  EXPECT_EQ(weizhi::crypto::sha256_hex(file_text(folder / "result.json")), shown["fingerprints"]["result"]);
  std::string recount = weizhi::voting::tally_files((folder / "roll.csv").string(), (folder / "ballots.csv").string(),
                                                    4, weizhi::voting::FollowMajority::BothDimensions);
  EXPECT_EQ(recount, file_text(folder / "result.json"));

  // `weizhi verify` recomputes the fingerprints: intact, then a ballot altered in the database.
  auto lease = db().read();
  EXPECT_TRUE(weizhi::voting::verify_vote_fingerprints(*lease).empty());
  std::string choices =
      lease->query_one("SELECT choices FROM vote_ballots WHERE vote_id = ? AND channel = 'online'", {id})->text(0);
  std::string altered = choices;
  altered.replace(altered.find("oppose"), 6, "agree");
  ASSERT_EQ(lease->exec("UPDATE vote_ballots SET choices = ? WHERE vote_id = ? AND channel = 'online'", {altered, id}),
            1);
  auto mismatches = weizhi::voting::verify_vote_fingerprints(*lease);
  ASSERT_EQ(mismatches.size(), 2u);
  EXPECT_EQ(mismatches[0].vote_id, id);
  EXPECT_EQ(mismatches[0].file, "ballots.csv");
  EXPECT_EQ(mismatches[1].file, "result.json");
}

TEST_F(VotingTest, TheMattersAreListedWithTheBoundsEachFixes) {
  EXPECT_EQ(anonymous()->get("/api/v1/vote-matters").status, 401);
  auto matters = signed_in("commissioner")->get("/api/v1/vote-matters");
  ASSERT_EQ(matters.status, 200) << matters.body;
  auto items = matters.json()["items"];
  ASSERT_EQ(items.size(), 9u);
  json quorum{{"num", 2}, {"den", 3}, {"reached", "at_the_bound"}, {"of", "in_scope"}};
  json half{{"num", 1}, {"den", 2}, {"reached", "beyond_the_bound"}, {"of", "participating"}};
  json three_quarters{{"num", 3}, {"den", 4}, {"reached", "at_the_bound"}, {"of", "participating"}};
  for (int matter = 1; matter <= 9; ++matter) {
    const json& listed = items[matter - 1];
    EXPECT_EQ(listed["matter"], matter);
    bool fund_rebuild_or_use = matter >= 6 && matter <= 8;
    EXPECT_EQ(listed["threshold"], fund_rebuild_or_use ? "three_quarters" : "half");
    EXPECT_EQ(listed["bounds"]["quorum"], quorum);
    EXPECT_EQ(listed["bounds"]["approval"], fund_rebuild_or_use ? three_quarters : half);
  }
  auto created = signed_in("commissioner")->post("/api/v1/votes", vote_body(7));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["bounds"], items[6]["bounds"]);
}

TEST_F(VotingTest, TheMattersSayHowManyItemsAVoteMayHoldAndOneMoreIsRefused) {
  auto organiser = signed_in("commissioner");
  std::int64_t max_items = organiser->get("/api/v1/vote-matters").json()["max_items"];
  EXPECT_EQ(max_items, 20);
  json body = vote_body();
  body["items"] = json::array();
  for (std::int64_t item = 1; item <= max_items; ++item) body["items"].push_back("事项 " + std::to_string(item));
  EXPECT_EQ(organiser->post("/api/v1/votes", body).status, 201);
  body["items"].push_back("再多一项");
  auto refused = organiser->post("/api/v1/votes", body);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json()["error"]["field"], "items");
}

TEST_F(VotingTest, EachRatioOfAPublishedResultSaysWhetherItMeetsItsBoundOnTheBoundItself) {
  // Three parts of distinct owners make a roll of three: two ballots are exactly 2/3 of the owners, which
  // meets the quorum, and one agree against one oppose is exactly half, which does not pass a matter-4 vote.
  auto roll = signed_in("commissioner")->get(path(open_vote(), "/roll")).json();
  std::vector<std::int64_t> parts;
  std::set<std::int64_t> owners;
  for (const auto& entry : roll["items"]) {
    if (entry["owner"].is_null() || entry["use"] == "parking" || entry["owner_kind"] != "person") continue;
    if (owners.insert(entry["owner"]["id"].get<std::int64_t>()).second) parts.push_back(entry["part"]["id"]);
    if (parts.size() == 3) break;
  }
  ASSERT_EQ(parts.size(), 3u);
  auto body = vote_body(4);
  body["items"] = {"同意续聘"};
  body["scope"] = {{"kind", "parts"}, {"node_ids", parts}};
  std::int64_t id = open_vote(body);
  auto organiser = signed_in("commissioner");
  ASSERT_EQ(organiser->get(path(id, "/roll")).json()["owner_count"], 3);
  auto clerk = signed_in("committee");
  std::vector<std::int64_t> voters(owners.begin(), owners.end());
  ASSERT_EQ(clerk->post(path(id, "/meeting-ballots"), json{{"voter_id", voters[0]}, {"choices", {"agree"}}}).status,
            201);
  ASSERT_EQ(clerk->post(path(id, "/meeting-ballots"), json{{"voter_id", voters[1]}, {"choices", {"oppose"}}}).status,
            201);
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  auto published = organiser->post(path(id, "/publish"), json::object());
  ASSERT_EQ(published.status, 200) << published.body;

  auto shown = anonymous()->get(path(id, "/publication")).json();
  EXPECT_EQ(shown["vote"]["bounds"]["approval"],
            (json{{"num", 1}, {"den", 2}, {"reached", "beyond_the_bound"}, {"of", "participating"}}));
  ASSERT_EQ(shown["ratios"].size(), 1u);
  const json& ratios = shown["ratios"][0];
  EXPECT_EQ(ratios["item"], 1);
  EXPECT_EQ(ratios["quorum"]["bound"], shown["vote"]["bounds"]["quorum"]);
  EXPECT_EQ(ratios["approval"]["bound"], shown["vote"]["bounds"]["approval"]);
  EXPECT_EQ(ratios["quorum"]["count"], (json{{"num", 2}, {"den", 3}, {"met", true}}));
  EXPECT_EQ(ratios["approval"]["count"], (json{{"num", 1}, {"den", 2}, {"met", false}}));
  // The area ratios, whatever the parts' areas, are met exactly when the result's fractions reach their bound.
  const json& result = shown["result"]["items"][0];
  auto fraction = [](const json& ratio) { return json{{"num", ratio["num"]}, {"den", ratio["den"]}}; };
  EXPECT_EQ(fraction(ratios["quorum"]["area"]), result["quorum"]["area"]);
  EXPECT_EQ(fraction(ratios["approval"]["area"]), result["approval"]["area"]);
  std::int64_t quorum_num = result["quorum"]["area"]["num"], quorum_den = result["quorum"]["area"]["den"];
  std::int64_t agreeing = result["approval"]["area"]["num"], participating = result["approval"]["area"]["den"];
  EXPECT_EQ(ratios["quorum"]["area"]["met"], quorum_num * 3 >= quorum_den * 2);
  EXPECT_EQ(ratios["approval"]["area"]["met"], agreeing * 2 > participating);
  // The fingerprinted result.json is left as it was.
  EXPECT_FALSE(result["quorum"]["count"].contains("met"));
  EXPECT_FALSE(result["approval"].contains("met"));
}

TEST_F(VotingTest, TheSeedHasAPublishedAndAnOpenVote) {
  auto votes =
      signed_in("commissioner")->get("/api/v1/votes?node=" + std::to_string(node("desheng-xincun"))).json()["items"];
  std::set<std::string> states;
  for (const auto& vote : votes) states.insert(vote["state"].get<std::string>());
  EXPECT_TRUE(states.count("published"));
  EXPECT_TRUE(states.count("open"));
  EXPECT_EQ(signed_in("resident")->get("/api/v1/votes").status, 403);
}

// --- Today's work ---

TEST_F(VotingTest, AnOpenVoteShortOfQuorumIsOnItsOrganisersListInItsLastThreeDays) {
  auto organiser = signed_in("commissioner");
  std::int64_t id = open_vote();
  std::string link = "/votes/" + std::to_string(id);
  json closing = today_item(*organiser, "voting.closing", link);
  ASSERT_FALSE(closing.is_null());
  EXPECT_EQ(closing["title"], "《关于续聘物业的表决》表决还剩 1 天截止，已投 0%（面积 0%），未达法定人数");
  EXPECT_EQ(closing["due_at"], organiser->get(path(id)).json()["closes_at"]);
  EXPECT_EQ(closing["node"]["id"], node("desheng-xincun"));
  EXPECT_FALSE(closing["overdue"]);
  EXPECT_TRUE(today_item(*signed_in("resident"), "voting.closing", link).is_null()) << "not theirs to run";

  json later = vote_body();
  later["closes_at"] = hours_from_now(24 * 5);
  std::int64_t far = open_vote(later);
  EXPECT_TRUE(today_item(*organiser, "voting.closing", "/votes/" + std::to_string(far)).is_null());

  end_window(id);
  closing = today_item(*organiser, "voting.closing", link);
  ASSERT_FALSE(closing.is_null()) << "past its deadline and not closed";
  EXPECT_TRUE(closing["overdue"]);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  EXPECT_TRUE(today_item(*organiser, "voting.closing", link).is_null());
}

TEST_F(VotingTest, AnOwnerIsAskedToCastUntilTheyHaveVoted) {
  auto resident = signed_in("resident");
  std::int64_t id = open_vote();
  std::string link = "/votes/" + std::to_string(id);
  json cast = today_item(*resident, "voting.cast", link);
  ASSERT_FALSE(cast.is_null());
  EXPECT_EQ(cast["title"], "参加表决：《关于续聘物业的表决》");
  EXPECT_EQ(cast["due_at"], signed_in("commissioner")->get(path(id)).json()["closes_at"]);
  ASSERT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 201);
  EXPECT_TRUE(today_item(*resident, "voting.cast", link).is_null());

  json paper_only = vote_body();
  paper_only["channels"] = {"paper"};
  EXPECT_TRUE(today_item(*resident, "voting.cast", "/votes/" + std::to_string(open_vote(paper_only))).is_null())
      << "nothing to cast online";
}

TEST_F(VotingTest, AProxyIsAskedToCastForTheOwnerInTheSameItem) {
  auto resident = signed_in("resident");
  std::int64_t id = open_vote();
  std::string link = "/votes/" + std::to_string(id);
  std::int64_t owner = other_voter(id);
  ASSERT_EQ(
      signed_in("commissioner")
          ->post(path(id, "/proxies"),
                 json{{"voter_id", owner}, {"proxy_person_id", resident_person()}, {"letter_reference", "WT-2026-020"}})
          .status,
      201);
  std::string owner_name =
      signed_in("commissioner")->get(path(id, "/proxies")).json()["items"][0]["voter"]["name"].get<std::string>();
  auto cast_items = [&] {
    json items = json::array();
    json today = resident->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["kind"] == "voting.cast" && item["link"] == link) items.push_back(item);
    }
    return items;
  };
  json both = cast_items();
  ASSERT_EQ(both.size(), 1u) << both;
  EXPECT_EQ(both[0]["title"], "参加表决：《关于续聘物业的表决》（含代 " + owner_name + " 投票）");

  ASSERT_EQ(resident->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 201);
  json for_owner = cast_items();
  ASSERT_EQ(for_owner.size(), 1u) << for_owner;
  EXPECT_EQ(for_owner[0]["title"], "代 " + owner_name + " 参加表决：《关于续聘物业的表决》");

  ASSERT_EQ(resident->post(path(id, "/ballots"), json{{"voter_id", owner}, {"choices", {"oppose", "agree"}}}).status,
            201);
  EXPECT_TRUE(cast_items().empty());
}

TEST_F(VotingTest, PaperFormsWaitForASecondClerkThenForTheSupervisor) {
  std::int64_t id = open_vote();
  std::string link = "/votes/" + std::to_string(id) + "/paper-forms";
  auto clerk_a = signed_in("committee");
  auto clerk_b = signed_in("commissioner");
  std::int64_t voter = other_voter(id);
  ASSERT_EQ(
      clerk_a->post(path(id, "/paper-entries"), json{{"voter_id", voter}, {"choices", {"agree", "agree"}}}).status,
      202);
  json second = today_item(*clerk_b, "voting.paper_second_entry", link);
  ASSERT_FALSE(second.is_null());
  EXPECT_EQ(second["count"], 1);
  EXPECT_EQ(second["title"], "复核录入书面表决票：《关于续聘物业的表决》（1 份）");
  EXPECT_TRUE(today_item(*clerk_a, "voting.paper_second_entry", link).is_null()) << "typed by them already";

  auto supervisor = signed_in("supervisor");
  EXPECT_TRUE(today_item(*supervisor, "voting.paper_held", link).is_null());
  ASSERT_EQ(
      clerk_b->post(path(id, "/paper-entries"), json{{"voter_id", voter}, {"choices", {"oppose", "agree"}}}).status,
      202);
  EXPECT_TRUE(today_item(*clerk_b, "voting.paper_second_entry", link).is_null());
  json held = today_item(*supervisor, "voting.paper_held", link);
  ASSERT_FALSE(held.is_null());
  EXPECT_EQ(held["count"], 1);
  ASSERT_EQ(
      supervisor
          ->post(path(id, "/paper-held/" + std::to_string(voter) + "/settle"), json{{"choices", {"oppose", "agree"}}})
          .status,
      201);
  EXPECT_TRUE(today_item(*supervisor, "voting.paper_held", link).is_null());
}

// --- The roster and the owners who have not voted ---

TEST_F(VotingTest, TheRosterShowsBuildingUnitAndRoomAndFiltersOnTheBallotAndTheAddress) {
  auto organiser = signed_in("commissioner");
  std::int64_t id = open_vote();
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 201);
  json whole = organiser->get(path(id, "/roll")).json();
  ASSERT_FALSE(whole["items"].empty());
  std::size_t voted = 0, not_voted = 0;
  for (const auto& entry : whole["items"]) {
    EXPECT_FALSE(entry["building"].get<std::string>().empty()) << entry.dump();
    EXPECT_FALSE(entry["unit"].get<std::string>().empty()) << entry.dump();
    if (entry["owner"].is_null()) continue;
    bool mine = entry["owner"]["id"] == resident_person();
    EXPECT_EQ(entry["voted"], mine);
    (mine ? voted : not_voted) += 1;
  }
  ASSERT_GT(voted, 0u);
  auto lines = [&](const std::string& query) {
    auto reply = organiser->get(path(id, "/roll?" + query));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json()["total_area_centi_m2"], whole["total_area_centi_m2"]) << "totals are of the whole roll";
    return reply.json()["items"];
  };
  EXPECT_EQ(lines("voted=yes").size(), voted);
  EXPECT_EQ(lines("voted=no").size(), not_voted);
  for (const auto& entry : lines("voted=no")) EXPECT_FALSE(entry["voted"]);

  const json& first = whole["items"][0];
  std::string address = first["building"].get<std::string>() + " " + first["unit"].get<std::string>() +
                        first["part"]["name"].get<std::string>();
  json found = lines("address=" + percent_encoded(address));
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0]["part"]["id"], first["part"]["id"]);
  EXPECT_TRUE(lines("address=" + percent_encoded("99幢")).empty());

  auto unknown = organiser->get(path(id, "/roll?voted=maybe"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "voted");
}

TEST_F(VotingTest, TheRosterFindsAPartialAddressByWholeSegmentsOnTheKeptKey) {
  auto admin = signed_in("admin");
  std::int64_t building =
      db().read()
          ->query_one("SELECT id FROM org_nodes WHERE parent_id = ? AND name = '1幢'", {node("desheng-xincun")})
          ->i64(0);
  auto unit = admin->post("/api/v1/org/nodes", json{{"parent_id", building}, {"kind", "unit"}, {"name", "10单元"}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto part = admin->post("/api/v1/org/nodes", json{{"parent_id", unit.json()["id"]},
                                                    {"kind", "part"},
                                                    {"room_number", "101"},
                                                    {"floor", 1},
                                                    {"use", "residential"},
                                                    {"area_centi_m2", 8735},
                                                    {"area_source", "registered"}});
  ASSERT_EQ(part.status, 201) << part.body;
  std::int64_t id = open_vote();
  auto reply = signed_in("commissioner")->get(path(id, "/roll?address=" + percent_encoded("1幢1单元")));
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::set<std::string> rooms;
  json items = reply.json()["items"];
  for (const auto& entry : items) {
    rooms.insert(entry["building"].get<std::string>() + entry["unit"].get<std::string>() +
                 entry["part"]["name"].get<std::string>());
  }
  EXPECT_TRUE(rooms.contains("1幢1单元101")) << reply.body;
  EXPECT_FALSE(rooms.contains("1幢10单元101")) << reply.body;
  auto all = signed_in("commissioner")->get(path(id, "/roll?address=" + percent_encoded("1-10"))).json()["items"];
  ASSERT_EQ(all.size(), 1u) << all.dump();
  EXPECT_EQ(all[0]["part"]["id"], part.json()["id"]) << "the new part is on the roll";
}

TEST_F(VotingTest, AReminderGoesToTheNonVotersWithAnAccountOnceWhileTheVoteIsOpen) {
  auto organiser = signed_in("commissioner");
  std::int64_t id = open_vote();
  std::int64_t voter = other_voter(id);
  auto lease = db().read();
  auto login_row = lease->query_one("SELECT login FROM users WHERE person_id = ? ORDER BY id LIMIT 1", {voter});
  std::string voter_login = login_row ? login_row->text(0) : "";
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).status, 201);
  std::int64_t expected = count(
      "SELECT COUNT(DISTINCT u.id) FROM vote_roll r JOIN users u ON u.person_id = r.owner_id WHERE r.vote_id = ? AND "
      "u.disabled = 0 AND r.owner_id <> ?",
      {id, resident_person()});
  auto inbox = [&](const std::string& login) {
    return count(
        "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.login = ? AND "
        "n.kind = 'vote.reminder'",
        {login});
  };
  std::int64_t resident_before = inbox("resident");

  auto sent = organiser->send("POST", path(id, "/reminders"), json{{"message", "请在周五前投票"}}.dump(),
                              {"Idempotency-Key: remind-1"});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.json()["count"], expected);
  EXPECT_EQ(sent.json()["message"], "请在周五前投票");
  EXPECT_EQ(inbox("resident"), resident_before) << "the resident has voted";
  auto retry = organiser->send("POST", path(id, "/reminders"), json{{"message", "请在周五前投票"}}.dump(),
                               {"Idempotency-Key: remind-1"});
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.remind' AND entity = ?",
                  {"vote:" + std::to_string(id)}),
            1)
      << "a retry sends nothing more";
  if (!voter_login.empty()) {
    EXPECT_EQ(inbox(voter_login), 1);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'vote.reminder' AND entity_type = 'vote' AND "
                  "entity_id = ? AND link = ?",
                  {id, "/votes/" + std::to_string(id)}),
            expected)
      << "each reminder names its vote and links to it";

  EXPECT_EQ(organiser->post(path(id, "/reminders"), json{{"message", "  "}}).error_field(), "message");
  EXPECT_EQ(signed_in("resident")->post(path(id, "/reminders"), json::object()).status, 403);
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  auto closed = organiser->post(path(id, "/reminders"), json::object());
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(closed.error_field(), "state");
}

// --- The export files ---

// Owners vote under their names, so the server gives a ballot's receipt back to the owner it was recorded for and to
// the proxy who cast it, never to a proxy for a ballot the owner cast.
TEST_F(VotingTest, MyVotesGiveBackTheReceiptsOfMyOwnBallotsOnly) {
  std::int64_t id = open_vote();
  std::int64_t owner = other_voter(id);
  std::int64_t cast_by_owner = other_voter(id, 1);
  auto organiser = signed_in("commissioner");
  for (auto [voter, letter] : {std::pair{owner, "WT-1"}, {cast_by_owner, "WT-2"}}) {
    ASSERT_EQ(
        organiser
            ->post(path(id, "/proxies"),
                   json{{"voter_id", voter}, {"proxy_person_id", resident_person()}, {"letter_reference", letter}})
            .status,
        201);
  }
  auto resident = signed_in("resident");
  auto mine = [&] {
    std::map<std::int64_t, json> voters;
    json listed = resident->get("/api/v1/me/votes").json();
    for (const auto& vote : listed["items"]) {
      if (vote["id"] != id) continue;
      for (const auto& voter : vote["my_voters"]) voters[voter["voter_id"]] = voter;
    }
    return voters;
  };
  auto before = mine();
  ASSERT_EQ(before.size(), 3u);
  for (const auto& [voter, shown] : before) EXPECT_TRUE(shown["receipt_code"].is_null()) << shown;

  std::string own = resident->post(path(id, "/ballots"), json{{"choices", {"agree", "agree"}}}).json()["receipt_code"];
  std::string proxied =
      resident->post(path(id, "/ballots"), json{{"voter_id", owner}, {"choices", {"oppose", "agree"}}})
          .json()["receipt_code"];
  ASSERT_EQ(
      signed_in("committee")
          ->post(path(id, "/meeting-ballots"), json{{"voter_id", cast_by_owner}, {"choices", {"agree", "abstain"}}})
          .status,
      201);
  auto after = mine();
  EXPECT_EQ(after[resident_person()]["receipt_code"], own);
  EXPECT_EQ(after[owner]["receipt_code"], proxied);
  EXPECT_EQ(after[cast_by_owner]["voted_channel"], "meeting");
  EXPECT_TRUE(after[cast_by_owner]["receipt_code"].is_null()) << "the owner cast it, not their proxy";
}

TEST_F(VotingTest, APublishedResultBreaksEachItemDownBySideInOwnersAndArea) {
  auto organiser = signed_in("commissioner");
  std::int64_t id = open_vote();
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "oppose"}}}).status, 201);
  std::int64_t voter = other_voter(id);
  ASSERT_EQ(signed_in("committee")
                ->post(path(id, "/meeting-ballots"), json{{"voter_id", voter}, {"choices", {"follow", "invalid"}}})
                .status,
            201);
  json roll = organiser->get(path(id, "/roll")).json();
  std::int64_t resident_area = 0;
  std::int64_t voter_area = 0;
  for (const auto& entry : roll["items"]) {
    if (entry["owner"].is_null()) continue;
    if (entry["owner"]["id"] == resident_person()) resident_area += entry["area_centi_m2"].get<std::int64_t>();
    if (entry["owner"]["id"] == voter) voter_area += entry["area_centi_m2"].get<std::int64_t>();
  }
  std::int64_t total_area = roll["total_area_centi_m2"];
  std::int64_t owners = roll["owner_count"];
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  ASSERT_EQ(organiser->post(path(id, "/publish"), json::object()).status, 200);

  auto share = [](std::int64_t count, std::int64_t area) { return json{{"count", count}, {"area", area}}; };
  json first = {{"agree", share(2, resident_area + voter_area)},  // follow joins the leading agree
                {"oppose", share(0, 0)},
                {"abstain", share(0, 0)},
                {"invalid", share(0, 0)},
                {"not_voted", share(owners - 2, total_area - resident_area - voter_area)},
                {"total", share(owners, total_area)}};
  json second = {{"agree", share(0, 0)},
                 {"oppose", share(1, resident_area)},
                 {"abstain", share(0, 0)},
                 {"invalid", share(1, voter_area)},
                 {"not_voted", share(owners - 2, total_area - resident_area - voter_area)},
                 {"total", share(owners, total_area)}};
  json result = anonymous()->get(path(id, "/publication")).json()["result"];
  EXPECT_EQ(result["items"][0]["breakdown"], first);
  EXPECT_EQ(result["items"][1]["breakdown"], second);
  EXPECT_EQ(json::parse(organiser->get(path(id, "/files/result.json")).body), result);
}

TEST_F(VotingTest, APublishedVotesExportFilesDownloadAsTheirFingerprintsCoverThem) {
  auto organiser = signed_in("commissioner");
  std::int64_t id = open_vote();
  ASSERT_EQ(signed_in("resident")->post(path(id, "/ballots"), json{{"choices", {"agree", "oppose"}}}).status, 201);
  auto early = organiser->get(path(id, "/files/roll.csv"));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_field(), "state");
  end_window(id);
  ASSERT_EQ(organiser->post(path(id, "/close"), json::object()).status, 200);
  auto published = organiser->post(path(id, "/publish"), json::object());
  ASSERT_EQ(published.status, 200) << published.body;
  json fingerprints = published.json()["fingerprints"];
  for (const auto& [file, fingerprint] :
       {std::pair{"roll.csv", "roll"}, {"ballots.csv", "ballots"}, {"result.json", "result"}}) {
    auto reply = organiser->get(path(id, std::string("/files/") + file));
    ASSERT_EQ(reply.status, 200) << file;
    EXPECT_EQ(weizhi::crypto::sha256_hex(reply.body), fingerprints[fingerprint]) << file;
  }
  EXPECT_EQ(signed_in("resident")->get(path(id, "/files/roll.csv")).status, 403);
}
