// Election rules: steps open in order after sign-off and what opening each sets up, what each sign-off
// needs, publicity windows, the frozen roll by policy, nominations and vetting, visits and complaints,
// ballot tokens and choices, paper ballots typed twice, the ballot box's hash, a round's count, lot
// drawings, and the committee a filed result makes.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/elections/rules.hpp"
#include "refusal.hpp"
#include "tree_node.hpp"

using namespace weizhi::elections;
using weizhi::code_of;

namespace {

int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const weizhi::ApiError& error) {
    return error.status();
  }
  return 0;
}

// A running election of five seats at `step`, with the default step names.
Election at_step(std::int64_t step) {
  return Election{1,
                  7,
                  "选举",
                  5,
                  RollPolicy::Household,
                  MajorityBase::Returned,
                  default_step_names(),
                  step,
                  ElectionState::Running};
}

Election filed() {
  Election election = at_step(kFiling);
  election.state = ElectionState::Filed;
  return election;
}

// Round `number` of candidates 11, 12 and 13, counted when `result` is given.
Round round_of(std::int64_t number, std::optional<std::string> result = std::nullopt) {
  return Round{number, RoundKind::First, 2, {11, 12, 13}, std::move(result), std::nullopt};
}

// Candidate `id` of person id + 90, approved unless said otherwise.
Candidate candidate(std::int64_t id, const std::string& origin = "", Vetting vetting = Vetting::Approved) {
  return Candidate{id, id + 90, "候选人", false, Nomination::Self, "", origin, vetting, std::nullopt};
}

// "runoff for 1 of 12,13": the kind, seats and candidates of the round a count calls for.
std::string described(const std::optional<NextRound>& next) {
  if (!next) return "none";
  return code_of(kRoundKinds, next->kind) + " for " + std::to_string(next->seats) + " of " +
         choices_text(next->candidate_ids);
}

}  // namespace

TEST(ElectionSteps, OpenOnlyTheNextStepAfterSignOff) {
  EXPECT_EQ(status_of([] { check_open(1, true, 2); }), 0);
  EXPECT_EQ(status_of([] { check_open(1, false, 2); }), 409);  // unsigned
  EXPECT_EQ(status_of([] { check_open(1, true, 3); }), 409);   // skipping
  EXPECT_EQ(status_of([] { check_open(2, true, 2); }), 409);   // again
  EXPECT_EQ(status_of([] { check_open(7, true, 8); }), 409);
}

TEST(ElectionSteps, PublicityMustRunOutBeforeSignOff) {
  SignOffFacts facts{kPublicity};
  facts.publicity_ends_on = "2021-03-10";
  facts.today = "2021-03-10";
  EXPECT_EQ(status_of([&] { check_sign_off(facts); }), 409);
  facts.today = "2021-03-11";
  EXPECT_EQ(status_of([&] { check_sign_off(facts); }), 0);
  facts.already_signed = true;
  EXPECT_EQ(status_of([&] { check_sign_off(facts); }), 409);
}

TEST(ElectionSteps, EachSignOffNeedsItsFacts) {
  SignOffFacts registration{kRegistration};
  EXPECT_EQ(status_of([&] { check_sign_off(registration); }), 409);
  registration.voters = 1;
  EXPECT_EQ(status_of([&] { check_sign_off(registration); }), 0);

  SignOffFacts nomination{kNomination};
  nomination.seats = 5;
  nomination.candidates_approved = 7;
  nomination.candidates_pending = 1;
  EXPECT_EQ(status_of([&] { check_sign_off(nomination); }), 409);
  nomination.candidates_pending = 0;
  EXPECT_EQ(status_of([&] { check_sign_off(nomination); }), 0);
  nomination.candidates_approved = 5;  // not differential
  EXPECT_EQ(status_of([&] { check_sign_off(nomination); }), 409);

  SignOffFacts voting{kVoting};
  EXPECT_EQ(status_of([&] { check_sign_off(voting); }), 409);
  voting.final_count = true;
  EXPECT_EQ(status_of([&] { check_sign_off(voting); }), 0);

  SignOffFacts filing{kFiling};
  filing.unanswered_complaints = 1;
  EXPECT_EQ(status_of([&] { check_sign_off(filing); }), 409);
}

