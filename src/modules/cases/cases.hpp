// The cases module's published header, what other modules use of it: a street's catalogue of
// compound public service items (the 57 items, docs/modules/cases.md), the cases reported against
// it with their states (and the states' codes) and due times, and reporting and finding cases
// (Open311 and mediation go through these). Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"

namespace weizhi::store {
class Connection;
class Tx;
}  // namespace weizhi::store

namespace weizhi::cases {

// Who answers for an item in the first place.
enum class Party { PropertyCompany, Committee, Commissioner, Community, Street, Utility, SocialOrg };

// FixMyStreet-style states as data: each has a type (StateType) rather than scattered flags.
enum class State {
  Reported,
  Accepted,
  Assigned,
  InProgress,
  Resolved,
  Verified,
  Closed,
  Returned,        // sent back: not a public service matter, or not enough to act on
  Transferred,     // handed to another assignee or party
  Duplicate,       // the same matter as `original_id`, which carries the work
  ClosedNotFixed,  // closed without a fix, with a reason shown to the resident
};
enum class StateType { Open, Fixed, Closed };

// Schedule: a pre-intervention task the street's calendar generated, not a report.
enum class Channel { ResidentH5, Hotline, Patrol, Open311, Schedule };

struct Item {
  std::int64_t id = 0;
  std::int64_t street_node_id = 0;
  std::string code;  // unique within the street, 1–40 of a–z, 0–9, _ and -
  std::string name;
  std::string category;
  Party party = Party::PropertyCompany;
  bool pre = false;                  // 事前介入 applies
  bool in_process = true;            // 事中干预 applies
  bool follow_up = false;            // 事后跟踪 applies
  std::int64_t response_hours = 24;  // from report to acceptance, 1–720
  std::int64_t resolution_days = 7;  // street days from the report day, 1–365
  bool revisit_required = false;     // the commissioner or committee revisits after the fix
  bool active = true;
  // Month-days ("MM-DD") on which every compound of the street gets a pre-intervention task,
  // such as clearing drains before the flood season; only for items with `pre`.
  std::vector<std::string> pre_schedule{};
};

// A plain category residents report under (水电, 楼道, …, 其他), standing for a default item of the
// street's catalogue; `other` always exists and stays active.
struct ResidentCategory {
  std::int64_t id = 0;
  std::int64_t street_node_id = 0;
  std::string code;  // as an item's code
  std::string name;  // 1–10 characters
  std::int64_t item_id = 0;
  std::int64_t position = 0;  // the order the H5 offers them in
  bool active = true;
};

struct NewCase {
  std::int64_t item_id = 0;
  std::optional<std::int64_t> resident_category_id;  // the category a resident chose, when they did
  std::int64_t compound_node_id = 0;
  std::optional<std::int64_t> part_node_id;
  std::optional<std::int64_t> building_node_id;
  std::string address;  // free text when neither part nor building is given
  std::string description;
  std::vector<std::string> photos;  // ids of stored photos, at most 6
  Channel channel = Channel::Hotline;
  std::optional<std::int64_t> reporter_user_id;
  TimePoint reported_at;
};

struct Case {
  std::int64_t id = 0;
  NewCase input;
  std::string item_code;
  std::string item_name;
  std::string compound_name;
  std::optional<std::string> resident_category_code;  // the resident's own choice, kept as they made it
  std::optional<std::string> resident_category_name;
  State state = State::Reported;
  std::optional<std::int64_t> assignee_user_id;
  std::optional<std::int64_t> original_id;
  std::optional<std::string> close_reason;
  std::string reported_at;
  std::string response_due_at;
  std::string resolve_due_at;
  std::optional<std::string> accepted_at;
  std::optional<std::string> resolved_at;
  std::optional<std::string> closed_at;
  bool reopened = false;  // an unsatisfied rating has reopened it (only once)
  std::optional<std::string> revisited_on;
  std::int64_t escalation_level = 0;             // the highest EscalationLevel recorded by the escalation job
  std::optional<std::string> reporter_rated_at;  // the reporter's latest rating, when they gave one
};

// The codes rows and JSON speak of a case's state (read with code_of, parse_code and parser_of).
constexpr CodeTable<State> kStates = {{State::Reported, "reported"},
                                      {State::Accepted, "accepted"},
                                      {State::Assigned, "assigned"},
                                      {State::InProgress, "in_progress"},
                                      {State::Resolved, "resolved"},
                                      {State::Verified, "verified"},
                                      {State::Closed, "closed"},
                                      {State::Returned, "returned"},
                                      {State::Transferred, "transferred"},
                                      {State::Duplicate, "duplicate"},
                                      {State::ClosedNotFixed, "closed_not_fixed"}};

StateType state_type(State state);

// --- Catalogue and cases as stored ---

std::vector<Item> items_of_street(store::Connection& connection, std::int64_t street_node_id);
std::optional<Item> find_item(store::Connection& connection, std::int64_t id);
std::optional<Item> find_item_by_code(store::Connection& connection, std::int64_t street_node_id,
                                      const std::string& code);
// Checks the item (400) and adds it to the street's catalogue; 409 naming code when taken. Other modules add the
// items their own cases need to a street that lacks them.
std::int64_t create_item(store::Tx& tx, const Item& item);

// Checks the place (404 for an unknown compound, part or building, 422 when it lies elsewhere),
// the text (400) and the photos (at most 6, stored), and records a reported case with its due
// times from the item; one transition event from nothing to reported. A router with a say then has it
// accepted and assigned (CaseRouter below). Returns its id.
std::int64_t create_case(store::Tx& tx, const NewCase& input, const Item& item);
std::optional<Case> find_case(store::Connection& connection, std::int64_t id);

struct CaseFilter {
  std::optional<State> state;
  std::optional<std::string> item_code;
  bool overdue_only = false;
  bool escalated_only = false;   // open and recorded on some level of the chain
  bool unassigned_only = false;  // reported or accepted: nobody works it yet
  std::optional<std::int64_t> assignee_user_id;
  std::optional<std::int64_t> reporter_user_id;
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 100;
};
// Cases of the compounds under `path` (every compound when `path` is empty), the newest first.
std::vector<Case> list_cases(store::Connection& connection, const std::string& path, const CaseFilter& filter,
                             TimePoint now);
// How many cases list_cases would find without paging (before_id and limit are not read).
std::int64_t count_cases(store::Connection& connection, const std::string& path, const CaseFilter& filter,
                         TimePoint now);

// A compound's cases of items the property company answers for, over a period of instants [from, until) as
// ISO-8601 UTC: those due to be resolved in it and how many were resolved by then, and the residents' ratings
// given in it (the property module's monthly evaluation reads them).
struct PropertyCaseFigures {
  std::int64_t due = 0;
  std::int64_t on_time = 0;
  std::int64_t ratings = 0;
  std::int64_t stars = 0;  // the ratings' scores summed, each 1–5
};
PropertyCaseFigures property_case_figures(store::Connection& connection, std::int64_t compound_node_id,
                                          const std::string& from, const std::string& until);

// The cases reported in compounds under `path` over [from, until) (ISO-8601 UTC), each with its item's code and who
// works it now (the property module's monthly report splits them by who handles them).
struct ReportedCase {
  std::int64_t id = 0;
  std::string item_code;
  std::optional<std::int64_t> assignee_user_id;
};
std::vector<ReportedCase> cases_reported(store::Connection& connection, const std::string& path,
                                         const std::string& from, const std::string& until);

// --- Who works a new case first ---

// Another module's say over a new case: the account it goes to, who else is told, and why (the timeline says it).
struct CaseRouting {
  std::int64_t assignee_user_id = 0;
  std::vector<std::int64_t> told_user_ids;  // beside the assignee, such as the rest of a company's staff
  std::string reason;                       // such as "该事项由物业承接：<company>"
};
// Asked inside the transaction that records a new case, once it is recorded; nullopt leaves the case reported, for
// triage. The host hands each router to cases::module() (src/app/modules.cpp), so that the cases module depends on
// none of the modules that route; the first router with a say accepts and assigns the case
// (docs/modules/cases.md#who-works-a-new-case-first).
using CaseRouter = std::function<std::optional<CaseRouting>(store::Connection& connection, const Case& created)>;

}  // namespace weizhi::cases
