// Pure covenant rules: codes, clause and policy checks, the adopting vote's conditions, the
// violation life cycle, deadlines, escalation levels and area sums. No SQL, no HTTP, no clock:
// `today` is passed in as YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/covenant/model.hpp"
#include "modules/governance/governance.hpp"
#include "modules/org/org.hpp"

namespace weizhi::covenant {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<VersionState> kVersionStates = {
    {VersionState::Draft, "draft"}, {VersionState::Adopted, "adopted"}, {VersionState::Superseded, "superseded"}};
constexpr CodeTable<ViolationState> kViolationStates = {{ViolationState::Reported, "reported"},
                                                        {ViolationState::Notified, "notified"},
                                                        {ViolationState::Rectifying, "rectifying"},
                                                        {ViolationState::Removed, "removed"},
                                                        {ViolationState::Closed, "closed"}};
constexpr CodeTable<ViolationKind> kViolationKinds = {{ViolationKind::IllegalStructure, "illegal_structure"},
                                                      {ViolationKind::Parking, "parking"},
                                                      {ViolationKind::Other, "other"}};

// stairwell_clutter, pets, noise: with parking and illegal structures, the five items.
Policy default_policy();
// 400 naming the field: 1–10 extra types, each 1–40 characters of a–z, 0–9 and _, none repeating
// parking, illegal_structure or another.
void check_policy(const Policy& policy);
// parking, illegal_structure, then the street's types.
std::vector<std::string> clause_types(const Policy& policy);

// 400 naming the field ("clauses[2].rectification_days"): 1–50 clauses numbered 1, 2, … in order,
// a type of the street's, text of 1–2000 bytes, rectification and escalation days 1–90; title 1–200 bytes.
void check_version(const std::string& title, const std::vector<Clause>& clauses, const Policy& policy);

ViolationKind kind_of_clause_type(std::string_view type);

// 409 with the reason unless the vote is on the same compound, of matter 2 (管理规约), counted,
// has the item and the item passed. 400 naming vote_item when the item is below 1.
void check_adopting_vote(const VoteFacts& vote, std::int64_t covenant_compound_node_id, std::int64_t item);

// The life cycle: reported → notified → rectifying → removed, and closed (with a reason) from
// any open state. Rectifying may be skipped: a household can remove the structure right away.
bool transition_allowed(ViolationState from, ViolationState to);
// 409 naming both states when the transition is not allowed.
void check_transition(ViolationState from, ViolationState to);
bool is_open(ViolationState state);
// Removal needs a re-inspection, and the latest one passed (409 otherwise).
void check_removal(const std::vector<Inspection>& inspections);

// The day of the violation's latest step (reported, notified or its latest inspection), which the
// next step may not precede.
std::string last_step_day(const Violation& violation);
// 404 when the part is missing or not a part, then when the compound is; 422 naming the field when
// the part lies outside the compound.
void check_part_of(const std::optional<org::Node>& part, const std::optional<org::Node>& compound,
                   const std::string& field);
// 409 unless the version is a draft.
void check_adoptable(const Version& version);
// 409 unless the version is adopted; check_part_of naming part_id; 409 naming part_id when the
// part has already signed the version.
void check_acknowledgement(const Version& version, const std::optional<org::Node>& part,
                           const std::optional<org::Node>& compound, bool already_acknowledged);
// The clause a report names, after its checks in this order: 400 naming reported_on unless a day;
// 409 naming compound_id without an adopted version; 400 naming reported_on before its adoption,
// clause_number for a clause it does not have; then the clause kind's fields (400 naming location,
// area_centi_m2, photos above 20, plate, place or description). The stored photos and the part
// are the store's to check next.
Clause check_report(const ViolationInput& input, const std::optional<Version>& adopted);
// The steps of a violation, each 400 naming its day unless a day not before the step it follows,
// and 409 for a step the life cycle does not allow (check_transition):
//   notify: not before the report; rectifying and removal: not before last_step_day, removal after
//   a passed re-inspection (check_removal); closing: a reason (400 naming reason, 1–600 bytes), not
//   before the report.
void check_notify(const Violation& violation, const std::string& notified_on);
void check_rectifying(const Violation& violation, const std::string& on);
void check_remove(const Violation& violation, const std::string& removed_on);
void check_close(const Violation& violation, const std::string& reason, const std::string& closed_on);
// 409 naming state unless notified or rectifying; 400 naming inspected_on unless a day not before
// last_step_day; 400 naming note above 2000 bytes.
void check_inspection(const Violation& violation, const std::string& inspected_on, const std::string& note);
// The escalation levels the violation reaches on `today` beyond the one recorded, lowest first:
// each one passed is told, even after a pause. Empty when nothing new.
std::vector<EscalationLevel> escalations_due(const Violation& violation, const std::string& today);

// The last day to rectify: the notified day plus the clause's days. nullopt when not a date.
std::optional<std::string> deadline(const std::string& notified_on, std::int64_t rectification_days);
// Days past the deadline on `today`, 0 when not yet past.
std::int64_t days_overdue(const std::string& deadline_on, const std::string& today);
// One chain level per `escalation_days` overdue: commissioner, tripartite director, community
// secretary, then the street, which is the last. None while less than `escalation_days` overdue
// and for violations that are no longer open.
EscalationLevel escalation_level(ViolationState state, const std::optional<std::string>& deadline_on,
                                 std::int64_t escalation_days, const std::string& today);

// 400 naming the field: an area of 1 to 100,000,000 hundredths of m² (1,000,000 m²).
void check_area(std::int64_t area_centi_m2, const std::string& field);
// Exact sum of areas in 0.01 m²; throws std::overflow_error rather than wrap.
std::int64_t area_sum(const std::vector<std::int64_t>& areas_centi_m2);

}  // namespace weizhi::covenant
