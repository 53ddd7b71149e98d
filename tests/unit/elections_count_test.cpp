// The differential-election count of docs/rules.md#d-elections: one case per rule and per tie, and the
// `weizhi count-election` command over a ballots file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/json.hpp"
#include "modules/elections/cli.hpp"
#include "modules/elections/count.hpp"

using namespace weizhi::elections;

namespace {

// Candidates A, B, C, … and ballots written as strings of their letters ("ABD", "" blank).
CountInput election(std::int64_t seats, std::size_t candidate_count, const std::vector<std::string>& ballots) {
  CountInput input;
  input.seats = seats;
  for (std::size_t i = 0; i < candidate_count; ++i)
    input.candidates.push_back(std::string(1, static_cast<char>('A' + i)));
  for (const auto& letters : ballots) {
    CountBallot ballot;
    for (char letter : letters) ballot.choices.push_back(static_cast<std::size_t>(letter - 'A'));
    input.ballots.push_back(ballot);
  }
  return input;
}

std::vector<std::string> names(const std::vector<CandidateVotes>& entries) {
  std::vector<std::string> list;
  for (const auto& entry : entries) list.push_back(entry.candidate);
  return list;
}

std::vector<std::string> repeat(const std::string& ballot, int times) {
  return std::vector<std::string>(times, ballot);
}

std::vector<std::string> concat(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace

TEST(ElectionCount, CandidatesMustOutnumberSeats) {
  EXPECT_THROW(count_round(election(3, 3, {"ABC"})), weizhi::voting::InvalidLine);
  EXPECT_NO_THROW(count_round(election(3, 4, {"ABC"})));
}

TEST(ElectionCount, RoundIsVoidWhenMoreBallotsReturnedThanIssued) {
  auto input = election(1, 2, {"A", "A", "B"});
  input.issued = 2;
  auto result = count_round(input);
  EXPECT_FALSE(result.round_valid());
  EXPECT_EQ(result.round_void, RoundVoid::MoreReturnedThanIssued);
  EXPECT_TRUE(result.elected.empty());
  EXPECT_EQ(result.vacant_seats, 1);
  input.issued = 3;
  EXPECT_TRUE(count_round(input).round_valid());
}

TEST(ElectionCount, RoundIsVoidUnlessMoreThanHalfOfTheVotersVote) {
  auto input = election(1, 2, {"A", "A"});
  input.voters = 4;
  EXPECT_EQ(count_round(input).round_void, RoundVoid::TurnoutNotMoreThanHalf);
  input.voters = 3;
  EXPECT_TRUE(count_round(input).round_valid());
}

TEST(ElectionCount, BallotNamingMoreCandidatesThanSeatsIsVoidFewerIsValid) {
  auto result = count_round(election(2, 3, {"ABC", "AB", "A", ""}));
  EXPECT_EQ(result.void_ballots, 1);
  EXPECT_EQ(result.valid_ballots, 3);
  EXPECT_EQ(result.tally[0].votes, 2);  // A: the void ballot's mark is not counted
}

TEST(ElectionCount, ElectedNeedMoreThanHalfOfBallotsReturned) {
  // 4 returned (one void): A 3 of 4 elected, B 2 of 4 is exactly half, not more.
  auto result = count_round(election(2, 3, {"AB", "AB", "A", "ABC"}));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A"}));
  EXPECT_EQ(result.elected[0].votes, 3);
  EXPECT_EQ(result.vacant_seats, 1);
}

TEST(ElectionCount, MajorityBaseValidCountsOnlyValidBallots) {
  auto input = election(2, 3, {"AB", "AB", "A", "ABC"});
  input.majority_base = MajorityBase::Valid;
  auto result = count_round(input);  // B 2 of 3 valid is more than half
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B"}));
  EXPECT_EQ(result.vacant_seats, 0);
}

TEST(ElectionCount, MajorityBaseRegisteredNeedsMoreThanHalfOfTheRoll) {
  // 6 of 10 registered voters return ballots: A 6 is more than half of 10, B 5 is not.
  auto input = election(2, 3, concat({repeat("AB", 5), repeat("AC", 1)}));
  input.voters = 10;
  input.majority_base = MajorityBase::Registered;
  auto result = count_round(input);
  EXPECT_EQ(result.base, 10);
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A"}));
  EXPECT_EQ(result.vacant_seats, 1);
  // Counted against the 6 returned, B would be elected too.
  input.majority_base = MajorityBase::Returned;
  EXPECT_EQ(names(count_round(input).elected), std::vector<std::string>({"A", "B"}));
}

TEST(ElectionCount, MajorityBaseRegisteredWithoutTheRollSizeIsRefused) {
  auto input = election(1, 2, {"A"});
  input.majority_base = MajorityBase::Registered;
  EXPECT_THROW(count_round(input), weizhi::voting::InvalidLine);
}

TEST(ElectionCount, HighestFirstUpToTheSeats) {
  // 6 returned: B 5 and A 4 are more than half; C 3 is not.
  auto result = count_round(election(2, 4, concat({repeat("AB", 3), repeat("CB", 2), repeat("AC", 1)})));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"B", "A"}));
  EXPECT_TRUE(result.runoff.empty());
}

