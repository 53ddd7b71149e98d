// Unit tests of the pure mediation rules: the state table with its single reopening of a broken
// agreement, what agreed, not agreed and withdrawn need, party lists, sessions, follow-up visits
// and the ratios of the statistics.
#include <functional>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/org/org.hpp"
#include "tree_node.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::mediation;

namespace {

std::string refusal(const std::function<void()>& action) { return refusal_of(action); }

std::vector<PartyInput> two_parties() {
  return {PartyInput{11, "", Role::Applicant}, PartyInput{std::nullopt, "楼上 402 室住户", Role::Respondent}};
}

constexpr const char* kToday = "2026-05-20";

// A noise dispute in compound 3 (/1/2/3/), building 5 and its part 9, mediated by person 20.
Details details() {
  Details details;
  details.compound_node_id = 3;
  details.building_node_id = 5;
  details.part_node_id = 9;
  details.category = "neighbour_noise";
  details.summary = "楼上噪音";
  details.parties = two_parties();
  details.mediator_person_id = 20;
  details.case_id = 40;
  return details;
}

// What the store finds for details(): everything where it should be.
DetailFacts facts() {
  DetailFacts facts;
  facts.compound = tree_node(3, org::NodeKind::Compound, "/1/2/3/");
  facts.building = tree_node(5, org::NodeKind::Building, "/1/2/3/5/");
  facts.part = tree_node(9, org::NodeKind::Part, "/1/2/3/5/7/9/");
  facts.party_person_found = {true, true};
  facts.mediator_tags = {"gold_mediator"};
  facts.mediator_home_path = "/1/2/4/";
  facts.community_path = "/1/2/";
  facts.case_compound_id = 3;
  return facts;
}

}  // namespace

TEST(MediationRules, CodesReadBackAndCategoriesHaveChineseNames) {
  for (State state : {State::Open, State::InMediation, State::Agreed, State::NotAgreed, State::Withdrawn}) {
    EXPECT_EQ(parse_code(kStates, code_of(kStates, state)), state);
  }
  EXPECT_EQ(code_of(kStates, State::InMediation), "in_mediation");
  EXPECT_FALSE(parse_code(kStates, "closed"));
  EXPECT_EQ(parse_code(kRoles, "respondent"), Role::Respondent);
  EXPECT_FALSE(parse_code(kRoles, "witness"));
  EXPECT_EQ(categories().size(), 8u);
  EXPECT_EQ(category_name("water_leak"), "楼上楼下漏水");
  EXPECT_FALSE(category_name("noise"));
}

TEST(MediationRules, TheTableAllowsOnlyItsSteps) {
  auto step = [](State from, State to) { return refusal([&] { check_transition(from, to, false, false); }); };
  EXPECT_EQ(step(State::Open, State::InMediation), "");
  EXPECT_EQ(step(State::Open, State::Withdrawn), "");
  EXPECT_EQ(step(State::InMediation, State::Agreed), "");
  EXPECT_EQ(step(State::InMediation, State::NotAgreed), "");
  EXPECT_EQ(step(State::InMediation, State::Withdrawn), "");
  EXPECT_EQ(step(State::Open, State::Agreed), "409 to");
  EXPECT_EQ(step(State::Open, State::NotAgreed), "409 to");
  EXPECT_EQ(step(State::NotAgreed, State::InMediation), "409 to");
  EXPECT_EQ(step(State::Withdrawn, State::Open), "409 to");
  EXPECT_EQ(step(State::Agreed, State::Withdrawn), "409 to");
  EXPECT_EQ(step(State::InMediation, State::Open), "409 to");
}

TEST(MediationRules, ABrokenAgreementReopensOnceOnly) {
  EXPECT_TRUE(is_reopen(State::Agreed, State::InMediation));
  EXPECT_FALSE(is_reopen(State::Open, State::InMediation));
  EXPECT_EQ(refusal([] { check_transition(State::Agreed, State::InMediation, true, false); }), "");
  EXPECT_EQ(refusal([] { check_transition(State::Agreed, State::InMediation, false, false); }), "409 to");
  EXPECT_EQ(refusal([] { check_transition(State::Agreed, State::InMediation, true, true); }), "409 to");
}

