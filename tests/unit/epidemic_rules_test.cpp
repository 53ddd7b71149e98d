// Epidemic rules: an observation's dates and reason, its state on a day, which credentials it suspends, holds or
// leaves when it starts (its staff's left alone, one suspended by hand left too), and what its end does with each
// it held: restored unless another observation still holds it, revoked or hand-suspended ones left; a change of its
// last day (extended or shortened, never before today or its first day, never once ended); and its care:
// a check-in's values, when one is abnormal or missed, and when care records are purged.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/epidemic/rules.hpp"

using namespace weizhi::epidemic;
using weizhi::ApiError;
using weizhi::access::CredentialState;
using weizhi::access::HeldCredential;
using weizhi::access::SuspendedBy;

namespace {

template <class Work>
std::pair<int, std::string> refusal(Work&& work) {
  try {
    work();
  } catch (const ApiError& error) {
    return {error.status(), error.field()};
  }
  return {0, ""};
}

ObservationInput fourteen_days() {
  ObservationInput input;
  input.node_id = 9;
  input.starts_on = "2026-03-01";
  input.ends_on = "2026-03-14";
  input.reason = "密切接触者居家隔离医学观察";
  return input;
}

HeldCredential active(std::int64_t person) { return HeldCredential{1, person, CredentialState::Active, std::nullopt}; }

HeldCredential suspended_by(const std::string& kind, std::optional<std::int64_t> id) {
  return HeldCredential{1, 7, CredentialState::Suspended, SuspendedBy{kind, id}};
}

}  // namespace

TEST(EpidemicRules, AnObservationNeedsDatesInOrderAndAReason) {
  EXPECT_EQ(refusal([] { check_observation(fourteen_days(), "2026-03-01"); }).first, 0);
  auto input = fourteen_days();
  input.ends_on = "2026-02-28";
  EXPECT_EQ(refusal([&] { check_observation(input, "2026-02-01"); }), std::make_pair(400, std::string("ends_on")));
  input = fourteen_days();
  input.starts_on = "2026-3-1";
  EXPECT_EQ(refusal([&] { check_observation(input, "2026-02-01"); }).second, "starts_on");
  input = fourteen_days();
  input.reason = "  ";
  EXPECT_EQ(refusal([&] { check_observation(input, "2026-02-01"); }).second, "reason");
  input.reason = std::string(201 * 3, 'x');
  EXPECT_EQ(refusal([&] { check_observation(input, "2026-02-01"); }).second, "reason");
}

TEST(EpidemicRules, AnObservationWhoseLastDayHasPassedIsNotDeclared) {
  EXPECT_EQ(refusal([] { check_observation(fourteen_days(), "2026-03-15"); }).second, "ends_on");
  EXPECT_EQ(refusal([] { check_observation(fourteen_days(), "2026-03-14"); }).first, 0);
}

TEST(EpidemicRules, AnObservationRunsFromItsFirstThroughItsLastDay) {
  EXPECT_EQ(state_on("2026-03-01", "2026-03-14", "2026-02-28"), ObservationState::Planned);
  EXPECT_EQ(state_on("2026-03-01", "2026-03-14", "2026-03-01"), ObservationState::Active);
  EXPECT_EQ(state_on("2026-03-01", "2026-03-14", "2026-03-14"), ObservationState::Active);
  EXPECT_EQ(state_on("2026-03-01", "2026-03-14", "2026-03-15"), ObservationState::Ended);
}

Observation running_fourteen_days() {
  Observation observation{};
  observation.input = fourteen_days();
  observation.state = ObservationState::Active;
  return observation;
}

TEST(EpidemicRules, ARunningOrPlannedObservationsLastDayIsExtendedOrShortened) {
  auto running = running_fourteen_days();
  EXPECT_EQ(change_end(running, "2026-03-21", "复核仍有密接", "2026-03-05"), EndChange::Extend);
  EXPECT_EQ(change_end(running, "2026-03-10", "提前解除", "2026-03-05"), EndChange::Shorten);
  EXPECT_EQ(change_end(running, "2026-03-05", "今日为最后一天", "2026-03-05"), EndChange::Shorten)
      << "shortened to today: today is its last day, the daily job ends it tomorrow";
  auto planned = running;
  planned.state = ObservationState::Planned;
  EXPECT_EQ(change_end(planned, "2026-03-01", "只观察一天", "2026-02-20"), EndChange::Shorten);
  EXPECT_EQ(weizhi::code_of(kEndChanges, EndChange::Extend), "extend");
  EXPECT_EQ(weizhi::code_of(kEndChanges, EndChange::Shorten), "shorten");
}

