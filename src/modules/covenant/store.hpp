// SQL of the covenant module: street policies, covenant versions with their clauses, adoption by
// a matter-2 vote, acknowledgements, violations with re-inspections and recorded escalations, and
// the compound's statistics. Writers check what they refer to (400/404/409/422 naming the field)
// so that the routes and the demo seed go through the same checks; dates are passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/covenant/model.hpp"
#include "store/db.hpp"

namespace weizhi::covenant {

Policy policy_of_street(store::Connection& connection, std::int64_t street_node_id);
// The policy of the street the node lies in; 404 for an unknown node.
Policy policy_for_node(store::Connection& connection, std::int64_t node_id);
void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy);

// --- Versions ---

// Checks the clauses against the street's policy (400) and inserts the compound's next version as
// a draft; 404 when the node is not a compound.
std::int64_t create_version(store::Tx& tx, std::int64_t compound_node_id, const std::string& title,
                            const std::vector<Clause>& clauses);
std::optional<Version> find_version(store::Connection& connection, std::int64_t id);
// Every version of the compound, the newest first.
std::vector<Version> versions_of_compound(store::Connection& connection, std::int64_t compound_node_id);
// The versions in force adopted on `since` (YYYY-MM-DD) or later, anywhere, by id.
std::vector<Version> versions_adopted_since(store::Connection& connection, const std::string& since);
std::optional<Version> adopted_version(store::Connection& connection, std::int64_t compound_node_id);

// Adopts a draft on `adopted_on` by the item of a vote: 409 unless the version is a draft, 404 for
// an unknown vote, and the conditions of check_adopting_vote. The version in force, if any, is
// superseded on the same day. Returns the superseded version's id.
std::optional<std::int64_t> adopt_version(store::Tx& tx, const Version& version, std::int64_t vote_id,
                                          std::int64_t vote_item, const std::string& adopted_on);

// --- Acknowledgements (签署) ---

// Whether the person owns, rents or lives in the part.
bool person_linked_to_part(store::Connection& connection, std::int64_t person_id, std::int64_t part_node_id);
// Records that the part acknowledged the version: 409 unless it is adopted or when the part has
// already acknowledged it, 404 for an unknown part, 422 for a part of another compound.
void acknowledge(store::Tx& tx, const Version& version, std::int64_t part_node_id,
                 std::optional<std::int64_t> person_id, std::int64_t recorded_by_user_id);
std::vector<Acknowledgement> acknowledgements_of(store::Connection& connection, std::int64_t version_id);
std::int64_t residential_parts_of(store::Connection& connection, std::int64_t compound_node_id);

// --- Violations ---

// Checks the input against the clause of the version in force (409 when none is adopted, 400
// naming the field otherwise) and records a reported violation; returns its id.
// Every step keeps the user who took it (`by_user_id`).
std::int64_t report_violation(store::Tx& tx, const ViolationInput& input, std::int64_t by_user_id);
std::optional<Violation> find_violation(store::Connection& connection, std::int64_t id);
// Violations of the compounds in the subtree at `path`, the newest first: only those in `state`,
// with ids below `before_id` and at most `limit` of them, each when given.
std::vector<Violation> violations_under(store::Connection& connection, const std::string& path,
                                        std::optional<ViolationState> state,
                                        std::optional<std::int64_t> before_id = std::nullopt,
                                        std::optional<std::int64_t> limit = std::nullopt);

// Each step checks the life cycle (409) and that its date is not before the previous one (400).
void notify(store::Tx& tx, const Violation& violation, const std::string& notified_on, std::int64_t by_user_id);
void start_rectifying(store::Tx& tx, const Violation& violation, const std::string& on, std::int64_t by_user_id);
// Re-inspections are recorded while the violation is notified or rectifying (409 otherwise).
std::int64_t add_inspection(store::Tx& tx, const Violation& violation, const std::string& inspected_on, bool passed,
                            const std::string& note, std::int64_t by_user_id);
// 409 unless the latest re-inspection passed.
void remove(store::Tx& tx, const Violation& violation, const std::string& removed_on, std::int64_t by_user_id);
void close(store::Tx& tx, const Violation& violation, const std::string& reason, const std::string& closed_on,
           std::int64_t by_user_id);

struct EscalationRecord {
  std::int64_t violation_id;
  EscalationLevel level;
};
// Records, for each open violation under `path`, every chain level its lateness on `today` has
// reached and that was not recorded yet, as run by `by_user_id` (none for the daily job). Running it
// again on the same day records nothing.
std::vector<EscalationRecord> record_escalations(store::Tx& tx, const std::string& path, const std::string& today,
                                                 std::optional<std::int64_t> by_user_id);
// The levels recorded for a violation with the day each was and who ran it, lowest level first.
std::vector<RecordedEscalation> recorded_escalations(store::Connection& connection, std::int64_t violation_id);

Stats compound_stats(store::Connection& connection, std::int64_t compound_node_id);

}  // namespace weizhi::covenant