TEST(MediationRules, AgreedNeedsTheAgreementAndItsSigningDate) {
  auto outcome = [](State to, std::optional<std::string> agreement, std::optional<std::string> signed_on,
                    std::optional<std::string> reason) {
    return refusal([&] { check_outcome(to, agreement, signed_on, reason, kToday); });
  };
  EXPECT_EQ(outcome(State::Agreed, "双方同意分担维修费", "2026-05-19", std::nullopt), "");
  EXPECT_EQ(outcome(State::Agreed, "双方同意分担维修费", kToday, std::nullopt), "");
  EXPECT_EQ(outcome(State::Agreed, std::nullopt, "2026-05-19", std::nullopt), "400 agreement");
  EXPECT_EQ(outcome(State::Agreed, "  ", "2026-05-19", std::nullopt), "400 agreement");
  EXPECT_EQ(outcome(State::Agreed, std::string(5001, 'a'), "2026-05-19", std::nullopt), "400 agreement");
  EXPECT_EQ(outcome(State::Agreed, std::string(5000, 'a'), "2026-05-19", std::nullopt), "");
  EXPECT_EQ(outcome(State::Agreed, "协议", std::nullopt, std::nullopt), "400 signed_on");
  EXPECT_EQ(outcome(State::Agreed, "协议", "2026-05-21", std::nullopt), "400 signed_on");
  EXPECT_EQ(outcome(State::Agreed, "协议", "2026-02-30", std::nullopt), "400 signed_on");
  EXPECT_EQ(outcome(State::NotAgreed, std::nullopt, std::nullopt, "被申请人拒绝"), "");
  EXPECT_EQ(outcome(State::NotAgreed, std::nullopt, std::nullopt, std::nullopt), "400 reason");
  EXPECT_EQ(outcome(State::Withdrawn, std::nullopt, std::nullopt, ""), "400 reason");
  EXPECT_EQ(outcome(State::Withdrawn, "协议", std::nullopt, "撤回"), "400 agreement");
  EXPECT_EQ(outcome(State::InMediation, std::nullopt, "2026-05-19", std::nullopt), "400 signed_on");
  EXPECT_EQ(outcome(State::InMediation, std::nullopt, std::nullopt, std::nullopt), "");
  EXPECT_EQ(outcome(State::Withdrawn, std::nullopt, std::nullopt, std::string(501, 'a')), "400 reason");
}

TEST(MediationRules, PartiesAreTwoToTenWithBothSides) {
  EXPECT_EQ(refusal([] { check_parties(two_parties()); }), "");
  EXPECT_EQ(refusal([] { check_parties({PartyInput{11, "", Role::Applicant}}); }), "400 parties");
  std::vector<PartyInput> eleven;
  for (int i = 0; i < 11; ++i)
    eleven.push_back(PartyInput{std::nullopt, "住户" + std::to_string(i), i ? Role::Other : Role::Applicant});
  EXPECT_EQ(refusal([&] { check_parties(eleven); }), "400 parties");
  auto same_side = two_parties();
  same_side[1].role = Role::Applicant;
  EXPECT_EQ(refusal([&] { check_parties(same_side); }), "400 parties");
  auto both = two_parties();
  both[0].name = "王伟";
  EXPECT_EQ(refusal([&] { check_parties(both); }), "400 parties[0].name");
  auto neither = two_parties();
  neither[1].name = "";
  EXPECT_EQ(refusal([&] { check_parties(neither); }), "400 parties[1].name");
  auto twice = two_parties();
  twice.push_back(PartyInput{11, "", Role::Other});
  EXPECT_EQ(refusal([&] { check_parties(twice); }), "400 parties[2].person_id");
  auto long_name = two_parties();
  long_name[1].name.clear();
  for (int i = 0; i < 51; ++i) long_name[1].name += "住";
  EXPECT_EQ(refusal([&] { check_parties(long_name); }), "400 parties[1].name");
}

