// Voting rules of the identity check before an online ballot (docs/rules.md#c-identity-check) and of the proxies
// an owner names on the H5 (docs/rules.md#c-h5-proxy): which votes ask, the typed last four, tries and the lock,
// and when a proxy may be named or withdrawn.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/voting/rules.hpp"
#include "refusal.hpp"

using namespace weizhi::voting;
using weizhi::code_of;
using weizhi::parse_code;

namespace {

auto at(const char* text) { return *weizhi::parse_iso(text); }
const auto kDuring = at("2026-05-02T00:00:00Z");

// An open vote on matter 4 from 1 to 15 May 2026, online and on paper, frozen under `policy`.
Vote open_vote(IdentityCheckPolicy policy = IdentityCheckPolicy::All) {
  Vote vote{};
  vote.id = 1;
  vote.input.compound_node_id = 7;
  vote.input.matter = 4;
  vote.input.items = {"item"};
  vote.input.opens_at = "2026-05-01T00:00:00Z";
  vote.input.closes_at = "2026-05-15T00:00:00Z";
  vote.input.channels = {Channel::Paper, Channel::Online};
  vote.state = VoteState::Open;
  vote.identity_check = policy;
  return vote;
}

// "403 identity_locked": the status and the code of what `check` throws, "" when it throws nothing.
std::string code_of_refusal(const std::function<void()>& check) {
  try {
    check();
  } catch (const weizhi::ApiError& error) {
    return std::to_string(error.status()) + " " + error.code();
  }
  return "";
}

}  // namespace

TEST(VotingIdentity, EveryVoteAsksUnderAllOnlyMattersSixToEightUnderMajorMattersAndNoneWhenOff) {
  for (int matter = 1; matter <= kMatters; ++matter) {
    EXPECT_TRUE(identity_check_required(IdentityCheckPolicy::All, matter)) << matter;
    EXPECT_EQ(identity_check_required(IdentityCheckPolicy::MajorMatters, matter), matter >= 6 && matter <= 8) << matter;
    EXPECT_FALSE(identity_check_required(IdentityCheckPolicy::Off, matter)) << matter;
  }
  EXPECT_EQ(parse_code(kIdentityCheckPolicies, "major_matters"), IdentityCheckPolicy::MajorMatters);
  EXPECT_EQ(code_of(kIdentityCheckPolicies, IdentityCheckPolicy::Off), "off");
  EXPECT_FALSE(parse_code(kIdentityCheckPolicies, "some"));
}

TEST(VotingIdentity, AVoteAsksUnderThePolicyFrozenWhenItOpenedAndADraftAsksNothingYet) {
  EXPECT_TRUE(asks_identity(open_vote()));
  EXPECT_FALSE(asks_identity(open_vote(IdentityCheckPolicy::MajorMatters)));
  Vote rebuilding = open_vote(IdentityCheckPolicy::MajorMatters);
  rebuilding.input.matter = 7;
  EXPECT_TRUE(asks_identity(rebuilding));
  Vote draft = open_vote();
  draft.state = VoteState::Draft;
  draft.identity_check.reset();
  EXPECT_FALSE(asks_identity(draft));
}

TEST(VotingIdentity, TheLastFourAreFourDigitsOrThreeAndAnXInEitherCase) {
  EXPECT_EQ(typed_id_last4("1234"), "1234");
  EXPECT_EQ(typed_id_last4("123x"), "123X");
  EXPECT_EQ(refusal_of([] { typed_id_last4("12x4"); }), "400 id_last4");
  EXPECT_EQ(refusal_of([] { typed_id_last4("123"); }), "400 id_last4");
  EXPECT_EQ(refusal_of([] { typed_id_last4("12345"); }), "400 id_last4");
  EXPECT_EQ(refusal_of([] { typed_id_last4("１２３４"); }), "400 id_last4");  // full-width digits
  EXPECT_EQ(refusal_of([] { typed_id_last4("12 4"); }), "400 id_last4");
}

