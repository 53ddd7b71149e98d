// SQL of the cases module: the street catalogue, cases with their due times, the transitions,
// notes, ratings and revisits kept as events, the listings and the statistics. Writers check what
// they refer to (400/404/409/422 naming the field), so routes and the demo seed share the checks;
// the time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/cases/model.hpp"
#include "store/db.hpp"

namespace weizhi::cases {

// --- Catalogue ---

// Saves the item's fields (its id, street and code stay); 400 naming the field.
void update_item(store::Tx& tx, const Item& item);

// --- Residents' categories ---

// The street's categories in the order the H5 offers them.
std::vector<ResidentCategory> categories_of_street(store::Connection& connection, std::int64_t street_node_id);
std::optional<ResidentCategory> find_category(store::Connection& connection, std::int64_t id);
std::optional<ResidentCategory> find_category_by_code(store::Connection& connection, std::int64_t street_node_id,
                                                      const std::string& code);
// check_resident_category, then 409 naming code when the street has it. Returns its id.
std::int64_t create_category(store::Tx& tx, const ResidentCategory& category, const Item& item);
// check_resident_category, and saves its name, item, position and whether it is offered.
void update_category(store::Tx& tx, const ResidentCategory& category, const Item& item);

// --- Cases ---

struct PreTask {
  std::int64_t case_id;
  std::int64_t compound_node_id;
  std::string item_name;
};
// The pre-intervention tasks of the street day (YYYY-MM-DD): for each active item scheduling one
// that day, a case on the `schedule` channel in every compound of its street, once per item,
// compound and day (a second run makes none). Returns the tasks made.
std::vector<PreTask> create_pre_tasks(store::Tx& tx, const std::string& street_day);

std::vector<Event> events_of(store::Connection& connection, std::int64_t case_id);
std::vector<Rating> ratings_of(store::Connection& connection, std::int64_t case_id);

// Moves the case (409 for a step out of the table or a duplicate; 400 naming the missing field),
// records the event and the timestamps the step sets. Permissions are the caller's check.
void transition(store::Tx& tx, const Case& record, const TransitionInput& input);
// Maps the case to the catalogue item at triage (check_classify), its due times following the item
// from the report, with a `classify` event naming both items; nothing when it is the same item.
void classify(store::Tx& tx, const Case& record, const Item& item, std::int64_t user_id);
// Assigns every case to the user, or none of them (the first refusal throws).
void bulk_assign(store::Tx& tx, const std::vector<Case>& list, std::int64_t assignee_user_id, std::int64_t user_id);
// A work note on the timeline (400 naming note when empty or above 2000 bytes).
void add_note(store::Tx& tx, const Case& record, const std::string& note, std::int64_t user_id);
// Records the resident's rating; a first unsatisfied one reopens the case to in_progress.
// Returns whether it reopened.
bool rate(store::Tx& tx, const Case& record, std::int64_t score, const std::string& comment, std::int64_t user_id);
// Records the follow-up visit on day `on` (YYYY-MM-DD); 409 unless the case is fixed or closed.
void revisit(store::Tx& tx, const Case& record, const std::string& on, const std::string& note, std::int64_t user_id);

struct EscalationRecord {
  std::int64_t case_id;
  EscalationLevel level;
  std::int64_t compound_node_id;
  std::string item_name;
};
// Records, for each overdue open case, every chain level its lateness at `now` has reached that
// was not recorded yet, as escalation events; a second run at the same time records nothing.
std::vector<EscalationRecord> record_escalations(store::Tx& tx, TimePoint now);

struct Assignee {
  std::int64_t user_id;
  std::string display_name;
  std::vector<std::string> roles;  // the roles through which they may resolve cases there
};
// Enabled accounts that may work (cases.resolve) cases somewhere at or under the node at `path`:
// their role's scope contains the node or lies inside it. By name.
std::vector<Assignee> assignees_under(store::Connection& connection, const std::string& path, TimePoint now);

// Whether the person owns, rents or lives in a part of the compound.
bool lives_in(store::Connection& connection, std::int64_t person_id, std::int64_t compound_node_id);

Stats stats_under(store::Connection& connection, const std::string& path, TimePoint now);

}  // namespace weizhi::cases
