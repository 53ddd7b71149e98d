// Pure rules of mediation: the codes, the checks of a dispute's fields and parties, the state
// transitions (with the one reopening of a broken agreement), sessions, follow-up visits and the
// ratios of the statistics. No SQL, no HTTP, no clock: "today" is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/mediation/model.hpp"

namespace weizhi::mediation {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<State> kStates = {{State::Open, "open"},
                                      {State::InMediation, "in_mediation"},
                                      {State::Agreed, "agreed"},
                                      {State::NotAgreed, "not_agreed"},
                                      {State::Withdrawn, "withdrawn"}};
constexpr CodeTable<Role> kRoles = {
    {Role::Applicant, "applicant"}, {Role::Respondent, "respondent"}, {Role::Other, "other"}};

struct Category {
  const char* code;
  const char* name;
};
// neighbour_noise, water_leak, parking, pets, shared_space, elevator_retrofit, property_fee, other.
const std::vector<Category>& categories();
// The Chinese name of a category code; nullopt for an unknown code.
std::optional<std::string> category_name(std::string_view code);

// The person tag that makes a resident a mediator (people::talent_tags()).
inline constexpr const char* kMediatorTag = "gold_mediator";

// 400 naming the field: category a known code, summary 1–2000 bytes.
void check_details(const std::string& category, const std::string& summary);
// 400 naming the field: 2–10 parties (`parties`), each either a person_id or a name of 1–50
// characters (`parties[i].name`), never both; no person twice (`parties[i].person_id`); at least one
// applicant and one respondent (`parties`).
void check_parties(const std::vector<PartyInput>& parties);

// The checks of what a dispute's details refer to, after check_details and check_parties: 404 without
// the compound, or when the building or part named is missing or not one; 422 naming building_id
// or part_id outside the compound (a part inside its named building); 422 naming
// parties[i].person_id for a party's missing person, mediator_person_id when the mediator is a
// party or not a gold mediator registered in the compound's community, case_id for a case
// missing or of another compound.
void check_references(const Details& details, const DetailFacts& facts);
// 409 naming state once mediation has begun; 400 naming compound_id when the compound would change.
void check_update(const Mediation& record, const Details& details);
// Whether recording a session starts the mediation (the dispute is still open).
bool session_starts_mediation(State state);

// Whether the step is the reopening of an agreement (agreed → in_mediation).
bool is_reopen(State from, State to);
// 409 naming `to` unless the step is in the table:
//   open → in_mediation | withdrawn;  in_mediation → agreed | not_agreed | withdrawn;
//   agreed → in_mediation only when the latest follow-up visit found the agreement broken and the
//   dispute was never reopened before. not_agreed and withdrawn are final.
void check_transition(State from, State to, bool latest_visit_broken, bool reopened);
// 400 naming the field: agreed needs `agreement` (1–5000 bytes) and `signed_on` (a date not after
// today); not_agreed and withdrawn need a `reason` (1–500 bytes); an agreement or a signing date
// is only for agreed, a reason at most 500 bytes.
void check_outcome(State to, const std::optional<std::string>& agreement, const std::optional<std::string>& signed_on,
                   const std::optional<std::string>& reason, const std::string& today);

// 409 unless the dispute is open or in mediation (sessions record the mediation itself).
void check_session_allowed(State state);
// 400 naming the field: held_on a date not after today, place 1–200 bytes, 1 or more attendees
// each a party index below `party_count` and none twice (`attendees[i]`), notes 1–2000 bytes,
// next_step at most 500 bytes.
void check_session(const SessionInput& input, std::int64_t party_count, const std::string& today);

// 409 unless agreed; 400 naming visited_on unless a date from the signing day to today, naming
// note above 1000 bytes.
void check_follow_up(State state, const FollowUpInput& input, const std::optional<std::string>& signed_on,
                     const std::string& today);
// The last day for the visit that checks an agreement signed on `signed_on` holds: a month on, long
// enough to see it carried out, soon enough to catch it broken. Nullopt when not a date.
std::optional<std::string> follow_up_due_on(const std::string& signed_on);
// The day the dispute's visit is due: follow_up_due_on of the signing day while it is agreed and not
// visited since the signing; nullopt otherwise.
std::optional<std::string> visit_due_on(const Mediation& record, const std::vector<FollowUp>& visits);

// Agreed over the concluded (agreed + not agreed); withdrawn disputes were never decided.
Ratio agreement_rate(std::int64_t agreed, std::int64_t not_agreed);
// Agreed disputes whose latest visit found the agreement kept, over the agreed ones visited.
Ratio kept_share(const std::vector<bool>& latest_visit_kept);

}  // namespace weizhi::mediation
