// Pure rules of the people registry: checks of names, phones, ID numbers (GB 11643-1999), birth years, talent
// tags and unmask reasons, and the voting roll of docs/rules.md#b-voting-roll. No SQL, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/people/model.hpp"
#include "modules/people/people.hpp"

namespace weizhi::people {

// Each `…_problem` returns nullopt when the value is acceptable, else the Chinese message.

// 5–200 characters after trimming.
std::optional<std::string> unmask_reason_problem(const std::string& reason);
// The reference of the co-owners' proxy letter: 1–100 characters.
std::optional<std::string> proxy_reference_problem(const std::string& reference);

// What the search box's text is looked up as: a phone number when it is one, else a unit address when it
// holds a digit (names hold none: 1-1-101, 1幢1单元, 西四苑 3-2-501), else a name.
enum class SearchKind { Phone, Address, Name };
SearchKind search_kind(const std::string& text);

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

// Each `…_refusal` returns nullopt when the write may happen, else the error to answer with
// (status, code, message, field); the store loads the facts and throws it.

// What the database says about a change's home node and phone.
struct ChangeFacts {
  std::optional<std::string> home_kind;  // the kind code of the home node; nullopt when there is none
  std::int64_t phone_holders = 0;        // other people registered with the phone
};
// For a change that sets them: 404 naming home_node_id without the node, 422 unless it is a compound
// or community; 409 naming phone when another person has the phone.
std::optional<ApiError> change_refusal(const PersonChange& change, const ChangeFacts& facts);

// What the database says about a new link's part and person.
struct LinkFacts {
  std::optional<std::string> part_kind;  // the kind code of the node; nullopt when there is none
  bool person_exists = false;
  bool already_linked = false;       // the person has this relation to the part
  bool part_has_designated = false;  // the part already has a designated voter
};
// In this order: 404 without the node, 422 naming part_id unless it is a part, 404 naming
// person_id without the person, 422 naming designated_voter for a designated voter who is not an
// owner, 409 naming person_id for a relation already recorded, 409 naming designated_voter for a
// second designated voter (one per part: docs/rules.md#b-co-owned-part).
std::optional<ApiError> link_refusal(const LinkInput& link, const LinkFacts& facts);

// The GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2): '0'–'9' or 'X'.
char id_check_character(const std::string& first_seventeen_digits);
// Parking spaces and stalls are not exclusive parts for voting (docs/rules.md#b-parking-excluded).
bool counts_for_voting(const std::string& part_use);

}  // namespace weizhi::people