TEST(ElectionSteps, PublicityStepsAndTheirLastDay) {
  EXPECT_TRUE(has_publicity(kPublicity));
  EXPECT_TRUE(has_publicity(kVetting));
  EXPECT_TRUE(has_publicity(kFiling));
  EXPECT_FALSE(has_publicity(kVoting));
  EXPECT_EQ(publicity_end("2021-03-01", 10), "2021-03-10");
  EXPECT_EQ(publicity_end("2021-02-25", 10), "2021-03-06");
  EXPECT_TRUE(is_date("2024-02-29"));
  EXPECT_FALSE(is_date("2023-02-29"));
}

TEST(ElectionRoll, OneRepresentativePerHousehold) {
  std::vector<Household> links{
      {100, 7, true, false, 1960},  {100, 5, true, false, 1970},   // two owners: the smaller id
      {101, 9, true, true, 1980},   {101, 3, true, false, 1950},   // the designated voter wins
      {102, 8, false, false, 2015}, {102, 6, false, false, 1990},  // residents only: smaller id
      {103, 5, true, false, 1970},                                 // the same owner once
  };
  EXPECT_EQ(roll_of(links, RollPolicy::Household, 2021), std::vector<std::int64_t>({5, 6, 9}));
}

TEST(ElectionRoll, EveryAdultResident) {
  std::vector<Household> links{{100, 7, true, false, 1960},
                               {102, 8, false, false, 2004},
                               {102, 4, false, false, 2005},
                               {103, 2, false, false, std::nullopt}};
  // Born 2004 is 18 in 2022; born 2005 is not; an unknown birth year is included.
  EXPECT_EQ(roll_of(links, RollPolicy::AdultResidents, 2022), std::vector<std::int64_t>({2, 7, 8}));
}

TEST(ElectionBallot, ChoicesMustBeCandidatesOfTheRoundOnce) {
  std::vector<std::int64_t> candidates{11, 12, 13};
  EXPECT_EQ(choice_indexes({13, 11}, candidates, "choices"), std::vector<std::size_t>({2, 0}));
  EXPECT_EQ(status_of([&] { choice_indexes({14}, candidates, "choices"); }), 400);
  EXPECT_EQ(status_of([&] { choice_indexes({11, 11}, candidates, "choices"); }), 400);
  EXPECT_EQ(parse_choices_text(choices_text({3, 8, 12})), std::vector<std::int64_t>({3, 8, 12}));
  EXPECT_EQ(parse_choices_text(""), std::vector<std::int64_t>());
  EXPECT_FALSE(parse_choices_text("3,,8"));
  EXPECT_FALSE(parse_choices_text("3,x"));
}

TEST(ElectionBallot, TheBallotBoxHashChangesWithAnyBallotItsOrderOrItsCount) {
  std::vector<SealedBallot> box{{"0A1B-2C3D", "online", "11,12", "2026-03-01"},
                                {"7F00-0001", "paper", "13", "2026-03-01"}};
  std::string sealed = ballot_box_hash(box);
  EXPECT_EQ(sealed.size(), 64u);
  EXPECT_EQ(ballot_box_hash(box), sealed);
  EXPECT_EQ(ballot_box_hash({}), "");
  auto changed = box;
  changed[1].choices = "12";
  EXPECT_NE(ballot_box_hash(changed), sealed);
  changed = box;
  changed[0].cast_on = "2026-03-02";
  EXPECT_NE(ballot_box_hash(changed), sealed);
  EXPECT_NE(ballot_box_hash({box[1], box[0]}), sealed);
  EXPECT_NE(ballot_box_hash({box[0]}), sealed);
  // Fields are separated: moving a character from one field to the next changes the hash.
  EXPECT_NE(ballot_box_hash({{"0A1B-2C3D", "online", "11,1", "2,2026-03-01"}, box[1]}), sealed);
}

