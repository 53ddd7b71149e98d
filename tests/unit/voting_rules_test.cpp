// Voting rules: thresholds by matter, the roll of docs/rules.md#b-voting-roll, the exact tally of §A–C with
// its edge cases, the export files that `weizhi tally` reads, and a vote's life (edits, opening,
// closing, extension, proxies, ballots and paper forms).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/voting/files.hpp"
#include "modules/voting/rules.hpp"
#include "refusal.hpp"
#include "tree_node.hpp"

using namespace weizhi::voting;
using weizhi::parse_code;

namespace {

RollEntry flat(std::int64_t part_id, std::int64_t owner_id, std::int64_t area_centi_m2,
               PartUse use = PartUse::Residential) {
  return RollEntry{part_id, owner_id, OwnerKind::Person, area_centi_m2, use};
}

RollEntry developer_flat(std::int64_t part_id, std::int64_t owner_id, std::int64_t area_centi_m2) {
  return RollEntry{part_id, owner_id, OwnerKind::Developer, area_centi_m2, PartUse::Residential};
}

// One owner per part, owner id = part id, with these areas.
std::vector<RollEntry> one_owner_each(const std::vector<std::int64_t>& areas) {
  std::vector<RollEntry> roll;
  for (std::size_t i = 0; i < areas.size(); ++i) {
    roll.push_back(flat(static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(i + 1), areas[i]));
  }
  return roll;
}

// Single-item ballots: `choices[i]` is the choice of owner i + 1; nullopt leaves them out.
std::vector<BallotEntry> single_item(const std::vector<std::optional<Choice>>& choices) {
  std::vector<BallotEntry> ballots;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i]) ballots.push_back(BallotEntry{static_cast<std::int64_t>(i + 1), 1, *choices[i]});
  }
  return ballots;
}

ItemResult tally_one(const std::vector<RollEntry>& roll, const std::vector<BallotEntry>& ballots, int matter,
                     FollowMajority rule = FollowMajority::BothDimensions) {
  auto results = tally(electorate_of(roll), ballots, *threshold_of(matter), rule, 1);
  return results.at(0);
}

void expect_fraction(const Fraction& fraction, std::int64_t num, std::int64_t den) {
  EXPECT_EQ(fraction.num, num);
  EXPECT_EQ(fraction.den, den);
}

constexpr auto A = Choice::Agree;
constexpr auto O = Choice::Oppose;
constexpr auto F = Choice::Follow;
constexpr auto X = Choice::Abstain;

}  // namespace

// --- Matters and thresholds (docs/rules.md#a-owners-decisions) ---

TEST(VotingThreshold, MattersSixToEightNeedThreeQuartersTheOthersMoreThanHalf) {
  for (int matter : {6, 7, 8}) EXPECT_EQ(threshold_of(matter), Threshold::ThreeQuarters) << matter;
  for (int matter : {1, 2, 3, 4, 5, 9}) EXPECT_EQ(threshold_of(matter), Threshold::Half) << matter;
  EXPECT_FALSE(threshold_of(0));
  EXPECT_FALSE(threshold_of(10));
}

TEST(VotingThreshold, BoundsAreExactFractions) {
  EXPECT_TRUE(at_least_two_thirds({2, 3}));
  EXPECT_FALSE(at_least_two_thirds({666666666666, 1000000000000}));
  EXPECT_TRUE(at_least_three_quarters({3, 4}));
  EXPECT_FALSE(more_than_half({1, 2}));
  EXPECT_TRUE(more_than_half({500000000001, 1000000000000}));
  EXPECT_FALSE(at_least_two_thirds({0, 0}));
}

TEST(VotingThreshold, EveryMatterNeedsTwoThirdsOfTheScopeToTakePartAndItsThresholdOfThoseTakingPart) {
  for (int matter = 1; matter <= kMatters; ++matter) {
    Bounds bounds = bounds_of(*threshold_of(matter));
    EXPECT_EQ(bounds.quorum.num * 3, bounds.quorum.den * 2) << matter;
    EXPECT_EQ(bounds.quorum.reached, Reached::AtTheBound) << matter;
    EXPECT_EQ(bounds.quorum.of, Base::InScope) << matter;
    EXPECT_EQ(bounds.approval.of, Base::Participating) << matter;
  }
  Bound three_quarters = bounds_of(Threshold::ThreeQuarters).approval;
  EXPECT_TRUE(reaches({3, 4}, three_quarters));
  EXPECT_FALSE(reaches({299, 400}, three_quarters));
  Bound half = bounds_of(Threshold::Half).approval;
  EXPECT_FALSE(reaches({1, 2}, half));
  EXPECT_TRUE(reaches({201, 400}, half));
  EXPECT_FALSE(reaches({0, 0}, bounds_of(Threshold::Half).quorum));
}

// --- Quorum ---

TEST(VotingQuorum, ExactlyTwoThirdsOfAreaButJustBelowInOwnersFails) {
  // Areas 500+100 of 900 = 2/3 exactly; owners 5 of 8 < 2/3.
  auto roll = one_owner_each({400, 40, 40, 20, 100, 100, 100, 100});
  auto result = tally_one(roll, single_item({A, A, A, A, std::nullopt, std::nullopt, std::nullopt, A}), 1);
  expect_fraction(result.quorum_area, 600, 900);
  expect_fraction(result.quorum_count, 5, 8);
  EXPECT_FALSE(result.quorum_met);
  EXPECT_EQ(result.outcome, Outcome::FailedQuorum);
}

TEST(VotingQuorum, ExactlyTwoThirdsOfOwnersButJustBelowInAreaFails) {
  auto roll = one_owner_each({9999, 10000, 10001});
  auto result = tally_one(roll, single_item({A, A, std::nullopt}), 1);
  expect_fraction(result.quorum_count, 2, 3);
  expect_fraction(result.quorum_area, 19999, 30000);
  EXPECT_EQ(result.outcome, Outcome::FailedQuorum);
}

TEST(VotingQuorum, ExactlyTwoThirdsInBothDimensionsIsMet) {
  auto roll = one_owner_each({9999, 10000, 10001});
  auto result = tally_one(roll, single_item({std::nullopt, A, A}), 1);
  expect_fraction(result.quorum_count, 2, 3);
  expect_fraction(result.quorum_area, 20001, 30000);
  EXPECT_TRUE(result.quorum_met);
  EXPECT_EQ(result.outcome, Outcome::Passed);
}

