// Property rules: the 统一社会信用代码 check character (GB 32100-2015), company checks, the vote a contract is
// adopted or ended by, contract terms, a cluster's operators, community moves and task moves.
#include <gtest/gtest.h>

#include "modules/property/rules.hpp"
#include "refusal.hpp"

using namespace weizhi::property;

namespace {

constexpr std::int64_t kCompound = 10;

VoteFacts passed_vote() { return VoteFacts{kCompound, 4, true, 2, true}; }

CompanyInput company() {
  return CompanyInput{"君尚物业", "91330105MA2H0JB1X8", Origin::Local, {"保洁"}, {{"王经理", "经理", "0571-1"}}, {}};
}

ContractTerms terms() {
  return ContractTerms{kCompound, 1,       "2025-01-01",      "2027-12-31",
                       1'200'000, 300'000, {"parking-order"}, {GateTier::Main}};
}

Contract contract(ContractState state) {
  Contract made{1,
                terms(),
                state,
                std::nullopt,
                std::nullopt,
                std::nullopt,
                std::nullopt,
                std::nullopt,
                "2025-01-01T00:00:00.000Z"};
  if (state != ContractState::Draft) made.adopted_on = "2025-01-10";
  return made;
}

Operator lead(std::int64_t id, std::int64_t company_id, const std::string& since,
              std::optional<std::string> until = std::nullopt) {
  return Operator{id, 1, company_id, OperatorRole::Lead, since, std::move(until), std::nullopt, std::nullopt};
}

Task task(Holder holder) {
  return Task{1, 1, TaskInput{"parking", "停车管理", holder, "2025-03-01", {"parking-order"}}, 0, ""};
}

}  // namespace

TEST(PropertyRulesTest, CreditCodeCheckCharacterFollowsTheStandard) {
  // By hand: the weights 3^i mod 31 are 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; over 1…9 0 1…7 the sum is
  // 1418 = 45 × 31 + 23, and 31 − 23 = 8.
  EXPECT_EQ(credit_code_check_character("12345678901234567"), '8');
  // A sum of 0 gives 31 − 0 = 31, written 0.
  EXPECT_EQ(credit_code_check_character("00000000000000000"), '0');
  // A published company's code, and ones whose check value is a letter (A is 10, … Y is 30).
  EXPECT_TRUE(credit_code_valid("914403001922038216"));
  EXPECT_TRUE(credit_code_valid("91330106MA27XNB40K"));
  EXPECT_TRUE(credit_code_valid("91330105MA2CDM8R1N"));
  EXPECT_TRUE(credit_code_valid("91330105MA2H0JB1X8"));
}

TEST(PropertyRulesTest, CreditCodesOfTheWrongShapeOrCheckAreRefused) {
  EXPECT_FALSE(credit_code_valid("914403001922038217")) << "another check character";
  EXPECT_FALSE(credit_code_valid("91330106MA27XNB40A"));
  EXPECT_FALSE(credit_code_valid("91330106ma27xnb40k")) << "lower case";
  EXPECT_FALSE(credit_code_valid("91330106MA27XNB4")) << "too short";
  EXPECT_FALSE(credit_code_valid("914403001922038216 ")) << "too long";
  EXPECT_FALSE(credit_code_valid(""));
  for (char letter : std::string("IOSVZ")) {
    std::string first = "9133010" + std::string(1, letter) + "MA27XNB40";
    EXPECT_EQ(credit_code_check_character(first), std::nullopt) << letter;
  }
  EXPECT_EQ(credit_code_check_character("1234567890123456"), std::nullopt);
}

TEST(PropertyRulesTest, CompanyChecksNameEachField) {
  EXPECT_EQ(refusal_of([] { check_company(company()); }), "");
  auto with = [](auto change) {
    CompanyInput input = company();
    change(input);
    return refusal_of([&] { check_company(input); });
  };
  EXPECT_EQ(with([](CompanyInput& c) { c.name = " "; }), "400 name");
  EXPECT_EQ(with([](CompanyInput& c) { c.name = std::string(101, 'a'); }), "400 name");
  EXPECT_EQ(with([](CompanyInput& c) { c.credit_code = "91330105MA2H0JB1X9"; }), "400 credit_code");
  EXPECT_EQ(with([](CompanyInput& c) { c.specialities = std::vector<std::string>(21, "x"); }), "400 specialities");
  EXPECT_EQ(with([](CompanyInput& c) { c.specialities = {"保洁", "保洁"}; }), "400 specialities");
  EXPECT_EQ(with([](CompanyInput& c) { c.specialities = {"保洁", ""}; }), "400 specialities[1]");
  EXPECT_EQ(with([](CompanyInput& c) { c.contacts[0].phone = ""; }), "400 contacts[0].phone");
  EXPECT_EQ(with([](CompanyInput& c) { c.contacts = std::vector<Contact>(11, {"a", "", "1"}); }), "400 contacts");
  EXPECT_EQ(with([](CompanyInput& c) { c.licence_photos = std::vector<std::string>(11, "p"); }), "400 licence_photos");
}

TEST(PropertyRulesTest, AContractVoteIsAPassedCountedMatterFourVoteOfItsCompound) {
  EXPECT_EQ(refusal_of([] { check_contract_vote(passed_vote(), kCompound, 2); }), "");
  auto with = [](auto change, std::int64_t item = 1) {
    VoteFacts vote = passed_vote();
    change(vote);
    return refusal_of([&] { check_contract_vote(vote, kCompound, item); });
  };
  EXPECT_EQ(with([](VoteFacts& v) { v.compound_node_id = 11; }), "422 vote_id");
  EXPECT_EQ(with([](VoteFacts& v) { v.matter = 2; }), "422 vote_id");
  EXPECT_EQ(with([](VoteFacts& v) { v.counted = false; }), "422 vote_id");
  EXPECT_EQ(with([](VoteFacts& v) { v.item_passed = false; }), "422 vote_item");
  EXPECT_EQ(with([](VoteFacts&) {}, 3), "422 vote_item");
  EXPECT_EQ(with([](VoteFacts&) {}, 0), "422 vote_item");
}

TEST(PropertyRulesTest, ContractTermsAreOrderedIntegerAndBounded) {
  EXPECT_EQ(refusal_of([] { check_contract_terms(terms()); }), "");
  auto with = [](auto change) {
    ContractTerms input = terms();
    change(input);
    return refusal_of([&] { check_contract_terms(input); });
  };
  EXPECT_EQ(with([](ContractTerms& t) { t.starts_on = "2025-02-30"; }), "400 starts_on");
  EXPECT_EQ(with([](ContractTerms& t) { t.ends_on = t.starts_on; }), "400 ends_on");
  EXPECT_EQ(with([](ContractTerms& t) { t.base_fen = -1; }), "400 base_fen");
  EXPECT_EQ(with([](ContractTerms& t) { t.pool_fen = 10'000'000'001; }), "400 pool_fen");
  EXPECT_EQ(with([](ContractTerms& t) { t.pool_fen = 0; }), "");
  EXPECT_EQ(with([](ContractTerms& t) { t.services = std::vector<std::string>(31, "x"); }), "400 services");
  EXPECT_EQ(with([](ContractTerms& t) { t.services = {"保洁", std::string(31 * 3, 'a')}; }), "400 services[1]");
  EXPECT_EQ(with([](ContractTerms& t) { t.services = {"保洁", "保洁"}; }), "400 services");
  EXPECT_EQ(with([](ContractTerms& t) { t.gate_tiers = {GateTier::Main, GateTier::Main}; }), "400 gate_tiers");
}

TEST(PropertyRulesTest, AdoptionNeedsADraftAPassedVoteAndADayWithinTheTerm) {
  const std::optional<Contract> none;
  EXPECT_EQ(refusal_of([&] { check_adoption(contract(ContractState::Draft), passed_vote(), 1, "2025-01-05", none); }),
            "");
  EXPECT_EQ(refusal_of([&] { check_adoption(contract(ContractState::InForce), passed_vote(), 1, "2025-01-05", none); }),
            "409 state");
  VoteFacts failed = passed_vote();
  failed.item_passed = false;
  EXPECT_EQ(refusal_of([&] { check_adoption(contract(ContractState::Draft), failed, 1, "2025-01-05", none); }),
            "422 vote_item");
  EXPECT_EQ(refusal_of([&] { check_adoption(contract(ContractState::Draft), passed_vote(), 1, "2028-01-01", none); }),
            "400 adopted_on");
  EXPECT_EQ(refusal_of([&] { check_adoption(contract(ContractState::Draft), passed_vote(), 1, "soon", none); }),
            "400 adopted_on");
  std::optional<Contract> previous = contract(ContractState::InForce);
  EXPECT_EQ(
      refusal_of([&] { check_adoption(contract(ContractState::Draft), passed_vote(), 1, "2025-01-09", previous); }),
      "400 adopted_on")
      << "not before the contract it ends came into force";
}

TEST(PropertyRulesTest, EndingEarlyNeedsAContractInForceAVoteAndAReason) {
  Contract in_force = contract(ContractState::InForce);
  EXPECT_EQ(refusal_of([&] { check_ending(in_force, passed_vote(), 1, "2025-06-01", "服务不达标"); }), "");
  EXPECT_EQ(refusal_of([&] { check_ending(contract(ContractState::Ended), passed_vote(), 1, "2025-06-01", "x"); }),
            "409 state");
  VoteFacts other = passed_vote();
  other.matter = 5;
  EXPECT_EQ(refusal_of([&] { check_ending(in_force, other, 1, "2025-06-01", "x"); }), "422 vote_id");
  EXPECT_EQ(refusal_of([&] { check_ending(in_force, passed_vote(), 1, "2025-01-09", "x"); }), "400 ended_on");
  EXPECT_EQ(refusal_of([&] { check_ending(in_force, passed_vote(), 1, "2025-06-01", " "); }), "400 reason");
}

TEST(PropertyRulesTest, ANewLeadEndsTheRunningLeadTheDayBefore) {
  std::vector<Operator> operators{lead(1, 100, "2024-01-01", "2024-12-31"), lead(2, 200, "2025-01-01")};
  OperatorChange change = check_new_operator(operators, 300, OperatorRole::Lead, "2026-03-01");
  EXPECT_EQ(change.ended_lead_id, 2);
  EXPECT_EQ(change.ended_until, "2026-02-28");
  EXPECT_EQ(check_new_operator(operators, 300, OperatorRole::Partner, "2026-03-01").ended_lead_id, std::nullopt);
  EXPECT_EQ(refusal_of([&] { check_new_operator(operators, 300, OperatorRole::Lead, "2025-01-01"); }), "422 since");
  EXPECT_EQ(refusal_of([&] { check_new_operator(operators, 200, OperatorRole::Partner, "2026-03-01"); }),
            "409 company_id")
      << "a company operates a cluster once at a time";
  EXPECT_EQ(refusal_of([&] { check_new_operator(operators, 100, OperatorRole::Partner, "2024-06-01"); }),
            "409 company_id");
  EXPECT_EQ(refusal_of([&] { check_new_operator(operators, 100, OperatorRole::Partner, "2025-06-01"); }), "")
      << "its earlier term is over";
  EXPECT_EQ(refusal_of([&] { check_new_operator(operators, 300, OperatorRole::Lead, "2026-13-01"); }), "400 since");
}

TEST(PropertyRulesTest, AnOperatorsTermEndsOnceAndNotBeforeItBegan) {
  EXPECT_EQ(refusal_of([] { check_operator_end(lead(1, 1, "2025-01-01"), "2025-01-01"); }), "");
  EXPECT_EQ(refusal_of([] { check_operator_end(lead(1, 1, "2025-01-01"), "2024-12-31"); }), "400 until");
  EXPECT_EQ(refusal_of([] { check_operator_end(lead(1, 1, "2025-01-01", "2025-05-01"), "2025-06-01"); }), "409 until");
  EXPECT_TRUE(operating_on(lead(1, 1, "2025-01-01", "2025-05-01"), "2025-05-01"));
  EXPECT_FALSE(operating_on(lead(1, 1, "2025-01-01", "2025-05-01"), "2025-05-02"));
}

TEST(PropertyRulesTest, ACommunityMovesToAnotherClusterNotBeforeItsLastMove) {
  EXPECT_EQ(refusal_of([] { check_community_move(1, 2, std::nullopt, "2025-01-01"); }), "");
  EXPECT_EQ(refusal_of([] { check_community_move(2, 2, std::nullopt, "2025-01-01"); }), "409 community_id");
  EXPECT_EQ(refusal_of([] { check_community_move(1, 2, "2025-02-01", "2025-01-01"); }), "400 on");
}

TEST(PropertyRulesTest, ATaskMovesToTheOtherHolder) {
  EXPECT_EQ(refusal_of([] { check_task_move(task(Holder::Community), Holder::Property, "2025-04-01", ""); }), "");
  EXPECT_EQ(refusal_of([] { check_task_move(task(Holder::Property), Holder::Property, "2025-04-01", ""); }),
            "409 holder");
  EXPECT_EQ(refusal_of([] { check_task_move(task(Holder::Community), Holder::Property, "2025-02-01", ""); }), "400 on");
  EXPECT_EQ(refusal_of([] {
              check_task_move(task(Holder::Community), Holder::Property, "2025-04-01", std::string(501, 'a'));
            }),
            "400 note");
}

TEST(PropertyRulesTest, ATaskHasACodeANameAndDistinctItems) {
  TaskInput input = task(Holder::Community).input;
  EXPECT_EQ(refusal_of([&] { check_task(input); }), "");
  input.code = "Parking";
  EXPECT_EQ(refusal_of([&] { check_task(input); }), "400 code");
  input = task(Holder::Community).input;
  input.service_items = {"a", "a"};
  EXPECT_EQ(refusal_of([&] { check_task(input); }), "400 service_items");
  EXPECT_EQ(day_before("2024-03-01"), "2024-02-29");
  EXPECT_EQ(day_before("2025-01-01"), "2024-12-31");
}
