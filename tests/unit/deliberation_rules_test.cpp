// Deliberation rules: the six steps only in their fixed order, the return from a failed vote to
// drafting, who a proposer is from their roles, overdue actions, exact cost in fen and input
// checks naming the field.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/org/org.hpp"
#include "tree_node.hpp"
#include "refusal.hpp"

using namespace weizhi::deliberation;
using weizhi::ApiError;
using weizhi::code_of;
using weizhi::parse_code;

namespace {

std::string outcome_of(const std::function<void()>& action) { return refusal_of(action, "accepted"); }

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.message();
  }
  return {};
}

const weizhi::org::Node kCompound = tree_node(3, weizhi::org::NodeKind::Compound, "/1/2/3/");

Topic topic_at(Step step) {
  Topic topic{};
  topic.id = 4;
  topic.step = step;
  return topic;
}

Plan plan(std::int64_t id, std::int64_t number) {
  Plan plan{};
  plan.id = id;
  plan.number = number;
  return plan;
}

MeetingInput meeting() {
  return MeetingInput{"2026-05-01", "党群服务站", {"王建国", "李秀英"}, 12, "纪要", {{"居民代表", "支持"}}, {}};
}

}  // namespace

TEST(DeliberationSteps, EachStepLeadsOnlyToTheNext) {
  EXPECT_EQ(outcome_of([] { check_advance(Step::Proposed, Step::Commenting); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Commenting, Step::Consulting); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Consulting, Step::Drafting); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Drafting, Step::Voting); }), "accepted");
  EXPECT_EQ(next_step(Step::Resolved), Step::Done);
  EXPECT_EQ(next_step(Step::Done), std::nullopt);
}

TEST(DeliberationSteps, SkippingOrGoingBackIsRefusedNamingBothStepsInChinese) {
  EXPECT_EQ(outcome_of([] { check_advance(Step::Proposed, Step::Consulting); }), "409 to");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Drafting, Step::Commenting); }), "409 to");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Commenting, Step::Commenting); }), "409 to");
  EXPECT_EQ(outcome_of([] { check_advance(Step::Done, Step::Commenting); }), "409 to");
  std::string message = message_of([] { check_advance(Step::Proposed, Step::Drafting); });
  EXPECT_NE(message.find("提出议题"), std::string::npos) << message;
  EXPECT_NE(message.find("拟定方案"), std::string::npos) << message;
}

TEST(DeliberationSteps, CodesRoundTrip) {
  for (Step step :
       {Step::Proposed, Step::Commenting, Step::Consulting, Step::Drafting, Step::Voting, Step::Resolved, Step::Done}) {
    EXPECT_EQ(parse_code(kSteps, code_of(kSteps, step)), step);
    EXPECT_FALSE(code_of(kStepLabels, step).empty());
  }
  EXPECT_EQ(parse_code(kSteps, "skipped"), std::nullopt);
  EXPECT_EQ(parse_code(kCategories, "elevator"), Category::Elevator);
  EXPECT_EQ(parse_code(kCategories, "gossip"), std::nullopt);
}

TEST(DeliberationReturnToDrafting, OnlyAfterACountedVoteThatFailed) {
  EXPECT_EQ(outcome_of([] { check_return_to_drafting(Step::Voting, VoteStatus{true, false}); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_return_to_drafting(Step::Voting, VoteStatus{true, true}); }), "409 ");
  EXPECT_EQ(outcome_of([] { check_return_to_drafting(Step::Voting, VoteStatus{false, false}); }), "409 ");
  EXPECT_EQ(outcome_of([] { check_return_to_drafting(Step::Voting, std::nullopt); }), "409 ");
  EXPECT_EQ(outcome_of([] { check_return_to_drafting(Step::Resolved, VoteStatus{true, false}); }), "409 ");
}

TEST(DeliberationProposer, CommissionerThenCommitteeThenStaffThenResident) {
  EXPECT_EQ(proposer_kind_of({"resident", "commissioner", "committee_member"}), ProposerKind::Commissioner);
  EXPECT_EQ(proposer_kind_of({"resident", "committee_member"}), ProposerKind::CommitteeMember);
  EXPECT_EQ(proposer_kind_of({"grid_member", "resident"}), ProposerKind::Staff);
  EXPECT_EQ(proposer_kind_of({"resident"}), ProposerKind::Resident);
  EXPECT_EQ(proposer_kind_of({}), ProposerKind::Resident);
}

