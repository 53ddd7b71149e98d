// The identity check before an owner's online ballot and proxies named on the H5, over HTTP on the Test seed of
// 德胜新村 (docs/rules.md#c-identity-check, #c-h5-proxy): which votes ask under the street's policy, frozen when a
// vote opens; passing, wrong answers with tries left, the lock after five that leaves paper open, no ID number on
// file, answers racing each other; an owner naming a proxy by phone, the proxy's own check and ballot, withdrawal;
// and callers with no part in the vote.
#include <atomic>
#include <thread>

#include "modules/people/people.hpp"
#include "support/test_server.hpp"
#include "support/votes.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::hours_from_now;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

namespace {}  // namespace

class VotingIdentityTest : public ApiTest {
 protected:
  // A vote of the commissioner on 德胜新村 on `matter`, opened; returns its id.
  std::int64_t open_vote(int matter = 4) {
    return weizhi::testing::open_vote(*signed_in("commissioner"), node("desheng-xincun"), matter);
  }
  std::string path(std::int64_t id, const std::string& rest = "") { return weizhi::testing::vote_path(id, rest); }
  Reply set_policy(const std::string& policy) {
    return signed_in("admin")->send("PUT", "/api/v1/voting-policies/" + std::to_string(node("street")),
                                    json{{"online_ballot_id_check", policy}}.dump());
  }
  std::int64_t person_of(const std::string& login) {
    auto lease = db().read();
    return lease->query_one("SELECT person_id FROM users WHERE login = ?", {login})->i64(0);
  }
  weizhi::people::PersonSecrets secrets(std::int64_t person) {
    auto lease = db().read();
    return weizhi::people::read_secrets(*lease, data_key(), person);
  }
  std::string last4(std::int64_t person) {
    std::string id_number = *secrets(person).id_number;
    return id_number.substr(id_number.size() - 4);
  }
  // Four characters that are not the end of the person's ID number.
  std::string wrong4(std::int64_t person) { return last4(person) == "0000" ? "1111" : "0000"; }
  // A voter of the vote other than the demo resident.
  std::int64_t other_voter(std::int64_t vote_id) {
    auto lease = db().read();
    return lease
        ->query_one(
            "SELECT owner_id FROM vote_roll WHERE vote_id = ? AND owner_id IS NOT NULL AND owner_id <> ? "
            "ORDER BY owner_id LIMIT 1",
            {vote_id, person_of("resident")})
        ->i64(0);
  }
  // Makes the demo account `login` the account of `person`, as a resident's first sign-in by phone would.
  void link_account(const std::string& login, std::int64_t person) {
    db().transaction([&](weizhi::store::Tx& tx) {
      tx.exec("UPDATE users SET person_id = ? WHERE login = ?", {person, login});
    });
  }
  std::int64_t count(const std::string& sql, const weizhi::store::Params& params) {
    auto lease = db().read();
    return lease->scalar(sql, params);
  }
  Reply check(HttpClient& client, std::int64_t vote, const std::string& typed) {
    return client.post(path(vote, "/identity-check"), json{{"id_last4", typed}});
  }
  Reply cast(HttpClient& client, std::int64_t vote, const json& more = json::object()) {
    json body = {{"choices", {"agree"}}};
    body.update(more);
    return client.post(path(vote, "/ballots"), body);
  }
  json my_vote(HttpClient& client, std::int64_t vote) {
    auto reply = client.get("/api/v1/me/votes");
    json items = reply.json()["items"];
    for (const auto& item : items) {
      if (item["id"] == vote) return item;
    }
    return nullptr;
  }
};

TEST_F(VotingIdentityTest, EveryVoteAsksByDefaultAndTheVoteShowsIt) {
  std::int64_t vote = open_vote();
  auto shown = signed_in("commissioner")->get(path(vote)).json()["identity_check"];
  EXPECT_EQ(shown, (json{{"required", true}, {"policy", "all"}, {"frozen", true}}));
  auto resident = signed_in("resident");
  auto refused = cast(*resident, vote);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.error_code(), "identity_required");
  json mine = my_vote(*resident, vote);
  EXPECT_EQ(mine["identity_check"]["required"], true);
  EXPECT_EQ(mine["my_identity_check"]["passed"], false);
  EXPECT_EQ(mine["my_identity_check"]["tries_left"], 5);
  auto lease = db().read();
  EXPECT_EQ(mine["my_identity_check"]["name"],
            lease->query_one("SELECT name_masked FROM people WHERE id = ?", {person_of("resident")})->text(0));
}

