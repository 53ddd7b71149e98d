// Visitor pass rules: the Ed25519-signed token a terminal checks offline (valid, expired, forged, tampered, another
// compound's, malformed, another key's), what a household may issue, a pass's state, and the gate's decision for a
// credential's code and for a pass.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>

#include "core/crypto.hpp"
#include "modules/access/visitors_rules.hpp"
#include "refusal.hpp"

using namespace weizhi::access;
using weizhi::code_of;
using weizhi::TimePoint;

namespace {

TimePoint at(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

struct KeyPair {
  VerifyKey verify;
  std::string secret;
};

KeyPair key_pair(std::int64_t key_id) {
  weizhi::crypto::init();
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret_key);
  return {{key_id, std::string(reinterpret_cast<char*>(public_key), sizeof public_key)},
          std::string(reinterpret_cast<char*>(secret_key), sizeof secret_key)};
}

const std::int64_t kExpiry = 1'800'000'000;
const PassClaims kClaims{41, 7, kExpiry, PassUses::Once, 1};

}  // namespace

TEST(AccessVisitorToken, ASignedPassChecksValidBeforeItsExpiryWithItsClaims) {
  KeyPair key = key_pair(1);
  std::string token = sign_pass(kClaims, key.secret);
  EXPECT_EQ(token.rfind("WZV1.", 0), 0u);
  EXPECT_LT(token.size(), 160u) << "compact enough for a small QR code";
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", 5),
            std::string::npos)
      << token;
  PassCheck check = check_pass(token, key.verify, 7, at(kExpiry - 1));
  EXPECT_EQ(check.verdict, PassVerdict::Valid);
  EXPECT_EQ(check.pass_id, 41);
  ASSERT_TRUE(check.claims);
  EXPECT_EQ(check.claims->uses, PassUses::Once);
  EXPECT_EQ(check.claims->expires_at, kExpiry);
  EXPECT_EQ(sign_pass(kClaims, key.secret), token) << "Ed25519 is deterministic: the pass need not keep its token";
}

TEST(AccessVisitorToken, APassIsExpiredFromItsExpiryOn) {
  KeyPair key = key_pair(1);
  std::string token = sign_pass(kClaims, key.secret);
  EXPECT_EQ(check_pass(token, key.verify, 7, at(kExpiry)).verdict, PassVerdict::Expired);
  EXPECT_EQ(check_pass(token, key.verify, 7, at(kExpiry + 3600)).verdict, PassVerdict::Expired);
}

TEST(AccessVisitorToken, AnotherKeysSignatureIsForged) {
  KeyPair key = key_pair(1);
  KeyPair other = key_pair(1);
  std::string token = sign_pass(kClaims, other.secret);
  PassCheck check = check_pass(token, key.verify, 7, at(kExpiry - 1));
  EXPECT_EQ(check.verdict, PassVerdict::Forged);
  EXPECT_FALSE(check.pass_id) << "nothing a forger wrote is trusted";
}

TEST(AccessVisitorToken, ATamperedPayloadOrSignatureIsForged) {
  KeyPair key = key_pair(1);
  std::string token = sign_pass(kClaims, key.secret);
  // The same claims but a later expiry, under the original signature.
  PassClaims later = kClaims;
  later.expires_at += 86400;
  std::string other = sign_pass(later, key.secret);
  std::string spliced = other.substr(0, other.rfind('.')) + token.substr(token.rfind('.'));
  EXPECT_EQ(check_pass(spliced, key.verify, 7, at(kExpiry - 1)).verdict, PassVerdict::Forged);
  std::string flipped = token;
  char& last = flipped[flipped.size() - 2];
  last = last == 'A' ? 'B' : 'A';
  EXPECT_EQ(check_pass(flipped, key.verify, 7, at(kExpiry - 1)).verdict, PassVerdict::Forged);
}

TEST(AccessVisitorToken, AnotherKeyIdIsForgedEvenWithTheRightKeysBytes) {
  KeyPair key = key_pair(1);
  PassClaims claims = kClaims;
  claims.key_id = 2;
  EXPECT_EQ(check_pass(sign_pass(claims, key.secret), key.verify, 7, at(kExpiry - 1)).verdict, PassVerdict::Forged);
}

TEST(AccessVisitorToken, AnotherCompoundsPassIsNamedSo) {
  KeyPair key = key_pair(1);
  PassCheck check = check_pass(sign_pass(kClaims, key.secret), key.verify, 8, at(kExpiry - 1));
  EXPECT_EQ(check.verdict, PassVerdict::WrongCompound);
  EXPECT_EQ(check.pass_id, 41);
}

TEST(AccessVisitorToken, MalformedTextIsMalformed) {
  KeyPair key = key_pair(1);
  std::string token = sign_pass(kClaims, key.secret);
  std::string payload = token.substr(5, token.rfind('.') - 5);
  for (const std::string& bad :
       {std::string(""), std::string("WZV1."), std::string("WZV1.."), std::string("WZA1:1:12345678"),
        std::string("wzv1.") + token.substr(5), token.substr(0, token.rfind('.')), token + "=", token + ".x",
        std::string("WZV1.") + payload + ".c2ln", std::string("WZV1.!!!.") + token.substr(token.rfind('.') + 1),
        token + std::string(300, 'A')}) {
    EXPECT_EQ(check_pass(bad, key.verify, 7, at(kExpiry - 1)).verdict, PassVerdict::Malformed) << bad;
  }
}

