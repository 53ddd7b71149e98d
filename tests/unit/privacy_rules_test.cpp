// Unit tests of the pure privacy rules: who is asked to consent by versions, which version may be
// consented to, the fields a correction may ask for and how each is checked and masked, the limit of
// open requests, and how staff answer one.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/privacy/rules.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::privacy;

namespace {

std::string refusal(const std::function<void()>& action) { return refusal_of(action, "ok"); }

}  // namespace

TEST(PrivacyRules, APersonWhoNeverConsentedIsAsked) { EXPECT_TRUE(needs_consent(1, std::nullopt)); }

TEST(PrivacyRules, ConsentToTheCurrentVersionAsksNothing) {
  EXPECT_FALSE(needs_consent(2, 2));
  EXPECT_FALSE(needs_consent(std::nullopt, std::nullopt));
}

TEST(PrivacyRules, ANewVersionAsksAgain) { EXPECT_TRUE(needs_consent(3, 2)); }

TEST(PrivacyRules, OnlyTheCurrentVersionMayBeConsentedTo) {
  EXPECT_EQ(refusal([] { check_consent_version(2, 2); }), "ok");
  EXPECT_EQ(refusal([] { check_consent_version(1, 2); }), "409 version");
  EXPECT_EQ(refusal([] { check_consent_version(3, 2); }), "409 version");
  EXPECT_EQ(refusal([] { check_consent_version(1, std::nullopt); }), "409 version");
}

TEST(PrivacyRules, TheFieldsACorrectionMayAskFor) {
  for (const char* code : {"name", "phone", "id_number", "home", "other"}) {
    auto field = parse_code(kFields, code);
    ASSERT_TRUE(field) << code;
    EXPECT_EQ(code_of(kFields, *field), code);
  }
  EXPECT_FALSE(parse_code(kFields, "birth_year"));
  EXPECT_FALSE(parse_code(kFields, "NAME"));
  EXPECT_FALSE(parse_code(kFields, ""));
}

TEST(PrivacyRules, AProposalIsCheckedAsTheRegistryChecksItsField) {
  EXPECT_EQ(checked_proposal(Field::Phone, "+86 139-0000-1234"), "13900001234");
  EXPECT_EQ(checked_proposal(Field::Name, "  王小明 "), "王小明");
  EXPECT_EQ(checked_proposal(Field::IdNumber, "11010519491231002x"), "11010519491231002X");
  EXPECT_EQ(checked_proposal(Field::Home, "住在 3 幢 2 单元 401，不是 402"), "住在 3 幢 2 单元 401，不是 402");
  EXPECT_EQ(refusal([] { checked_proposal(Field::Phone, "12345"); }), "400 proposed");
  EXPECT_EQ(refusal([] { checked_proposal(Field::IdNumber, "110105194912310021"); }), "400 proposed");
  EXPECT_EQ(refusal([] { checked_proposal(Field::Other, "  "); }), "400 proposed");
  EXPECT_EQ(refusal([] { checked_proposal(Field::Other, std::string(kMaxProposedBytes + 1, 'a')); }), "400 proposed");
}

TEST(PrivacyRules, AProposalIsShownMaskedAsItsField) {
  EXPECT_EQ(masked_proposal(Field::Phone, "13900001234"), "139****1234");
  EXPECT_EQ(masked_proposal(Field::IdNumber, "11010519491231002X"), "110***********002X");
  EXPECT_EQ(masked_proposal(Field::Name, "王小明"), "王*明");
  EXPECT_EQ(masked_proposal(Field::Home, "3 幢 401"), "3 幢 401");
}

TEST(PrivacyRules, AtMostFiveRequestsWaitAtOnce) {
  EXPECT_EQ(refusal([] { check_open_limit(kMaxOpenCorrections - 1); }), "ok");
  EXPECT_EQ(refusal([] { check_open_limit(kMaxOpenCorrections); }), "409 field");
}

TEST(PrivacyRules, ANoteIsOptionalButNotBlank) {
  EXPECT_EQ(refusal([] { check_note(std::nullopt); }), "ok");
  EXPECT_EQ(refusal([] { check_note(std::string("  ")); }), "400 note");
}

TEST(PrivacyRules, StaffAnswerAnOpenRequestAndARejectionSaysWhy) {
  EXPECT_EQ(refusal([] { check_resolution(Status::Open, Status::Corrected, std::nullopt); }), "ok");
  EXPECT_EQ(refusal([] { check_resolution(Status::Open, Status::Rejected, std::string("户籍信息以派出所为准")); }),
            "ok");
  EXPECT_EQ(refusal([] { check_resolution(Status::Open, Status::Rejected, std::nullopt); }), "400 reply");
  EXPECT_EQ(refusal([] { check_resolution(Status::Corrected, Status::Rejected, std::string("x")); }), "409 outcome");
  EXPECT_FALSE(parse_outcome("open"));
  EXPECT_EQ(parse_outcome("rejected"), Status::Rejected);
}

TEST(PrivacyRules, OnlyAResidentOnlyAccountIsClosedByItsOwner) {
  EXPECT_EQ(refusal([] { check_account_closable({"resident", "resident"}); }), "ok");
  EXPECT_EQ(refusal([] { check_account_closable({}); }), "ok");
  EXPECT_EQ(refusal([] { check_account_closable({"resident", "commissioner"}); }), "403 ");
}

TEST(PrivacyRules, TheFirstNoticeNamesWhatIsHeldWhoSeesItAndTheRights) {
  const std::string& body = first_notice_body();
  for (const char* words : {"姓名", "手机号", "身份证号", "房屋与居住信息", "投票与参与记录", "保存多久", "社区工作者",
                            "小区专员", "自管会", "查阅", "复制", "更正", "删除", "撤回同意", "联系"}) {
    EXPECT_NE(body.find(words), std::string::npos) << words;
  }
  EXPECT_EQ(refusal([&] { check_notice_body(body); }), "ok");
  EXPECT_EQ(refusal([] { check_notice_body(" \n"); }), "400 body");
}
