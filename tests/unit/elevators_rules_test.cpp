// Elevator-retrofit rules: a unit's eligibility with its reasons, money and weights read exactly,
// the cost split by floor weights and by area (Art. 283) summing exactly to the total, and the
// stage order.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"
#include "modules/elevators/rules.hpp"
#include "refusal.hpp"

using namespace weizhi::elevators;
using weizhi::ApiError;
using weizhi::code_of;

namespace {

std::string refusal(const std::function<void()>& action) { return refusal_of(action, "accepted"); }

std::map<std::int64_t, Weight> weights(const std::map<std::int64_t, std::string>& texts) {
  std::map<std::int64_t, Weight> parsed;
  for (const auto& [floor, text] : texts) parsed[floor] = parse_weight(text, "floor_weights");
  return parsed;
}

std::int64_t sum_of(const Split& split) {
  std::int64_t sum = 0;
  for (const auto& share : split.shares) sum += share.share_fen;
  return sum;
}

std::vector<std::int64_t> fen_of(const Split& split) {
  std::vector<std::int64_t> fen;
  for (const auto& share : split.shares) fen.push_back(share.share_fen);
  return fen;
}

// Two homes on each of four floors, 80 m² and 60 m².
std::vector<SharePart> four_floors() {
  std::vector<SharePart> parts;
  for (std::int64_t floor = 1; floor <= 4; ++floor) {
    parts.push_back(SharePart{floor * 10 + 1, std::to_string(floor) + "01", floor, 8000});
    parts.push_back(SharePart{floor * 10 + 2, std::to_string(floor) + "02", floor, 6000});
  }
  return parts;
}

}  // namespace

TEST(ElevatorEligibility, AFourFloorUnitWithoutElevatorAndSeveralOwnersIsEligible) {
  auto result = eligibility(UnitFacts{4, false, 6}, Policy{});
  EXPECT_TRUE(result.eligible);
  EXPECT_TRUE(result.reasons.empty());
}

TEST(ElevatorEligibility, EachFailedConditionGivesItsReason) {
  auto low = eligibility(UnitFacts{3, false, 6}, Policy{});
  EXPECT_FALSE(low.eligible);
  ASSERT_EQ(low.reasons.size(), 1u);
  EXPECT_NE(low.reasons[0].find("不足 4 层"), std::string::npos);
  auto all = eligibility(UnitFacts{std::nullopt, true, 1, false}, Policy{});
  ASSERT_EQ(all.reasons.size(), 4u);
  EXPECT_EQ(all.reasons[0], "楼栋层数未登记");
  EXPECT_EQ(all.reasons[1], "楼栋已有电梯");
  EXPECT_NE(all.reasons[2].find("集体土地"), std::string::npos);
  EXPECT_NE(all.reasons[3].find("1 位业主"), std::string::npos);
  auto collective = eligibility(UnitFacts{6, false, 6, false}, Policy{});
  EXPECT_FALSE(collective.eligible);
  EXPECT_EQ(collective.reasons.size(), 1u);
  EXPECT_EQ(eligibility(UnitFacts{6, false, 0}, Policy{}).reasons, std::vector<std::string>{"单元尚无登记业主"});
}

TEST(ElevatorEligibility, MinimumFloorsIsTheStreetsPolicy) {
  EXPECT_FALSE(eligibility(UnitFacts{4, false, 6}, Policy{5, 5}).eligible);
  EXPECT_TRUE(eligibility(UnitFacts{3, false, 6}, Policy{3, 5}).eligible);
  EXPECT_EQ(refusal([] { check_policy(Policy{1, 5}); }), "400 min_floors");
  EXPECT_EQ(refusal([] { check_policy(Policy{4, 0}); }), "400 group_size");
  EXPECT_EQ(refusal([] { check_policy(Policy{4, 5, 0}); }), "400 publicity_days");
  EXPECT_EQ(refusal([] { check_policy(Policy{4, 5, 61}); }), "400 publicity_days");
}

TEST(ElevatorMoney, YuanAndWeightsAreReadExactly) {
  EXPECT_EQ(parse_yuan("586000", "total_yuan"), 58600000);
  EXPECT_EQ(parse_yuan("0.1", "total_yuan"), 10);
  EXPECT_EQ(parse_yuan("1234.56", "total_yuan"), 123456);
  EXPECT_EQ(refusal([] { parse_yuan("12.345", "total_yuan"); }), "400 total_yuan");
  EXPECT_EQ(refusal([] { parse_yuan("-5", "total_yuan"); }), "400 total_yuan");
  EXPECT_EQ(refusal([] { parse_yuan("99999999999999999999", "total_yuan"); }), "400 total_yuan");
  EXPECT_EQ(yuan_text(123405), "1234.05");
  EXPECT_EQ(yuan_text(7), "0.07");
  Weight half = parse_weight("0.5", "w");
  EXPECT_EQ(half.scaled, 5);
  EXPECT_EQ(half.decimals, 1);
  EXPECT_EQ(refusal([] { parse_weight("1e3", "floor_weights.2"); }), "400 floor_weights.2");
  EXPECT_EQ(refusal([] { parse_weight("1000.5", "w"); }), "400 w");
}