TEST(ElectionInput, TitleSeatsAndStepNames) {
  ElectionInput input{1, "选举", 5};
  EXPECT_EQ(status_of([&] { check_election_input(input); }), 0);
  input.seats = 0;
  EXPECT_EQ(status_of([&] { check_election_input(input); }), 400);
  input.seats = 5;
  input.step_names = {"一", "二"};
  EXPECT_EQ(status_of([&] { check_election_input(input); }), 400);
  EXPECT_EQ(default_step_names().size(), 7u);
}

TEST(ElectionSteps, AFiledElectionChangesNoMore) {
  EXPECT_EQ(status_of([] { check_running(at_step(kFiling)); }), 0);
  EXPECT_EQ(status_of([] { check_running(filed()); }), 409);
}

TEST(ElectionSteps, OnlyTheCurrentStepOfARunningElectionIsSignedOff) {
  EXPECT_EQ(status_of([] { check_sign_off_step(at_step(kNomination), kNomination); }), 0);
  EXPECT_EQ(status_of([] { check_sign_off_step(at_step(kNomination), kRegistration); }), 409);
  EXPECT_EQ(refusal_of([] { check_sign_off_step(at_step(kNomination), kVetting); }), "409 step");
  EXPECT_EQ(status_of([] { check_sign_off_step(filed(), kFiling); }), 409);
}

TEST(ElectionCandidates, APersonOfTheCompoundIsNominatedOnceDuringNomination) {
  NomineeFacts nominee{true, true, false};
  EXPECT_EQ(status_of([&] { check_nomination(at_step(kNomination), nominee); }), 0);
  EXPECT_EQ(status_of([&] { check_nomination(at_step(kVetting), nominee); }), 409);
  EXPECT_EQ(status_of([] { check_nomination(at_step(kNomination), NomineeFacts{false, false, false}); }), 404);
  EXPECT_EQ(status_of([] { check_nomination(at_step(kNomination), NomineeFacts{true, false, false}); }), 422);
  EXPECT_EQ(refusal_of([] {
              check_nomination(at_step(kNomination), NomineeFacts{true, false, false});
            }),
            "422 person_id");
  EXPECT_EQ(status_of([] { check_nomination(at_step(kNomination), NomineeFacts{true, true, true}); }), 409);
}

TEST(ElectionCandidates, CandidatesAreVettedInTheNominationAndVettingSteps) {
  std::vector<Candidate> candidates{candidate(11), candidate(12, "", Vetting::Pending)};
  EXPECT_EQ(status_of([&] { check_vetting(at_step(kNomination), candidates, 12); }), 0);
  EXPECT_EQ(status_of([&] { check_vetting(at_step(kVetting), candidates, 11); }), 0);
  EXPECT_EQ(status_of([&] { check_vetting(at_step(kVoting), candidates, 12); }), 409);
  Election filed_at_vetting = at_step(kVetting);
  filed_at_vetting.state = ElectionState::Filed;
  EXPECT_EQ(status_of([&] { check_vetting(filed_at_vetting, candidates, 12); }), 409);
}

TEST(ElectionCandidates, OnlyACandidateOfTheElectionIsVetted) {
  EXPECT_EQ(status_of([] { check_vetting(at_step(kVetting), {candidate(11)}, 13); }), 404);
  EXPECT_EQ(status_of([] { check_vetting(at_step(kVoting), {candidate(11)}, 13); }), 409);  // the step first
}

TEST(ElectionInput, AnElectionIsHeldInACompound) {
  using weizhi::org::NodeKind;
  EXPECT_EQ(status_of([] { check_election_compound(tree_node(7, NodeKind::Compound, "/1/4/7/")); }), 0);
  EXPECT_EQ(status_of([] { check_election_compound(tree_node(4, NodeKind::Community, "/1/4/")); }), 404);
  EXPECT_EQ(status_of([] { check_election_compound(std::nullopt); }), 404);
}