TEST_F(VotingIdentityTest, UnderMajorMattersOnlyMattersSixToEightAskAndOffAsksNone) {
  ASSERT_EQ(set_policy("major_matters").status, 200);
  EXPECT_EQ(signed_in("admin")->get("/api/v1/voting-policies/" + std::to_string(node("street"))).json(),
            (json{{"online_ballot_id_check", "major_matters"}}));
  std::int64_t renewal = open_vote(4);
  std::int64_t rebuilding = open_vote(7);
  auto resident = signed_in("resident");
  EXPECT_EQ(cast(*resident, renewal).status, 201);
  EXPECT_EQ(cast(*resident, rebuilding).error_code(), "identity_required");
  ASSERT_EQ(set_policy("off").status, 200);
  std::int64_t raising = open_vote(6);
  EXPECT_EQ(cast(*resident, raising).status, 201);
  EXPECT_EQ(set_policy("some").error_field(), "online_ballot_id_check");
  EXPECT_EQ(signed_in("commissioner")
                ->send("PUT", "/api/v1/voting-policies/" + std::to_string(node("street")),
                       json{{"online_ballot_id_check", "off"}}.dump())
                .status,
            403);
}

TEST_F(VotingIdentityTest, ThePolicyIsFrozenWhenTheVoteOpensAndADraftShowsTheStreetsPolicyNow) {
  std::int64_t vote = open_vote();
  ASSERT_EQ(set_policy("off").status, 200);
  auto organiser = signed_in("commissioner");
  EXPECT_EQ(organiser->get(path(vote)).json()["identity_check"]["policy"], "all");
  EXPECT_EQ(cast(*signed_in("resident"), vote).error_code(), "identity_required");
  auto draft = organiser->post("/api/v1/votes", json{{"compound_id", node("desheng-xincun")},
                                                     {"title", "草稿"},
                                                     {"matter", 4},
                                                     {"items", {"同意"}},
                                                     {"opens_at", hours_from_now(-1)},
                                                     {"closes_at", hours_from_now(48)},
                                                     {"channels", {"online"}}});
  EXPECT_EQ(draft.json()["identity_check"], (json{{"required", false}, {"policy", "off"}, {"frozen", false}}));
}

TEST_F(VotingIdentityTest, TheOwnerPassesWithTheLastFourOfTheirIdNumberAndThenVotes) {
  std::int64_t vote = open_vote();
  std::int64_t resident_person = person_of("resident");
  auto resident = signed_in("resident");
  std::string typed = last4(resident_person);
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto passed = check(*resident, vote, typed);
  ASSERT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(passed.json(), (json{{"passed", true}, {"required", true}}));
  EXPECT_EQ(passed.body.find(last4(resident_person)), std::string::npos);
  EXPECT_EQ(my_vote(*resident, vote)["my_identity_check"]["passed"], true);
  EXPECT_EQ(cast(*resident, vote).status, 201);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.identity_check' AND summary LIKE ?", {"%\"passed\"%"}),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?", {"%" + last4(resident_person) + "\"%"}), 0);
}

TEST_F(VotingIdentityTest, AWrongAnswerSaysTheTriesLeftAndFiveLockTheOnlineChannelButPaperStaysOpen) {
  std::int64_t vote = open_vote();
  std::int64_t resident_person = person_of("resident");
  auto resident = signed_in("resident");
  for (int tries_left = 4; tries_left >= 1; --tries_left) {
    auto wrong = check(*resident, vote, wrong4(resident_person));
    ASSERT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(wrong.error_code(), "identity_mismatch");
    EXPECT_EQ(wrong.error_field(), "id_last4");
    EXPECT_EQ(wrong.json()["error"]["tries_left"], tries_left);
  }
  auto fifth = check(*resident, vote, wrong4(resident_person));
  EXPECT_EQ(fifth.status, 403) << fifth.body;
  EXPECT_EQ(fifth.error_code(), "identity_locked");
  EXPECT_NE(fifth.json()["error"]["message"].get<std::string>().find("请到社区纸质投票或现场投票"), std::string::npos);
  auto right = check(*resident, vote, last4(resident_person));
  EXPECT_EQ(right.error_code(), "identity_locked");
  EXPECT_EQ(cast(*resident, vote).error_code(), "identity_locked");
  json mine = my_vote(*resident, vote);
  EXPECT_EQ(mine["my_identity_check"]["locked"], true);
  EXPECT_EQ(mine["my_identity_check"]["tries_left"], 0);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.identity_check' AND summary LIKE ?", {"%\"failed\"%"}),
      4);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.identity_check' AND summary LIKE ?", {"%\"locked\"%"}),
      2);

  auto clerk = signed_in("commissioner");
  auto meeting =
      clerk->post(path(vote, "/meeting-ballots"), json{{"voter_id", resident_person}, {"choices", {"agree"}}});
  EXPECT_EQ(meeting.status, 201) << meeting.body;
}

