// People rules: field checks (GB 11643-1999 ID numbers, mainland mobiles, names, tags, reasons)
// and the voting roll of docs/rules.md#b-voting-roll.
#include <gtest/gtest.h>

#include "modules/people/rules.hpp"

using namespace weizhi::people;
using weizhi::code_of;
using weizhi::parse_code;

namespace {

PartOwner owner(std::int64_t person_id) { return PartOwner{person_id, false, false}; }
PartOwner designated(std::int64_t person_id) { return PartOwner{person_id, false, true}; }
PartOwner developer(std::int64_t person_id) { return PartOwner{person_id, true, false}; }

OwnedPart flat(std::int64_t part_id, std::int64_t area_centi_m2, std::vector<PartOwner> owners) {
  return OwnedPart{part_id, area_centi_m2, "residential", std::move(owners)};
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

const Voter* voter_of(const VotingRoll& roll, std::int64_t person_id) {
  for (const auto& voter : roll.voters) {
    if (voter.person_id == person_id) return &voter;
  }
  return nullptr;
}

}  // namespace

TEST(PeopleIdNumber, CheckDigitFollowsGb11643) {
  EXPECT_EQ(id_check_character("11010519491231002"), 'X');
  EXPECT_EQ(id_check_character("44052418800101001"), '4');
}

TEST(PeopleIdNumber, ValidNumbersPass) {
  EXPECT_FALSE(id_number_problem("11010519491231002X"));
  EXPECT_FALSE(id_number_problem("440524188001010014"));
}

TEST(PeopleIdNumber, LowerCaseXIsAcceptedAndStoredUpperCase) {
  EXPECT_FALSE(id_number_problem("11010519491231002x"));
  EXPECT_EQ(normalise_id_number("11010519491231002x"), "11010519491231002X");
}

TEST(PeopleIdNumber, WrongCheckDigitIsRefused) { EXPECT_TRUE(id_number_problem("110105194912310021")); }

TEST(PeopleIdNumber, WrongLengthOrLettersAreRefused) {
  EXPECT_TRUE(id_number_problem("11010519491231002"));
  EXPECT_TRUE(id_number_problem("1101051949123100211"));
  EXPECT_TRUE(id_number_problem("1101051949A231002X"));
}

TEST(PeoplePhone, MainlandMobilesPass) {
  EXPECT_FALSE(phone_problem("13812345678"));
  EXPECT_FALSE(phone_problem("+86 199-1234-5678"));
}

TEST(PeoplePhone, SecondDigitBelowThreeIsRefused) {
  EXPECT_TRUE(phone_problem("12812345678"));
  EXPECT_TRUE(phone_problem("10012345678"));
}

TEST(PeoplePhone, WrongLengthIsRefused) {
  EXPECT_TRUE(phone_problem("1381234567"));
  EXPECT_TRUE(phone_problem("138123456789"));
}

TEST(PeoplePhone, LandlinesAndLettersAreRefused) {
  EXPECT_TRUE(phone_problem("0571-88001234"));
  EXPECT_TRUE(phone_problem("138abc45678"));
}

TEST(PeopleName, OneToFiftyCharactersPass) {
  EXPECT_FALSE(name_problem("李"));
  EXPECT_FALSE(name_problem(repeated("王", 50)));
}

TEST(PeopleName, EmptyOrBlankIsRefused) {
  EXPECT_TRUE(name_problem(""));
  EXPECT_TRUE(name_problem("   "));
}

TEST(PeopleName, FiftyOneChineseCharactersAreRefused) { EXPECT_TRUE(name_problem(repeated("王", 51))); }

TEST(PeopleName, ControlCharactersAreRefused) { EXPECT_TRUE(name_problem("王\n明")); }

TEST(PeopleBirthYear, From1900ToThisYear) {
  EXPECT_FALSE(birth_year_problem(1900, 2026));
  EXPECT_FALSE(birth_year_problem(2026, 2026));
  EXPECT_TRUE(birth_year_problem(1899, 2026));
  EXPECT_TRUE(birth_year_problem(2027, 2026));
}

TEST(PeopleTags, KnownTagsPass) {
  EXPECT_FALSE(tags_problem({"gold_mediator", "civic_supervisor", "building_leader", "resident_group_leader",
                             "social_worker", "enthusiastic_resident", "party_member_volunteer"}));
}

TEST(PeopleTags, UnknownTagIsRefusedByName) {
  auto problem = tags_problem({"gold_mediator", "astronaut"});
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("astronaut"), std::string::npos);
}