TEST(ElevatorCostSplit, EachPartBearsItsFloorsWeight) {
  // Weights 0 : 0.5 : 1 : 1.5 over two homes per floor: 6 weight units in all.
  auto split = split_cost(600000, weights({{1, "0"}, {2, "0.5"}, {3, "1"}, {4, "1.5"}}), four_floors());
  EXPECT_EQ(split.method, Method::Floor);
  EXPECT_EQ(fen_of(split), (std::vector<std::int64_t>{0, 0, 50000, 50000, 100000, 100000, 150000, 150000}));
  EXPECT_EQ(split.shares[2].weight, "0.5");
}

TEST(ElevatorCostSplit, WithoutAnAgreementTheAreaDecides) {
  // 8 × 80 m² and 8 × 60 m² would be even; here four parts of 80 and four of 60 m²: 560 m².
  auto split = split_cost(5600000, std::nullopt, four_floors());
  EXPECT_EQ(split.method, Method::Area);
  EXPECT_EQ(fen_of(split), (std::vector<std::int64_t>{800000, 600000, 800000, 600000, 800000, 600000, 800000, 600000}));
  EXPECT_FALSE(split.shares[0].weight);
}

TEST(ElevatorCostSplit, LeftoverFenGoToTheLargestRemaindersThenTheSmallerPartId) {
  std::vector<SharePart> three{{7, "101", 1, 100}, {3, "102", 1, 100}, {5, "201", 2, 100}};
  auto split = split_cost(100, std::nullopt, three);
  // 33.33 each: the one fen left goes to the smallest part id, 3; shares are listed by id.
  EXPECT_EQ(split.shares[0].part.part_id, 3);
  EXPECT_EQ(fen_of(split), (std::vector<std::int64_t>{34, 33, 33}));
  std::vector<SharePart> uneven{{1, "101", 1, 100}, {2, "201", 2, 200}, {3, "301", 3, 400}};
  // 1/7, 2/7, 4/7 of 10 fen: 1.43, 2.86, 5.71 → floors 1, 2, 5 and the fen left to .86 and .71.
  EXPECT_EQ(fen_of(split_cost(10, std::nullopt, uneven)), (std::vector<std::int64_t>{1, 3, 6}));
}

TEST(ElevatorCostSplit, SharesAlwaysSumExactlyToTheTotal) {
  auto floors = weights({{1, "0"}, {2, "0.333333"}, {3, "0.7"}, {4, "1.25"}});
  for (std::int64_t total : {1LL, 7LL, 99LL, 58600001LL, 999999999999LL}) {
    EXPECT_EQ(sum_of(split_cost(total, floors, four_floors())), total) << total;
    EXPECT_EQ(sum_of(split_cost(total, std::nullopt, four_floors())), total) << total;
  }
}

TEST(ElevatorCostSplit, FloorWeightsMustFitTheUnit) {
  auto parts = four_floors();
  EXPECT_EQ(refusal([&] {
              check_floor_weights(weights({{1, "0"}, {2, "1"}, {3, "1"}, {4, "1"}}), parts, 4);
            }),
            "accepted");
  EXPECT_EQ(refusal([&] {
              check_floor_weights(weights({{1, "0"}, {2, "1"}, {3, "1"}}), parts, 4);
            }),
            "400 floor_weights");
  EXPECT_EQ(refusal([&] {
              check_floor_weights(weights({{1, "0"}, {2, "1"}, {3, "1"}, {4, "1"}, {6, "2"}}), parts, 4);
            }),
            "400 floor_weights");
  EXPECT_EQ(refusal([&] {
              check_floor_weights(weights({{1, "0"}, {2, "0"}, {3, "0"}, {4, "0"}}), parts, 4);
            }),
            "400 floor_weights");
  EXPECT_EQ(refusal([] { split_cost(100, std::nullopt, {}); }), "409 ");
}

