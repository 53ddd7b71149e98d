// Epidemic rules: an observation's dates and reason, its state on a day, which credentials it suspends, holds or
// leaves when it starts (its staff's left alone, one suspended by hand left too), and what its end does with each
// it held: restored unless another observation still holds it, revoked or hand-suspended ones left.
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