TEST(VotingQuorum, NonVotersNeverCountTowardQuorumOrAnySide) {
  auto roll = one_owner_each({100, 100, 100});
  auto result = tally_one(roll, single_item({A, std::nullopt, std::nullopt}), 1);
  expect_fraction(result.quorum_count, 1, 3);
  expect_fraction(result.approval_count, 1, 1);
  EXPECT_EQ(result.outcome, Outcome::FailedQuorum);
}

// --- Approval ---

TEST(VotingApproval, ExactlyThreeQuartersPassesAThreeQuarterMatter) {
  auto result = tally_one(one_owner_each({100, 100, 100, 100}), single_item({A, A, A, O}), 7);
  EXPECT_EQ(result.threshold, Threshold::ThreeQuarters);
  expect_fraction(result.approval_area, 300, 400);
  expect_fraction(result.approval_count, 3, 4);
  EXPECT_EQ(result.outcome, Outcome::Passed);
}

TEST(VotingApproval, JustBelowThreeQuartersOfAreaFails) {
  auto result = tally_one(one_owner_each({100, 100, 100, 101}), single_item({A, A, A, O}), 6);
  expect_fraction(result.approval_area, 300, 401);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

TEST(VotingApproval, ExactlyHalfFailsAHalfMatter) {
  auto result = tally_one(one_owner_each({100, 100, 100, 100}), single_item({A, A, O, O}), 4);
  EXPECT_EQ(result.threshold, Threshold::Half);
  expect_fraction(result.approval_area, 200, 400);
  expect_fraction(result.approval_count, 2, 4);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

TEST(VotingApproval, AbstainParticipatesButDoesNotAgree) {
  auto result = tally_one(one_owner_each({100, 100, 100}), single_item({A, X, X}), 1);
  EXPECT_TRUE(result.quorum_met);
  expect_fraction(result.approval_count, 1, 3);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

TEST(VotingApproval, MoreThanHalfInAreaButNotInOwnersFails) {
  auto result = tally_one(one_owner_each({500, 100, 100}), single_item({A, O, O}), 1);
  expect_fraction(result.approval_area, 500, 700);
  expect_fraction(result.approval_count, 1, 3);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

// --- Follow-majority (docs/rules.md#c-follow-majority, policy) ---

TEST(VotingFollowMajority, JoinsAgreeWhenAgreeLeadsInBothDimensions) {
  auto result = tally_one(one_owner_each({100, 100, 100, 100, 100}), single_item({A, A, O, F, F}), 1);
  expect_fraction(result.approval_count, 4, 5);
  EXPECT_EQ(result.outcome, Outcome::Passed);
}

TEST(VotingFollowMajority, CountsAsAbstainWhenTheDimensionsDisagree) {
  // Agree leads in area (600 against 200) but oppose leads in owners (2 against 1).
  auto result = tally_one(one_owner_each({600, 100, 100, 100, 100}), single_item({A, O, O, F, F}), 1);
  expect_fraction(result.approval_area, 600, 1000);
  expect_fraction(result.approval_count, 1, 5);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

TEST(VotingFollowMajority, CountsAsAbstainOnATie) {
  auto result = tally_one(one_owner_each({100, 100, 100}), single_item({A, O, F}), 1);
  expect_fraction(result.approval_count, 1, 3);
}

TEST(VotingFollowMajority, AbstainPolicyNeverAddsToAgreement) {
  auto result =
      tally_one(one_owner_each({100, 100, 100, 100, 100}), single_item({A, A, O, F, F}), 1, FollowMajority::Abstain);
  expect_fraction(result.approval_count, 2, 5);
  EXPECT_EQ(result.outcome, Outcome::FailedApproval);
}

// --- Invalid items ---

TEST(VotingInvalid, AnInvalidItemLeavesTheOwnersOtherItemsCounted) {
  auto roll = one_owner_each({100, 100, 100});
  std::vector<BallotEntry> ballots{{1, 1, Choice::Invalid}, {1, 2, A}, {2, 1, A}, {2, 2, A}, {3, 1, A}, {3, 2, O}};
  auto results = tally(electorate_of(roll), ballots, Threshold::Half, FollowMajority::BothDimensions, 2);
  expect_fraction(results[0].quorum_count, 2, 3);
  expect_fraction(results[0].approval_count, 2, 2);
  expect_fraction(results[1].quorum_count, 3, 3);
  expect_fraction(results[1].approval_count, 2, 3);
  EXPECT_EQ(results[0].outcome, Outcome::Passed);
  EXPECT_EQ(results[1].outcome, Outcome::Passed);
}

// --- The roll (docs/rules.md#b-voting-roll) ---

TEST(VotingRoll, AnOwnerOfTwoPartsIsOneVoterWithTheAreasSummed) {
  auto electorate = electorate_of({flat(1, 10, 6000), flat(2, 10, 4550), flat(3, 11, 7000)});
  EXPECT_EQ(electorate.owner_ids, (std::vector<std::int64_t>{10, 11}));
  EXPECT_EQ(electorate.areas, (std::vector<std::int64_t>{10550, 7000}));
  EXPECT_EQ(electorate.owner_count, 2);
  EXPECT_EQ(electorate.total_area_centi_m2, 17550);
}

TEST(VotingRoll, DeveloperPartsAreOneVoter) {
  auto electorate = electorate_of({developer_flat(1, 90, 5000), developer_flat(2, 90, 6000), flat(3, 11, 7000)});
  EXPECT_EQ(electorate.owner_count, 2);
  EXPECT_EQ(electorate.areas, (std::vector<std::int64_t>{7000, 11000}));
}

TEST(VotingRoll, ParkingIsExcludedFromAreaOwnersAndBallots) {
  auto electorate = electorate_of({flat(1, 10, 6000), flat(2, 11, 1200, PartUse::Parking)});
  EXPECT_EQ(electorate.owner_count, 1);
  EXPECT_EQ(electorate.total_area_centi_m2, 6000);
  EXPECT_THROW(tally(electorate, {{11, 1, A}}, Threshold::Half, FollowMajority::BothDimensions, 1), InvalidLine);
}

TEST(VotingRoll, APartWithoutVoterCountsButCannotVote) {
  auto electorate = electorate_of({flat(1, 10, 6000), flat(2, 0, 4000)});
  EXPECT_EQ(electorate.owner_count, 2);
  EXPECT_EQ(electorate.total_area_centi_m2, 10000);
  EXPECT_EQ(electorate.owner_ids, (std::vector<std::int64_t>{10}));
}

TEST(VotingRoll, FromTheRegistryCoOwnersCastOneVoteByTheDesignatedCoOwner) {
  using weizhi::people::OwnedPart;
  using weizhi::people::PartOwner;
  std::vector<OwnedPart> parts{
      {1, 8000, "residential", {PartOwner{20, false, false}, PartOwner{21, false, true}}},
      {2, 5000, "residential", {PartOwner{22, false, false}, PartOwner{23, false, false}}},
      {3, 1500, "parking", {PartOwner{20, false, false}}},
      {4, 9000, "commercial", {PartOwner{90, true, false}}},
      {5, 7000, "residential", {PartOwner{91, true, false}}},
  };
  auto roll = roll_from_registry(parts);
  ASSERT_EQ(roll.size(), 4u);
  EXPECT_EQ(roll[0].owner_id, 21);
  EXPECT_EQ(roll[1].owner_id, 0);  // no designated co-owner yet: counted, cannot vote
  EXPECT_EQ(roll[2].owner_kind, OwnerKind::Developer);
  EXPECT_EQ(roll[2].use, PartUse::Commercial);
  EXPECT_EQ(roll[2].owner_id, 90);
  EXPECT_EQ(roll[3].owner_id, 90);  // the developer's parts are cast by one person
  auto electorate = electorate_of(roll);
  EXPECT_EQ(electorate.owner_count, 3);
  EXPECT_EQ(electorate.total_area_centi_m2, 29000);
}

TEST(VotingRoll, InconsistentRollsAreRefusedNamingTheLine) {
  auto line_of = [](const std::vector<RollEntry>& roll) {
    try {
      electorate_of(roll);
    } catch (const InvalidLine& error) {
      return error.line();
    }
    return std::int64_t{-1};
  };
  RollEntry repeated = flat(1, 11, 100);
  repeated.line = 3;
  RollEntry first = flat(1, 10, 100);
  first.line = 2;
  EXPECT_EQ(line_of({first, repeated}), 3);
  RollEntry second_developer = developer_flat(2, 91, 100);
  second_developer.line = 5;
  EXPECT_EQ(line_of({developer_flat(1, 90, 100), second_developer}), 5);
}

// --- Files and result format ---

TEST(VotingFiles, RollAndBallotsRoundTrip) {
  std::vector<RollEntry> roll{flat(1, 10, 8735), developer_flat(2, 90, 10000), flat(3, 0, 5),
                              flat(4, 11, 1200, PartUse::Parking)};
  std::string text = roll_csv(roll);
  EXPECT_EQ(text,
            "part_id,owner_id,owner_kind,area,use\n1,10,person,87.35,residential\n2,90,developer,100.00,residential\n"
            "3,,person,0.05,residential\n4,11,person,12.00,parking\n");
  auto parsed = parse_roll_csv(text);
  ASSERT_EQ(parsed.size(), 4u);
  EXPECT_EQ(parsed[0].area_centi_m2, 8735);
  EXPECT_EQ(parsed[2].owner_id, 0);
  EXPECT_EQ(parsed[3].use, PartUse::Parking);
  EXPECT_EQ(parsed[3].line, 5);
  EXPECT_EQ(roll_csv(parsed), text);

  std::vector<BallotEntry> ballots{{10, 1, A}, {10, 2, Choice::Invalid}};
  EXPECT_EQ(ballots_csv(ballots), "owner_id,item,choice\n10,1,agree\n10,2,invalid\n");
  EXPECT_EQ(parse_ballots_csv("owner_id,item,choice\r\n10,1,agree\r\n\r\n10,2,follow\r\n").at(1).line, 4);
}

TEST(VotingFiles, BadInputNamesTheLine) {
  auto line_of = [](auto parse, std::string_view text) {
    try {
      parse(text);
    } catch (const InvalidLine& error) {
      return error.line();
    }
    return std::int64_t{-1};
  };
  auto roll = [](std::string_view text) { return parse_roll_csv(text); };
  auto ballots = [](std::string_view text) { return parse_ballots_csv(text); };
  EXPECT_EQ(line_of(roll, "part_id,owner_id,owner_kind,area,use\n1,10,person,87.355,residential\n"), 2);
  EXPECT_EQ(line_of(roll, "part_id,owner_id,owner_kind,area,use\n1,10,person,-3,residential\n"), 2);
  EXPECT_EQ(line_of(roll, "part_id,owner_id,owner_kind,area,use\n1,10,person,3,residential\n2,11,company,3,other\n"),
            3);
  EXPECT_EQ(line_of(roll, "part,owner\n"), 1);
  EXPECT_EQ(line_of(ballots, "owner_id,item,choice\n10,1,agree\n10,1,maybe\n"), 3);
  EXPECT_EQ(line_of(ballots, "owner_id,item,choice\n10,1,agree,extra\n"), 2);
  EXPECT_EQ(line_of(ballots, "owner_id,item,choice\nten,1,agree\n"), 2);
}

TEST(VotingFiles, DuplicateAndUnknownBallotsNameTheirLine) {
  auto electorate = electorate_of(parse_roll_csv("part_id,owner_id,owner_kind,area,use\n1,10,person,80,residential\n"));
  auto line_of = [&](std::string_view ballots) {
    try {
      tally(electorate, parse_ballots_csv(ballots), Threshold::Half, FollowMajority::BothDimensions, 1);
    } catch (const InvalidLine& error) {
      return error.line();
    }
    return std::int64_t{-1};
  };
  EXPECT_EQ(line_of("owner_id,item,choice\n10,1,agree\n10,1,oppose\n"), 3);
  EXPECT_EQ(line_of("owner_id,item,choice\n10,1,agree\n77,1,oppose\n"), 3);
  EXPECT_EQ(line_of("owner_id,item,choice\n10,1,agree\n"), -1);
}

TEST(VotingFiles, ResultJsonHasTheDocumentedShape) {
  auto results = tally(electorate_of(one_owner_each({100, 100, 100})), single_item({A, A, O}), Threshold::Half,
                       FollowMajority::BothDimensions, 1);
  auto json = nlohmann::json::parse(result_json(results));
  EXPECT_EQ(json, nlohmann::json::parse(R"({"items":[{"item":1,"threshold":"half",
      "quorum":{"area":{"num":300,"den":300},"count":{"num":3,"den":3},"met":true},
      "approval":{"area":{"num":200,"den":300},"count":{"num":2,"den":3}},"outcome":"passed",
      "breakdown":{"agree":{"count":2,"area":200},"oppose":{"count":1,"area":100},"abstain":{"count":0,"area":0},
      "invalid":{"count":0,"area":0},"not_voted":{"count":0,"area":0},"total":{"count":3,"area":300}}}]})"));
  EXPECT_EQ(result_json(results).find("{\n  \"items\""), 0u);
}

TEST(VotingFiles, AResultJsonReadsBackAsTheResultsItWasWrittenFrom) {
  auto results = tally(electorate_of(one_owner_each({100, 100, 100, 101})), single_item({A, A, A, O}),
                       Threshold::ThreeQuarters, FollowMajority::BothDimensions, 1);
  auto read = parse_result_json(result_json(results));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].threshold, Threshold::ThreeQuarters);
  expect_fraction(read[0].quorum_area, 401, 401);
  expect_fraction(read[0].approval_area, 300, 401);
  expect_fraction(read[0].approval_count, 3, 4);
  EXPECT_TRUE(read[0].quorum_met);
  EXPECT_EQ(read[0].outcome, Outcome::FailedApproval);
  ASSERT_TRUE(read[0].breakdown);
  EXPECT_EQ(read[0].breakdown->oppose.area, 101);
  EXPECT_EQ(result_json(read), result_json(results));
}

// Each side by owners and by area, from the same count as the ratios: a follow-majority choice sits with agree when
// the rule sends it there and with abstain otherwise; a mis-marked item and an owner with no ballot are apart.
TEST(VotingTally, TheBreakdownSplitsTheWholeScopeIntoItsSidesByOwnersAndByArea) {
  const Choice I = Choice::Invalid;
  auto roll = one_owner_each({100, 110, 120, 130, 140, 150, 160});
  roll.push_back(flat(8, 0, 170));  // a part with no voter yet counts as not voted
  auto expect_share = [](const Share& share, std::int64_t count, std::int64_t area) {
    EXPECT_EQ(share.count, count);
    EXPECT_EQ(share.area, area);
  };
  auto led = tally_one(roll, single_item({A, A, O, X, F, I, std::nullopt}), 4);
  ASSERT_TRUE(led.breakdown);
  expect_share(led.breakdown->agree, 3, 100 + 110 + 140);
  expect_share(led.breakdown->oppose, 1, 120);
  expect_share(led.breakdown->abstain, 1, 130);
  expect_share(led.breakdown->invalid, 1, 150);
  expect_share(led.breakdown->not_voted, 2, 160 + 170);
  expect_share(led.breakdown->total, 8, 1080);
  expect_fraction(led.approval_area, led.breakdown->agree.area, 100 + 110 + 120 + 130 + 140);

  auto tied = tally_one(roll, single_item({A, O, X, X, F, I, std::nullopt}), 4);
  expect_share(tied.breakdown->agree, 1, 100);
  expect_share(tied.breakdown->abstain, 3, 120 + 130 + 140);
  auto abstaining = tally_one(roll, single_item({A, A, O, X, F, I, std::nullopt}), 4, FollowMajority::Abstain);
  expect_share(abstaining.breakdown->agree, 2, 210);
  expect_share(abstaining.breakdown->abstain, 2, 130 + 140);
}

TEST(VotingFiles, AResultPublishedWithoutABreakdownReadsBackAndIsWrittenAsItWas) {
  std::string published = R"({"items":[{"item":1,"threshold":"half",
      "quorum":{"area":{"num":300,"den":300},"count":{"num":3,"den":3},"met":true},
      "approval":{"area":{"num":200,"den":300},"count":{"num":2,"den":3}},"outcome":"passed"}]})";
  auto read = parse_result_json(published);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_FALSE(read[0].breakdown);
  EXPECT_EQ(nlohmann::json::parse(result_json(read)), nlohmann::json::parse(published));
}