TEST(DeliberationActions, OverdueWhenNotDoneAfterTheDueDay) {
  EXPECT_TRUE(is_overdue("2026-05-01", std::nullopt, "2026-05-02"));
  EXPECT_FALSE(is_overdue("2026-05-01", std::nullopt, "2026-05-01"));
  EXPECT_FALSE(is_overdue("2026-05-01", std::nullopt, "2026-04-30"));
  EXPECT_FALSE(is_overdue("2026-05-01", std::string("2026-05-10"), "2026-06-01"));
}

// An action's responsible person is one of the topic's compound: living there by the registry, or
// holding a part of it; anyone else is given by name.
TEST(DeliberationActions, TheResponsiblePersonBelongsToTheTopicsCompound) {
  EXPECT_EQ(outcome_of([] { check_action_owner("/1/4/9/", "/1/4/9/", false); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_action_owner("/1/4/9/30/31/", "/1/4/9/", false); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_action_owner("/1/4/12/", "/1/4/9/", true); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_action_owner("/1/4/12/", "/1/4/9/", false); }), "422 owner_person_id");
  // A path that only starts like the compound's is another node ("/1/4/90/" is not under "/1/4/9/").
  EXPECT_EQ(outcome_of([] { check_action_owner("/1/4/90/", "/1/4/9/", false); }), "422 owner_person_id");
  EXPECT_EQ(outcome_of([] { check_action_owner("", "/1/4/9/", false); }), "422 owner_person_id");
  EXPECT_NE(message_of([] { check_action_owner("/1/4/12/", "/1/4/9/", false); }).find("owner_name"), std::string::npos);
}

// A round table's members come from the topic's compound (docs/rules.md#j-round-table): living in it by the
// registry, or holding a part of it, or working for its community (home at the community itself); not from the
// community's other compounds. At most 30, each once.
TEST(DeliberationMeetings, RoundTableMembersAreOfTheTopicsCompound) {
  const std::string compound = "/1/4/9/";
  const std::optional<std::string> community = "/1/4/";
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/4/9/", compound, community, false); }), "accepted");
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/4/9/30/", compound, community, false); }), "accepted");
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/4/", compound, community, false); }), "accepted");
  EXPECT_EQ(outcome_of([&] { check_member(1, "/1/5/20/", compound, community, true); }), "accepted");
  EXPECT_EQ(outcome_of([&] { check_member(2, "/1/4/12/", compound, community, false); }), "422 members[2]");
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/4/90/", compound, community, false); }), "422 members[0]");
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/", compound, community, false); }), "422 members[0]");
  EXPECT_EQ(outcome_of([&] { check_member(0, "/1/4/", compound, std::nullopt, false); }), "422 members[0]");
  // An unknown person is refused as one of elsewhere, parts or not.
  EXPECT_EQ(outcome_of([&] { check_member(3, std::nullopt, compound, community, true); }), "422 members[3]");
  EXPECT_EQ(message_of([&] { check_member(3, std::nullopt, compound, community, false); }),
            message_of([&] { check_member(3, "/1/5/20/", compound, community, false); }));

  auto input = meeting();
  input.members = {7, 8, 9};
  EXPECT_EQ(outcome_of([&] { check_meeting(input); }), "accepted");
  input.members = {7, 8, 7};
  EXPECT_EQ(outcome_of([&] { check_meeting(input); }), "400 members[2]");
  input.members.clear();
  for (std::int64_t id = 1; id <= 30; ++id) input.members.push_back(id);
  EXPECT_EQ(outcome_of([&] { check_meeting(input); }), "accepted");
  input.members.push_back(31);
  EXPECT_EQ(outcome_of([&] { check_meeting(input); }), "400 members");
}

