// Pure rules of visitor passes (docs/rules.md#i-visitor-passes) and of the gate's check: the token a pass's QR
// holds, signed with Ed25519 so that a terminal holding the public key checks it offline; what a household may
// issue; a pass's state; and whether a credential's code or a pass opens a gate now. No store, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"
#include "modules/access/model.hpp"

namespace weizhi::access {

enum class PassUses { Once, Many };
// Its codes in rows and JSON (this header's tables are read with code_of, parse_code and parser_of).
constexpr CodeTable<PassUses> kPassUses = {{PassUses::Once, "once"}, {PassUses::Many, "many"}};

// --- The token ---

// What a pass's token says, all of it signed.
struct PassClaims {
  std::int64_t pass_id = 0;
  std::int64_t compound_id = 0;
  std::int64_t expires_at = 0;  // unix seconds
  PassUses uses = PassUses::Once;
  std::int64_t key_id = 0;  // the signing key, so that a terminal knows which public key checks it
};

// The Ed25519 key a terminal checks tokens with: its id and the 32 raw bytes of its public key.
struct VerifyKey {
  std::int64_t key_id = 0;
  std::string public_key;
};

inline constexpr const char* kPassPrefix = "WZV1.";
inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;

// The public key as the key route hands it to terminals: standard base64 with padding, and back (nullopt unless
// exactly that).
std::string base64_text(std::string_view bytes);
std::optional<std::string> bytes_from_base64(std::string_view text);

// "WZV1.<payload>.<signature>", both base64url without padding: the payload "<pass id>:<compound id>:<expiry>:
// <o|m>:<key id>", the signature Ed25519 over "WZV1.<payload>" with the 64-byte `secret_key`. Ed25519 is
// deterministic, so the same claims give the same token: the pass need not keep it.
std::string sign_pass(const PassClaims& claims, std::string_view secret_key);

enum class PassVerdict { Valid, Expired, Forged, Malformed, WrongCompound };
constexpr CodeTable<PassVerdict> kPassVerdicts = {{PassVerdict::Valid, "valid"},
                                                  {PassVerdict::Expired, "expired"},
                                                  {PassVerdict::Forged, "forged"},
                                                  {PassVerdict::Malformed, "malformed"},
                                                  {PassVerdict::WrongCompound, "wrong_compound"}};
struct PassCheck {
  PassVerdict verdict = PassVerdict::Malformed;
  std::optional<std::int64_t> pass_id;  // once the signature holds
  std::optional<PassClaims> claims;     // the same
};
// Checks a token as a terminal does offline: Malformed unless written as sign_pass writes it; Forged when signed
// by another key (its key id is not `key`'s) or the signature does not hold over the exact text; then
// WrongCompound for another compound's, Expired from its expiry on, else Valid.
PassCheck check_pass(std::string_view token, const VerifyKey& key, std::int64_t compound_id, TimePoint now);

// --- Issuing ---

// Policy (docs/rules.md#i-visitor-passes): a pass lasts 24 hours unless the household says fewer, and a household
// issues at most 20 a day.
inline constexpr int kDefaultValidHours = 24;
inline constexpr int kMaxValidHours = 24;
inline constexpr int kPassesPerHouseholdDay = 20;

struct PassRequest {
  std::string visitor_name;
  std::string visitor_phone;
  int valid_hours = kDefaultValidHours;
  PassUses uses = PassUses::Once;
  std::vector<Tier> tiers{Tier::Main, Tier::Middle};
};
// 400 naming the field: the name as a person's (1–50 characters), a mainland mobile phone, valid_hours 1–24,
// one to three tiers none twice; 422 naming `gate_tiers` for a small gate, which opens only on the committee's
// approval (docs/rules.md#i-small-gate-approval).
void check_pass_request(const PassRequest& request);
// 429 once the household issued kPassesPerHouseholdDay passes in the street's day.
void check_daily_limit(std::int64_t issued_today);

// --- A pass's state ---

enum class PassState { Active, Used, Expired, Revoked };
constexpr CodeTable<PassState> kPassStates = {{PassState::Active, "active"},
                                              {PassState::Used, "used"},
                                              {PassState::Expired, "expired"},
                                              {PassState::Revoked, "revoked"}};
// Revoked if revoked; Used if a once pass was used; Expired from `expires_at` on; else Active.
PassState pass_state(bool revoked, PassUses uses, bool used, TimePoint expires_at, TimePoint now);
// Only an active pass is revoked: 409 naming `state` otherwise.
void check_pass_revoke(PassState state);

// --- The gate's check ---

struct CheckOutcome {
  bool granted = false;
  std::string reason;  // in Chinese, shown to the guard and kept with the passage
};
// What a gate opens for: its tier, and whether it is open now (status and hours).
struct GateNow {
  Tier tier = Tier::Main;
  bool open = false;
};
// A credential's code at a gate: the code checks against its secret, the credential is usable today (active and
// within its validity), it opens the gate's tier, and the gate is open.
CheckOutcome credential_check(bool code_matches, CredentialState state, const CredentialInput& input,
                              const std::string& today, const GateNow& gate);
// A pass at a gate, after its token was checked (`verdict`) and its stored state read (nullopt: no such pass):
// the token is valid, the pass active, it opens the gate's tier, and the gate is open. A once pass's use is then
// claimed by the caller, atomically.
CheckOutcome pass_check(PassVerdict verdict, std::optional<PassState> state, const std::vector<Tier>& tiers,
                        const GateNow& gate);
// The reason a once pass is refused when another check claimed its use first.
inline constexpr const char* kPassUsedReason = "通行证已使用";

// What the check's payload is: a credential's rotating code "WZA1:…", a visitor pass "WZV1.…", or neither.
enum class PayloadKind { Credential, Pass, Unknown };
PayloadKind payload_kind(std::string_view payload);

}  // namespace weizhi::access