TEST(VotingFiles, EachRatioIsShownWithItsBoundAndWhetherItReachesIt) {
  // Two owners of three take part (2/3 of the owners, 200/301 of the area) and split: half of each.
  auto result = tally_one(one_owner_each({100, 100, 101}), single_item({A, O, std::nullopt}), 4);
  auto ratios = ratios_json(result);
  EXPECT_EQ(ratios["quorum"]["bound"],
            nlohmann::json::parse(R"({"num":2,"den":3,"reached":"at_the_bound","of":"in_scope"})"));
  EXPECT_EQ(ratios["quorum"]["count"], nlohmann::json::parse(R"({"num":2,"den":3,"met":true})"));
  EXPECT_EQ(ratios["quorum"]["area"], nlohmann::json::parse(R"({"num":200,"den":301,"met":false})"));
  EXPECT_EQ(ratios["approval"]["bound"],
            nlohmann::json::parse(R"({"num":1,"den":2,"reached":"beyond_the_bound","of":"participating"})"));
  EXPECT_EQ(ratios["approval"]["count"], nlohmann::json::parse(R"({"num":1,"den":2,"met":false})"));
  EXPECT_EQ(ratios["approval"]["area"], nlohmann::json::parse(R"({"num":100,"den":200,"met":false})"));
  auto passing = ratios_json(tally_one(one_owner_each({100, 100, 100, 100}), single_item({A, A, A, O}), 7));
  EXPECT_EQ(passing["approval"]["count"], nlohmann::json::parse(R"({"num":3,"den":4,"met":true})"));
  EXPECT_EQ(passing["approval"]["bound"]["reached"], "at_the_bound");
}

