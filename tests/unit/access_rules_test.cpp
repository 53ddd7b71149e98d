// Access rules: the rotating QR code against RFC 6238's HMAC-SHA-256 vectors and the window a verifier allows,
// the payload a QR image holds, credentials' checks and lifecycle, and whether a gate is open at a moment.
#include <gtest/gtest.h>

#include <chrono>

#include "core/error.hpp"
#include "modules/access/rules.hpp"

using namespace weizhi::access;
using weizhi::ApiError;
using weizhi::TimePoint;

namespace {

// RFC 6238 Appendix B's key for HMAC-SHA-256: the ASCII digits repeated to 32 bytes.
const std::string kRfcSecret = "12345678901234567890123456789012";

TimePoint at(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

// The status and field of the ApiError `work` throws; {0, ""} when it throws none.
template <class Work>
std::pair<int, std::string> refusal(Work&& work) {
  try {
    work();
  } catch (const ApiError& error) {
    return {error.status(), error.field()};
  }
  return {0, ""};
}

CredentialInput qr_for_person() {
  CredentialInput input;
  input.compound_node_id = 5;
  input.person_id = 7;
  input.kind = CredentialKind::Qr;
  input.valid_from = "2026-01-01";
  input.valid_to = "2026-12-31";
  return input;
}

}  // namespace

TEST(AccessTotp, MatchesTheRfc6238Sha256Vectors) {
  EXPECT_EQ(totp(kRfcSecret, at(59)), "46119246");
  EXPECT_EQ(totp(kRfcSecret, at(1111111109)), "68084774");
  EXPECT_EQ(totp(kRfcSecret, at(1111111111)), "67062674");
  EXPECT_EQ(totp(kRfcSecret, at(1234567890)), "91819424");
  EXPECT_EQ(totp(kRfcSecret, at(2000000000)), "90698825");
  // The vector of the year 2603 lies past what a TimePoint holds: its step, counted directly.
  EXPECT_EQ(hotp_sha256(kRfcSecret, 20000000000 / 30), "77737706");
}

TEST(AccessTotp, CodeExpiresAtTheEndOfItsThirtySecondStep) {
  EXPECT_EQ(expires_in(at(60)), 30);
  EXPECT_EQ(expires_in(at(59)), 1);
  EXPECT_EQ(expires_in(at(75)), 15);
  EXPECT_EQ(totp(kRfcSecret, at(60)), totp(kRfcSecret, at(89)));
  EXPECT_NE(totp(kRfcSecret, at(89)), totp(kRfcSecret, at(90)));
}

TEST(AccessVerify, AcceptsTheCurrentStepAndOneEitherSide) {
  std::string code = totp(kRfcSecret, at(1111111111));  // step 37037037
  EXPECT_TRUE(verify_qr(kRfcSecret, code, at(1111111111)));
  EXPECT_TRUE(verify_qr(kRfcSecret, code, at(1111111111 + 30)));
  EXPECT_TRUE(verify_qr(kRfcSecret, code, at(1111111111 - 30)));
  EXPECT_FALSE(verify_qr(kRfcSecret, code, at(1111111111 + 60)));
  EXPECT_FALSE(verify_qr(kRfcSecret, code, at(1111111111 - 60)));
  EXPECT_FALSE(verify_qr(kRfcSecret, code, at(1111111111 + 30), 0)) << "no window: only the step itself";
  EXPECT_TRUE(verify_qr(kRfcSecret, code, at(1111111111 + 60), 2));
}

TEST(AccessVerify, RefusesAnotherSecretAndCodesOfTheWrongShape) {
  std::string code = totp(kRfcSecret, at(59));
  EXPECT_FALSE(verify_qr("another secret of thirty-two byte", code, at(59)));
  EXPECT_FALSE(verify_qr(kRfcSecret, code.substr(1), at(59)));
  EXPECT_FALSE(verify_qr(kRfcSecret, code + "0", at(59)));
  EXPECT_FALSE(verify_qr(kRfcSecret, "4611924a", at(59)));
  EXPECT_FALSE(verify_qr(kRfcSecret, "", at(59)));
}

TEST(AccessQrPayload, CarriesTheCredentialAndItsEightDigits) {
  std::string payload = qr_payload(42, "46119246");
  EXPECT_EQ(payload, "WZA1:42:46119246");
  auto parsed = parse_qr_payload(payload);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->credential_id, 42);
  EXPECT_EQ(parsed->code, "46119246");
  for (const char* odd :
       {"WZA1:42:4611924", "WZA1::46119246", "WZA1:0:46119246", "WZA2:42:46119246", "WZA1:4x:46119246",
        "WZA1:42:461192460", "WZA1:42", "wza1:42:46119246", "WZA1:99999999999999999999:46119246"}) {
    EXPECT_FALSE(parse_qr_payload(odd)) << odd;
  }
}

