// Paper double entry, shared by votes and elections: what a clerk's entry of a paper form makes of
// the entries before it, and which entries are refused.
#include <gtest/gtest.h>

#include "core/paper_entry.hpp"

using namespace weizhi::paper_entry;
using weizhi::code_of;

namespace {

constexpr std::int64_t kClerkA = 11;
constexpr std::int64_t kClerkB = 12;
constexpr std::int64_t kClerkC = 13;

Form typed(std::vector<Entry> entries) { return Form{std::move(entries), false}; }

}  // namespace

TEST(PaperEntry, TheFirstEntryAwaitsASecondClerk) {
  Decision decision = enter(Form{}, kClerkA, "agree", WhenHeld::RefuseMoreEntries);
  EXPECT_FALSE(decision.refusal);
  EXPECT_EQ(decision.outcome, Outcome::AwaitingSecondEntry);
}

TEST(PaperEntry, ASecondEntryEqualToTheFirstCountsTheForm) {
  Decision decision = enter(typed({{kClerkA, "agree,oppose"}}), kClerkB, "agree,oppose", WhenHeld::RefuseMoreEntries);
  EXPECT_FALSE(decision.refusal);
  EXPECT_EQ(decision.outcome, Outcome::Counted);
}

TEST(PaperEntry, ASecondEntryThatDiffersHoldsTheFormForTheSupervisor) {
  Decision decision = enter(typed({{kClerkA, "agree,oppose"}}), kClerkB, "agree,agree", WhenHeld::TakeMoreEntries);
  EXPECT_FALSE(decision.refusal);
  EXPECT_EQ(decision.outcome, Outcome::Held);
}

TEST(PaperEntry, TheSameClerkCannotTypeAFormTwice) {
  EXPECT_EQ(enter(typed({{kClerkA, "agree"}}), kClerkA, "agree", WhenHeld::RefuseMoreEntries).refusal,
            Refusal::SameClerk);
  EXPECT_EQ(enter(typed({{kClerkA, "3"}, {kClerkB, "4"}}), kClerkB, "3", WhenHeld::TakeMoreEntries).refusal,
            Refusal::SameClerk);
}

TEST(PaperEntry, ACountedFormTakesNoMoreEntries) {
  Form counted{{{kClerkA, "3"}, {kClerkB, "3"}}, true};
  EXPECT_EQ(enter(counted, kClerkC, "3", WhenHeld::TakeMoreEntries).refusal, Refusal::AlreadyCounted);
  EXPECT_EQ(enter(counted, kClerkA, "3", WhenHeld::TakeMoreEntries).refusal, Refusal::AlreadyCounted);
}

TEST(PaperEntry, AHeldFormRefusesOrTakesMoreEntriesByPolicyAndStaysHeld) {
  Form form = typed({{kClerkA, "3"}, {kClerkB, "4"}});
  EXPECT_EQ(enter(form, kClerkC, "3", WhenHeld::RefuseMoreEntries).refusal, Refusal::HeldForSupervisor);
  Decision taken = enter(form, kClerkC, "3", WhenHeld::TakeMoreEntries);
  EXPECT_FALSE(taken.refusal);
  EXPECT_EQ(taken.outcome, Outcome::Held);  // even though it agrees with the first
}

TEST(PaperEntry, AFormIsHeldOnceTypedTwiceUntilItIsCounted) {
  EXPECT_FALSE(held(Form{}));
  EXPECT_FALSE(held(typed({{kClerkA, "3"}})));
  EXPECT_TRUE(held(typed({{kClerkA, "3"}, {kClerkB, "4"}})));
  EXPECT_FALSE(held(Form{{{kClerkA, "3"}, {kClerkB, "4"}}, true}));
}

TEST(PaperEntry, OutcomesHaveTheCodesTheApiAnswersWith) {
  EXPECT_EQ(code_of(kOutcomes, Outcome::AwaitingSecondEntry), "awaiting_second_entry");
  EXPECT_EQ(code_of(kOutcomes, Outcome::Counted), "counted");
  EXPECT_EQ(code_of(kOutcomes, Outcome::Held), "held");
}