TEST(MediationRules, DetailsNeedAKnownCategoryAndASummary) {
  EXPECT_EQ(refusal([] { check_details("parking", "车位被占"); }), "");
  EXPECT_EQ(refusal([] { check_details("noise", "车位被占"); }), "400 category");
  EXPECT_EQ(refusal([] { check_details("parking", " "); }), "400 summary");
  EXPECT_EQ(refusal([] { check_details("parking", std::string(2001, 'a')); }), "400 summary");
}

TEST(MediationRules, SessionsNameAttendeesByPartyIndex) {
  SessionInput session{"2026-05-18", "社区调解室", {0, 1}, "双方陈述", "现场查看"};
  EXPECT_EQ(refusal([&] { check_session(session, 2, kToday); }), "");
  auto future = session;
  future.held_on = "2026-05-21";
  EXPECT_EQ(refusal([&] { check_session(future, 2, kToday); }), "400 held_on");
  auto outside = session;
  outside.attendees = {0, 2};
  EXPECT_EQ(refusal([&] { check_session(outside, 2, kToday); }), "400 attendees[1]");
  auto twice = session;
  twice.attendees = {1, 1};
  EXPECT_EQ(refusal([&] { check_session(twice, 2, kToday); }), "400 attendees[1]");
  auto nobody = session;
  nobody.attendees.clear();
  EXPECT_EQ(refusal([&] { check_session(nobody, 2, kToday); }), "400 attendees");
  auto long_notes = session;
  long_notes.notes = std::string(2001, 'a');
  EXPECT_EQ(refusal([&] { check_session(long_notes, 2, kToday); }), "400 notes");
  auto no_place = session;
  no_place.place = "";
  EXPECT_EQ(refusal([&] { check_session(no_place, 2, kToday); }), "400 place");
  EXPECT_EQ(refusal([] { check_session_allowed(State::Open); }), "");
  EXPECT_EQ(refusal([] { check_session_allowed(State::InMediation); }), "");
  EXPECT_EQ(refusal([] { check_session_allowed(State::Agreed); }), "409 state");
  EXPECT_EQ(refusal([] { check_session_allowed(State::Withdrawn); }), "409 state");
}

TEST(MediationRules, VisitsFollowAnAgreementBetweenItsSigningAndToday) {
  FollowUpInput visit{"2026-05-10", "履行中", true};
  std::optional<std::string> signed_on = "2026-05-01";
  EXPECT_EQ(refusal([&] { check_follow_up(State::Agreed, visit, signed_on, kToday); }), "");
  EXPECT_EQ(refusal([&] { check_follow_up(State::InMediation, visit, signed_on, kToday); }), "409 state");
  auto early = visit;
  early.visited_on = "2026-04-30";
  EXPECT_EQ(refusal([&] { check_follow_up(State::Agreed, early, signed_on, kToday); }), "400 visited_on");
  auto late = visit;
  late.visited_on = "2026-05-21";
  EXPECT_EQ(refusal([&] { check_follow_up(State::Agreed, late, signed_on, kToday); }), "400 visited_on");
  auto long_note = visit;
  long_note.note = std::string(1001, 'a');
  EXPECT_EQ(refusal([&] { check_follow_up(State::Agreed, long_note, signed_on, kToday); }), "400 note");
}

TEST(MediationRules, RatiosKeepTheirDenominators) {
  Ratio rate = agreement_rate(3, 1);
  EXPECT_EQ(rate.num, 3);
  EXPECT_EQ(rate.den, 4);
  EXPECT_EQ(agreement_rate(0, 0).den, 0);
  Ratio kept = kept_share({true, false, true});
  EXPECT_EQ(kept.num, 2);
  EXPECT_EQ(kept.den, 3);
  EXPECT_EQ(kept_share({}).den, 0);
}