// --- Ballot input ---

TEST(VotingBallots, ChoicesAreOnePerItemAndInvalidOnlyWhereAllowed) {
  EXPECT_EQ(parse_choices({"agree", "follow"}, 2, InvalidChoices::Refused, "choices"), (std::vector<Choice>{A, F}));
  EXPECT_THROW(parse_choices({"agree"}, 2, InvalidChoices::Refused, "choices"), weizhi::ApiError);
  EXPECT_THROW(parse_choices({"invalid"}, 1, InvalidChoices::Refused, "choices"), weizhi::ApiError);
  EXPECT_EQ(parse_choices({"invalid"}, 1, InvalidChoices::Allowed, "choices"), (std::vector<Choice>{Choice::Invalid}));
  EXPECT_EQ(parse_choices_text(choices_text({A, O, X})), (std::vector<Choice>{A, O, X}));
  EXPECT_FALSE(parse_choices_text("agree,,oppose"));
}

TEST(VotingBallots, BallotsAreTakenOnlyInsideTheWindowOfAnOpenVote) {
  Vote vote{};
  vote.input.opens_at = "2026-05-01T00:00:00Z";
  vote.input.closes_at = "2026-05-15T00:00:00Z";
  vote.state = VoteState::Open;
  auto at = [](const char* text) { return *weizhi::parse_iso(text); };
  EXPECT_NO_THROW(check_accepting_ballots(vote, at("2026-05-01T00:00:00Z")));
  EXPECT_THROW(check_accepting_ballots(vote, at("2026-04-30T23:59:59Z")), weizhi::ApiError);
  EXPECT_THROW(check_accepting_ballots(vote, at("2026-05-15T00:00:00Z")), weizhi::ApiError);
  vote.state = VoteState::Closed;
  EXPECT_THROW(check_accepting_ballots(vote, at("2026-05-02T00:00:00Z")), weizhi::ApiError);
}