TEST(VotingIdentity, TheTypedLastFourMatchTheRegistrysIdNumberWithXInEitherCase) {
  EXPECT_TRUE(id_last4_matches("33010519800101123X", "123X"));
  EXPECT_TRUE(id_last4_matches("33010519800101123x", "123X"));
  EXPECT_TRUE(id_last4_matches("330105198001011234", "1234"));
  EXPECT_FALSE(id_last4_matches("330105198001011234", "1235"));
  EXPECT_FALSE(id_last4_matches("330105198001011234", "0112"));  // the same digits elsewhere do not count
  EXPECT_FALSE(id_last4_matches("123", "0123"));
  EXPECT_FALSE(id_last4_matches("", "1234"));
}

TEST(VotingIdentity, FiveWrongAnswersLockAndAPassHoldsWhateverCameBefore) {
  EXPECT_EQ(identity_tries_left(IdentityCheck{}), kIdentityTries);
  EXPECT_EQ(identity_tries_left(IdentityCheck{4, false}), 1);
  EXPECT_FALSE(identity_locked(IdentityCheck{4, false}));
  EXPECT_TRUE(identity_locked(IdentityCheck{5, false}));
  EXPECT_EQ(identity_tries_left(IdentityCheck{7, false}), 0);
  EXPECT_FALSE(identity_locked(IdentityCheck{4, true}));
}

TEST(VotingIdentity, AnOnlineBallotNeedsAPassedCheckWhenTheVoteAsks) {
  Vote vote = open_vote();
  EXPECT_EQ(code_of_refusal([&] { check_identity_for_ballot(vote, IdentityCheck{}); }), "403 identity_required");
  EXPECT_EQ(code_of_refusal([&] {
              check_identity_for_ballot(vote, IdentityCheck{3, false});
            }),
            "403 identity_required");
  EXPECT_EQ(code_of_refusal([&] { check_identity_for_ballot(vote, IdentityCheck{5, false}); }), "403 identity_locked");
  EXPECT_EQ(code_of_refusal([&] { check_identity_for_ballot(vote, IdentityCheck{2, true}); }), "");
  EXPECT_EQ(code_of_refusal([] { check_identity_for_ballot(open_vote(IdentityCheckPolicy::Off), IdentityCheck{}); }),
            "");
}

TEST(VotingIdentity, ALockedOutVoterIsToldWhereTheVoteStillTakesTheirBallot) {
  Vote vote = open_vote();
  EXPECT_NE(identity_locked_error(vote).message().find("请到社区纸质投票"), std::string::npos);
  vote.input.channels = {Channel::Online, Channel::Paper, Channel::Meeting};
  EXPECT_NE(identity_locked_error(vote).message().find("请到社区纸质投票或现场投票"), std::string::npos);
  vote.input.channels = {Channel::Online};
  EXPECT_NE(identity_locked_error(vote).message().find("请联系社区工作人员"), std::string::npos);
  EXPECT_EQ(identity_mismatch_error(3).field(), "id_last4");
  EXPECT_NE(identity_mismatch_error(3).message().find("3 次"), std::string::npos);
  EXPECT_EQ(no_id_number_error(vote).status(), 422);
  EXPECT_EQ(no_id_number_error(vote).code(), "id_number_missing");
}

TEST(VotingIdentity, AnAttemptIsTakenOnlyWhileTheVoteTakesOnlineBallots) {
  EXPECT_EQ(refusal_of([] { check_identity_attempt(open_vote(), kDuring); }), "");
  EXPECT_EQ(refusal_of([] { check_identity_attempt(open_vote(), at("2026-05-16T00:00:00Z")); }), "409 ");
  Vote paper_only = open_vote();
  paper_only.input.channels = {Channel::Paper};
  EXPECT_EQ(refusal_of([&] { check_identity_attempt(paper_only, kDuring); }), "422 channel");
}

// --- Proxies named on the H5 ---