TEST(AccessSecret, HexReadsBackAsBytes) {
  EXPECT_EQ(bytes_from_hex("3132ff"), std::string("12\xff"));
  EXPECT_FALSE(bytes_from_hex("313"));
  EXPECT_FALSE(bytes_from_hex("zz"));
}

TEST(AccessLifecycle, SuspendNeedsAnActiveCredentialAndAReason) {
  EXPECT_EQ(refusal([] { check_suspend(CredentialState::Active, "卡片遗失"); }).first, 0);
  EXPECT_EQ(refusal([] { check_suspend(CredentialState::Active, "  "); }), std::make_pair(400, std::string("reason")));
  EXPECT_EQ(refusal([] { check_suspend(CredentialState::Active, std::string(101 * 3, 'x')); }).second, "reason");
  EXPECT_EQ(refusal([] { check_suspend(CredentialState::Suspended, "再次"); }),
            std::make_pair(409, std::string("state")));
  EXPECT_EQ(refusal([] { check_suspend(CredentialState::Revoked, "已注销"); }).first, 409);
}

TEST(AccessLifecycle, ARevokedCredentialCannotBeRestored) {
  EXPECT_EQ(refusal([] { check_restore(CredentialState::Suspended); }).first, 0);
  EXPECT_EQ(refusal([] { check_restore(CredentialState::Revoked); }), std::make_pair(409, std::string("state")));
  EXPECT_EQ(refusal([] { check_restore(CredentialState::Active); }).first, 409);
}

TEST(AccessLifecycle, RevokeTakesActiveOrSuspendedOnceWithAReason) {
  EXPECT_EQ(refusal([] { check_revoke(CredentialState::Active, "迁出"); }).first, 0);
  EXPECT_EQ(refusal([] { check_revoke(CredentialState::Suspended, "迁出"); }).first, 0);
  EXPECT_EQ(refusal([] { check_revoke(CredentialState::Active, ""); }).second, "reason");
  EXPECT_EQ(refusal([] { check_revoke(CredentialState::Revoked, "迁出"); }).first, 409);
}

TEST(AccessCredential, NumbersAreLettersAndDigitsUpToThirtyTwo) {
  EXPECT_TRUE(number_shaped("A1B2C3"));
  EXPECT_TRUE(number_shaped(std::string(32, '9')));
  EXPECT_FALSE(number_shaped(std::string(33, '9')));
  EXPECT_FALSE(number_shaped(""));
  EXPECT_FALSE(number_shaped("12-34"));
  EXPECT_FALSE(number_shaped("卡1"));
  EXPECT_FALSE(number_shaped("12 34"));
}