TEST(VotingBallots, ReceiptCodesAreGroupedUpperCase) {
  EXPECT_EQ(receipt_code("0a1b2c3d4e5f6a7b8c9d"), "0A1B-2C3D-4E5F-6A7B-8C9D");
}

TEST(VotingBallots, AReceiptCodeTypedInLowerCaseFindsTheStoredOne) {
  EXPECT_EQ(typed_receipt_code("0a1b-2c3d-4e5f-6a7b-8c9d"), receipt_code("0a1b2c3d4e5f6a7b8c9d"));
  EXPECT_EQ(typed_receipt_code("0A1B-2c3D"), "0A1B-2C3D");
}

// --- A vote's life ---

namespace {

auto at(const char* text) { return *weizhi::parse_iso(text); }

// An open vote of one item from 1 to 15 May 2026 on paper and online.
Vote open_vote() {
  Vote vote{};
  vote.id = 1;
  vote.input.compound_node_id = 7;
  vote.input.matter = 2;
  vote.input.items = {"item"};
  vote.input.opens_at = "2026-05-01T00:00:00Z";
  vote.input.closes_at = "2026-05-15T00:00:00Z";
  vote.input.channels = {Channel::Paper, Channel::Online};
  vote.state = VoteState::Open;
  return vote;
}

Vote in_state(VoteState state) {
  Vote vote = open_vote();
  vote.state = state;
  return vote;
}

}  // namespace

TEST(VotingRules, AVoteIsOnACompoundOverNodesOfItsScopeKindInsideItEachListedOnce) {
  using weizhi::org::NodeKind;
  VoteInput input = open_vote().input;
  input.title = "表决";
  auto compound = tree_node(7, NodeKind::Compound, "/1/7/");
  auto refusal = [&](const VoteInput& terms, const TermsFacts& facts) {
    return refusal_of([&] { EXPECT_EQ(check_vote_terms(terms, facts).input().title, terms.title); });
  };
  EXPECT_EQ(refusal(input, {compound, {}}), "");
  VoteInput no_title = input;
  no_title.title = " ";
  EXPECT_EQ(refusal(no_title, {compound, {}}), "400 title");
  EXPECT_EQ(refusal(input, {std::nullopt, {}}), "404 compound_id");
  EXPECT_EQ(refusal(input, {tree_node(7, NodeKind::Community, "/1/7/"), {}}), "422 compound_id");
  VoteInput listed = input;
  listed.scope.node_ids = {21};
  EXPECT_EQ(refusal(listed, {compound, {tree_node(21, NodeKind::Unit, "/1/7/20/21/")}}), "400 scope.node_ids");

  VoteInput units = input;
  units.scope = VoteScope{ScopeKind::Units, {21, 22}};
  auto unit = [](std::int64_t id, const std::string& path) { return tree_node(id, NodeKind::Unit, path); };
  EXPECT_EQ(refusal(units, {compound, {unit(21, "/1/7/20/21/"), unit(22, "/1/7/20/22/")}}), "");
  EXPECT_EQ(refusal(units, {compound, {unit(21, "/1/7/20/21/"), std::nullopt}}), "404 scope.node_ids[1]");
  EXPECT_EQ(refusal(units, {compound, {unit(21, "/1/7/20/21/"), tree_node(22, NodeKind::Building, "/1/7/22/")}}),
            "422 scope.node_ids[1]");
  EXPECT_EQ(refusal(units, {compound, {unit(21, "/1/7/20/21/"), unit(22, "/1/8/20/22/")}}), "422 scope.node_ids[1]");
  VoteInput twice = input;
  twice.scope = VoteScope{ScopeKind::Units, {21, 21}};
  EXPECT_EQ(refusal(twice, {compound, {unit(21, "/1/7/20/21/"), unit(21, "/1/7/20/21/")}}), "400 scope.node_ids[0]");
}

TEST(VotingRules, AnUnrecordedBallotIsRefusedNamingTheChannelOfTheFirstElseTheRoll) {
  auto message = [](std::optional<Channel> first) {
    try {
      fail_unrecorded_ballot(first);
    } catch (const weizhi::ApiError& error) {
      return error.message();
    }
    return std::string("recorded");
  };
  EXPECT_EQ(refusal_of([] { fail_unrecorded_ballot(Channel::Paper); }), "409 voter_id");
  EXPECT_NE(message(Channel::Paper).find("书面"), std::string::npos) << message(Channel::Paper);
  EXPECT_EQ(refusal_of([] { fail_unrecorded_ballot(std::nullopt); }), "422 voter_id");
}