TEST(ElectionVisits, AVisitIsBetweenPeopleOfTheRegistry) {
  EXPECT_EQ(status_of([] { check_visit(true, true); }), 0);
  EXPECT_EQ(status_of([] { check_visit(true, false); }), 404);
  EXPECT_EQ(status_of([] { check_visit(false, true); }), 404);
}

TEST(ElectionComplaints, AComplaintIsAnsweredOnce) {
  Complaint waiting{3, kVoting, "计票有误", std::nullopt, "2026-03-01T00:00:00Z"};
  EXPECT_EQ(status_of([&] { check_answer(waiting); }), 0);
  Complaint answered = waiting;
  answered.answer = "已复核";
  EXPECT_EQ(status_of([&] { check_answer(answered); }), 404);
  EXPECT_EQ(status_of([] { check_answer(std::nullopt); }), 404);
}

TEST(ElectionSteps, OpeningAStepSetsUpItsPublicityItsRollOrItsFirstRound) {
  Election election = at_step(kPublicity);
  OpeningFacts facts{10,
                     {{100, 7, true, false, 1960}, {100, 5, true, false, 1970}, {101, 9, false, false, 2010}},
                     {candidate(11), candidate(12, "", Vetting::Rejected), candidate(13)}};
  StepOpening publicity = step_opening(election, kPublicity, "2021-03-01", facts);
  EXPECT_EQ(publicity.publicity_ends_on, "2021-03-10");
  EXPECT_TRUE(publicity.voters.empty());
  EXPECT_FALSE(publicity.first_round);

  StepOpening registration = step_opening(election, kRegistration, "2021-03-11", facts);
  EXPECT_FALSE(registration.publicity_ends_on);
  EXPECT_EQ(registration.voters, std::vector<std::int64_t>({5, 9}));
  election.roll_policy = RollPolicy::AdultResidents;
  EXPECT_EQ(step_opening(election, kRegistration, "2021-03-11", facts).voters, std::vector<std::int64_t>({5, 7}));

  EXPECT_EQ(step_opening(election, kVetting, "2021-04-01", facts).publicity_ends_on, "2021-04-10");
  StepOpening voting = step_opening(election, kVoting, "2021-04-11", facts);
  EXPECT_FALSE(voting.publicity_ends_on);
  EXPECT_TRUE(voting.voters.empty());
  EXPECT_EQ(described(voting.first_round), "first for 5 of 11,13");  // every approved candidate, every seat
}

TEST(ElectionBallot, BallotsGoToTheUncountedRoundOfTheVotingStep) {
  EXPECT_EQ(ballot_round(at_step(kVoting), round_of(2)).round, 2);
  EXPECT_EQ(status_of([] { ballot_round(at_step(kVoting), round_of(1, "{}")); }), 409);  // counted
  EXPECT_EQ(status_of([] { ballot_round(at_step(kVoting), std::nullopt); }), 409);
  EXPECT_EQ(status_of([] { ballot_round(at_step(kVetting), round_of(1)); }), 409);
}

TEST(ElectionBallot, ABallotIsCastWithATokenIssuedForTheRoundAndNotUsedInIt) {
  EXPECT_EQ(status_of([] { check_cast(round_of(2), TokenLine{2, 1}); }), 0);
  EXPECT_EQ(status_of([] { check_cast(round_of(2), TokenLine{2, 2}); }), 403);  // used
  EXPECT_EQ(status_of([] { check_cast(round_of(2), TokenLine{1, 0}); }), 403);  // issued for round 1
  EXPECT_EQ(status_of([] { check_cast(round_of(2), std::nullopt); }), 403);     // unknown
}

TEST(ElectionBallot, ATokenGoesToAVoterOnTheRollWhoHasNotVotedInTheRound) {
  EXPECT_EQ(status_of([] { check_token(round_of(2), 1); }), 0);  // voted in round 1 only
  EXPECT_EQ(status_of([] { check_token(round_of(2), 2); }), 409);
  EXPECT_EQ(status_of([] { check_token(round_of(2), std::nullopt); }), 403);
}

