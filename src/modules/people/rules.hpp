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

// 1–50 characters (code points) after trimming, no control characters.
std::optional<std::string> name_problem(const std::string& name);
// Digits with optional spaces, dashes and a +86 prefix, normalising to a mainland mobile 1[3-9]xxxxxxxxx.
std::optional<std::string> phone_problem(const std::string& phone);
// 18 characters: 17 digits and the GB 11643-1999 check character (0–9 or X, lower-case x accepted).
std::optional<std::string> id_number_problem(const std::string& id_number);
// 1900 ≤ year ≤ current_year.
std::optional<std::string> birth_year_problem(std::int64_t year, std::int64_t current_year);
// Every tag a code of talent_tags(), none twice; the message names the offending tag.
std::optional<std::string> tags_problem(const std::vector<std::string>& tags);
// 5–200 characters after trimming.
std::optional<std::string> unmask_reason_problem(const std::string& reason);
// The reference of the co-owners' proxy letter: 1–100 characters.
std::optional<std::string> proxy_reference_problem(const std::string& reference);

struct FieldProblem {
  std::string field;
  std::string message;
};
// The first field of `change` that is not acceptable, checked with the functions above.
std::optional<FieldProblem> change_problem(const PersonChange& change, std::int64_t current_year);
// The names of the fields a change sets: what an audit record may say (never the values).
std::vector<std::string> changed_field_names(const PersonChange& change);
// The change that creates the person described by `input`: every field set.
PersonChange as_change(const PersonInput& input);

// The GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2): '0'–'9' or 'X'.
char id_check_character(const std::string& first_seventeen_digits);
// The form names are looked up by: surrounding whitespace trimmed.
std::string normalise_name(const std::string& name);
// An ID number as stored: a lower-case x check character made upper-case.
std::string normalise_id_number(const std::string& id_number);
// Parking spaces and stalls are not exclusive parts for voting (docs/rules.md#b-parking-excluded).
bool counts_for_voting(const std::string& part_use);

}  // namespace weizhi::people