TEST_F(VotingIdentityTest, BadlyTypedDigitsAreRefusedWithoutCountingATry) {
  std::int64_t vote = open_vote();
  auto resident = signed_in("resident");
  EXPECT_EQ(check(*resident, vote, "12a4").error_field(), "id_last4");
  EXPECT_EQ(check(*resident, vote, "12345").error_field(), "id_last4");
  EXPECT_EQ(resident->post(path(vote, "/identity-check"), json{{"id_last4", 1234}}).status, 400);
  EXPECT_EQ(resident->post(path(vote, "/identity-check"), std::string("{\"id_last4\":")).status, 400);
  EXPECT_EQ(resident->post(path(vote, "/identity-check"), json{{"id_last4", std::string(2 << 20, '1')}}).status, 413);
  EXPECT_EQ(my_vote(*resident, vote)["my_identity_check"]["tries_left"], 5);
}

TEST_F(VotingIdentityTest, SomeoneWithoutAnIdNumberOnFileIsToldToVoteOnPaper) {
  std::int64_t vote = open_vote();
  std::int64_t resident_person = person_of("resident");
  db().transaction([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE people SET id_number_enc = NULL, id_number_masked = NULL WHERE id = ?", {resident_person});
  });
  auto resident = signed_in("resident");
  auto refused = check(*resident, vote, "1234");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "id_number_missing");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("纸质投票"), std::string::npos);
  EXPECT_EQ(cast(*resident, vote).error_code(), "identity_required");
}

TEST_F(VotingIdentityTest, WrongAnswersRacingEachOtherEachCountAndNoneGetsPastTheFifth) {
  std::int64_t vote = open_vote();
  std::int64_t resident_person = person_of("resident");
  std::string wrong = wrong4(resident_person);
  constexpr int kRacers = 8;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kRacers; ++i) clients.push_back(signed_in("resident"));
  std::atomic<int> mismatches = 0, locked = 0;
  std::vector<std::thread> racers;
  for (auto& client : clients) {
    racers.emplace_back([&, client = client.get()] {
      auto reply = check(*client, vote, wrong);
      if (reply.status == 422) ++mismatches;
      if (reply.status == 403) ++locked;
    });
  }
  for (auto& racer : racers) racer.join();
  EXPECT_EQ(mismatches, 4);
  EXPECT_EQ(locked, kRacers - 4);
  EXPECT_EQ(
      count("SELECT failures FROM vote_identity_checks WHERE vote_id = ? AND person_id = ?", {vote, resident_person}),
      5);
  EXPECT_EQ(check(*clients[0], vote, last4(resident_person)).error_code(), "identity_locked");
}

