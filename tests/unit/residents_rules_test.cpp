// Rules of signing in by phone: codes made from random bytes, the sending limits per phone and per
// address, what a typed code earns, and the resident roles an account gains and loses; then the invitation
// letters' codes, states and limits, who may claim a letter, and the sign-up progress.
#include <gtest/gtest.h>

#include <map>

#include "modules/residents/rules.hpp"

using namespace weizhi::residents;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using weizhi::TimePoint;

namespace {

const TimePoint kNow = TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 12 / 7)) + hours(9);

std::vector<TimePoint> times_before(std::initializer_list<seconds> ago) {
  std::vector<TimePoint> times;
  for (seconds each : ago) times.push_back(kNow - each);
  return times;
}

}  // namespace

TEST(ResidentsCodes, SixDigitsFromTheBytesValueModuloAMillion) {
  EXPECT_EQ(code_from_bytes({0, 0, 0, 0, 0, 0, 0, 0}), "000000");
  EXPECT_EQ(code_from_bytes({0, 0, 0, 0, 0, 0, 0, 42}), "000042");
  // 0x0000000100000000 = 4294967296: its last six digits.
  EXPECT_EQ(code_from_bytes({0, 0, 0, 1, 0, 0, 0, 0}), "967296");
  // 2^64 - 1 = 18446744073709551615.
  EXPECT_EQ(code_from_bytes({255, 255, 255, 255, 255, 255, 255, 255}), "551615");
}

TEST(ResidentsCodes, OnlySixAsciiDigitsAreShapedAsACode) {
  EXPECT_TRUE(code_shaped("012345"));
  EXPECT_FALSE(code_shaped("12345"));
  EXPECT_FALSE(code_shaped("1234567"));
  EXPECT_FALSE(code_shaped("12345a"));
  EXPECT_FALSE(code_shaped(" 12345"));
  EXPECT_FALSE(code_shaped("１２３４５６"));
}

TEST(ResidentsLimits, AFirstRequestMayBeSent) {
  EXPECT_EQ(wait_before_sending({}, {}, kNow, CodePolicy{}), std::nullopt);
}

TEST(ResidentsLimits, OneCodeAMinutePerPhone) {
  CodePolicy policy;
  EXPECT_EQ(wait_before_sending(times_before({seconds(20)}), {}, kNow, policy), 40);
  EXPECT_EQ(wait_before_sending(times_before({seconds(59)}), {}, kNow, policy), 1);
  EXPECT_EQ(wait_before_sending(times_before({seconds(60)}), {}, kNow, policy), std::nullopt);
}

TEST(ResidentsLimits, TenCodesADayPerPhoneThenWaitUntilTheOldestLeavesTheDay) {
  CodePolicy policy;
  std::vector<TimePoint> ten;
  for (int i = 0; i < 10; ++i) ten.push_back(kNow - hours(2) - minutes(10 * i));
  // The oldest of the ten was asked 3 h 30 min ago: its place frees 20 h 30 min from now.
  EXPECT_EQ(wait_before_sending(ten, {}, kNow, policy), (hours(20) + minutes(30)) / seconds(1));
  ten.pop_back();
  EXPECT_EQ(wait_before_sending(ten, {}, kNow, policy), std::nullopt);
  // A request older than a day no longer counts.
  ten.push_back(kNow - hours(25));
  EXPECT_EQ(wait_before_sending(ten, {}, kNow, policy), std::nullopt);
}

TEST(ResidentsLimits, PerAddressPerHourAsTheSettingSays) {
  CodePolicy policy;
  policy.per_address_per_hour = 3;
  auto three = times_before({minutes(50), minutes(30), minutes(1)});
  EXPECT_EQ(wait_before_sending({}, three, kNow, policy), (minutes(10)) / seconds(1));
  EXPECT_EQ(wait_before_sending({}, times_before({minutes(61), minutes(30), minutes(1)}), kNow, policy), std::nullopt);
}

TEST(ResidentsLimits, TheLongestWaitWins) {
  CodePolicy policy;
  policy.per_address_per_hour = 1;
  EXPECT_EQ(wait_before_sending(times_before({seconds(10)}), times_before({minutes(30)}), kNow, policy),
            minutes(30) / seconds(1));
}