TEST(AccessVisitorToken, ThePublicKeyTravelsAsBase64) {
  KeyPair key = key_pair(1);
  std::string text = base64_text(key.verify.public_key);
  EXPECT_EQ(text.size(), 44u);
  EXPECT_EQ(bytes_from_base64(text), key.verify.public_key);
  EXPECT_FALSE(bytes_from_base64("not base64!"));
}

TEST(AccessVisitorIssue, ARequestIsRefusedNamingItsField) {
  PassRequest good{"王小明", "13812345678"};
  EXPECT_EQ(refusal_of([&] { check_pass_request(good); }), "");
  auto with = [&](auto change) {
    PassRequest request = good;
    change(request);
    return refusal_of([&] { check_pass_request(request); });
  };
  EXPECT_EQ(with([](PassRequest& r) { r.visitor_name = ""; }), "400 visitor_name");
  EXPECT_EQ(with([](PassRequest& r) { r.visitor_phone = "12345"; }), "400 visitor_phone");
  EXPECT_EQ(with([](PassRequest& r) { r.valid_hours = 0; }), "400 valid_hours");
  EXPECT_EQ(with([](PassRequest& r) { r.valid_hours = 25; }), "400 valid_hours");
  EXPECT_EQ(with([](PassRequest& r) { r.valid_hours = 1; }), "");
  EXPECT_EQ(with([](PassRequest& r) { r.tiers = {}; }), "400 gate_tiers");
  EXPECT_EQ(with([](PassRequest& r) { r.tiers = {Tier::Main, Tier::Main}; }), "400 gate_tiers");
  EXPECT_EQ(with([](PassRequest& r) { r.tiers = {Tier::Small}; }), "422 gate_tiers");
}

TEST(AccessVisitorIssue, AHouseholdIssuesAtMostTwentyADay) {
  EXPECT_EQ(refusal_of([] { check_daily_limit(kPassesPerHouseholdDay - 1); }), "");
  EXPECT_EQ(refusal_of([] { check_daily_limit(kPassesPerHouseholdDay); }), "429 ");
}

TEST(AccessVisitorState, RevokedThenUsedThenExpiredThenActive) {
  EXPECT_EQ(pass_state(true, PassUses::Once, true, at(100), at(200)), PassState::Revoked);
  EXPECT_EQ(pass_state(false, PassUses::Once, true, at(100), at(50)), PassState::Used);
  EXPECT_EQ(pass_state(false, PassUses::Many, true, at(100), at(50)), PassState::Active) << "many uses";
  EXPECT_EQ(pass_state(false, PassUses::Many, false, at(100), at(100)), PassState::Expired);
  EXPECT_EQ(refusal_of([] { check_pass_revoke(PassState::Used); }), "409 state");
  EXPECT_EQ(refusal_of([] { check_pass_revoke(PassState::Active); }), "");
}

TEST(AccessVisitorCheck, ACredentialsCodeOpensOnlyItsTiersWhileUsableAndTheGateOpen) {
  CredentialInput input;
  input.valid_from = "2026-01-01";
  input.valid_to = "2026-12-31";
  GateNow main{Tier::Main, true};
  EXPECT_TRUE(credential_check(true, CredentialState::Active, input, "2026-06-01", main).granted);
  EXPECT_FALSE(credential_check(false, CredentialState::Active, input, "2026-06-01", main).granted);
  EXPECT_EQ(credential_check(true, CredentialState::Suspended, input, "2026-06-01", main).reason, "凭证已暂停");
  EXPECT_FALSE(credential_check(true, CredentialState::Active, input, "2027-01-01", main).granted);
  EXPECT_EQ(credential_check(true, CredentialState::Active, input, "2026-06-01", {Tier::Small, true}).reason,
            "凭证不能通行此门岗")
      << "the small gates want the committee's approval";
  EXPECT_FALSE(credential_check(true, CredentialState::Active, input, "2026-06-01", {Tier::Main, false}).granted);
}

TEST(AccessVisitorCheck, APassOpensOnlyWhenValidActiveForTheTierAndTheGateOpen) {
  std::vector<Tier> tiers{Tier::Main, Tier::Middle};
  GateNow main{Tier::Main, true};
  EXPECT_TRUE(pass_check(PassVerdict::Valid, PassState::Active, tiers, main).granted);
  for (PassVerdict verdict :
       {PassVerdict::Expired, PassVerdict::Forged, PassVerdict::Malformed, PassVerdict::WrongCompound}) {
    EXPECT_FALSE(pass_check(verdict, PassState::Active, tiers, main).granted) << code_of(kPassVerdicts, verdict);
  }
  EXPECT_FALSE(pass_check(PassVerdict::Valid, std::nullopt, tiers, main).granted);
  EXPECT_EQ(pass_check(PassVerdict::Valid, PassState::Used, tiers, main).reason, kPassUsedReason);
  EXPECT_FALSE(pass_check(PassVerdict::Valid, PassState::Revoked, tiers, main).granted);
  EXPECT_FALSE(pass_check(PassVerdict::Valid, PassState::Expired, tiers, main).granted);
  EXPECT_FALSE(pass_check(PassVerdict::Valid, PassState::Active, tiers, {Tier::Small, true}).granted);
  EXPECT_FALSE(pass_check(PassVerdict::Valid, PassState::Active, tiers, {Tier::Main, false}).granted);
}

TEST(AccessVisitorCheck, ThePayloadSaysWhatItIs) {
  EXPECT_EQ(payload_kind("WZA1:12:12345678"), PayloadKind::Credential);
  EXPECT_EQ(payload_kind("WZV1.abc.def"), PayloadKind::Pass);
  EXPECT_EQ(payload_kind("https://example.com"), PayloadKind::Unknown);
}
