// Paper double entry: the decision on one clerk's entry of a paper form, over what is stored of it.
#include "core/paper_entry.hpp"

#include <algorithm>

namespace weizhi::paper_entry {

bool held(const Form& form) { return !form.counted && form.entries.size() >= 2; }

Decision enter(const Form& form, std::int64_t clerk_user_id, const std::string& choices, WhenHeld when_held) {
  if (form.counted) return {Refusal::AlreadyCounted};
  if (held(form) && when_held == WhenHeld::RefuseMoreEntries) return {Refusal::HeldForSupervisor};
  if (std::any_of(form.entries.begin(), form.entries.end(),
                  [&](const Entry& entry) { return entry.clerk_user_id == clerk_user_id; })) {
    return {Refusal::SameClerk};
  }
  if (form.entries.empty()) return {std::nullopt, Outcome::AwaitingSecondEntry};
  if (held(form) || form.entries.front().choices != choices) return {std::nullopt, Outcome::Held};
  return {std::nullopt, Outcome::Counted};
}

}  // namespace weizhi::paper_entry