TEST_F(VotingIdentityTest, AnOwnerNamesAProxyByPhoneWhoseOwnCheckAndBallotCountForTheOwner) {
  std::int64_t vote = open_vote();
  std::int64_t owner = person_of("resident");
  std::int64_t proxy_person = other_voter(vote);
  std::string proxy_phone = *secrets(proxy_person).phone;
  link_account("grid", proxy_person);
  auto resident = signed_in("resident");
  json naming = {{"voter_id", owner}, {"proxy_phone", proxy_phone}, {"statement", "本人自愿委托邻居代为参加本次表决"}};
  auto unchecked = resident->post(path(vote, "/my-proxy"), naming);
  EXPECT_EQ(unchecked.error_code(), "identity_required");
  ASSERT_EQ(check(*resident, vote, last4(owner)).status, 200);
  auto named = resident->post(path(vote, "/my-proxy"), naming);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(named.json()["source"], "h5");
  EXPECT_EQ(resident->post(path(vote, "/my-proxy"), naming).error_field(), "voter_id");
  EXPECT_EQ(my_vote(*resident, vote)["my_voters"][0]["proxy"]["source"], "h5");
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_proxies WHERE statement_enc LIKE ?", {"%委托%"}), 0);

  auto proxies = signed_in("commissioner")->get(path(vote, "/proxies")).json()["items"];
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0]["source"], "h5");
  EXPECT_EQ(proxies[0]["statement"], "本人自愿委托邻居代为参加本次表决");
  EXPECT_EQ(proxies[0]["letter_reference"], nullptr);

  auto proxy = signed_in("grid");
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'vote.proxy' AND user_id = "
                  "(SELECT id FROM users WHERE login = 'grid')",
                  {}),
            1);
  EXPECT_EQ(cast(*proxy, vote, {{"voter_id", owner}}).error_code(), "identity_required");
  EXPECT_EQ(check(*proxy, vote, last4(owner)).status, last4(owner) == last4(proxy_person) ? 200 : 422);
  ASSERT_EQ(check(*proxy, vote, last4(proxy_person)).status, 200);
  auto ballot = cast(*proxy, vote, {{"voter_id", owner}});
  ASSERT_EQ(ballot.status, 201) << ballot.body;
  EXPECT_EQ(ballot.json()["voter_id"], owner);
  EXPECT_EQ(ballot.json()["proxy_person_id"], proxy_person);
  EXPECT_EQ(cast(*resident, vote).status, 409);
  EXPECT_EQ(resident->del(path(vote, "/my-proxy/" + std::to_string(owner))).status, 409);
}

TEST_F(VotingIdentityTest, AProxyPhoneOutsideTheRegistryOrTheOwnersOwnIsRefusedNamingIt) {
  std::int64_t vote = open_vote();
  std::int64_t owner = person_of("resident");
  auto resident = signed_in("resident");
  ASSERT_EQ(check(*resident, vote, last4(owner)).status, 200);
  auto name = [&](const std::string& phone, const std::string& statement = "本人自愿委托他人代为参加本次表决") {
    return resident->post(path(vote, "/my-proxy"),
                          json{{"voter_id", owner}, {"proxy_phone", phone}, {"statement", statement}});
  };
  auto unknown = name("19912345678");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_field(), "proxy_phone");
  EXPECT_NE(unknown.body.find("该手机号未在社区登记"), std::string::npos);
  EXPECT_EQ(name(*secrets(owner).phone).error_field(), "proxy_phone");
  EXPECT_EQ(name("12345").error_field(), "proxy_phone");
  EXPECT_EQ(name(*secrets(other_voter(vote)).phone, "委托").error_field(), "statement");
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_proxies WHERE vote_id = ?", {vote}), 0);
}

TEST_F(VotingIdentityTest, TheOwnerWithdrawsTheProxyBeforeItVotesAndMayThenVoteThemselves) {
  std::int64_t vote = open_vote();
  std::int64_t owner = person_of("resident");
  std::int64_t proxy_person = other_voter(vote);
  auto resident = signed_in("resident");
  ASSERT_EQ(check(*resident, vote, last4(owner)).status, 200);
  ASSERT_EQ(resident
                ->post(path(vote, "/my-proxy"), json{{"voter_id", owner},
                                                     {"proxy_phone", *secrets(proxy_person).phone},
                                                     {"statement", "本人自愿委托邻居代为参加本次表决"}})
                .status,
            201);
  auto asked_to_cast = [&] {
    json today = resident->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      if (item["kind"] == "voting.cast" && item["link"] == "/votes/" + std::to_string(vote)) return true;
    }
    return false;
  };
  EXPECT_FALSE(asked_to_cast());
  EXPECT_EQ(resident->del(path(vote, "/my-proxy/" + std::to_string(owner))).status, 204);
  EXPECT_TRUE(asked_to_cast());
  EXPECT_EQ(resident->del(path(vote, "/my-proxy/" + std::to_string(owner))).status, 404);
  EXPECT_EQ(my_vote(*resident, vote)["my_voters"][0]["proxy"], nullptr);
  link_account("grid", proxy_person);
  auto former = signed_in("grid");
  EXPECT_EQ(cast(*former, vote, {{"voter_id", owner}}).status, 403);
  EXPECT_EQ(cast(*resident, vote).status, 201);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'vote.proxy.withdraw'", {}), 1);
}