TEST(ResidentsCodes, WhatATypedCodeEarns) {
  CodePolicy policy;
  SentCode fresh{kNow + minutes(4), 0, false};
  EXPECT_EQ(judge_code(fresh, true, kNow, policy), Verdict::Accepted);
  EXPECT_EQ(judge_code(fresh, false, kNow, policy), Verdict::Wrong);
  SentCode four_wrong{kNow + minutes(4), 4, false};
  EXPECT_EQ(judge_code(four_wrong, true, kNow, policy), Verdict::Accepted);
  // The fifth wrong try was the last: the right code no longer helps.
  SentCode five_wrong{kNow + minutes(4), 5, false};
  EXPECT_EQ(judge_code(five_wrong, true, kNow, policy), Verdict::Locked);
  SentCode expired{kNow, 0, false};
  EXPECT_EQ(judge_code(expired, true, kNow, policy), Verdict::Expired);
  EXPECT_EQ(judge_code(expired, false, kNow, policy), Verdict::Expired);
  SentCode used{kNow + minutes(4), 0, true};
  EXPECT_EQ(judge_code(used, true, kNow, policy), Verdict::Used);
}

TEST(ResidentsRoles, RolesFollowTheCompoundsWhereThePersonLives) {
  RoleChanges first = resident_role_changes({}, {7, 9});
  EXPECT_EQ(first.add, (std::vector<std::int64_t>{7, 9}));
  EXPECT_TRUE(first.end.empty());
  RoleChanges same = resident_role_changes({{101, 7}, {102, 9}}, {7, 9});
  EXPECT_TRUE(same.add.empty());
  EXPECT_TRUE(same.end.empty());
  // Moved out of 9 and into 12; a duplicate role on 7 ends too.
  RoleChanges moved = resident_role_changes({{101, 7}, {102, 9}, {103, 7}}, {7, 12});
  EXPECT_EQ(moved.add, (std::vector<std::int64_t>{12}));
  EXPECT_EQ(moved.end, (std::vector<std::int64_t>{102, 103}));
}

TEST(ResidentsRoles, OnlyAResidentsAccountSignsInByPhone) {
  EXPECT_TRUE(phone_may_sign_in({}));
  EXPECT_TRUE(phone_may_sign_in({"resident", "resident"}));
  EXPECT_FALSE(phone_may_sign_in({"resident", "commissioner"}));
  EXPECT_FALSE(phone_may_sign_in({"street_admin"}));
}

TEST(ResidentsInvitations, ACodeIsEightCharactersWithoutLookAlikes) {
  InvitationBytes zeros{};
  EXPECT_EQ(invitation_code_from_bytes(zeros), "22222222");
  InvitationBytes bytes{0, 1, 31, 32, 255, 8, 23, 100};
  std::string code = invitation_code_from_bytes(bytes);
  EXPECT_EQ(code, "23Z2ZAR6");
  // Every byte value gives a character of the alphabet, each equally often (256 = 8 × 32).
  std::map<char, int> seen;
  for (int value = 0; value < 256; ++value) {
    InvitationBytes one{};
    one[0] = static_cast<unsigned char>(value);
    ++seen[invitation_code_from_bytes(one)[0]];
  }
  EXPECT_EQ(seen.size(), 32u);
  for (const auto& [character, times] : seen) {
    EXPECT_EQ(times, 8) << character;
    EXPECT_EQ(std::string("0O1I").find(character), std::string::npos) << character;
  }
}

TEST(ResidentsInvitations, ATypedCodeIsReadAsTheLetterPrintsIt) {
  EXPECT_EQ(read_invitation_code("ABCD2345"), "ABCD2345");
  EXPECT_EQ(read_invitation_code("abcd 2345"), "ABCD2345");
  EXPECT_EQ(read_invitation_code(" abcd-2345 "), "ABCD2345");
  EXPECT_EQ(read_invitation_code("ABCD234"), std::nullopt);
  EXPECT_EQ(read_invitation_code("ABCD23456"), std::nullopt);
  // The look-alikes are in no code, so a code holding one is no code.
  EXPECT_EQ(read_invitation_code("ABCD2340"), std::nullopt);
  EXPECT_EQ(read_invitation_code("ABCD234O"), std::nullopt);
  EXPECT_EQ(read_invitation_code("ABCD2341"), std::nullopt);
  EXPECT_EQ(read_invitation_code("ABCD234I"), std::nullopt);
  EXPECT_EQ(read_invitation_code("ABCD234全"), std::nullopt);
  EXPECT_EQ(read_invitation_code(""), std::nullopt);
}