TEST(ElectionPaper, TheAccountOfPaperBallotsIsCountsUpToAMillion) {
  EXPECT_EQ(status_of([] { check_paper_account(120, 100, 3); }), 0);
  EXPECT_EQ(status_of([] { check_paper_account(1000000, 0, 0); }), 0);
  EXPECT_EQ(refusal_of([] { check_paper_account(-1, 0, 0); }), "400 issued");
  EXPECT_EQ(refusal_of([] { check_paper_account(0, 1000001, 0); }), "400 returned");
  EXPECT_EQ(refusal_of([] { check_paper_account(0, 0, -5); }), "400 spoiled");
}

TEST(ElectionPaper, ANumberedBallotIsTypedByTwoClerksAndAHeldOneTakesMoreEntries) {
  using weizhi::paper_entry::Form;
  using weizhi::paper_entry::Outcome;
  EXPECT_EQ(paper_ballot_outcome(Form{}, 21, {11, 12}), Outcome::AwaitingSecondEntry);
  Form once{{{21, "11,12"}}, false};
  EXPECT_EQ(paper_ballot_outcome(once, 22, {11, 12}), Outcome::Counted);
  EXPECT_EQ(paper_ballot_outcome(once, 22, {12, 11}), Outcome::Held);  // the order typed matters
  EXPECT_EQ(status_of([&] { paper_ballot_outcome(once, 21, {11, 12}); }), 409);
  EXPECT_EQ(refusal_of([&] { paper_ballot_outcome(once, 21, {11, 12}); }), "409 ballot_number");
  Form held{{{21, "11"}, {22, "12"}}, false};
  EXPECT_EQ(paper_ballot_outcome(held, 23, {11}), Outcome::Held);
  Form counted{{{21, "11"}, {22, "11"}}, true};
  EXPECT_EQ(status_of([&] { paper_ballot_outcome(counted, 23, {11}); }), 409);
}

TEST(ElectionPaper, TheSupervisorCountsOnlyAHeldBallot) {
  using weizhi::paper_entry::Form;
  EXPECT_EQ(status_of([] { check_held(Form{{{21, "11"}, {22, "12"}}, false}); }), 0);
  EXPECT_EQ(status_of([] { check_held(Form{{{21, "11"}}, false}); }), 404);
  EXPECT_EQ(status_of([] { check_held(Form{{{21, "11"}, {22, "12"}}, true}); }), 404);
  EXPECT_EQ(status_of([] { check_held(Form{}); }), 404);
}

TEST(ElectionCount, ARoundIsCountedOnlyWithEveryReturnedPaperBallotInItsBox) {
  EXPECT_EQ(status_of([] { check_paper_counted(std::nullopt, 0, 0); }), 0);    // online only
  EXPECT_EQ(status_of([] { check_paper_counted(std::nullopt, 3, 0); }), 409);  // typed, not accounted
  EXPECT_EQ(status_of([] { check_paper_counted(PaperAccount{40, 30}, 30, 30); }), 0);
  EXPECT_EQ(status_of([] { check_paper_counted(PaperAccount{40, 30}, 31, 29); }), 409);  // one still held
  EXPECT_EQ(status_of([] { check_paper_counted(PaperAccount{40, 0}, 0, 0); }), 0);
}

TEST(ElectionCount, AVoidRoundIsHeldAgainATieGoesToARunoffAndEmptySeatsToAFurtherRound) {
  Round first = round_of(1);  // 2 seats among 11, 12, 13
  CountResult void_round;
  void_round.round_void = RoundVoid::TurnoutNotMoreThanHalf;
  EXPECT_EQ(described(next_round(first, void_round)), "first for 2 of 11,12,13");

  CountResult tie;
  tie.elected = {{"11", 50}};
  tie.runoff = {"12", "13"};
  tie.runoff_seats = 1;
  EXPECT_EQ(described(next_round(first, tie)), "runoff for 1 of 12,13");

  CountResult empty_seat;
  empty_seat.tally = {{"11", 50}, {"12", 30}, {"13", 20}};
  empty_seat.elected = {{"11", 50}};
  empty_seat.vacant_seats = 1;
  EXPECT_EQ(described(next_round(first, empty_seat)), "further for 1 of 12,13");

  Round runoff_round{2, RoundKind::Runoff, 1, {12, 13}, std::nullopt, std::nullopt};
  EXPECT_EQ(described(next_round(runoff_round, empty_seat)), "none");  // only a first round calls a further one
  empty_seat.tally = {{"11", 50}, {"12", 30}};
  EXPECT_EQ(described(next_round(first, empty_seat)), "none");  // no more candidates than the empty seat

  CountResult filled;
  filled.elected = {{"11", 50}, {"12", 40}};
  EXPECT_EQ(described(next_round(first, filled)), "none");
}

