// Election rules: steps open in order after sign-off, what each sign-off needs, publicity
// windows, the frozen roll by policy, ballot choices, and the shuffled slot of a secret ballot.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"
#include "modules/elections/rules.hpp"

using namespace weizhi::elections;

namespace {

int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const weizhi::ApiError& error) {
    return error.status();
  }
  return 0;
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
