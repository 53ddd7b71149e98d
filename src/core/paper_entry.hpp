// Paper double entry (docs/rules.md#c-paper-two-clerks), shared by votes and elections: two clerks
// type each paper form, equal entries count it and differing ones hold it for a supervisor.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/code_table.hpp"

namespace weizhi::paper_entry {

enum class Outcome { AwaitingSecondEntry, Counted, Held };
// The status the API answers with (read with code_of).
constexpr CodeTable<Outcome> kOutcomes = {
    {Outcome::AwaitingSecondEntry, "awaiting_second_entry"}, {Outcome::Counted, "counted"}, {Outcome::Held, "held"}};

// One clerk's typing of a form, its choices as the module stores them.
struct Entry {
  std::int64_t clerk_user_id;
  std::string choices;
};

// What is known of one form so far.
struct Form {
  std::vector<Entry> entries;  // in the order typed
  bool counted = false;        // its ballot is recorded
};

// Typed differently and not yet counted: waits for the supervisor's reading.
bool held(const Form& form);

// Whether a held form takes more entries (each leaves it held) or refuses them.
enum class WhenHeld { TakeMoreEntries, RefuseMoreEntries };

// Why an entry is refused; the module names the form in its own words.
enum class Refusal { AlreadyCounted, HeldForSupervisor, SameClerk };

struct Decision {
  std::optional<Refusal> refusal;
  Outcome outcome = Outcome::AwaitingSecondEntry;  // when not refused
};

// A clerk's entry of `choices` on `form`: refused when the form is counted, when it is held and
// `when_held` refuses more entries, or when this clerk typed it before; otherwise the first entry
// awaits a second, and a second equal to the first counts the form while any other holds it.
Decision enter(const Form& form, std::int64_t clerk_user_id, const std::string& choices, WhenHeld when_held);

}  // namespace weizhi::paper_entry
