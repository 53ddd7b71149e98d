// Pure rules of visitor passes and of the gate's check (docs/rules.md#i-visitor-passes): the Ed25519-signed token,
// what a household may issue, a pass's state, and the decision at the gate for a credential's code or a pass.
#include "modules/access/visitors_rules.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "modules/access/rules.hpp"
#include "modules/people/people.hpp"

namespace weizhi::access {

namespace {

// A token longer than this is no token of ours: a payload of five numbers and a 64-byte signature fit in 200.
constexpr std::size_t kLongestToken = 256;

std::string encode_base64(std::string_view bytes, int variant) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> decode_base64(std::string_view text, int variant) {
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                        &length, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string base64url(std::string_view bytes) { return encode_base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }
std::optional<std::string> from_base64url(std::string_view text) {
  return decode_base64(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

// A decimal number of 1–18 digits with no sign or leading zero; nullopt otherwise.
std::optional<std::int64_t> plain_number(std::string_view text) {
  if (text.empty() || text.size() > 18 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::optional<PassClaims> read_claims(std::string_view payload) {
  auto fields = split(payload, ':');
  if (fields.size() != 5 || (fields[3] != "o" && fields[3] != "m")) return std::nullopt;
  auto pass_id = plain_number(fields[0]), compound_id = plain_number(fields[1]), expires = plain_number(fields[2]),
       key_id = plain_number(fields[4]);
  if (!pass_id || !compound_id || !expires || !key_id) return std::nullopt;
  return PassClaims{*pass_id, *compound_id, *expires, fields[3] == "o" ? PassUses::Once : PassUses::Many, *key_id};
}

std::int64_t unix_seconds(TimePoint moment) {
  return std::chrono::duration_cast<std::chrono::seconds>(moment.time_since_epoch()).count();
}

CheckOutcome denied(std::string reason) { return {false, std::move(reason)}; }

bool covers(const std::vector<Tier>& tiers, Tier tier) {
  return std::find(tiers.begin(), tiers.end(), tier) != tiers.end();
}

}  // namespace

// --- The token ---

std::string base64_text(std::string_view bytes) { return encode_base64(bytes, sodium_base64_VARIANT_ORIGINAL); }
std::optional<std::string> bytes_from_base64(std::string_view text) {
  return decode_base64(text, sodium_base64_VARIANT_ORIGINAL);
}

std::string sign_pass(const PassClaims& claims, std::string_view secret_key) {
  if (secret_key.size() != kSecretKeyBytes) throw std::invalid_argument("an Ed25519 secret key is 64 bytes");
  std::string payload = std::to_string(claims.pass_id) + ":" + std::to_string(claims.compound_id) + ":" +
                        std::to_string(claims.expires_at) + ":" + (claims.uses == PassUses::Once ? "o" : "m") + ":" +
                        std::to_string(claims.key_id);
  std::string signed_text = kPassPrefix + base64url(payload);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(signed_text.data()),
                       signed_text.size(), reinterpret_cast<const unsigned char*>(secret_key.data()));
  return signed_text + "." + base64url({reinterpret_cast<const char*>(signature), sizeof signature});
}

PassCheck check_pass(std::string_view token, const VerifyKey& key, std::int64_t compound_id, TimePoint now) {
  PassCheck check;
  std::string_view prefix = kPassPrefix;
  if (token.size() > kLongestToken || token.substr(0, prefix.size()) != prefix) return check;
  auto dot = token.rfind('.');
  if (dot < prefix.size()) return check;
  std::string_view signed_text = token.substr(0, dot);
  auto payload = from_base64url(signed_text.substr(prefix.size()));
  auto signature = from_base64url(token.substr(dot + 1));
  if (!payload || !signature || signature->size() != crypto_sign_BYTES) return check;
  auto claims = read_claims(*payload);
  if (!claims) return check;
  check.verdict = PassVerdict::Forged;
  if (claims->key_id != key.key_id || key.public_key.size() != kPublicKeyBytes ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                  reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(),
                                  reinterpret_cast<const unsigned char*>(key.public_key.data())) != 0) {
    return check;
  }
  check.pass_id = claims->pass_id;
  check.claims = claims;
  if (claims->compound_id != compound_id) {
    check.verdict = PassVerdict::WrongCompound;
  } else if (unix_seconds(now) >= claims->expires_at) {
    check.verdict = PassVerdict::Expired;
  } else {
    check.verdict = PassVerdict::Valid;
  }
  return check;
}

// --- Issuing ---

void check_pass_request(const PassRequest& request) {
  if (auto problem = people::name_problem(request.visitor_name)) fail_invalid("visitor_name", "访客姓名：" + *problem);
  if (auto problem = people::phone_problem(request.visitor_phone))
    fail_invalid("visitor_phone", "访客手机号：" + *problem);
  if (request.valid_hours < 1 || request.valid_hours > kMaxValidHours) {
    fail_invalid("valid_hours", "有效时长应为 1–" + std::to_string(kMaxValidHours) + " 小时");
  }
  if (request.tiers.empty() || request.tiers.size() > 3) fail_invalid("gate_tiers", "通行门岗应为 1–3 个层级");
  for (std::size_t i = 0; i < request.tiers.size(); ++i) {
    if (std::count(request.tiers.begin(), request.tiers.end(), request.tiers[i]) > 1) {
      fail_invalid("gate_tiers", "通行门岗层级不能重复");
    }
  }
  if (covers(request.tiers, Tier::Small)) {
    fail_unprocessable("小门凭自管会批准通行，访客通行证只开大门和中门", "gate_tiers");
  }
}

void check_daily_limit(std::int64_t issued_today) {
  if (issued_today >= kPassesPerHouseholdDay) {
    throw ApiError(429, "too_many_requests",
                   "本户今天已开具 " + std::to_string(kPassesPerHouseholdDay) + " 张访客通行证，请明天再开");
  }
}

// --- A pass's state ---

PassState pass_state(bool revoked, PassUses uses, bool used, TimePoint expires_at, TimePoint now) {
  if (revoked) return PassState::Revoked;
  if (uses == PassUses::Once && used) return PassState::Used;
  if (now >= expires_at) return PassState::Expired;
  return PassState::Active;
}

void check_pass_revoke(PassState state) {
  if (state != PassState::Active) fail_conflict("只有有效的通行证可以作废", "state");
}

// --- The gate's check ---

CheckOutcome credential_check(bool code_matches, CredentialState state, const CredentialInput& input,
                              const std::string& today, const GateNow& gate) {
  if (!code_matches) return denied("二维码无效或已过期");
  if (state == CredentialState::Suspended) return denied("凭证已暂停");
  if (state == CredentialState::Revoked) return denied("凭证已注销");
  if (!usable_on(state, input, today)) return denied("凭证不在有效期内");
  if (!covers(tiers_covered(input.approval.has_value()), gate.tier)) return denied("凭证不能通行此门岗");
  if (!gate.open) return denied("门岗现在不开放");
  return {true, "二维码通过"};
}

CheckOutcome pass_check(PassVerdict verdict, std::optional<PassState> state, const std::vector<Tier>& tiers,
                        const GateNow& gate) {
  switch (verdict) {
    case PassVerdict::Malformed:
      return denied("通行证无法识别");
    case PassVerdict::Forged:
      return denied("通行证签名无效");
    case PassVerdict::WrongCompound:
      return denied("通行证不是本小区的");
    case PassVerdict::Expired:
      return denied("通行证已过期");
    case PassVerdict::Valid:
      break;
  }
  if (!state) return denied("找不到该通行证");
  if (*state == PassState::Revoked) return denied("通行证已作废");
  if (*state == PassState::Used) return denied(kPassUsedReason);
  if (*state == PassState::Expired) return denied("通行证已过期");
  if (!covers(tiers, gate.tier)) return denied("通行证不能通行此门岗");
  if (!gate.open) return denied("门岗现在不开放");
  return {true, "访客通行证通过"};
}

PayloadKind payload_kind(std::string_view payload) {
  if (payload.rfind("WZA1:", 0) == 0) return PayloadKind::Credential;
  if (payload.rfind(kPassPrefix, 0) == 0) return PayloadKind::Pass;
  return PayloadKind::Unknown;
}

}  // namespace weizhi::access