TEST(ElectionCount, ARoundIsCountedOverItsBoxWithTheBallotsIssuedOnlineAndOnPaper) {
  RoundFacts facts;
  facts.paper_account = PaperAccount{2, 1};
  facts.paper_typed = 1;
  facts.paper_counted = 1;
  facts.voters = 6;
  facts.tokens_issued = 3;
  facts.ballots = {{"A", "online", "11,12", "2026-03-01"},
                   {"B", "online", "11,12", "2026-03-01"},
                   {"C", "online", "11,13", "2026-03-01"},
                   {"D", "paper", "11,12", "2026-03-01"}};
  RoundCount count = count_of_round(at_step(kVoting), round_of(1), facts);
  ASSERT_EQ(count.result.elected.size(), 2u);
  EXPECT_EQ(count.result.elected[0].candidate, "11");
  EXPECT_EQ(count.result.elected[1].candidate, "12");
  auto stored = nlohmann::json::parse(count.stored);
  EXPECT_EQ(stored["issued"], 5);  // three tokens and two paper ballots
  EXPECT_EQ(stored["returned"], 4);
  EXPECT_EQ(stored["elected"],
            nlohmann::json::parse(R"([{"candidate_id":11,"votes":4},{"candidate_id":12,"votes":3}])"));
  EXPECT_EQ(described(count.next), "none");

  facts.tokens_issued = 1;  // more returned than issued: void, held again
  EXPECT_EQ(described(count_of_round(at_step(kVoting), round_of(1), facts).next), "first for 2 of 11,12,13");

  RoundFacts unaccounted = facts;
  unaccounted.paper_account.reset();
  EXPECT_EQ(status_of([&] { count_of_round(at_step(kVoting), round_of(1), unaccounted); }), 409);
  Round as_many_candidates_as_seats{1, RoundKind::First, 3, {11, 12, 13}, std::nullopt, std::nullopt};
  EXPECT_EQ(status_of([&] { count_of_round(at_step(kVoting), as_many_candidates_as_seats, facts); }), 409);
}

TEST(ElectionCount, ALotOrdersOneTiedGroupOfACountedRoundAndIsKeptWithTheOthers) {
  std::string tied = R"({"alternates":[{"candidate_id":13,"votes":5},{"candidate_id":14,"votes":5}]})";
  Round counted = round_of(1, tied);
  EXPECT_EQ(lot_drawings_with(at_step(kVoting), counted, {14, 13}), "[[14,13]]");
  counted.lot_drawing = "[[14,13]]";
  EXPECT_EQ(lot_drawings_with(at_step(kFiling), counted, {13, 14}), "[[14,13],[13,14]]");
  EXPECT_EQ(refusal_of([&] { lot_drawings_with(at_step(kVoting), counted, {13}); }), "400 order");
  EXPECT_EQ(status_of([] { lot_drawings_with(at_step(kVoting), round_of(1), {14, 13}); }), 409);  // not counted
  EXPECT_EQ(status_of([] { lot_drawings_with(at_step(kVoting), std::nullopt, {14, 13}); }), 404);
  EXPECT_EQ(status_of([&] { lot_drawings_with(at_step(kVetting), counted, {14, 13}); }), 409);
}