TEST(ElectionCount, TieAtTheLastSeatSendsTheTiedToARunoff) {
  // 7 returned: B 6 elected; A and C have 4 each, both more than half, for the one seat left.
  auto result = count_round(election(2, 4, concat({repeat("AB", 3), repeat("CB", 3), repeat("AC", 1)})));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"B"}));
  EXPECT_EQ(result.runoff, std::vector<std::string>({"A", "C"}));
  EXPECT_EQ(result.runoff_seats, 1);
  EXPECT_EQ(result.vacant_seats, 0);
  EXPECT_TRUE(result.alternates.empty());
}

TEST(ElectionCount, TieAboveTheLastSeatElectsBoth) {
  auto result = count_round(election(2, 3, concat({repeat("AB", 3), repeat("C", 1)})));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B"}));
  EXPECT_TRUE(result.runoff.empty());
}

TEST(ElectionCount, RunoffElectsTheMostVotesAndTiesAgain) {
  auto input = election(1, 2, {"A", "B", "A"});
  input.kind = RoundKind::Runoff;
  EXPECT_EQ(names(count_round(input).elected), std::vector<std::string>({"A"}));
  input = election(1, 2, {"A", "B"});
  input.kind = RoundKind::Runoff;
  auto tied = count_round(input);
  EXPECT_TRUE(tied.elected.empty());
  EXPECT_EQ(tied.runoff, std::vector<std::string>({"A", "B"}));
}

TEST(ElectionCount, FurtherRoundNeedsAThirdOfBallotsReturned) {
  // 6 returned: A 3 (half, enough in a further round), B 2 (a third, enough), C 1 (not).
  auto input = election(3, 4, {"AB", "AB", "A", "C", "", ""});
  input.kind = RoundKind::Further;
  auto result = count_round(input);
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B"}));
  EXPECT_EQ(result.vacant_seats, 1);
}

TEST(ElectionCount, FurtherRoundCandidatesAreTheNextByVotes) {
  // 8 returned: A 4, B 4, D 3, C 2, E 1 — no one more than half, both seats empty.
  auto first = count_round(election(2, 5, concat({repeat("AB", 4), repeat("CD", 2), repeat("D", 1), repeat("E", 1)})));
  EXPECT_TRUE(first.elected.empty());
  EXPECT_EQ(first.vacant_seats, 2);
  EXPECT_EQ(further_round_candidates(first, 2), std::vector<std::string>({"A", "B", "D"}));
}

TEST(ElectionCount, TiedAlternatesNeedALotDrawing) {
  // 6 returned: A and B elected with 4; C and D tie with 2, a third of 6; E has none.
  auto result = count_round(election(2, 5, {"AB", "AB", "AB", "AC", "BD", "CD"}));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B"}));
  EXPECT_EQ(names(result.alternates), std::vector<std::string>({"C", "D"}));
  EXPECT_EQ(result.lot_needed, std::vector<std::string>({"C", "D"}));
}

TEST(ElectionCount, AlternatesNeedAThirdOfTheBaseRankedByVotes) {
  // 9 returned, 3 seats: A 6, B 6, C 5 elected; D 4 and E 3 reach a third; F 2 does not.
  auto result = count_round(election(3, 6, concat({repeat("ABC", 5), {"ABD", "DEF", "DEF", "DE"}})));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B", "C"}));
  EXPECT_EQ(names(result.alternates), std::vector<std::string>({"D", "E"}));
  EXPECT_TRUE(result.lot_needed.empty());
}

TEST(ElectionCount, LotDrawingOrdersTiedAlternates) {
  std::vector<CandidateVotes> alternates{{"C", 3}, {"D", 3}, {"E", 2}};
  auto ordered = apply_lot(alternates, {"D", "C"});
  EXPECT_EQ(names(ordered), std::vector<std::string>({"D", "C", "E"}));
  EXPECT_THROW(apply_lot(alternates, {"D", "E"}), weizhi::voting::InvalidLine);
  EXPECT_THROW(apply_lot(alternates, {"D"}), weizhi::voting::InvalidLine);
  EXPECT_THROW(apply_lot(alternates, {"D", "D"}), weizhi::voting::InvalidLine);
}

