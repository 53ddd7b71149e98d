// Pure rules of the people registry: checks of names, phones, ID numbers (GB 11643-1999), birth years, talent
// tags and unmask reasons, and the voting roll of docs/rules.md#b-voting-roll. No SQL, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/model.hpp"
#include "modules/people/people.hpp"

namespace weizhi::people {

// Each `…_problem` returns nullopt when the value is acceptable, else the Chinese message.

// 5–200 characters after trimming.
std::optional<std::string> unmask_reason_problem(const std::string& reason);
// The reference of the co-owners' proxy letter: 1–100 characters.
std::optional<std::string> proxy_reference_problem(const std::string& reference);

struct FieldProblem {
  std::string field;
  std::string message;
};
// The first field of `change` that is not acceptable, checked with the `…_problem` functions (these
// and people.hpp's).
std::optional<FieldProblem> change_problem(const PersonChange& change, std::int64_t current_year);
// The names of the fields a change sets: what an audit record may say (never the values).
std::vector<std::string> changed_field_names(const PersonChange& change);
// The change that creates the person described by `input`: every field set.
PersonChange as_change(const PersonInput& input);

// The GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2): '0'–'9' or 'X'.
char id_check_character(const std::string& first_seventeen_digits);
// Parking spaces and stalls are not exclusive parts for voting (docs/rules.md#b-parking-excluded).
bool counts_for_voting(const std::string& part_use);

}  // namespace weizhi::people
