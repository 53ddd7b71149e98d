// Governance rules: a compound's party form, current terms, chain completeness, coverage and escalation levels.
#include <gtest/gtest.h>

#include "modules/governance/rules.hpp"

using namespace weizhi;
using namespace weizhi::governance;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = *parse_iso("2026-11-27T09:00:00.000Z");

Term serving(std::int64_t person_id) { return Term{person_id, kNow - 24h * 30, std::nullopt}; }
Term ended(std::int64_t person_id) { return Term{person_id, kNow - 24h * 60, kNow - 24h}; }

ChainTerms full_chain() { return ChainTerms{{serving(1)}, {serving(2)}, {serving(3)}}; }

}  // namespace

TEST(GovernanceServicePhone, LandlinesAndMobilesWithSpacesOrDashesAreAccepted) {
  EXPECT_FALSE(service_phone_problem("0571-88021001"));
  EXPECT_FALSE(service_phone_problem("138 0000 1234"));
  EXPECT_FALSE(
      service_phone_problem("12345"
                            "67"));  // seven digits, the shortest local number
}

TEST(GovernanceServicePhone, LettersAndWrongLengthsAreRefused) {
  EXPECT_TRUE(service_phone_problem("0571-HELP"));
  EXPECT_TRUE(service_phone_problem("+86 571 8802 1001"));
  EXPECT_TRUE(service_phone_problem("123456"));
  EXPECT_TRUE(service_phone_problem("1234567890123456"));
}

TEST(GovernancePartyForm, LedByTheCommunityCommitteeIsCommunityDirectWhateverTheBranches) {
  auto decision = decide_party_form({true, 13, std::nullopt});
  EXPECT_EQ(decision.form, PartyForm::CommunityDirect);
  EXPECT_FALSE(decision.overridden);
}
TEST(GovernancePartyForm, OneBranchIsSingleBranch) {
  EXPECT_EQ(decide_party_form({false, 1, std::nullopt}).form, PartyForm::SingleBranch);
}
TEST(GovernancePartyForm, SeveralBranchesAreAJointAssociation) {
  EXPECT_EQ(decide_party_form({false, 2, std::nullopt}).form, PartyForm::JointAssociation);
  EXPECT_EQ(decide_party_form({false, 4, std::nullopt}).form, PartyForm::JointAssociation);
}
TEST(GovernancePartyForm, NoBranchIsNone) {
  EXPECT_EQ(decide_party_form({false, 0, std::nullopt}).form, PartyForm::None);
}
TEST(GovernancePartyForm, AnOverrideWinsAndSaysSoKeepingTheDerivedForm) {
  auto decision = decide_party_form({false, 3, PartyForm::SingleBranch});
  EXPECT_EQ(decision.form, PartyForm::SingleBranch);
  EXPECT_EQ(decision.derived, PartyForm::JointAssociation);
  EXPECT_TRUE(decision.overridden);
}
TEST(GovernancePartyForm, CodesRoundTripAndUnknownCodesAreRefused) {
  for (PartyForm form :
       {PartyForm::SingleBranch, PartyForm::JointAssociation, PartyForm::CommunityDirect, PartyForm::None}) {
    EXPECT_EQ(parse_party_form(party_form_code(form)), form);
  }
  EXPECT_FALSE(parse_party_form("branch"));
}

TEST(GovernanceTerms, ATermIsCurrentFromItsStartUntilJustBeforeItsEnd) {
  Term term{7, kNow, kNow + 1h};
  EXPECT_TRUE(is_current(term, kNow));
  EXPECT_TRUE(is_current(term, kNow + 59min));
  EXPECT_FALSE(is_current(term, kNow + 1h));
  EXPECT_FALSE(is_current(term, kNow - 1s));
}
TEST(GovernanceTerms, ATermWithoutEndStaysCurrent) { EXPECT_TRUE(is_current(serving(7), kNow + 24h * 3650)); }
TEST(GovernanceTerms, OfTwoCurrentTermsTheLaterStartHolds) {
  Term earlier{1, kNow - 24h * 10, std::nullopt};
  Term later{2, kNow - 24h, std::nullopt};
  EXPECT_EQ(current_holder({later, earlier}, kNow), 2);
}