TEST(AccessCredential, ChecksHolderKindNumberAndDates) {
  EXPECT_EQ(refusal([] { check_credential(qr_for_person(), "2026-06-01"); }).first, 0);
  auto with = [](auto change) {
    CredentialInput input = qr_for_person();
    change(input);
    return refusal([&] { check_credential(input, "2026-06-01"); });
  };
  EXPECT_EQ(with([](CredentialInput& input) { input.user_id = 3; }).second, "person_id");
  EXPECT_EQ(with([](CredentialInput& input) { input.person_id.reset(); }).second, "person_id");
  EXPECT_EQ(with([](CredentialInput& input) { input.number = "A1"; }).second, "card_number");
  EXPECT_EQ(with([](CredentialInput& input) { input.kind = CredentialKind::Card; }).second, "card_number");
  EXPECT_EQ(with([](CredentialInput& input) { input.kind = CredentialKind::Face; }).second, "face_reference");
  EXPECT_EQ(with([](CredentialInput& input) {
              input.kind = CredentialKind::Card;
              input.number = "0012AB";
            }).first,
            0);
  EXPECT_EQ(with([](CredentialInput& input) { input.valid_from = "2026-13-01"; }).second, "valid_from");
  EXPECT_EQ(with([](CredentialInput& input) { input.valid_to = "2025-12-31"; }),
            std::make_pair(422, std::string("valid_to")));
  EXPECT_EQ(with([](CredentialInput& input) { input.valid_to = "2026-05-31"; }).second, "valid_to") << "over already";
  EXPECT_EQ(with([](CredentialInput& input) { input.approval = Approval{9, " "}; }).second, "approval.reference");
}

TEST(AccessCredential, TheSmallGatesNeedTheCommitteesApproval) {
  EXPECT_EQ(tiers_covered(false), (std::vector<Tier>{Tier::Main, Tier::Middle}));
  EXPECT_EQ(tiers_covered(true), (std::vector<Tier>{Tier::Main, Tier::Middle, Tier::Small}));
}

TEST(AccessCredential, UsableOnlyWhenActiveWithinItsDays) {
  CredentialInput input = qr_for_person();
  EXPECT_TRUE(usable_on(CredentialState::Active, input, "2026-01-01"));
  EXPECT_TRUE(usable_on(CredentialState::Active, input, "2026-12-31"));
  EXPECT_FALSE(usable_on(CredentialState::Active, input, "2027-01-01"));
  EXPECT_FALSE(usable_on(CredentialState::Suspended, input, "2026-06-01"));
  EXPECT_FALSE(usable_on(CredentialState::Revoked, input, "2026-06-01"));
}

TEST(AccessHours, AlwaysOpenIsOpenAtEveryMinute) {
  Hours always;
  EXPECT_TRUE(is_open_at(always, 1, 0));
  EXPECT_TRUE(is_open_at(always, 7, 1439));
}

TEST(AccessHours, ClosedFromElevenAtNightToHalfPastFive) {
  Hours hours{false, {OpenWindow{{1, 2, 3, 4, 5, 6, 7}, 5 * 60 + 30, 23 * 60}}};
  EXPECT_FALSE(is_open_at(hours, 3, 23 * 60));
  EXPECT_FALSE(is_open_at(hours, 3, 2 * 60));
  EXPECT_FALSE(is_open_at(hours, 3, 5 * 60 + 29));
  EXPECT_TRUE(is_open_at(hours, 3, 5 * 60 + 30));
  EXPECT_TRUE(is_open_at(hours, 3, 22 * 60 + 59));
}

TEST(AccessHours, AWindowPastMidnightHoldsIntoTheNextDay) {
  // Open only on Friday nights, 20:00 to 02:00.
  Hours hours{false, {OpenWindow{{5}, 20 * 60, 2 * 60}}};
  EXPECT_TRUE(is_open_at(hours, 5, 21 * 60));
  EXPECT_TRUE(is_open_at(hours, 6, 60)) << "Saturday's small hours belong to Friday night";
  EXPECT_FALSE(is_open_at(hours, 6, 2 * 60));
  EXPECT_FALSE(is_open_at(hours, 5, 60)) << "Thursday night was not open";
  EXPECT_FALSE(is_open_at(hours, 1, 60)) << "Monday after Sunday, which is not open either";
}