TEST(PeopleTags, RepeatedTagIsRefused) { EXPECT_TRUE(tags_problem({"gold_mediator", "gold_mediator"})); }

TEST(PeopleUnmaskReason, FiveToTwoHundredCharacters) {
  EXPECT_FALSE(unmask_reason_problem("核实选民资格"));
  EXPECT_TRUE(unmask_reason_problem("核实"));
  EXPECT_TRUE(unmask_reason_problem("   核实   "));
  EXPECT_FALSE(unmask_reason_problem(repeated("查", 200)));
  EXPECT_TRUE(unmask_reason_problem(repeated("查", 201)));
}

TEST(PeopleChange, FirstBadFieldIsNamed) {
  PersonChange change;
  change.name = "王小明";
  change.phone = std::optional<std::string>("12345");
  auto problem = change_problem(change, 2026);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->field, "phone");
}

TEST(PeopleChange, ClearingANullableFieldIsAcceptable) {
  PersonChange change;
  change.phone = std::optional<std::string>();
  change.birth_year = std::optional<std::int64_t>();
  EXPECT_FALSE(change_problem(change, 2026));
}

TEST(PeopleRelation, CodesRoundTrip) {
  for (Relation relation : {Relation::Owner, Relation::Tenant, Relation::Resident}) {
    EXPECT_EQ(parse_code(kRelations, code_of(kRelations, relation)), relation);
  }
  EXPECT_FALSE(parse_code(kRelations, "landlord"));
}

