// Pure rules of signing in by phone (see rules.hpp).
#include "modules/residents/rules.hpp"

#include <algorithm>
#include <map>

namespace weizhi::residents {

namespace {

using std::chrono::seconds;

// The seconds until `limit` moments within `window` before `now` no longer fill it, or nullopt when
// fewer than `limit` do.
std::optional<std::int64_t> wait_for_window(const std::vector<TimePoint>& moments, int limit, seconds window,
                                            TimePoint now) {
  std::vector<TimePoint> inside;
  for (TimePoint moment : moments)
    if (moment > now - window && moment <= now) inside.push_back(moment);
  if (static_cast<int>(inside.size()) < limit) return std::nullopt;
  std::sort(inside.begin(), inside.end());
  // The window frees a place when the oldest moment that keeps it full leaves it.
  TimePoint frees_at = inside[inside.size() - static_cast<std::size_t>(limit)] + window;
  auto wait = std::chrono::ceil<seconds>(frees_at - now).count();
  return std::max<std::int64_t>(wait, 1);
}

}  // namespace

std::string code_from_bytes(const CodeBytes& bytes) {
  std::uint64_t value = 0;
  for (unsigned char byte : bytes) value = (value << 8) | byte;
  std::string code(kCodeDigits, '0');
  for (std::size_t i = kCodeDigits; i-- > 0; value /= 10) code[i] = static_cast<char>('0' + value % 10);
  return code;
}

bool code_shaped(const std::string& code) {
  return code.size() == kCodeDigits &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::int64_t> wait_before_sending(const std::vector<TimePoint>& phone_requests,
                                                const std::vector<TimePoint>& address_requests, TimePoint now,
                                                const CodePolicy& policy) {
  std::optional<std::int64_t> longest;
  for (auto wait : {wait_for_window(phone_requests, 1, policy.resend_after, now),
                    wait_for_window(phone_requests, policy.per_phone_per_day, std::chrono::hours(24), now),
                    wait_for_window(address_requests, policy.per_address_per_hour, std::chrono::hours(1), now)}) {
    if (wait && (!longest || *wait > *longest)) longest = wait;
  }
  return longest;
}

Verdict judge_code(const SentCode& sent, bool matches, TimePoint now, const CodePolicy& policy) {
  if (sent.used) return Verdict::Used;
  if (sent.failures >= policy.tries) return Verdict::Locked;
  if (now >= sent.expires_at) return Verdict::Expired;
  return matches ? Verdict::Accepted : Verdict::Wrong;
}

bool phone_may_sign_in(const std::vector<std::string>& roles) {
  return std::all_of(roles.begin(), roles.end(), [](const std::string& role) { return role == "resident"; });
}

RoleChanges resident_role_changes(const std::vector<HeldRole>& held, const std::set<std::int64_t>& compounds) {
  RoleChanges changes;
  std::set<std::int64_t> kept;
  for (const auto& role : held) {
    if (compounds.count(role.compound_id) && kept.insert(role.compound_id).second) continue;
    changes.end.push_back(role.assignment_id);
  }
  for (std::int64_t compound : compounds)
    if (!kept.count(compound)) changes.add.push_back(compound);
  return changes;
}

std::string invitation_code_from_bytes(const InvitationBytes& bytes) {
  std::string code;
  for (unsigned char byte : bytes) code += kInvitationAlphabet[byte % kInvitationAlphabet.size()];
  return code;
}

std::optional<std::string> read_invitation_code(const std::string& typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (kInvitationAlphabet.find(upper) == std::string_view::npos) return std::nullopt;
    code += upper;
    if (code.size() > kInvitationCodeLength) return std::nullopt;
  }
  if (code.size() != kInvitationCodeLength) return std::nullopt;
  return code;
}

InvitationState invitation_state(const StoredInvitation& invitation, TimePoint now) {
  if (invitation.used) return InvitationState::Used;
  if (invitation.voided) return InvitationState::Voided;
  if (now >= invitation.expires_at) return InvitationState::Expired;
  return InvitationState::Valid;
}

std::optional<std::int64_t> wait_before_guessing(const std::vector<TimePoint>& guesses, TimePoint now,
                                                 const InvitationPolicy& policy) {
  return wait_for_window(guesses, policy.guesses_per_address_per_hour, std::chrono::hours(1), now);
}

std::optional<std::int64_t> wait_before_reissuing(std::optional<TimePoint> last_issued, TimePoint now,
                                                  const InvitationPolicy& policy) {
  if (!last_issued) return std::nullopt;
  return wait_for_window({*last_issued}, 1, policy.reissue_after, now);
}

bool needs_letter(const std::vector<HouseholdMember>& members) {
  return std::any_of(members.begin(), members.end(), may_claim_letter);
}

bool may_claim_letter(const HouseholdMember& member) { return !member.has_phone; }

SignUpProgress count_sign_ups(const std::vector<HouseholdSignUp>& households) {
  SignUpProgress progress;
  std::map<std::int64_t, SignUpCount> compounds;
  std::map<std::int64_t, SignUpCount> buildings;
  for (const auto& household : households) {
    for (SignUpCount* count :
         {&progress.total,
          &compounds.try_emplace(household.compound_id, SignUpCount{household.compound_id}).first->second,
          &buildings.try_emplace(household.building_id, SignUpCount{household.building_id}).first->second}) {
      ++count->households;
      if (household.signed_up) ++count->signed_up;
    }
  }
  for (const auto& [id, count] : compounds) progress.compounds.push_back(count);
  for (const auto& [id, count] : buildings) progress.buildings.push_back(count);
  return progress;
}

}  // namespace weizhi::residents