TEST(ResidentsInvitations, ALetterHoldsThirtyDaysAndServesOnce) {
  InvitationPolicy policy;
  EXPECT_EQ(policy.valid_for, std::chrono::days(30));
  StoredInvitation fresh{kNow + hours(1), false, false};
  EXPECT_EQ(invitation_state(fresh, kNow), InvitationState::Valid);
  EXPECT_EQ(invitation_state(fresh, kNow + hours(1)), InvitationState::Expired);
  EXPECT_EQ(invitation_state({kNow + hours(1), true, false}, kNow), InvitationState::Used);
  EXPECT_EQ(invitation_state({kNow + hours(1), false, true}, kNow), InvitationState::Voided);
  // Used says more than expired or voided: the resident is told the letter served already.
  EXPECT_EQ(invitation_state({kNow, true, true}, kNow + hours(2)), InvitationState::Used);
}

TEST(ResidentsInvitations, WrongCodesFromOneAddressAreThrottled) {
  InvitationPolicy policy;
  std::vector<TimePoint> guesses;
  for (int i = 0; i < policy.guesses_per_address_per_hour - 1; ++i) guesses.push_back(kNow - minutes(30));
  EXPECT_EQ(wait_before_guessing(guesses, kNow, policy), std::nullopt);
  guesses.push_back(kNow - minutes(10));
  // Full: the window frees when the oldest of them is an hour old.
  EXPECT_EQ(wait_before_guessing(guesses, kNow, policy), 30 * 60);
  EXPECT_EQ(wait_before_guessing(guesses, kNow + minutes(31), policy), std::nullopt);
}

TEST(ResidentsInvitations, ABuildingIsNotIssuedTwiceWithinAMinute) {
  InvitationPolicy policy;
  EXPECT_EQ(wait_before_reissuing(std::nullopt, kNow, policy), std::nullopt);
  EXPECT_EQ(wait_before_reissuing(kNow - seconds(20), kNow, policy), 40);
  EXPECT_EQ(wait_before_reissuing(kNow - seconds(60), kNow, policy), std::nullopt);
}

TEST(ResidentsInvitations, OnlyAHouseholdMemberWithoutAPhoneClaimsALetter) {
  EXPECT_FALSE(needs_letter({}));
  EXPECT_FALSE(needs_letter({{1, true}, {2, true}}));
  EXPECT_TRUE(needs_letter({{1, true}, {2, false}}));
  EXPECT_TRUE(may_claim_letter({2, false}));
  EXPECT_FALSE(may_claim_letter({1, true}));
}

TEST(ResidentsProgress, HouseholdsAreCountedPerCompoundAndBuilding) {
  SignUpProgress progress = count_sign_ups({{7, 71, true}, {7, 71, false}, {7, 72, false}, {9, 91, true}});
  EXPECT_EQ(progress.total.households, 4);
  EXPECT_EQ(progress.total.signed_up, 2);
  ASSERT_EQ(progress.compounds.size(), 2u);
  EXPECT_EQ(progress.compounds[0].id, 7);
  EXPECT_EQ(progress.compounds[0].households, 3);
  EXPECT_EQ(progress.compounds[0].signed_up, 1);
  EXPECT_EQ(progress.compounds[1].id, 9);
  EXPECT_EQ(progress.compounds[1].signed_up, 1);
  ASSERT_EQ(progress.buildings.size(), 3u);
  EXPECT_EQ(progress.buildings[0].id, 71);
  EXPECT_EQ(progress.buildings[0].households, 2);
  EXPECT_EQ(progress.buildings[1].id, 72);
  EXPECT_EQ(progress.buildings[1].signed_up, 0);
  EXPECT_EQ(count_sign_ups({}).total.households, 0);
}