namespace {

// A project whose design was publicised from 1 to 10 January 2026.
Project publicised() {
  Project project{1, 2, 3, "加装电梯", Stage::Design, 4, "2025-12-01T00:00:00Z", "2026-01-01", "2026-01-10"};
  return project;
}

std::string advance_refusal(Stage from, Stage to, ConsentFacts consent, const std::string& on = "2026-02-01",
                            Project project = publicised()) {
  return refusal([&] { check_advance(from, to, consent, project, on); });
}

}  // namespace

TEST(ElevatorStages, AProjectMovesOneStageAtATime) {
  ConsentFacts passed{true, true};
  EXPECT_EQ(advance_refusal(Stage::Consent, Stage::Design, passed), "accepted");
  EXPECT_EQ(advance_refusal(Stage::Design, Stage::Approval, passed), "accepted");
  EXPECT_EQ(advance_refusal(Stage::Acceptance, Stage::InService, passed), "accepted");
  EXPECT_EQ(advance_refusal(Stage::Proposal, Stage::Design, passed), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Design, Stage::Construction, passed), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Approval, Stage::Design, passed), "409 to");
  EXPECT_EQ(advance_refusal(Stage::InService, Stage::InService, passed), "409 to");
}

TEST(ElevatorStages, ConsentIsEnteredByTheVoteAndLeftOnlyWhenItPassed) {
  EXPECT_EQ(advance_refusal(Stage::Proposal, Stage::Consent, ConsentFacts{}), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Consent, Stage::Design, ConsentFacts{false, false}), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Consent, Stage::Design, ConsentFacts{true, false}), "409 to");
}

TEST(ElevatorStages, ApprovalWaitsUntilTheDesignsPublicityHasEnded) {
  ConsentFacts passed{true, true};
  Project never = publicised();
  never.publicity_starts_on.reset();
  never.publicity_ends_on.reset();
  EXPECT_EQ(advance_refusal(Stage::Design, Stage::Approval, passed, "2026-02-01", never), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Design, Stage::Approval, passed, "2026-01-10"), "409 to");
  EXPECT_EQ(advance_refusal(Stage::Design, Stage::Approval, passed, "2026-01-11"), "accepted");
  EXPECT_EQ(publicity_last_day("2026-01-01", 10), "2026-01-10");
  EXPECT_EQ(publicity_last_day("2026-02-25", 7), "2026-03-03");
  EXPECT_EQ(publicity_last_day("2026-03-01", 1), "2026-03-01");
  EXPECT_EQ(refusal([] { check_publicity(Stage::Design); }), "accepted");
  EXPECT_EQ(refusal([] { check_publicity(Stage::Approval); }), "409 stage");
}

TEST(ElevatorStages, WithdrawalIsPossibleOnlyBeforeConstruction) {
  EXPECT_EQ(advance_refusal(Stage::Consent, Stage::Withdrawn, ConsentFacts{}), "accepted");
  EXPECT_EQ(advance_refusal(Stage::Construction, Stage::Withdrawn, ConsentFacts{}), "409 to");
  EXPECT_EQ(refusal([] { check_open(Stage::Withdrawn); }), "409 stage");
}

TEST(ElevatorRecords, GroupContractAndMediationChecksNameTheField) {
  EXPECT_EQ(refusal([] { check_members({}); }), "400 members");
  EXPECT_EQ(refusal([] { check_members({Member{std::nullopt, "", "组长"}}); }), "400 members[0].name");
  EXPECT_EQ(refusal([] { check_members({Member{1, "", "组长"}, Member{1, "", "成员"}}); }), "400 members[1].person_id");
  EXPECT_EQ(refusal([] { check_members({Member{std::nullopt, "陈建华", ""}}); }), "400 members[0].role");
  Contract contract{"某电梯公司", "2025-01-01", 15, 2, 680000, 30, "", ""};
  EXPECT_EQ(contract_label(contract), "15+2");
  EXPECT_EQ(refusal([&] { check_contract(contract); }), "accepted");
  contract.maintenance_years = 0;
  EXPECT_EQ(refusal([&] { check_contract(contract); }), "400 maintenance_years");
  MediationInput mediation{"2025-03-01", MediationLevel::Community, {"一楼住户"}, std::nullopt, "调解员",
                           "采光",       MediationOutcome::Agreed,  std::nullopt};
  EXPECT_EQ(refusal([&] { check_mediation(mediation); }), "400 agreement");
  mediation.parties.clear();
  EXPECT_EQ(refusal([&] { check_mediation(mediation); }), "400 parties");
}