TEST(MediationRules, ADisputeLiesInAnExistingCompoundItsBuildingAndPartInsideIt) {
  EXPECT_EQ(refusal([] { check_references(details(), facts()); }), "");
  DetailFacts found = facts();
  found.compound.reset();
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "404 ");
  found = facts();
  found.building = tree_node(5, org::NodeKind::Building, "/1/2/30/5/");
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 building_id");
  found = facts();
  found.building.reset();
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "404 ");
  found = facts();
  found.part = tree_node(9, org::NodeKind::Part, "/1/2/3/6/7/9/");
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 part_id");
  Details without_building = details();
  without_building.building_node_id.reset();
  EXPECT_EQ(refusal([&] { check_references(without_building, found); }), "");
}

TEST(MediationRules, PartiesAreRegisteredPeopleOrNamesAndNeverTheMediator) {
  DetailFacts found = facts();
  found.party_person_found = {false, true};
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 parties[0].person_id");
  Details mediator_is_party = details();
  mediator_is_party.mediator_person_id = 11;
  EXPECT_EQ(refusal([&] { check_references(mediator_is_party, facts()); }), "422 mediator_person_id");
}

TEST(MediationRules, TheMediatorIsAGoldMediatorRegisteredInTheCommunity) {
  DetailFacts found = facts();
  found.mediator_tags = {"lawyer"};
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 mediator_person_id");
  found = facts();
  found.mediator_home_path = "/1/8/4/";
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 mediator_person_id");
  found = facts();
  found.mediator_tags.clear();
  found.mediator_home_path.reset();
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 mediator_person_id");
}

TEST(MediationRules, ALinkedCaseIsOneOfTheSameCompound) {
  DetailFacts found = facts();
  found.case_compound_id = 30;
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 case_id");
  found.case_compound_id.reset();
  EXPECT_EQ(refusal([&] { check_references(details(), found); }), "422 case_id");
  Details without_case = details();
  without_case.case_id.reset();
  EXPECT_EQ(refusal([&] { check_references(without_case, found); }), "");
}

TEST(MediationRules, DetailsChangeOnlyBeforeMediationAndNeverTheirCompound) {
  Mediation record;
  record.details = details();
  record.state = State::Open;
  EXPECT_EQ(refusal([&] { check_update(record, details()); }), "");
  Details moved = details();
  moved.compound_node_id = 30;
  EXPECT_EQ(refusal([&] { check_update(record, moved); }), "400 compound_id");
  record.state = State::InMediation;
  EXPECT_EQ(refusal([&] { check_update(record, details()); }), "409 state");
}

TEST(MediationRules, TheFirstSessionStartsTheMediation) {
  EXPECT_TRUE(session_starts_mediation(State::Open));
  EXPECT_FALSE(session_starts_mediation(State::InMediation));
}

TEST(MediationRules, AnAgreementIsVisitedWithinAMonthOfItsSigning) {
  EXPECT_EQ(follow_up_due_on("2026-01-05"), "2026-02-04");
  EXPECT_EQ(follow_up_due_on("2026-12-15"), "2027-01-14");
  EXPECT_EQ(follow_up_due_on("2026-02-30"), std::nullopt);
}

TEST(MediationRules, AnAgreementIsDueForItsVisitUntilVisitedSinceItsSigning) {
  Mediation record;
  record.state = State::Agreed;
  record.signed_on = "2026-03-10";
  auto visit_on = [](const std::string& day) { return FollowUp{1, FollowUpInput{day, "", true}, 7, ""}; };
  EXPECT_EQ(visit_due_on(record, {}), "2026-04-09");
  EXPECT_EQ(visit_due_on(record, {visit_on("2026-02-01")}), "2026-04-09") << "a visit of an earlier agreement";
  EXPECT_EQ(visit_due_on(record, {visit_on("2026-02-01"), visit_on("2026-03-10")}), std::nullopt);
  record.state = State::InMediation;
  EXPECT_EQ(visit_due_on(record, {}), std::nullopt) << "only an agreement is visited";
}