TEST(ElectionFiling, TheElectedTheCommissionerByPolicyAndTheRankedAlternatesMakeTheCommittee) {
  using weizhi::committees::CommissionerJoins;
  using weizhi::committees::Origin;
  FilingFacts facts;
  facts.rounds = {Round{1,
                        RoundKind::First,
                        2,
                        {11, 12, 13, 14, 15},
                        R"({"round_valid":false,"elected":[{"candidate_id":15,"votes":9}],
           "alternates":[]})",
                        std::nullopt},
                  Round{2,
                        RoundKind::First,
                        2,
                        {11, 12, 13, 14, 15},
                        R"({"round_valid":true,
           "elected":[{"candidate_id":11,"votes":40},{"candidate_id":12,"votes":35}],
           "alternates":[{"candidate_id":13,"votes":20},{"candidate_id":14,"votes":20},{"candidate_id":15,"votes":18}]})",
                        "[[14,13]]"}};
  facts.candidates = {candidate(11, "social_worker"), candidate(12), candidate(13), candidate(14), candidate(15)};
  facts.commissioner = 105;  // candidate 15's person, an alternate
  auto people = [](const auto& entries) {
    std::vector<std::int64_t> ids;
    for (const auto& entry : entries) ids.push_back(entry.person_id);
    return ids;
  };

  EXPECT_FALSE(filing_at(kVoting, facts));
  auto filing = filing_at(kFiling, facts);
  ASSERT_TRUE(filing);
  EXPECT_EQ(people(filing->members), std::vector<std::int64_t>({101, 102, 105}));  // the void round elects no one
  EXPECT_EQ(filing->members[0].origin, Origin::SocialWorker);
  EXPECT_EQ(filing->members[0].votes, 40);
  EXPECT_EQ(filing->members[2].origin, Origin::Commissioner);  // ex officio
  EXPECT_FALSE(filing->members[2].votes);
  EXPECT_EQ(people(filing->alternates), std::vector<std::int64_t>({104, 103}));  // the lot drawn, the commissioner out
  EXPECT_EQ(filing->alternates[0].origin, Origin::EnthusiasticResident);

  facts.commissioner_joins = CommissionerJoins::IfElected;
  EXPECT_EQ(people(filing_at(kFiling, facts)->members), std::vector<std::int64_t>({101, 102}));
  facts.commissioner_joins = CommissionerJoins::ExOfficio;
  facts.commissioner = 101;  // elected: sits once, as elected
  EXPECT_EQ(people(filing_at(kFiling, facts)->members), std::vector<std::int64_t>({101, 102}));
  EXPECT_EQ(filing_at(kFiling, facts)->members[0].origin, Origin::SocialWorker);
}

TEST(ElectionToday, AStepIsReadyForSignOffWhenCheckSignOffWouldLetIt) {
  SignOffFacts publicity{kPublicity};
  publicity.publicity_ends_on = "2021-03-10";
  publicity.today = "2021-03-10";
  EXPECT_FALSE(ready_for_sign_off(publicity));
  publicity.today = "2021-03-11";
  EXPECT_TRUE(ready_for_sign_off(publicity));
  publicity.already_signed = true;
  EXPECT_FALSE(ready_for_sign_off(publicity));
  SignOffFacts registration{kRegistration};
  EXPECT_FALSE(ready_for_sign_off(registration)) << "an empty roll";
}

TEST(ElectionToday, APublicityPeriodIsShownFromThreeDaysBeforeItsLastDayOn) {
  EXPECT_FALSE(publicity_ending("2021-03-10", "2021-03-06"));
  EXPECT_TRUE(publicity_ending("2021-03-10", "2021-03-07"));
  EXPECT_TRUE(publicity_ending("2021-03-10", "2021-03-10"));
  EXPECT_TRUE(publicity_ending("2021-03-10", "2021-03-12")) << "over, the next step not yet open";
  EXPECT_TRUE(publicity_ending("2021-03-01", "2021-02-26")) << "across a month's end";
  EXPECT_FALSE(publicity_ending("2021-03-02", "2021-02-26"));
}