TEST(ElectionCount, SevenForFiveWithAlternates) {
  // 10 returned: A–E elected with 10 down to 6 votes; F 4 is an alternate, G 2 is below a third.
  auto result = count_round(election(
      5, 7, concat({repeat("ABCDE", 6), repeat("ABCDF", 1), repeat("ABCF", 1), repeat("ABFG", 1), repeat("AFG", 1)})));
  EXPECT_EQ(names(result.elected), std::vector<std::string>({"A", "B", "C", "D", "E"}));
  EXPECT_EQ(names(result.alternates), std::vector<std::string>({"F"}));
}

TEST(ElectionCount, BallotsNamingUnknownOrRepeatedCandidatesAreRefused) {
  auto input = election(1, 2, {"A"});
  input.ballots.push_back({{0, 0}, 7});
  try {
    count_round(input);
    FAIL();
  } catch (const weizhi::voting::InvalidLine& error) {
    EXPECT_EQ(error.line(), 7);
  }
}

TEST(ElectionCountFile, ParsesBallotsAndNamesTheBadLine) {
  std::vector<std::string> candidates{"张三", "李四", "王五"};
  auto ballots = parse_count_ballots(
      "\xEF\xBB\xBF"
      "ballot_id,choices\r\nb1,张三|李四\r\nb2,\n\nb3,王五\n",
      candidates);
  ASSERT_EQ(ballots.size(), 3u);
  EXPECT_EQ(ballots[0].choices, std::vector<std::size_t>({0, 1}));
  EXPECT_TRUE(ballots[1].choices.empty());
  EXPECT_EQ(ballots[2].line, 5);
  auto line_of = [&](std::string_view text) {
    try {
      parse_count_ballots(text, candidates);
    } catch (const weizhi::voting::InvalidLine& error) {
      return error.line();
    }
    return std::int64_t{-1};
  };
  EXPECT_EQ(line_of("b1,张三\nb1,李四\n"), 2);
  EXPECT_EQ(line_of("b1,张三\nb2,赵六\n"), 2);
  EXPECT_EQ(line_of("b1,张三|张三\n"), 1);
  EXPECT_EQ(line_of("b1\n"), 1);
  EXPECT_EQ(line_of(",张三\n"), 1);
}

TEST(ElectionCountFile, JsonHasTheDocumentedKeys) {
  auto json = weizhi::parse_json(count_json(count_round(election(1, 2, {"A", "A", "B"}))));
  EXPECT_EQ(json["valid_ballots"], 3);
  EXPECT_EQ(json["void_ballots"], 0);
  EXPECT_EQ(json["round_valid"], true);
  EXPECT_EQ(json["elected"][0]["candidate"], "A");
  EXPECT_EQ(json["elected"][0]["votes"], 2);
  EXPECT_TRUE(json["runoff"].empty());
  EXPECT_EQ(json["vacant_seats"], 0);
  EXPECT_EQ(json["alternates"][0]["candidate"], "B");
  EXPECT_TRUE(json["lot_needed"].empty());
}

TEST(CountElectionCommand, CountsAFileAndNamesTheBadLine) {
  char pattern[] = "/tmp/weizhi-count-election-XXXXXX";
  std::string folder = mkdtemp(pattern);
  std::string path = folder + "/ballots.csv";
  auto write = [&](const std::string& text) { std::ofstream(path, std::ios::binary) << text; };
  CountCommand command{2, "甲,乙,丙", path};
  write("ballot_id,choices\n1,甲|乙\n2,甲|丙\n3,甲|乙|丙\n");
  command.issued = 3;
  std::string output = count_election_file(command);
  // The keys come in the documented order.
  EXPECT_LT(output.find("valid_ballots"), output.find("void_ballots"));
  EXPECT_LT(output.find("round_valid"), output.find("elected"));
  EXPECT_LT(output.find("vacant_seats"), output.find("alternates"));
  auto json = weizhi::parse_json(output);
  EXPECT_EQ(json["void_ballots"], 1);
  EXPECT_EQ(json["elected"][0]["candidate"], "甲");
  command.issued = 2;
  EXPECT_FALSE(weizhi::parse_json(count_election_file(command))["round_valid"]);

  write("1,甲\n2,丁\n");
  try {
    count_election_file(command);
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()).rfind("ballots.csv line 2: ", 0), 0u) << error.what();
  }
  command.majority_base = "most";
  EXPECT_THROW(count_election_file(command), std::runtime_error);
  std::filesystem::remove_all(folder);
}