TEST(GovernanceChain, AllThreeLinksCurrentIsComplete) {
  auto status = check_chain(full_chain(), kNow);
  EXPECT_TRUE(status.complete);
  EXPECT_TRUE(status.missing.empty());
  ASSERT_EQ(status.links.size(), 3u);
  EXPECT_EQ(status.links[0].position, ChainPosition::CommunitySecretary);
  EXPECT_EQ(status.links[0].person_id, 1);
  EXPECT_EQ(status.links[2].position, ChainPosition::Commissioner);
  EXPECT_EQ(status.links[2].person_id, 3);
}
TEST(GovernanceChain, AnExpiredLinkIsMissing) {
  ChainTerms terms = full_chain();
  terms.tripartite_director = {ended(2)};
  auto status = check_chain(terms, kNow);
  EXPECT_FALSE(status.complete);
  EXPECT_EQ(status.missing, std::vector<ChainPosition>{ChainPosition::TripartiteDirector});
  EXPECT_FALSE(status.links[1].person_id);
}
TEST(GovernanceChain, ATermStartingLaterDoesNotCountYet) {
  ChainTerms terms = full_chain();
  terms.commissioner = {Term{3, kNow + 24h, std::nullopt}};
  EXPECT_EQ(check_chain(terms, kNow).missing, std::vector<ChainPosition>{ChainPosition::Commissioner});
}
TEST(GovernanceChain, EachGapIsNamedInChainOrder) {
  auto status = check_chain(ChainTerms{{}, {ended(2)}, {}}, kNow);
  EXPECT_EQ(status.missing,
            (std::vector<ChainPosition>{ChainPosition::CommunitySecretary, ChainPosition::TripartiteDirector,
                                        ChainPosition::Commissioner}));
  EXPECT_EQ(chain_position_code(status.missing[1]), "tripartite_director");
}
TEST(GovernanceChain, AReplacedHolderLeavesTheChainCompleteWithTheSuccessor) {
  ChainTerms terms = full_chain();
  terms.community_secretary = {ended(1), serving(9)};
  auto status = check_chain(terms, kNow);
  EXPECT_TRUE(status.complete);
  EXPECT_EQ(status.links[0].person_id, 9);
}

TEST(GovernanceCoverage, ListsOnlyIncompleteCompoundsWithWhatIsMissing) {
  std::map<std::int64_t, ChainTerms> chains{{10, full_chain()}, {11, full_chain()}, {12, ChainTerms{}}};
  chains[11].commissioner = {ended(3)};
  auto gaps = coverage_gaps(chains, kNow);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].compound_id, 11);
  EXPECT_EQ(gaps[0].missing, std::vector<ChainPosition>{ChainPosition::Commissioner});
  EXPECT_EQ(gaps[1].compound_id, 12);
  EXPECT_EQ(gaps[1].missing.size(), 3u);
}
TEST(GovernanceCoverage, FullCoverageHasNoGaps) {
  EXPECT_TRUE(coverage_gaps({{10, full_chain()}, {11, full_chain()}}, kNow).empty());
}

TEST(GovernanceRules, EscalationClimbsFromTheCommissionerAndStopsAtTheStreet) {
  EXPECT_EQ(escalation_after(-1), EscalationLevel::None);
  EXPECT_EQ(escalation_after(0), EscalationLevel::None);
  EXPECT_EQ(escalation_after(1), EscalationLevel::Commissioner);
  EXPECT_EQ(escalation_after(3), EscalationLevel::CommunitySecretary);
  EXPECT_EQ(escalation_after(4), EscalationLevel::Street);
  EXPECT_EQ(escalation_after(40), EscalationLevel::Street);
  EXPECT_EQ(escalation_position(EscalationLevel::Commissioner), ChainPosition::Commissioner);
  EXPECT_EQ(escalation_position(EscalationLevel::TripartiteDirector), ChainPosition::TripartiteDirector);
  EXPECT_EQ(escalation_position(EscalationLevel::CommunitySecretary), ChainPosition::CommunitySecretary);
  EXPECT_EQ(escalation_position(EscalationLevel::Street), std::nullopt);
  EXPECT_EQ(escalation_position(EscalationLevel::None), std::nullopt);
  EXPECT_EQ(escalation_level_code(EscalationLevel::TripartiteDirector), "tripartite_director");
  EXPECT_EQ(parse_escalation_level("street"), EscalationLevel::Street);
  EXPECT_EQ(parse_escalation_level("mayor"), std::nullopt);
}