TEST(AccessHours, ReadsTheStreetsTimeAtAMoment) {
  Hours hours{false, {OpenWindow{{1, 2, 3, 4, 5, 6, 7}, 5 * 60 + 30, 23 * 60}}};
  // 2026-12-07T15:30Z is 23:30 on Monday in the street; 2026-12-07T00:00Z is 08:00.
  EXPECT_FALSE(is_open_at(hours, *weizhi::parse_iso("2026-12-07T15:30:00Z")));
  EXPECT_TRUE(is_open_at(hours, *weizhi::parse_iso("2026-12-07T00:00:00Z")));
  // Sunday 22:00 UTC is Monday 06:00 in the street: only a Monday window holds.
  Hours mondays{false, {OpenWindow{{1}, 6 * 60, 7 * 60}}};
  EXPECT_TRUE(is_open_at(mondays, *weizhi::parse_iso("2026-12-06T22:00:00Z")));
}

TEST(AccessHours, HoursAndRostersAreChecked) {
  auto hours = [](const char* text) { return refusal([&] { read_hours(weizhi::Json::parse(text), "hours"); }); };
  EXPECT_EQ(hours(R"({"always":true})").first, 0);
  EXPECT_EQ(hours(R"({"always":false,"windows":[{"weekdays":[1,2],"from":"05:30","to":"23:00"}]})").first, 0);
  EXPECT_EQ(hours(R"({"always":false,"windows":[]})").second, "hours.windows");
  EXPECT_EQ(hours(R"({"always":false,"windows":[{"weekdays":[1],"from":"24:00","to":"23:00"}]})").second,
            "hours.windows[0].from");
  EXPECT_EQ(hours(R"({"always":false,"windows":[{"weekdays":[1,1],"from":"05:00","to":"23:00"}]})").second,
            "hours.windows[0].weekdays");
  EXPECT_EQ(hours(R"({"always":false,"windows":[{"weekdays":[8],"from":"05:00","to":"23:00"}]})").second,
            "hours.windows[0].weekdays");
  EXPECT_EQ(hours(R"({"always":false,"windows":[{"weekdays":[1],"from":"05:00","to":"05:00"}]})").second,
            "hours.windows[0].to");
  EXPECT_EQ(hours(R"({"always":"yes"})").second, "hours.always");
  EXPECT_EQ(hours(R"({"always":true,"extra":1})").second, "hours.extra");
  EXPECT_EQ(hours(R"([])").second, "hours");

  std::vector<Shift> roster{{"王建国", {{1, 2, 3}, 8 * 60, 20 * 60}}, {"李卫东", {{1, 2, 3}, 20 * 60, 8 * 60}}};
  EXPECT_EQ(refusal([&] { check_roster(Tier::Main, roster); }).first, 0);
  EXPECT_EQ(refusal([&] { check_roster(Tier::Middle, roster); }), std::make_pair(422, std::string("tier")));
  roster[1].guard_name = "";
  EXPECT_EQ(refusal([&] { check_roster(Tier::Main, roster); }).second, "shifts[1].guard_name");
}

TEST(AccessHours, TimesOfDayAreHoursAndMinutes) {
  EXPECT_EQ(parse_time_of_day("05:30"), 330);
  EXPECT_EQ(parse_time_of_day("23:59"), 1439);
  EXPECT_FALSE(parse_time_of_day("5:30"));
  EXPECT_FALSE(parse_time_of_day("24:00"));
  EXPECT_FALSE(parse_time_of_day("05:60"));
  EXPECT_FALSE(parse_time_of_day("05-30"));
  EXPECT_EQ(time_of_day_text(330), "05:30");
  EXPECT_EQ(time_of_day_text(0), "00:00");
}