TEST(DeliberationCost, YuanBecomeExactFen) {
  EXPECT_EQ(parse_cost_fen("0"), 0);
  EXPECT_EQ(parse_cost_fen("1234"), 123400);
  EXPECT_EQ(parse_cost_fen("1234.5"), 123450);
  EXPECT_EQ(parse_cost_fen("1234.56"), 123456);
  EXPECT_EQ(parse_cost_fen("0.07"), 7);
  EXPECT_EQ(parse_cost_fen("1000000000"), 100'000'000'000);
  EXPECT_EQ(yuan_text(123450), "1234.50");
  EXPECT_EQ(yuan_text(7), "0.07");
}

TEST(DeliberationCost, SignsExponentsAndThirdDecimalsAreRefused) {
  for (const char* text :
       {"", "-1", "+1", "1.", ".5", "1.234", "1e5", "1,000", "１２", "1000000000.01", "99999999999999999999"}) {
    EXPECT_EQ(parse_cost_fen(text), std::nullopt) << text;
  }
}

TEST(DeliberationInput, BadFieldsAreNamed) {
  EXPECT_EQ(outcome_of([] { check_topic(TopicInput{1, {}, Category::Other, " ", "说明"}); }), "400 title");
  EXPECT_EQ(outcome_of([] {
              check_topic(TopicInput{1, {}, Category::Other, std::string(101, 'a'), "说明"});
            }),
            "400 title");
  // A hundred Chinese characters are a hundred characters, whatever their bytes.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "议";
  EXPECT_EQ(outcome_of([&] { check_topic(TopicInput{1, {}, Category::Other, hundred, "说明"}); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_topic(TopicInput{1, {}, Category::Other, "标题", ""}); }), "400 description");
  EXPECT_EQ(outcome_of([] { check_comment(""); }), "400 text");

  EXPECT_EQ(outcome_of([] { check_meeting(meeting()); }), "accepted");
  auto bad = meeting();
  bad.held_on = "2026-02-30";
  EXPECT_EQ(outcome_of([&] { check_meeting(bad); }), "400 held_on");
  bad = meeting();
  bad.attendee_count = 1;
  EXPECT_EQ(outcome_of([&] { check_meeting(bad); }), "400 attendee_count");
  bad = meeting();
  bad.positions.push_back({"物业", ""});
  EXPECT_EQ(outcome_of([&] { check_meeting(bad); }), "400 positions[1].position");

  EXPECT_EQ(outcome_of([] {
              check_plan(PlanInput{"方案", "内容", 100, {{"图", ""}}});
            }),
            "400 attachments[0].reference");
  EXPECT_EQ(outcome_of([] {
              check_action(ActionInput{"比价", std::nullopt, std::nullopt, "2026-05-01"});
            }),
            "400 owner_name");
  EXPECT_EQ(outcome_of([] { check_action(ActionInput{"比价", "王建国", 7, "2026-05-01"}); }), "400 owner_name");
  EXPECT_EQ(outcome_of([] { check_action(ActionInput{"比价", "王建国", std::nullopt, "5/1"}); }), "400 due_on");
}

TEST(DeliberationInput, WorkOutsideItsStepIsRefusedNamingTheStep) {
  EXPECT_EQ(outcome_of([] { check_step(Step::Commenting, Step::Commenting, "发表意见"); }), "accepted");
  std::string message = message_of([] { check_step(Step::Consulting, Step::Commenting, "发表意见"); });
  EXPECT_NE(message.find("广开言路"), std::string::npos) << message;
  EXPECT_NE(message.find("民主协商"), std::string::npos) << message;
}

TEST(DeliberationTopics, ATopicIsRaisedInAnExistingCompound) {
  EXPECT_EQ(outcome_of([] { check_topic_compound(kCompound); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_topic_compound(std::nullopt); }), "404 compound_id");
  EXPECT_EQ(outcome_of([] { check_topic_compound(tree_node(2, weizhi::org::NodeKind::Community, "/1/2/")); }),
            "422 compound_id");
}

TEST(DeliberationScope, TheWholeCompoundListsNoNodesAndAPartialScopeListsItsOwnOnce) {
  using weizhi::org::NodeKind;
  using weizhi::voting::ScopeKind;
  using weizhi::voting::VoteScope;
  auto building = tree_node(5, NodeKind::Building, "/1/2/3/5/");
  auto other = tree_node(6, NodeKind::Building, "/1/2/3/6/");
  EXPECT_EQ(outcome_of([] { check_scope(VoteScope{ScopeKind::Compound, {}}, {}, kCompound); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_scope(VoteScope{ScopeKind::Compound, {5}}, {}, kCompound); }), "400 scope.node_ids");
  EXPECT_EQ(outcome_of([] { check_scope(VoteScope{ScopeKind::Buildings, {}}, {}, kCompound); }), "400 scope.node_ids");
  EXPECT_EQ(outcome_of([&] {
              check_scope(VoteScope{ScopeKind::Buildings, {5, 6}}, {building, other}, kCompound);
            }),
            "accepted");
  EXPECT_EQ(outcome_of([&] {
              check_scope(VoteScope{ScopeKind::Buildings, {5, 5}}, {building, building}, kCompound);
            }),
            "400 scope.node_ids[0]");
  EXPECT_EQ(outcome_of([&] {
              check_scope(VoteScope{ScopeKind::Buildings, {5, 7}}, {building, std::nullopt}, kCompound);
            }),
            "404 scope.node_ids[1]");
  EXPECT_EQ(outcome_of([&] {
              check_scope(VoteScope{ScopeKind::Units, {5}}, {building}, kCompound);
            }),
            "422 scope.node_ids[0]");
  auto elsewhere = tree_node(8, NodeKind::Building, "/1/2/9/8/");
  EXPECT_EQ(outcome_of([&] {
              check_scope(VoteScope{ScopeKind::Buildings, {8}}, {elsewhere}, kCompound);
            }),
            "422 scope.node_ids[0]");
  EXPECT_EQ(scope_node_kind(ScopeKind::Parts), NodeKind::Part);
}

TEST(DeliberationSteps, OnlyTheOpenStepsAreReachedByAdvancing) {
  EXPECT_EQ(outcome_of([] { check_manual_advance(Step::Proposed, Step::Commenting); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_manual_advance(Step::Consulting, Step::Drafting); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_manual_advance(Step::Drafting, Step::Voting); }), "409 to");
  EXPECT_NE(message_of([] { check_manual_advance(Step::Drafting, Step::Voting); }).find("发起表决"), std::string::npos);
  EXPECT_NE(message_of([] { check_manual_advance(Step::Voting, Step::Resolved); }).find("形成决议"), std::string::npos);
  EXPECT_EQ(outcome_of([] { check_manual_advance(Step::Proposed, Step::Drafting); }).substr(0, 3), "409");
}

TEST(DeliberationVote, ADraftedTopicGoesToTheVoteAfterAMeetingWithOneOfItsPlans) {
  VoteSending facts{1, {plan(20, 1), plan(21, 2)}, 4};
  EXPECT_EQ(check_send_to_vote(topic_at(Step::Drafting), 21, facts).number, 2);
  EXPECT_EQ(outcome_of([&] { check_send_to_vote(topic_at(Step::Consulting), 21, facts); }).substr(0, 3), "409");
  VoteSending no_meeting = facts;
  no_meeting.meetings = 0;
  EXPECT_EQ(outcome_of([&] { check_send_to_vote(topic_at(Step::Drafting), 21, no_meeting); }), "409 ");
  VoteSending no_plan{1, {}, std::nullopt};
  EXPECT_EQ(outcome_of([&] { check_send_to_vote(topic_at(Step::Drafting), 21, no_plan); }), "409 ");
  VoteSending missing = facts;
  missing.plan_topic_id.reset();
  EXPECT_EQ(outcome_of([&] { check_send_to_vote(topic_at(Step::Drafting), 99, missing); }), "404 plan_id");
  VoteSending foreign = facts;
  foreign.plan_topic_id = 5;
  EXPECT_EQ(outcome_of([&] { check_send_to_vote(topic_at(Step::Drafting), 30, foreign); }), "422 plan_id");
}

TEST(DeliberationResolution, APassedCountedVoteIsResolvedWithASummary) {
  EXPECT_EQ(outcome_of([] { check_resolution(Step::Voting, "同意", VoteStatus{true, true}); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_resolution(Step::Drafting, "同意", VoteStatus{true, true}); }).substr(0, 3), "409");
  EXPECT_EQ(outcome_of([] { check_resolution(Step::Voting, " ", VoteStatus{true, true}); }), "400 summary");
  EXPECT_EQ(outcome_of([] {
              check_resolution(Step::Voting, std::string(5001, 'a'), VoteStatus{true, true});
            }),
            "400 summary");
  EXPECT_EQ(outcome_of([] { check_resolution(Step::Voting, "同意", std::nullopt); }), "409 ");
  EXPECT_EQ(outcome_of([] { check_resolution(Step::Voting, "同意", VoteStatus{false, false}); }), "409 ");
  EXPECT_NE(message_of([] {
              check_resolution(Step::Voting, "同意", VoteStatus{true, false});
            }).find("未获通过"),
            std::string::npos);
}

TEST(DeliberationActions, ACompletionHasADayAndAShortNote) {
  EXPECT_EQ(outcome_of([] { check_completion("2026-06-01", "已完成"); }), "accepted");
  EXPECT_EQ(outcome_of([] { check_completion("2026-06-31", ""); }), "400 done_on");
  EXPECT_EQ(outcome_of([] { check_completion("2026-06-01", std::string(2001, 'a')); }), "400 note");
}