TEST(VotingRules, ADraftCanBeEditedOnlyBeforeItOpens) {
  Vote draft = in_state(VoteState::Draft);
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, draft.input); }), "");
  for (VoteState state : {VoteState::Open, VoteState::Closed, VoteState::Published}) {
    Vote vote = in_state(state);
    EXPECT_EQ(refusal_of([&] { check_draft_edit(vote, vote.input); }), "409 state");
  }
}

TEST(VotingRules, AnEditCannotMoveTheVoteToAnotherCompound) {
  Vote draft = in_state(VoteState::Draft);
  VoteInput moved = draft.input;
  moved.compound_node_id = 8;
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, moved); }), "400 compound_id");
}

TEST(VotingRules, MatterAndScopeFixedByAProcedureCannotBeEditedTheRestCan) {
  Vote draft = in_state(VoteState::Draft);
  VoteInput other_matter = draft.input;
  other_matter.matter = 7;
  VoteInput other_scope = draft.input;
  other_scope.scope = VoteScope{ScopeKind::Units, {12}};
  VoteInput other_title = draft.input;
  other_title.title = "another title";
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, other_matter); }), "");  // no procedure fixes them
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, other_scope); }), "");
  draft.terms_fixed_by = "加装电梯同意表决";
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, other_matter); }), "409 matter");
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, other_scope); }), "409 scope");
  EXPECT_EQ(refusal_of([&] { check_draft_edit(draft, other_title); }), "");
}

TEST(VotingRules, OnlyADraftOpensAndOnlyWithAVoterOnItsRoll) {
  EXPECT_EQ(refusal_of([] { check_can_open(in_state(VoteState::Draft)); }), "");
  EXPECT_EQ(refusal_of([] { check_can_open(in_state(VoteState::Open)); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_can_open(in_state(VoteState::Closed)); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_roll_has_voter({flat(1, 0, 100), flat(2, 0, 80)}); }), "422 ");
  EXPECT_EQ(refusal_of([] { check_roll_has_voter({}); }), "422 ");
  EXPECT_EQ(refusal_of([] { check_roll_has_voter({flat(1, 0, 100), flat(2, 5, 80)}); }), "");
}

TEST(VotingRules, AVoteClosesOnlyWhenOpenAndPastItsDeadline) {
  Vote vote = open_vote();
  EXPECT_EQ(refusal_of([&] { check_closing(vote, at("2026-05-14T23:59:59Z")); }), "409 ");
  EXPECT_EQ(refusal_of([&] { check_closing(vote, at("2026-05-15T00:00:00Z")); }), "");
  EXPECT_EQ(refusal_of([] { check_closing(in_state(VoteState::Draft), at("2026-06-01T00:00:00Z")); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_closing(in_state(VoteState::Closed), at("2026-06-01T00:00:00Z")); }), "409 ");
}

TEST(VotingRules, AClosedVoteIsExtendedOnceAndOnlyWhenItsPolicyAllows) {
  Vote closed = in_state(VoteState::Closed);
  EXPECT_EQ(refusal_of([&] { check_extendable(closed); }), "");
  EXPECT_EQ(refusal_of([] { check_extendable(open_vote()); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_extendable(in_state(VoteState::Published)); }), "409 ");
  Vote extended = closed;
  extended.extended = true;
  EXPECT_EQ(refusal_of([&] { check_extendable(extended); }), "409 ");
  Vote no_extension = closed;
  no_extension.input.policies.extension = Extension::None;
  EXPECT_EQ(refusal_of([&] { check_extendable(no_extension); }), "409 ");
}

TEST(VotingRules, AnExtensionNeedsQuorumUnmetAndADeadlineAfterNowAndTheOldOne) {
  Vote closed = in_state(VoteState::Closed);
  auto now = at("2026-05-16T00:00:00Z");
  EXPECT_EQ(extended_deadline(closed, false, "2026-05-30T00:00:00Z", now), at("2026-05-30T00:00:00Z"));
  EXPECT_EQ(refusal_of([&] { extended_deadline(closed, true, "2026-05-30T00:00:00Z", now); }), "409 ");
  EXPECT_EQ(refusal_of([&] { extended_deadline(closed, false, "next week", now); }), "400 closes_at");
  EXPECT_EQ(refusal_of([&] { extended_deadline(closed, false, "2026-05-16T00:00:00Z", now); }),
            "400 closes_at");  // not after now
  EXPECT_EQ(refusal_of([&] { extended_deadline(closed, false, "2026-05-14T00:00:00Z", at("2026-05-13T00:00:00Z")); }),
            "400 closes_at");  // before the old deadline
}

TEST(VotingRules, OnlyAClosedVoteIsPublished) {
  EXPECT_EQ(refusal_of([] { check_publishable(in_state(VoteState::Closed)); }), "");
  EXPECT_EQ(refusal_of([] { check_publishable(open_vote()); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_publishable(in_state(VoteState::Published)); }), "409 ");
}

TEST(VotingRules, AProxyIsRecordedOnceForAVoterOnTheRollOfAnOpenVote) {
  ProxyFacts fine{true, true, false};
  EXPECT_EQ(refusal_of([&] { check_proxy(open_vote(), 9, fine); }), "");
  EXPECT_EQ(refusal_of([&] { check_proxy(in_state(VoteState::Closed), 9, fine); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_proxy(open_vote(), 9, ProxyFacts{false, true, false}); }), "422 voter_id");
  EXPECT_EQ(refusal_of([] { check_proxy(open_vote(), 9, ProxyFacts{true, false, false}); }), "404 proxy_person_id");
  EXPECT_EQ(refusal_of([] { check_proxy(open_vote(), 9, ProxyFacts{true, true, true}); }), "409 voter_id");
}