TEST_F(VotingIdentityTest, APaperProxyIsWithdrawnOnlyAtTheCommunity) {
  std::int64_t vote = open_vote();
  std::int64_t owner = person_of("resident");
  ASSERT_EQ(signed_in("commissioner")
                ->post(path(vote, "/proxies"),
                       json{{"voter_id", owner}, {"proxy_person_id", other_voter(vote)}, {"letter_reference", "WT-1"}})
                .status,
            201);
  EXPECT_EQ(signed_in("resident")->del(path(vote, "/my-proxy/" + std::to_string(owner))).status, 409);
  auto proxies = signed_in("commissioner")->get(path(vote, "/proxies")).json()["items"];
  EXPECT_EQ(proxies[0]["source"], "paper");
  EXPECT_EQ(proxies[0]["letter_reference"], "WT-1");
  EXPECT_EQ(proxies[0]["statement"], nullptr);
}

TEST_F(VotingIdentityTest, AnotherOwnersVoterIdOrAVoteWithoutTheCallerIs404) {
  std::int64_t vote = open_vote();
  std::int64_t owner = person_of("resident");
  std::int64_t someone = other_voter(vote);
  auto resident = signed_in("resident");
  ASSERT_EQ(check(*resident, vote, last4(owner)).status, 200);
  json naming = {{"voter_id", someone},
                 {"proxy_phone", *secrets(someone).phone},
                 {"statement", "本人自愿委托邻居代为参加本次表决"}};
  EXPECT_EQ(resident->post(path(vote, "/my-proxy"), naming).status, 404);
  EXPECT_EQ(resident->del(path(vote, "/my-proxy/" + std::to_string(someone))).status, 404);
  EXPECT_EQ(check(*resident, 999999, "1234").status, 404);
  // A vote over another owner's part only, where the resident has no part.
  std::int64_t part =
      count("SELECT part_id FROM vote_roll WHERE vote_id = ? AND owner_id = ? LIMIT 1", {vote, someone});
  auto organiser = signed_in("commissioner");
  auto created =
      organiser->post("/api/v1/votes", json{{"compound_id", node("desheng-xincun")},
                                            {"title", "一户表决"},
                                            {"matter", 4},
                                            {"scope", {{"kind", "parts"}, {"node_ids", json::array({part})}}},
                                            {"items", {"同意"}},
                                            {"opens_at", hours_from_now(-1)},
                                            {"closes_at", hours_from_now(48)},
                                            {"channels", {"online"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t elsewhere = created.json()["id"];
  ASSERT_EQ(organiser->post(path(elsewhere, "/open"), json::object()).status, 200);
  EXPECT_EQ(check(*resident, elsewhere, last4(owner)).status, 404);
  naming["voter_id"] = owner;
  EXPECT_EQ(resident->post(path(elsewhere, "/my-proxy"), naming).status, 404);
  EXPECT_EQ(resident->del(path(elsewhere, "/my-proxy/" + std::to_string(owner))).status, 404);
}

TEST_F(VotingIdentityTest, AnonymousCallersAre401AndWriteNothing) {
  std::int64_t vote = open_vote();
  auto anonymous_client = anonymous();
  EXPECT_EQ(check(*anonymous_client, vote, "1234").status, 401);
  EXPECT_EQ(anonymous_client->post(path(vote, "/my-proxy"), json::object()).status, 401);
  EXPECT_EQ(anonymous_client->del(path(vote, "/my-proxy/1")).status, 401);
  EXPECT_EQ(anonymous_client->get("/api/v1/voting-policies/" + std::to_string(node("street"))).status, 401);
  EXPECT_EQ(anonymous_client
                ->send("PUT", "/api/v1/voting-policies/" + std::to_string(node("street")),
                       json{{"online_ballot_id_check", "off"}}.dump())
                .status,
            401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM vote_identity_checks", {}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM voting_policies", {}), 0);
}