TEST(EpidemicRules, AnEndedObservationsLastDayStaysAsItWas) {
  auto ended = running_fourteen_days();
  ended.state = ObservationState::Ended;
  EXPECT_EQ(refusal([&] { change_end(ended, "2026-03-21", "延长", "2026-03-05"); }),
            std::make_pair(409, std::string("state")));
}

TEST(EpidemicRules, ANewLastDayIsADateNotBeforeTodayNorItsFirstDayAndNotTheSame) {
  auto running = running_fourteen_days();
  auto refused = [&](const std::string& ends_on, const std::string& today) {
    return refusal([&] { change_end(running, ends_on, "调整", today); });
  };
  EXPECT_EQ(refused("2026-3-21", "2026-03-05"), std::make_pair(400, std::string("ends_on")));
  EXPECT_EQ(refused("2026-03-04", "2026-03-05"), std::make_pair(400, std::string("ends_on"))) << "already past";
  EXPECT_EQ(refused("2026-02-28", "2026-02-20"), std::make_pair(400, std::string("ends_on"))) << "before its first";
  EXPECT_EQ(refused("2026-03-14", "2026-03-05"), std::make_pair(409, std::string("ends_on"))) << "the same day";
}

TEST(EpidemicRules, AChangeOfTheLastDayNeedsAReason) {
  auto running = running_fourteen_days();
  EXPECT_EQ(refusal([&] { change_end(running, "2026-03-21", " ", "2026-03-05"); }).second, "reason");
  EXPECT_EQ(refusal([&] { change_end(running, "2026-03-21", std::string(201, 'x'), "2026-03-05"); }).second, "reason");
  EXPECT_EQ(refusal([&] { change_end(running, "2026-03-21", std::string(200, 'x'), "2026-03-05"); }).first, 0);
}

TEST(EpidemicRules, StartingSuspendsAResidentsActiveCredential) {
  EXPECT_EQ(on_start(active(7), {}), OnStart::Suspend);
}

TEST(EpidemicRules, TheObservationsStaffKeepTheirAccess) {
  EXPECT_EQ(on_start(active(7), {7}), OnStart::Leave);
  EXPECT_EQ(on_start(active(7), {8}), OnStart::Suspend);
}

TEST(EpidemicRules, ACredentialSuspendedByAnotherObservationIsHeldOnceMore) {
  EXPECT_EQ(on_start(suspended_by(kObservationKind, 3), {}), OnStart::Hold);
}

TEST(EpidemicRules, ACredentialSuspendedByHandIsLeftToTheWorker) {
  EXPECT_EQ(on_start(suspended_by("manual", std::nullopt), {}), OnStart::Leave);
}

TEST(EpidemicRules, EndingRestoresACredentialNoOtherObservationHolds) {
  EXPECT_EQ(on_end(suspended_by(kObservationKind, 3), std::nullopt), OnEnd::Restore);
}

TEST(EpidemicRules, OverlappingObservationsRestoreOnlyWhenTheLastEnds) {
  EXPECT_EQ(on_end(suspended_by(kObservationKind, 3), 4), OnEnd::HandOver);
}

TEST(EpidemicRules, ACredentialRevokedMeanwhileStaysRevoked) {
  HeldCredential revoked{1, 7, CredentialState::Revoked, std::nullopt};
  EXPECT_EQ(on_end(revoked, std::nullopt), OnEnd::Leave);
}

TEST(EpidemicRules, ACredentialRestoredOrSuspendedByHandMeanwhileIsLeftAsItIs) {
  EXPECT_EQ(on_end(active(7), std::nullopt), OnEnd::Leave);
  EXPECT_EQ(on_end(suspended_by("manual", std::nullopt), std::nullopt), OnEnd::Leave);
}

// --- Care: check-ins, abnormal and missed ones, the purge (docs/rules.md#i-observation-care) ---

