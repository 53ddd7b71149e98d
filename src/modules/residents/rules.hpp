// Pure rules of signing in by phone (docs/rules.md#f-sms-codes): the one-time code made from random
// bytes, how long it holds and how many tries it takes, how often codes may be sent, which answer a
// code earns, and which resident roles an account gains or loses. No SQL, no HTTP, no clock.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace weizhi::residents {

// The code's shape and limits, as docs/rules.md#f-sms-codes gives them; per_address_per_hour comes
// from the setting sms_codes_per_address_per_hour.
struct CodePolicy {
  std::chrono::minutes valid_for{5};
  int tries = 5;
  std::chrono::seconds resend_after{60};
  int per_phone_per_day = 10;
  int per_address_per_hour = 30;
};

inline constexpr std::size_t kCodeDigits = 6;
// Random bytes a code is made from: 64 bits reduced modulo 10^6, whose bias (under 2^-44) no guesser can use.
using CodeBytes = std::array<unsigned char, 8>;
std::string code_from_bytes(const CodeBytes& bytes);
// Whether `code` has the shape of a code: exactly kCodeDigits ASCII digits.
bool code_shaped(const std::string& code);

// Seconds to wait before another code may be sent, or nullopt when one may be sent now. `phone_requests`
// are the moments codes were asked for this phone in the last day, `address_requests` those asked from
// the client's address in the last hour; asking for a phone outside the registry counts the same.
std::optional<std::int64_t> wait_before_sending(const std::vector<TimePoint>& phone_requests,
                                                const std::vector<TimePoint>& address_requests, TimePoint now,
                                                const CodePolicy& policy);

// The last code sent to a phone, as stored.
struct SentCode {
  TimePoint expires_at;
  int failures = 0;
  bool used = false;
};

enum class Verdict { Accepted, Wrong, Expired, Locked, Used };
// What a typed code earns: a code used once, tried `tries` times wrongly or past its time is dead
// whatever is typed; otherwise it is accepted when it matches, and a wrong one counts as a try.
Verdict judge_code(const SentCode& sent, bool matches, TimePoint now, const CodePolicy& policy);

// Whether an account holding `roles` may sign in by phone: only a resident's. Staff keep their password,
// so that whoever holds a staff member's phone for a moment does not hold their work.
bool phone_may_sign_in(const std::vector<std::string>& roles);

// The resident roles to add and to end so that an account holds `resident` exactly on the compounds
// where its person owns, rents or lives: moving out ends the role at the next sign-in.
struct RoleChanges {
  std::vector<std::int64_t> add;  // compound ids
  std::vector<std::int64_t> end;  // role assignment ids
};
struct HeldRole {
  std::int64_t assignment_id;
  std::int64_t compound_id;
};
RoleChanges resident_role_changes(const std::vector<HeldRole>& held, const std::set<std::int64_t>& compounds);

}  // namespace weizhi::residents
