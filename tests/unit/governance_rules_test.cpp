// Governance rules: a compound's party form, current terms, chain completeness, coverage and escalation levels.
#include <gtest/gtest.h>

#include "modules/governance/rules.hpp"
#include "modules/org/org.hpp"
#include "tree_node.hpp"

using namespace weizhi;
using namespace weizhi::governance;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = *parse_iso("2026-11-27T09:00:00.000Z");

Term serving(std::int64_t person_id) { return Term{person_id, kNow - 24h * 30, std::nullopt}; }
Term ended(std::int64_t person_id) { return Term{person_id, kNow - 24h * 60, kNow - 24h}; }

ChainTerms full_chain() { return ChainTerms{{serving(1)}, {serving(2)}, {serving(3)}}; }

const org::Node kCommunity = tree_node(2, org::NodeKind::Community, "/1/2/");

// "status field" of a refusal, "" when there is none.
std::string shown(const std::optional<ApiError>& refusal) {
  return refusal ? std::to_string(refusal->status()) + " " + refusal->field() : "";
}

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
    EXPECT_EQ(parse_code(kPartyForms, code_of(kPartyForms, form)), form);
  }
  EXPECT_FALSE(parse_code(kPartyForms, "branch"));
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
  EXPECT_EQ(code_of(kChainPositionCodes, status.missing[1]), "tripartite_director");
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
  EXPECT_EQ(code_of(kEscalationLevels, EscalationLevel::TripartiteDirector), "tripartite_director");
  EXPECT_EQ(parse_code(kEscalationLevels, "street"), EscalationLevel::Street);
  EXPECT_EQ(parse_code(kEscalationLevels, "mayor"), std::nullopt);
}

TEST(GovernanceReferences, ANodeMustExistAndBeOfAnAskedKind) {
  auto compound = tree_node(3, org::NodeKind::Compound, "/1/2/3/");
  EXPECT_EQ(shown(node_refusal(3, compound, {org::NodeKind::Compound}, "compound_id")), "");
  EXPECT_EQ(shown(node_refusal(3, compound, {org::NodeKind::Community, org::NodeKind::Compound}, "node_id")), "");
  EXPECT_EQ(shown(node_refusal(3, std::nullopt, {org::NodeKind::Compound}, "compound_id")), "404 compound_id");
  auto refusal = node_refusal(3, compound, {org::NodeKind::Community}, "community_id");
  EXPECT_EQ(shown(refusal), "422 community_id");
  EXPECT_NE(refusal->message().find("community"), std::string::npos);
}

TEST(GovernanceReferences, AMissingPersonIsNotFoundNamingTheField) {
  EXPECT_EQ(shown(person_refusal(7, true, "person_id")), "");
  auto refusal = person_refusal(7, false, "secretary_person_id");
  EXPECT_EQ(shown(refusal), "404 secretary_person_id");
  EXPECT_NE(refusal->message().find("7"), std::string::npos);
}

TEST(GovernanceReferences, NodesWithinAreEachOnceOfTheKindAndInsideTheSubtree) {
  auto inside = tree_node(3, org::NodeKind::Compound, "/1/2/3/");
  auto other = tree_node(4, org::NodeKind::Compound, "/1/2/4/");
  auto outside = tree_node(5, org::NodeKind::Compound, "/1/9/5/");
  auto building = tree_node(6, org::NodeKind::Building, "/1/2/3/6/");
  auto check = [](std::vector<std::int64_t> ids, std::vector<std::optional<org::Node>> nodes) {
    return shown(nodes_within_refusal(ids, nodes, org::NodeKind::Compound, kCommunity, "compound_ids"));
  };
  EXPECT_EQ(check({3, 4}, {inside, other}), "");
  EXPECT_EQ(check({3, 3}, {inside, inside}), "400 compound_ids[1]");
  EXPECT_EQ(check({3, 8}, {inside, std::nullopt}), "404 compound_ids[1]");
  EXPECT_EQ(check({6}, {building}), "422 compound_ids[0]");
  EXPECT_EQ(check({3, 5}, {inside, outside}), "422 compound_ids[1]");
}

TEST(GovernancePartyOrgs, ACommunityCommitteeMapsToNoCompoundAndABranchToItsCommunitysOnes) {
  EXPECT_EQ(shown(branch_compounds_refusal(PartyOrgKind::Committee, {}, {}, std::nullopt)), "");
  EXPECT_EQ(shown(branch_compounds_refusal(PartyOrgKind::Committee, {3}, {}, std::nullopt)), "422 compound_ids");
  auto inside = tree_node(3, org::NodeKind::Compound, "/1/2/3/");
  auto outside = tree_node(5, org::NodeKind::Compound, "/1/9/5/");
  EXPECT_EQ(shown(branch_compounds_refusal(PartyOrgKind::Branch, {3}, {inside}, kCommunity)), "");
  EXPECT_EQ(shown(branch_compounds_refusal(PartyOrgKind::Branch, {5}, {outside}, kCommunity)), "422 compound_ids[0]");
}

TEST(GovernancePartyOrgs, ACommunityHasOneCommitteeAndAnyNumberOfBranches) {
  EXPECT_EQ(shown(party_committee_refusal(PartyOrgKind::Committee, false)), "");
  EXPECT_EQ(shown(party_committee_refusal(PartyOrgKind::Committee, true)), "409 community_id");
  EXPECT_EQ(shown(party_committee_refusal(PartyOrgKind::Branch, true)), "");
}

TEST(GovernanceCommissioners, ACompoundHasOneCurrentCommissionerAtATime) {
  EXPECT_EQ(shown(commissioner_refusal({}, kNow)), "");
  EXPECT_EQ(shown(commissioner_refusal({ended(1)}, kNow)), "");
  EXPECT_EQ(shown(commissioner_refusal({Term{1, kNow + 24h, std::nullopt}}, kNow)), "");
  EXPECT_EQ(shown(commissioner_refusal({ended(1), serving(2)}, kNow)), "409 compound_id");
}

TEST(GovernanceCommissioners, OnlyATermNotYetEndedCanBeEnded) {
  EXPECT_EQ(shown(end_term_refusal(std::nullopt, kNow)), "");
  EXPECT_EQ(shown(end_term_refusal(kNow + 1s, kNow)), "");
  EXPECT_EQ(end_term_refusal(kNow, kNow)->status(), 409);
  EXPECT_EQ(end_term_refusal(kNow - 24h, kNow)->status(), 409);
}

TEST(GovernanceGrids, ABuildingLiesInOneGridOnly) {
  EXPECT_EQ(shown(grid_buildings_refusal({})), "");
  EXPECT_EQ(shown(grid_buildings_refusal({false, false})), "");
  EXPECT_EQ(shown(grid_buildings_refusal({false, true, true})), "409 building_ids[1]");
}

TEST(GovernanceTerms, AppointingTheCurrentHolderAgainChangesNothing) {
  EXPECT_FALSE(appointment_changes({serving(7)}, 7, kNow));
  EXPECT_TRUE(appointment_changes({serving(7)}, 8, kNow));
  EXPECT_TRUE(appointment_changes({ended(7)}, 7, kNow));
  EXPECT_TRUE(appointment_changes({}, 7, kNow));
}