TEST(PeopleRoll, OneOwnerOfSeveralPartsIsOneVoterWithAreasSummed) {
  auto roll = build_roll({flat(1, 6000, {owner(10)}), flat(2, 4550, {owner(10)}), flat(3, 7000, {owner(11)})});
  ASSERT_EQ(roll.voters.size(), 2u);
  ASSERT_NE(voter_of(roll, 10), nullptr);
  EXPECT_EQ(voter_of(roll, 10)->area_centi_m2, 10550);
  EXPECT_EQ(voter_of(roll, 10)->part_ids, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(roll.owner_count, 2);
  EXPECT_EQ(roll.total_area_centi_m2, 17550);
}

TEST(PeopleRoll, CoOwnedPartCountsOnceCastByTheDesignatedCoOwner) {
  auto roll = build_roll({flat(1, 8000, {owner(10), designated(11)})});
  ASSERT_EQ(roll.voters.size(), 1u);
  EXPECT_EQ(roll.voters[0].person_id, 11);
  EXPECT_EQ(roll.voters[0].area_centi_m2, 8000);
  EXPECT_EQ(roll.owner_count, 1);
  EXPECT_TRUE(roll.parts_without_designated_voter.empty());
}

TEST(PeopleRoll, CoOwnedPartWithoutDesignatedVoterIsFlaggedButCounted) {
  auto roll = build_roll({flat(1, 8000, {owner(10), owner(11)}), flat(2, 5000, {owner(12)})});
  EXPECT_EQ(roll.parts_without_designated_voter, (std::vector<std::int64_t>{1}));
  ASSERT_EQ(roll.voters.size(), 1u);
  EXPECT_EQ(roll.voters[0].person_id, 12);
  EXPECT_EQ(roll.owner_count, 2);
  EXPECT_EQ(roll.total_area_centi_m2, 13000);
}

TEST(PeopleRoll, TwoDesignatedCoOwnersAreFlaggedToo) {
  auto roll = build_roll({flat(1, 8000, {designated(10), designated(11)})});
  EXPECT_EQ(roll.parts_without_designated_voter, (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(roll.voters.empty());
}

TEST(PeopleRoll, DeveloperPartsTogetherAreOneVoter) {
  auto roll = build_roll({flat(1, 6000, {developer(50)}), flat(2, 6000, {developer(51)}),
                          flat(3, 6000, {developer(50)}), flat(4, 9000, {owner(10)})});
  ASSERT_EQ(roll.voters.size(), 2u);
  const Voter* holder = voter_of(roll, 50);
  ASSERT_NE(holder, nullptr);
  EXPECT_TRUE(holder->is_developer);
  EXPECT_EQ(holder->area_centi_m2, 18000);
  EXPECT_EQ(holder->part_ids.size(), 3u);
  EXPECT_EQ(roll.owner_count, 2);
}

TEST(PeopleRoll, ParkingAndStallsAreExcluded) {
  auto roll = build_roll({flat(1, 6000, {owner(10)}), OwnedPart{2, 1250, "parking", {owner(11)}},
                          OwnedPart{3, 900, "stall", {owner(12)}}});
  ASSERT_EQ(roll.voters.size(), 1u);
  EXPECT_EQ(roll.voters[0].person_id, 10);
  EXPECT_EQ(roll.total_area_centi_m2, 6000);
  EXPECT_EQ(roll.owner_count, 1);
}

TEST(PeopleRoll, PartWithoutOwnerIsListedAndCounted) {
  auto roll = build_roll({flat(1, 6000, {}), flat(2, 7000, {owner(10)})});
  EXPECT_EQ(roll.parts_without_owner, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(roll.owner_count, 2);
  EXPECT_EQ(roll.total_area_centi_m2, 13000);
}

TEST(PeopleRoll, VotersAreOrderedByPerson) {
  auto roll = build_roll({flat(1, 100, {owner(30)}), flat(2, 100, {developer(5)}), flat(3, 100, {owner(20)})});
  ASSERT_EQ(roll.voters.size(), 3u);
  EXPECT_EQ(roll.voters[0].person_id, 5);
  EXPECT_EQ(roll.voters[1].person_id, 20);
  EXPECT_EQ(roll.voters[2].person_id, 30);
}

TEST(PeopleChange, AHomeIsAnExistingCompoundOrCommunity) {
  PersonChange change;
  change.home_node_id = 3;
  EXPECT_FALSE(change_refusal(change, {std::string("compound"), 0}));
  EXPECT_FALSE(change_refusal(change, {std::string("community"), 0}));
  auto missing = change_refusal(change, {std::nullopt, 0});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status(), 404);
  EXPECT_EQ(missing->field(), "home_node_id");
  auto building = change_refusal(change, {std::string("building"), 0});
  ASSERT_TRUE(building);
  EXPECT_EQ(building->status(), 422);
  EXPECT_EQ(building->field(), "home_node_id");
}

TEST(PeopleChange, APhoneBelongsToOnePerson) {
  PersonChange change;
  change.phone = std::optional<std::string>("13800000000");
  EXPECT_FALSE(change_refusal(change, {std::nullopt, 0}));
  auto taken = change_refusal(change, {std::nullopt, 1});
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status(), 409);
  EXPECT_EQ(taken->field(), "phone");
}

namespace {

LinkFacts free_part() { return LinkFacts{std::string("part"), true, false, false}; }

std::string link_refused(const LinkInput& link, const LinkFacts& facts) {
  auto refusal = link_refusal(link, facts);
  return refusal ? std::to_string(refusal->status()) + " " + refusal->field() : "";
}

}  // namespace

TEST(PeopleLinks, APersonIsLinkedToAnExistingPart) {
  LinkInput link{9, 7, Relation::Owner, false, std::nullopt};
  EXPECT_EQ(link_refused(link, free_part()), "");
  LinkFacts facts = free_part();
  facts.part_kind.reset();
  EXPECT_EQ(link_refused(link, facts), "404 ");
  facts.part_kind = "building";
  EXPECT_EQ(link_refused(link, facts), "422 part_id");
  facts = free_part();
  facts.person_exists = false;
  EXPECT_EQ(link_refused(link, facts), "404 person_id");
}

TEST(PeopleLinks, ARelationIsRecordedOnce) {
  LinkFacts facts = free_part();
  facts.already_linked = true;
  EXPECT_EQ(link_refused(LinkInput{9, 7, Relation::Tenant, false, std::nullopt}, facts), "409 person_id");
}

TEST(PeopleLinks, OnlyOneOwnerOfAPartIsItsDesignatedVoter) {
  EXPECT_EQ(link_refused(LinkInput{9, 7, Relation::Owner, true, std::nullopt}, free_part()), "");
  EXPECT_EQ(link_refused(LinkInput{9, 7, Relation::Tenant, true, std::nullopt}, free_part()), "422 designated_voter");
  LinkFacts designated = free_part();
  designated.part_has_designated = true;
  EXPECT_EQ(link_refused(LinkInput{9, 7, Relation::Owner, true, std::nullopt}, designated), "409 designated_voter");
  EXPECT_EQ(link_refused(LinkInput{9, 7, Relation::Owner, false, std::nullopt}, designated), "");
}