namespace {

HealthInput well(std::int64_t tenths = 365) { return HealthInput{tenths, {Symptom::None}, ""}; }

// The instant of the street's `hh:mm` on 2026-03-05 (UTC+8).
weizhi::TimePoint street_time(const std::string& hh_mm) {
  return *weizhi::parse_iso("2026-03-05T" + hh_mm + ":00+08:00");
}

}  // namespace

TEST(EpidemicRules, ATemperatureIsTakenFrom35To42DegreesWithOneDecimal) {
  EXPECT_EQ(temperature_tenths(36.5), 365);
  EXPECT_EQ(temperature_tenths(35.0), 350);
  EXPECT_EQ(temperature_tenths(42), 420);
  EXPECT_EQ(refusal([] { temperature_tenths(34.9); }), std::make_pair(400, std::string("temperature")));
  EXPECT_EQ(refusal([] { temperature_tenths(42.1); }), std::make_pair(400, std::string("temperature")));
  EXPECT_EQ(refusal([] { temperature_tenths(36.55); }), std::make_pair(400, std::string("temperature")));
  EXPECT_EQ(refusal([] { check_health(well(349)); }), std::make_pair(400, std::string("temperature")));
}

TEST(EpidemicRules, NoSymptomExcludesTheOthersAndNoneIsGivenTwice) {
  EXPECT_EQ(refusal([] { check_health(well()); }).first, 0);
  EXPECT_EQ(refusal([] { check_health(HealthInput{368, {Symptom::Cough, Symptom::Fatigue}, ""}); }).first, 0);
  EXPECT_EQ(refusal([] {
              check_health(HealthInput{365, {Symptom::None, Symptom::Cough}, ""});
            }),
            std::make_pair(400, std::string("symptoms")));
  EXPECT_EQ(refusal([] { check_health(HealthInput{365, {}, ""}); }), std::make_pair(400, std::string("symptoms")));
  EXPECT_EQ(refusal([] {
              check_health(HealthInput{365, {Symptom::Cough, Symptom::Cough}, ""});
            }),
            std::make_pair(400, std::string("symptoms")));
}

TEST(EpidemicRules, ANoteHoldsAtMost200Characters) {
  HealthInput input = well();
  input.note = std::string();
  for (int i = 0; i < 200; ++i) input.note += "咳";
  EXPECT_EQ(refusal([&] { check_health(input); }).first, 0);
  input.note += "咳";
  EXPECT_EQ(refusal([&] { check_health(input); }), std::make_pair(400, std::string("note")));
}

TEST(EpidemicRules, A373FeverOrAnySymptomIsAbnormal) {
  EXPECT_FALSE(abnormal(well(372)));
  EXPECT_TRUE(abnormal(well(373)));
  EXPECT_TRUE(abnormal(HealthInput{365, {Symptom::SoreThroat}, ""}));
}

TEST(EpidemicRules, AHouseholdIsMissedFromTheStreetsHourOn) {
  EXPECT_FALSE(check_in_missed(street_time("09:59"), 10));
  EXPECT_TRUE(check_in_missed(street_time("10:00"), 10));
  EXPECT_TRUE(check_in_missed(street_time("23:30"), 10));
  EXPECT_TRUE(check_in_missed(street_time("00:00"), 0));
  EXPECT_EQ(refusal([] { check_check_in_hour(24); }), std::make_pair(400, std::string("check_in_by_hour")));
  EXPECT_EQ(refusal([] { check_check_in_hour(-1); }), std::make_pair(400, std::string("check_in_by_hour")));
}

TEST(EpidemicRules, CareRecordsArePurgedThirtyDaysAfterTheObservationEnded) {
  EXPECT_EQ(purge_on("2026-03-05"), "2026-04-04");
  EXPECT_EQ(purge_on("2026-12-20"), "2027-01-19");
}

TEST(EpidemicRules, AHelpRequestsDetailHolds1To500Characters) {
  EXPECT_EQ(refusal([] { check_help_detail(" "); }), std::make_pair(400, std::string("detail")));
  EXPECT_EQ(refusal([] { check_help_detail(std::string(501, 'x')); }), std::make_pair(400, std::string("detail")));
  EXPECT_EQ(refusal([] { check_help_detail("需要降压药"); }).first, 0);
  EXPECT_EQ(help_item_code(HelpKind::Medicine), "epidemic-medicine");
}