// The working group's registry members are owners of the unit; its mediators from the registry
// live in the project's community. Anyone else is given by name.
TEST(ElevatorRecords, RegistryMembersOwnInTheUnitAndMediatorsLiveInTheCommunity) {
  std::vector<std::int64_t> owners{11, 12};
  EXPECT_EQ(refusal([&] {
              check_member_owners({Member{11, "", "组长"}, Member{std::nullopt, "陈建华", "成员"}}, owners);
            }),
            "accepted");
  EXPECT_EQ(refusal([&] {
              check_member_owners({Member{11, "", "组长"}, Member{951, "", "成员"}}, owners);
            }),
            "422 members[1].person_id");
  EXPECT_EQ(refusal([] { check_member_owners({Member{11, "", "组长"}}, {}); }), "422 members[0].person_id");
  EXPECT_EQ(refusal([] { check_mediator_home("/1/4/9/30/", "/1/4/"); }), "accepted");
  EXPECT_EQ(refusal([] { check_mediator_home("/1/5/12/", "/1/4/"); }), "422 mediator_person_id");
  // Ids that only begin alike ("/1/40/" and "/1/4/") are another community.
  EXPECT_EQ(refusal([] { check_mediator_home("/1/40/", "/1/4/"); }), "422 mediator_person_id");
  EXPECT_EQ(refusal([] { check_mediator_home("", "/1/4/"); }), "422 mediator_person_id");
}

TEST(ElevatorStages, AStageDayIsARealDayNotBeforeThePreviousStage) {
  EXPECT_EQ(refusal([] { check_stage_day("2026-05-01", std::nullopt); }), "accepted");
  EXPECT_EQ(refusal([] { check_stage_day("2026-05-01", std::string("2026-05-01")); }), "accepted");
  EXPECT_EQ(refusal([] { check_stage_day("2026-04-30", std::string("2026-05-01")); }), "400 on");
  EXPECT_EQ(refusal([] { check_stage_day("2026-02-30", std::nullopt); }), "400 on");
}

TEST(ElevatorProjects, ARequestHasADayAndAnOptionalTitleOfAtMost200Bytes) {
  EXPECT_EQ(refusal([] { check_project_request(std::nullopt, "2026-05-01"); }), "accepted");
  EXPECT_EQ(refusal([] { check_project_request(std::string("3 幢 2 单元加装电梯"), "2026-05-01"); }), "accepted");
  EXPECT_EQ(refusal([] { check_project_request(std::string(" "), "2026-05-01"); }), "400 title");
  EXPECT_EQ(refusal([] { check_project_request(std::string(201, 'a'), "2026-05-01"); }), "400 title");
  EXPECT_EQ(refusal([] { check_project_request(std::nullopt, "5/1"); }), "400 on");
}

TEST(ElevatorProjects, AnEligibleUnitWithoutAProjectMayStartOne) {
  UnitRecord unit{};
  Eligibility eligible{true, {}};
  EXPECT_EQ(refusal([&] { check_unit_free(unit, eligible); }), "accepted");
  Eligibility refused{false, {"已有电梯", "不足四层"}};
  try {
    check_unit_free(unit, refused);
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 409);
    EXPECT_EQ(error.field(), "unit_id");
    EXPECT_NE(error.message().find("已有电梯；不足四层"), std::string::npos);
  }
  unit.project_id = 12;
  EXPECT_EQ(refusal([&] { check_unit_free(unit, eligible); }), "409 unit_id");
}

TEST(ElevatorStages, TheConsentVoteStartsFromTheProposal) {
  EXPECT_EQ(refusal([] { check_consent_start(Stage::Proposal); }), "accepted");
  EXPECT_EQ(refusal([] { check_consent_start(Stage::Consent); }), "409 stage");
}

TEST(ElevatorStages, ThePublicityStartsNoEarlierThanTheDesign) {
  EXPECT_EQ(refusal([] { check_publicity_start("2026-06-01", "2026-06-01"); }), "accepted");
  EXPECT_EQ(refusal([] { check_publicity_start("2026-05-31", "2026-06-01"); }), "400 starts_on");
}

TEST(ElevatorStages, EachStageIsDueAfterTheDaysItUsuallyTakes) {
  EXPECT_EQ(stage_due_on(Stage::Proposal, "2026-03-01"), "2026-03-31");
  EXPECT_EQ(stage_due_on(Stage::Design, "2026-03-01"), "2026-04-30");
  EXPECT_EQ(stage_due_on(Stage::Construction, "2026-03-01"), "2026-05-30");
  EXPECT_EQ(stage_due_on(Stage::InService, "2026-03-01"), std::nullopt) << "in service ends the way";
  EXPECT_EQ(stage_due_on(Stage::Withdrawn, "2026-03-01"), std::nullopt);
  EXPECT_EQ(stage_due_on(Stage::Approval, "not a day"), std::nullopt);
  EXPECT_EQ(code_of(kStageNames, Stage::Consent), "意见征询");
}