TEST(VotingH5Proxy, TheStatementIsTenToThreeHundredCharactersTrimmed) {
  EXPECT_EQ(checked_statement("  本人自愿委托代为参加本次表决 "), "本人自愿委托代为参加本次表决");
  EXPECT_EQ(refusal_of([] { checked_statement("本人自愿委托他"); }), "400 statement");  // 7 characters
  EXPECT_EQ(refusal_of([] { checked_statement("          "); }), "400 statement");
  std::string longest;
  for (int i = 0; i < 300; ++i) longest += "委";
  EXPECT_EQ(refusal_of([&] { checked_statement(longest); }), "");
  EXPECT_EQ(refusal_of([&] { checked_statement(longest + "托"); }), "400 statement");
}

TEST(VotingH5Proxy, AnOwnerNamesOnePersonOfTheRegistryByPhoneAfterTheirOwnCheckBeforeVoting) {
  NamedProxyFacts fine;
  fine.caller_is_voter = true;
  fine.identity = IdentityCheck{1, true};
  fine.phone_people = {9};
  Vote vote = open_vote();
  EXPECT_EQ(check_named_proxy(vote, 5, fine, kDuring), 9);
  auto refusal = [&](NamedProxyFacts facts, const Vote& in = open_vote()) {
    return refusal_of([&] { check_named_proxy(in, 5, facts, kDuring); });
  };
  Vote closed = open_vote();
  closed.state = VoteState::Closed;
  EXPECT_EQ(refusal(fine, closed), "409 ");
  NamedProxyFacts someone_else = fine;
  someone_else.caller_is_voter = false;
  EXPECT_EQ(refusal(someone_else), "404 voter_id");
  NamedProxyFacts voted = fine;
  voted.ballot_channel = Channel::Paper;
  EXPECT_EQ(refusal(voted), "409 voter_id");
  NamedProxyFacts unchecked = fine;
  unchecked.identity = IdentityCheck{};
  EXPECT_EQ(refusal(unchecked), "403 ");
  EXPECT_EQ(refusal(unchecked, open_vote(IdentityCheckPolicy::Off)), "");
  NamedProxyFacts unknown = fine;
  unknown.phone_people = {};
  EXPECT_EQ(refusal(unknown), "422 proxy_phone");
  NamedProxyFacts shared = fine;
  shared.phone_people = {9, 11};
  EXPECT_EQ(refusal(shared), "422 proxy_phone");
  NamedProxyFacts themselves = fine;
  themselves.phone_people = {5};
  EXPECT_EQ(refusal(themselves), "422 proxy_phone");
  NamedProxyFacts again = fine;
  again.voter_has_proxy = true;
  EXPECT_EQ(refusal(again), "409 voter_id");
}

TEST(VotingH5Proxy, TheOwnerWithdrawsOnlyAProxyTheyNamedOnTheH5BeforeABallotIsCast) {
  ProxyWithdrawalFacts fine{true, ProxySource::H5, std::nullopt};
  EXPECT_EQ(refusal_of([&] { check_proxy_withdrawal(open_vote(), fine); }), "");
  EXPECT_EQ(refusal_of([] { check_proxy_withdrawal(open_vote(), {false, ProxySource::H5, std::nullopt}); }), "404 ");
  EXPECT_EQ(refusal_of([] { check_proxy_withdrawal(open_vote(), {true, std::nullopt, std::nullopt}); }), "404 ");
  EXPECT_EQ(refusal_of([] {
              check_proxy_withdrawal(open_vote(), {true, ProxySource::Paper, std::nullopt});
            }),
            "409 voter_id");
  EXPECT_EQ(refusal_of([] {
              check_proxy_withdrawal(open_vote(), {true, ProxySource::H5, Channel::Online});
            }),
            "409 voter_id");
  Vote closed = open_vote();
  closed.state = VoteState::Closed;
  EXPECT_EQ(refusal_of([&] { check_proxy_withdrawal(closed, fine); }), "409 state");
}