TEST(VotingRules, OnlineTheOwnerCastsForThemselvesOrAsTheRecordedProxy) {
  OnlineVoter self = online_voter(std::nullopt, 5, {5, 8});
  EXPECT_EQ(self.voter_id, 5);
  EXPECT_FALSE(self.proxy_person_id);
  OnlineVoter proxy = online_voter(8, 5, {5, 8});
  EXPECT_EQ(proxy.voter_id, 8);
  EXPECT_EQ(proxy.proxy_person_id, 5);
  EXPECT_EQ(refusal_of([] { online_voter(9, 5, {5, 8}); }), "403 ");                    // not their proxy
  EXPECT_EQ(refusal_of([] { online_voter(std::nullopt, 5, {8}); }), "403 ");            // not on the roll
  EXPECT_EQ(refusal_of([] { online_voter(std::nullopt, std::nullopt, {}); }), "403 ");  // no person
}

TEST(VotingRules, ABallotNeedsTheVoteToTakeItsChannel) {
  Vote vote = open_vote();
  auto during = at("2026-05-02T00:00:00Z");
  EXPECT_EQ(refusal_of([&] { check_ballot_terms(vote, Channel::Online, during); }), "");
  EXPECT_EQ(refusal_of([&] { check_ballot_terms(vote, Channel::Meeting, during); }), "422 channel");
  EXPECT_EQ(refusal_of([&] { check_ballot_terms(vote, Channel::Online, at("2026-05-15T00:00:00Z")); }), "409 ");
}

TEST(VotingRules, APaperFormIsTypedByTwoClerksForAVoterOnTheRollWithoutABallot) {
  Vote vote = open_vote();
  auto during = at("2026-05-02T00:00:00Z");
  PaperForm fresh{true, std::nullopt, {}};
  EXPECT_EQ(paper_entry_outcome(vote, fresh, 11, {A}, during), weizhi::paper_entry::Outcome::AwaitingSecondEntry);
  PaperForm typed_once{true, std::nullopt, {{11, "agree"}}};
  EXPECT_EQ(paper_entry_outcome(vote, typed_once, 12, {A}, during), weizhi::paper_entry::Outcome::Counted);
  EXPECT_EQ(paper_entry_outcome(vote, typed_once, 12, {O}, during), weizhi::paper_entry::Outcome::Held);
  EXPECT_EQ(refusal_of([&] { paper_entry_outcome(vote, typed_once, 11, {A}, during); }), "409 voter_id");  // same clerk
  PaperForm held{true, std::nullopt, {{11, "agree"}, {12, "oppose"}}};
  EXPECT_EQ(refusal_of([&] { paper_entry_outcome(vote, held, 13, {A}, during); }),
            "409 voter_id");  // waits for the supervisor
  EXPECT_EQ(refusal_of([&] {
              paper_entry_outcome(vote, PaperForm{false, std::nullopt, {}}, 11, {A}, during);
            }),
            "422 voter_id");
  EXPECT_EQ(refusal_of([&] {
              paper_entry_outcome(vote, PaperForm{true, Channel::Online, {}}, 11, {A}, during);
            }),
            "409 voter_id");  // voted online
  EXPECT_EQ(refusal_of([&] { paper_entry_outcome(vote, fresh, 11, {A}, at("2026-05-15T00:00:00Z")); }), "409 ");
}

TEST(VotingRules, TheSupervisorSettlesOnlyAHeldFormOfAnOpenVote) {
  PaperForm held{true, std::nullopt, {{11, "agree"}, {12, "oppose"}}};
  EXPECT_EQ(refusal_of([&] { check_settling(open_vote(), held); }), "");
  EXPECT_EQ(refusal_of([&] { check_settling(in_state(VoteState::Closed), held); }), "409 ");
  EXPECT_EQ(refusal_of([] { check_settling(open_vote(), PaperForm{true, std::nullopt, {{11, "agree"}}}); }), "404 ");
  PaperForm settled = held;
  settled.ballot_channel = Channel::Paper;
  EXPECT_EQ(refusal_of([&] { check_settling(open_vote(), settled); }), "404 ");
}

// --- Today's work ---

TEST(VotingToday, AnOpenVoteShortOfQuorumComesDueThreeDaysBeforeItsDeadline) {
  Vote vote = open_vote();
  vote.input.title = "续聘物业";
  Turnout short_of_quorum{{38, 100}, {9, 20}, false};
  EXPECT_FALSE(closing_short_of_quorum(vote, short_of_quorum, at("2026-05-11T23:59:59Z")));
  EXPECT_TRUE(closing_short_of_quorum(vote, short_of_quorum, at("2026-05-12T00:00:00Z")));
  EXPECT_TRUE(closing_short_of_quorum(vote, short_of_quorum, at("2026-05-16T00:00:00Z"))) << "past, not closed";
  EXPECT_FALSE(closing_short_of_quorum(vote, Turnout{{70, 100}, {14, 20}, true}, at("2026-05-14T00:00:00Z")));
  EXPECT_FALSE(closing_short_of_quorum(in_state(VoteState::Closed), short_of_quorum, at("2026-05-14T00:00:00Z")));

  EXPECT_EQ(closing_title(vote, short_of_quorum, at("2026-05-12T12:00:00Z")),
            "《续聘物业》表决还剩 2 天截止，已投 45%（面积 38%），未达法定人数");
  EXPECT_EQ(closing_title(vote, Turnout{{2, 3}, {199, 300}, false}, at("2026-05-14T13:30:00Z")),
            "《续聘物业》表决还剩 11 小时截止，已投 66%（面积 66%），未达法定人数")
      << "rounded down: just short of two thirds never reads as 67%";
  EXPECT_EQ(closing_title(vote, Turnout{{0, 0}, {0, 0}, false}, at("2026-05-15T00:00:00Z")),
            "《续聘物业》表决已过截止时间，已投 0%（面积 0%），未达法定人数");
}

TEST(VotingToday, OnlineBallotsAreTakenInsideTheWindowOfAVoteOpenOnline) {
  Vote vote = open_vote();
  EXPECT_TRUE(takes_online_ballots(vote, at("2026-05-01T00:00:00Z")));
  EXPECT_FALSE(takes_online_ballots(vote, at("2026-04-30T23:59:59Z")));
  EXPECT_FALSE(takes_online_ballots(vote, at("2026-05-15T00:00:00Z")));
  EXPECT_FALSE(takes_online_ballots(in_state(VoteState::Closed), at("2026-05-02T00:00:00Z")));
  vote.input.channels = {Channel::Paper};
  EXPECT_FALSE(takes_online_ballots(vote, at("2026-05-02T00:00:00Z")));
}

