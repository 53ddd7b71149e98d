// Committee rules: the term's last day, the party-member share against the street's policy, one
// director, and the policy's bounds.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/committees/rules.hpp"

using namespace weizhi::committees;
using weizhi::code_of;
using weizhi::parse_code;

TEST(CommitteeTerm, EndsTheDayBeforeTheAnniversary) {
  EXPECT_EQ(term_end("2024-03-01", 5), "2029-02-28");
  EXPECT_EQ(term_end("2021-01-01", 3), "2023-12-31");
  // A term starting on 29 February ends on the last day before 28 February of a common year.
  EXPECT_EQ(term_end("2024-02-29", 1), "2025-02-27");
  EXPECT_FALSE(term_end("2024-02-30", 5));
  EXPECT_FALSE(term_end("2024-3-1", 5));
  EXPECT_FALSE(term_end("2024-03-01x", 5));
}

TEST(CommitteePartyShare, SixtyPercentIsMetExactly) {
  EXPECT_TRUE(party_share(3, 5, 60).met);
  EXPECT_FALSE(party_share(2, 5, 60).met);
  EXPECT_EQ(party_share(2, 5, 60).shortfall, 1);
  EXPECT_EQ(party_share(0, 7, 60).shortfall, 5);  // 60 % of 7 is 4.2: five party members needed
  EXPECT_TRUE(party_share(4, 6, 60).met);         // 66.7 %
}

TEST(CommitteePartyShare, EmptyCommitteeNeverMeetsIt) {
  auto share = party_share(0, 0, 60);
  EXPECT_FALSE(share.met);
  EXPECT_EQ(share.shortfall, 1);
}

TEST(CommitteeMembers, OnlyOneDirector) {
  std::vector<Member> members{{1, 10, "张*", true, Position::Director, Origin::SocialWorker, std::nullopt, ""}};
  EXPECT_THROW(check_position(members, Position::Director), weizhi::ApiError);
  EXPECT_NO_THROW(check_position(members, Position::Deputy));
  EXPECT_NO_THROW(check_position({}, Position::Director));
}

TEST(CommitteePolicy, DefaultsAndBounds) {
  Policy policy = default_policy();
  EXPECT_EQ(policy.term_years, 5);
  EXPECT_EQ(policy.duties.size(), 10u);
  EXPECT_EQ(policy.party_share_percent, 60);
  EXPECT_EQ(policy.commissioner_joins, CommissionerJoins::ExOfficio);
  EXPECT_NO_THROW(check_policy(policy));
  auto field_of = [](Policy changed) {
    try {
      check_policy(changed);
    } catch (const weizhi::ApiError& error) {
      return error.field();
    }
    return std::string();
  };
  Policy bad = policy;
  bad.term_years = 0;
  EXPECT_EQ(field_of(bad), "term_years");
  bad = policy;
  bad.duties.clear();
  EXPECT_EQ(field_of(bad), "duties");
  bad = policy;
  bad.duties[3] = "";
  EXPECT_EQ(field_of(bad), "duties[3]");
  bad = policy;
  bad.party_share_percent = 101;
  EXPECT_EQ(field_of(bad), "party_share_percent");
  bad = policy;
  bad.publicity_days = 0;
  EXPECT_EQ(field_of(bad), "publicity_days");
}

TEST(CommitteeCodes, RoundTrip) {
  for (auto origin : {Origin::SocialWorker, Origin::ResidentGroupLeader, Origin::BuildingLeader,
                      Origin::EnthusiasticResident, Origin::Commissioner}) {
    EXPECT_EQ(parse_code(kOrigins, code_of(kOrigins, origin)), origin);
  }
  EXPECT_EQ(parse_code(kPositions, "deputy"), Position::Deputy);
  EXPECT_FALSE(parse_code(kPositions, "chair"));
  EXPECT_EQ(parse_code(kCommissionerJoins, "if_elected"), CommissionerJoins::IfElected);
}
