// Pure rules of signing in by phone (docs/rules.md#f-sms-codes): the one-time code made from random
// bytes, how long it holds and how many tries it takes, how often codes may be sent, which answer a
// code earns, and which resident roles an account gains or loses; then the household invitation letters
// (docs/rules.md#f-invitation-letters) and the sign-up progress counted from them. No SQL, no HTTP, no clock.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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

// --- Household invitation letters (docs/rules.md#f-invitation-letters) ---

// A letter's code: 8 characters of an alphabet without the look-alikes 0/O and 1/I, so an elderly
// reader cannot mistype one for the other; 32^8 (about 10^12) codes.
inline constexpr std::string_view kInvitationAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kInvitationCodeLength = 8;
// One random byte per character: 256 is a multiple of 32, so every character is equally likely.
using InvitationBytes = std::array<unsigned char, kInvitationCodeLength>;
std::string invitation_code_from_bytes(const InvitationBytes& bytes);
// The code as a person typed it: spaces and dashes dropped, small letters read as capitals. nullopt when
// what remains is not kInvitationCodeLength characters of the alphabet.
std::optional<std::string> read_invitation_code(const std::string& typed);

struct InvitationPolicy {
  std::chrono::days valid_for{30};
  // Wrong codes one client address may try in an hour, so nobody guesses their way to a letter.
  int guesses_per_address_per_hour = 20;
  // A building's letters at most: a larger one is a mistake in the registry, not a building.
  std::size_t letters_per_building = 1000;
  // Issuing a building's letters again voids the earlier ones: not twice within this, so a double
  // click does not void the letters just printed.
  std::chrono::seconds reissue_after{60};
};

// A letter's code as stored.
struct StoredInvitation {
  TimePoint expires_at;
  bool used = false;
  bool voided = false;
};
enum class InvitationState { Valid, Used, Voided, Expired };
InvitationState invitation_state(const StoredInvitation& invitation, TimePoint now);

// Seconds to wait before another wrong code may be tried from the address, or nullopt when one may;
// `guesses` are the moments of its wrong codes in the last hour.
std::optional<std::int64_t> wait_before_guessing(const std::vector<TimePoint>& guesses, TimePoint now,
                                                 const InvitationPolicy& policy);
// Seconds to wait before the building's letters may be issued again (`last_issued` the latest batch),
// or nullopt when they may be now.
std::optional<std::int64_t> wait_before_reissuing(std::optional<TimePoint> last_issued, TimePoint now,
                                                  const InvitationPolicy& policy);

// A person of a household as the registry links them to its part.
struct HouseholdMember {
  std::int64_t person_id;
  bool has_phone = false;
};
// A household gets a letter when someone in it has no phone in the registry: only they may claim it,
// so that a letter taken from a mailbox cannot move the sign-in of someone who has a phone already.
bool needs_letter(const std::vector<HouseholdMember>& members);
bool may_claim_letter(const HouseholdMember& member);

// --- Sign-up progress ---

// One household (a residential part) and whether someone of it has signed up: an account made by
// signing in by phone, with a live resident role on its compound.
struct HouseholdSignUp {
  std::int64_t compound_id;
  std::int64_t building_id;
  bool signed_up = false;
};
struct SignUpCount {
  std::int64_t id;  // the compound or building
  std::int64_t households = 0;
  std::int64_t signed_up = 0;
};
struct SignUpProgress {
  SignUpCount total{0};
  std::vector<SignUpCount> compounds;  // by id
  std::vector<SignUpCount> buildings;  // by id
};
SignUpProgress count_sign_ups(const std::vector<HouseholdSignUp>& households);

}  // namespace weizhi::residents