// --- The roster and reminders ---

TEST(VotingRoster, AnAddressIsFoundByItsNumbersHoweverWrittenOrByItsText) {
  auto finds = [](std::string_view key, std::string_view typed) {
    auto keys = address_keys_meant(typed);
    return keys && key >= keys->first && key < keys->end;
  };
  EXPECT_TRUE(finds("3-2-501", "3-2-501"));
  EXPECT_TRUE(finds("3-2-501", "3栋2单元501室"));
  EXPECT_TRUE(finds("3-2-501", "3幢 2单元"));
  EXPECT_FALSE(finds("3-2-501", "3-2-502"));
  EXPECT_FALSE(finds("3-12-501", "3幢2单元")) << "a finished segment is meant whole";
  EXPECT_FALSE(address_keys_meant("商铺 幢").has_value()) << "text with no number";
  EXPECT_TRUE(address_text_matches("商铺幢", "一单元", "东铺", "商铺 幢"));
  EXPECT_FALSE(address_text_matches("商铺幢", "一单元", "东铺", "西铺"));
}

TEST(VotingRoster, TheBallotFilterKeepsVotersWithOrWithoutABallotAndNeverAPartWithNoVoter) {
  EXPECT_EQ(parse_code(kVotedFilters, "yes"), VotedFilter::Voted);
  EXPECT_EQ(parse_code(kVotedFilters, "no"), VotedFilter::NotVoted);
  EXPECT_FALSE(parse_code(kVotedFilters, "maybe"));
  RollEntry voter{1, 7, OwnerKind::Person, 100, PartUse::Residential};
  RollEntry no_voter{2, 0, OwnerKind::Person, 100, PartUse::Residential};
  EXPECT_TRUE(passes_voted_filter(voter, true, VotedFilter::Voted));
  EXPECT_FALSE(passes_voted_filter(voter, true, VotedFilter::NotVoted));
  EXPECT_TRUE(passes_voted_filter(voter, false, VotedFilter::NotVoted));
  EXPECT_FALSE(passes_voted_filter(no_voter, false, VotedFilter::NotVoted));
  EXPECT_FALSE(passes_voted_filter(no_voter, false, VotedFilter::Voted));
}

TEST(VotingRoster, AReminderGoesOutWhileTheVoteIsOpenInTheOrganisersWordsOrOurs) {
  Vote vote = open_vote();
  vote.input.title = "续聘物业";
  EXPECT_EQ(reminder_text(vote, std::string("请在周五前投票")), "请在周五前投票");
  EXPECT_NE(reminder_text(vote, std::nullopt).find("《续聘物业》"), std::string::npos);
  EXPECT_THROW(reminder_text(vote, std::string("  ")), weizhi::ApiError);
  EXPECT_THROW(reminder_text(vote, std::string(501, 'x')), weizhi::ApiError);
  EXPECT_THROW(reminder_text(in_state(VoteState::Closed), std::nullopt), weizhi::ApiError);
}

TEST(VotingMaterials, AProposalHasAFewNamedDocumentsWithWhereToReadThemAndEachPhotoOnce) {
  auto refusal = [](const Materials& materials) { return refusal_of([&] { check_materials(materials); }); };
  Document plan{"维修方案", "业委会〔2026〕1 号"};
  EXPECT_EQ(refusal({{plan, plan}, {"a", "b"}}), "");
  EXPECT_EQ(refusal({std::vector<Document>(kMaxDocuments, plan), {}}), "");
  EXPECT_EQ(refusal({std::vector<Document>(kMaxDocuments + 1, plan), {}}), "400 documents");
  EXPECT_EQ(refusal({{plan, {" ", "x"}}, {}}), "400 documents[1].name");
  EXPECT_EQ(refusal({{{std::string(kMaxDocumentNameCharacters + 1, 'a'), "x"}}, {}}), "400 documents[0].name");
  EXPECT_EQ(refusal({{{"方", std::string(kMaxDocumentNameCharacters, 'a')}}, {}}), "");
  EXPECT_EQ(refusal({{{"方", ""}}, {}}), "400 documents[0].reference");
  EXPECT_EQ(refusal({{{"方", std::string(kMaxDocumentReferenceCharacters + 1, 'a')}}, {}}),
            "400 documents[0].reference");
  EXPECT_EQ(refusal({{}, {"a", "b", "a"}}), "400 photos[0]");
  std::vector<std::string> many;
  for (std::size_t i = 0; i <= kMaxPhotos; ++i) many.push_back(std::to_string(i));
  EXPECT_EQ(refusal({{}, many}), "400 photos");
}

TEST(VotingToday, AnOwnerHasOneItemPerVoteSayingForWhomTheyStillCast) {
  Vote vote = open_vote();
  vote.input.title = "续聘物业";
  EXPECT_EQ(cast_title(vote, true, {}), "参加表决：《续聘物业》");
  EXPECT_EQ(cast_title(vote, true, {"张*"}), "参加表决：《续聘物业》（含代 张* 投票）");
  EXPECT_EQ(cast_title(vote, false, {"张*", "李*"}), "代 张*、李* 参加表决：《续聘物业》");
  EXPECT_EQ(cast_title(vote, false, {}), std::nullopt);
}

TEST(VotingBallots, AReceiptIsShownAgainToTheOwnerItWasRecordedForAndToTheProxyWhoCastIt) {
  BallotRecord own{1, 10, Channel::Paper, {A}, "CODE", std::nullopt, "t"};
  EXPECT_TRUE(cast_by_or_for(own, 10));
  EXPECT_FALSE(cast_by_or_for(own, 11));
  BallotRecord by_proxy{2, 10, Channel::Online, {A}, "CODE", 11, "t"};
  EXPECT_TRUE(cast_by_or_for(by_proxy, 10));
  EXPECT_TRUE(cast_by_or_for(by_proxy, 11));
  EXPECT_FALSE(cast_by_or_for(by_proxy, 12));
}
