// SQL of the covenant module (see store.hpp). Dates are YYYY-MM-DD text, which sorts correctly on
// both engines; areas are integers in 0.01 m²; only portable SQL (no engine-only functions).
#include "modules/covenant/store.hpp"

#include <algorithm>
#include <functional>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::covenant {

namespace {

constexpr const char* kVersionColumns =
    "SELECT v.id, v.compound_node_id, c.name, v.number, v.title, v.state, v.vote_id, v.vote_item, v.adopted_on, "
    "v.superseded_on, v.created_at FROM covenant_versions v JOIN org_nodes c ON c.id = v.compound_node_id ";

Version to_version(store::Connection& connection, const store::Row& row) {
  Version version{
      row.i64(0),           row.i64(1),          row.text(2),
      row.i64(3),           row.text(4),         parse_code(kVersionStates, row.text(5)).value_or(VersionState::Draft),
      row.optional_i64(6),  row.optional_i64(7), row.optional_text(8),
      row.optional_text(9), row.text(10),        {}};
  version.clauses = store::map_rows(
      connection.query("SELECT number, type, text, rectification_days, escalation_days FROM covenant_clauses "
                       "WHERE version_id = ? ORDER BY number",
                       {version.id}),
      [](const store::Row& clause) {
        return Clause{clause.i64(0), clause.text(1), clause.text(2), clause.i64(3), clause.i64(4)};
      });
  return version;
}

constexpr const char* kViolationColumns =
    "SELECT x.id, x.version_id, x.compound_node_id, k.number, x.reported_on, x.location, x.part_node_id, "
    "x.area_centi_m2, x.photos, x.plate, x.place, x.description, k.type, x.state, k.rectification_days, "
    "k.escalation_days, x.notified_on, x.deadline_on, x.removed_on, x.closed_on, x.close_reason, "
    "x.recorded_level, x.created_at, c.name, x.rectifying_on, x.reported_by_user_id, x.notified_by_user_id, "
    "x.rectifying_by_user_id, x.removed_by_user_id, x.closed_by_user_id "
    "FROM covenant_violations x JOIN covenant_clauses k ON k.id = x.clause_id "
    "JOIN org_nodes c ON c.id = x.compound_node_id ";

Violation to_violation(store::Connection& connection, const store::Row& row) {
  ViolationInput input{row.i64(2),
                       row.i64(3),
                       row.text(4),
                       row.text(5),
                       row.optional_i64(6),
                       row.i64(7),
                       parse_json(row.text(8)).get<std::vector<std::string>>(),
                       row.text(9),
                       row.text(10),
                       row.text(11)};
  Violation violation{
      row.i64(0),
      row.i64(1),
      std::move(input),
      row.text(12),
      kind_of_clause_type(row.text(12)),
      parse_code(kViolationStates, row.text(13)).value_or(ViolationState::Reported),
      row.i64(14),
      row.i64(15),
      row.optional_text(16),
      row.optional_text(17),
      row.optional_text(24),
      row.optional_text(18),
      row.optional_text(19),
      row.optional_text(20),
      row.i64(21),
      row.text(22),
      row.text(23),
      {},
      {row.optional_i64(25), row.optional_i64(26), row.optional_i64(27), row.optional_i64(28), row.optional_i64(29)}};
  violation.inspections = store::map_rows(
      connection.query("SELECT id, inspected_on, passed, note, inspected_by_user_id FROM covenant_inspections "
                       "WHERE violation_id = ? ORDER BY inspected_on, id",
                       {violation.id}),
      [](const store::Row& inspection) {
        return Inspection{inspection.i64(0), inspection.text(1), inspection.i64(2) != 0, inspection.text(3),
                          inspection.optional_i64(4)};
      });
  return violation;
}

// After the step's rule has allowed the transition.
void set_state(store::Tx& tx, const Violation& violation, ViolationState to) {
  // The state in the WHERE clause makes a concurrent change of the same violation lose, not overwrite.
  if (tx.exec("UPDATE covenant_violations SET state = ? WHERE id = ? AND state = ?",
              {code_of(kViolationStates, to), violation.id, code_of(kViolationStates, violation.state)}) == 0) {
    fail_conflict("违约记录已被他人修改，请刷新后重试", "state");
  }
}

}  // namespace

// --- Policy ---

Policy policy_of_street(store::Connection& connection, std::int64_t street_node_id) {
  auto row = connection.query_one("SELECT extra_clause_types FROM covenant_policies WHERE street_node_id = ?",
                                  {street_node_id});
  if (!row) return default_policy();
  return Policy{parse_json(row->text(0)).get<std::vector<std::string>>()};
}

Policy policy_for_node(store::Connection& connection, std::int64_t node_id) {
  return policy_of_street(connection, org::street_of_node(connection, node_id));
}

void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy) {
  tx.exec("DELETE FROM covenant_policies WHERE street_node_id = ?", {street_node_id});
  tx.exec("INSERT INTO covenant_policies (street_node_id, extra_clause_types, updated_at) VALUES (?, ?, ?)",
          {street_node_id, Json(policy.extra_clause_types).dump(), iso_utc(tx.now())});
}

// --- Versions ---

std::int64_t create_version(store::Tx& tx, std::int64_t compound_node_id, const std::string& title,
                            const std::vector<Clause>& clauses) {
  auto compound = org::require_compound(tx.connection(), compound_node_id);
  check_version(title, clauses, policy_of_street(tx.connection(), org::street_of(compound.path)));
  std::int64_t number = tx.scalar(
      "SELECT COALESCE(MAX(number), 0) + 1 FROM covenant_versions WHERE compound_node_id = ?", {compound_node_id});
  std::int64_t id = tx.query_one(
                          "INSERT INTO covenant_versions (compound_node_id, number, title, state, created_at) "
                          "VALUES (?, ?, ?, 'draft', ?) RETURNING id",
                          {compound_node_id, number, title, iso_utc(tx.now())})
                        ->i64(0);
  for (const auto& clause : clauses) {
    tx.exec(
        "INSERT INTO covenant_clauses (version_id, number, type, text, rectification_days, escalation_days) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {id, clause.number, clause.type, clause.text, clause.rectification_days, clause.escalation_days});
  }
  return id;
}

std::optional<Version> find_version(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kVersionColumns) + "WHERE v.id = ?", {id}),
                        std::bind_front(to_version, std::ref(connection)));
}

std::vector<Version> versions_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_rows(
      connection.query(std::string(kVersionColumns) + "WHERE v.compound_node_id = ? ORDER BY v.number DESC",
                       {compound_node_id}),
      std::bind_front(to_version, std::ref(connection)));
}

std::optional<Version> adopted_version(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_row(
      connection.query_one(std::string(kVersionColumns) + "WHERE v.compound_node_id = ? AND v.state = 'adopted'",
                           {compound_node_id}),
      std::bind_front(to_version, std::ref(connection)));
}

std::vector<Version> versions_adopted_since(store::Connection& connection, const std::string& since) {
  return store::map_rows(
      connection.query(std::string(kVersionColumns) + "WHERE v.state = 'adopted' AND v.adopted_on >= ? ORDER BY v.id",
                       {since}),
      std::bind_front(to_version, std::ref(connection)));
}

std::optional<VoteFacts> vote_facts(store::Connection& connection, std::int64_t vote_id, std::int64_t item) {
  auto vote = voting::find_vote(connection, vote_id);
  if (!vote) return std::nullopt;
  VoteFacts facts{vote->input.compound_node_id, vote->input.matter,
                  vote->state == voting::VoteState::Closed || vote->state == voting::VoteState::Published,
                  static_cast<std::int64_t>(vote->input.items.size()), false};
  if (facts.counted && item >= 1 && item <= facts.item_count) {
    // A published vote's result is what was tallied at publication; recounting the stored roll
    // and ballots gives the same (their fingerprints are published with it).
    for (const auto& result : voting::vote_files(connection, *vote).results) {
      if (result.item == item) facts.item_passed = result.outcome == voting::Outcome::Passed;
    }
  }
  return facts;
}

std::optional<std::int64_t> adopt_version(store::Tx& tx, const Version& version, std::int64_t vote_id,
                                          std::int64_t vote_item, const std::string& adopted_on) {
  check_adoptable(version);
  auto facts = vote_facts(tx.connection(), vote_id, vote_item);
  if (!facts) fail_not_found("找不到该表决");
  check_adopting_vote(*facts, version.compound_node_id, vote_item);
  auto previous = adopted_version(tx.connection(), version.compound_node_id);
  if (previous) {
    check_not_before(adopted_on, *previous->adopted_on, "adopted_on", "现行公约的通过日期");
    tx.exec("UPDATE covenant_versions SET state = 'superseded', superseded_on = ? WHERE id = ?",
            {adopted_on, previous->id});
  }
  tx.exec("UPDATE covenant_versions SET state = 'adopted', vote_id = ?, vote_item = ?, adopted_on = ? WHERE id = ?",
          {vote_id, vote_item, adopted_on, version.id});
  if (previous) return previous->id;
  return std::nullopt;
}

// --- Acknowledgements ---

bool person_linked_to_part(store::Connection& connection, std::int64_t person_id, std::int64_t part_node_id) {
  return connection
      .query_one("SELECT 1 FROM part_links WHERE person_id = ? AND part_node_id = ?", {person_id, part_node_id})
      .has_value();
}

void acknowledge(store::Tx& tx, const Version& version, std::int64_t part_node_id,
                 std::optional<std::int64_t> person_id, std::int64_t recorded_by_user_id) {
  check_acknowledgement(
      version, org::find_node(tx.connection(), part_node_id), org::find_node(tx.connection(), version.compound_node_id),
      tx.query_one("SELECT 1 FROM covenant_acknowledgements WHERE version_id = ? AND part_node_id = ?",
                   {version.id, part_node_id})
          .has_value());
  tx.exec(
      "INSERT INTO covenant_acknowledgements (version_id, part_node_id, person_id, recorded_by_user_id, "
      "acknowledged_at) VALUES (?, ?, ?, ?, ?)",
      {version.id, part_node_id, person_id, recorded_by_user_id, iso_utc(tx.now())});
}

std::vector<Acknowledgement> acknowledgements_of(store::Connection& connection, std::int64_t version_id) {
  return store::map_rows(
      connection.query("SELECT a.part_node_id, n.name, a.person_id, a.recorded_by_user_id, a.acknowledged_at "
                       "FROM covenant_acknowledgements a JOIN org_nodes n ON n.id = a.part_node_id "
                       "WHERE a.version_id = ? ORDER BY a.id",
                       {version_id}),
      [](const store::Row& row) {
        return Acknowledgement{row.i64(0), row.text(1), row.optional_i64(2), row.i64(3), row.text(4)};
      });
}

std::int64_t residential_parts_of(store::Connection& connection, std::int64_t compound_node_id) {
  auto compound = org::require_compound(connection, compound_node_id);
  return connection.scalar(
      "SELECT COUNT(*) FROM parts p JOIN org_nodes n ON n.id = p.node_id "
      "WHERE p.use = 'residential' AND " +
          org::subtree_condition(connection.dialect(), "n.path"),
      org::subtree_params(compound.path));
}

// --- Violations ---

std::int64_t report_violation(store::Tx& tx, const ViolationInput& input, std::int64_t by_user_id) {
  org::require_compound(tx.connection(), input.compound_node_id);
  auto version = adopted_version(tx.connection(), input.compound_node_id);
  Clause clause = check_report(input, version);
  // Photos and a part are what an illegal structure is reported with.
  if (kind_of_clause_type(clause.type) == ViolationKind::IllegalStructure) {
    media::require_stored_photos(tx.connection(), input.photos, "photos");
    if (input.part_node_id) {
      check_part_of(org::find_node(tx.connection(), *input.part_node_id),
                    org::find_node(tx.connection(), input.compound_node_id), "part_id");
    }
  }
  auto clause_id =
      tx.query_one("SELECT id FROM covenant_clauses WHERE version_id = ? AND number = ?", {version->id, clause.number})
          ->i64(0);
  return tx
      .query_one(
          "INSERT INTO covenant_violations (version_id, clause_id, compound_node_id, state, reported_on, location, "
          "part_node_id, area_centi_m2, photos, plate, place, description, recorded_level, created_at, "
          "reported_by_user_id) VALUES (?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
          {version->id, clause_id, input.compound_node_id, input.reported_on, input.location, input.part_node_id,
           input.area_centi_m2, Json(input.photos).dump(), input.plate, input.place, input.description,
           iso_utc(tx.now()), by_user_id})
      ->i64(0);
}

std::optional<Violation> find_violation(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kViolationColumns) + "WHERE x.id = ?", {id}),
                        std::bind_front(to_violation, std::ref(connection)));
}

std::vector<Violation> violations_under(store::Connection& connection, const std::string& path,
                                        std::optional<ViolationState> state, std::optional<std::int64_t> before_id,
                                        std::optional<std::int64_t> limit) {
  store::Select query(kViolationColumns);
  query.where(org::subtree_condition(connection.dialect(), "c.path"), org::subtree_params(path));
  if (state) query.where("x.state = ?", {code_of(kViolationStates, *state)});
  query.newest_first("x.id", before_id, limit);
  return store::map_rows(query.run(connection), std::bind_front(to_violation, std::ref(connection)));
}

void notify(store::Tx& tx, const Violation& violation, const std::string& notified_on, std::int64_t by_user_id) {
  check_notify(violation, notified_on);
  set_state(tx, violation, ViolationState::Notified);
  tx.exec("UPDATE covenant_violations SET notified_on = ?, deadline_on = ?, notified_by_user_id = ? WHERE id = ?",
          {notified_on, *deadline(notified_on, violation.rectification_days), by_user_id, violation.id});
}

void start_rectifying(store::Tx& tx, const Violation& violation, const std::string& on, std::int64_t by_user_id) {
  check_rectifying(violation, on);
  set_state(tx, violation, ViolationState::Rectifying);
  tx.exec("UPDATE covenant_violations SET rectifying_on = ?, rectifying_by_user_id = ? WHERE id = ?",
          {on, by_user_id, violation.id});
}

std::int64_t add_inspection(store::Tx& tx, const Violation& violation, const std::string& inspected_on, bool passed,
                            const std::string& note, std::int64_t by_user_id) {
  check_inspection(violation, inspected_on, note);
  return tx
      .query_one(
          "INSERT INTO covenant_inspections (violation_id, inspected_on, passed, note, created_at, "
          "inspected_by_user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {violation.id, inspected_on, passed, note, iso_utc(tx.now()), by_user_id})
      ->i64(0);
}

void remove(store::Tx& tx, const Violation& violation, const std::string& removed_on, std::int64_t by_user_id) {
  check_remove(violation, removed_on);
  set_state(tx, violation, ViolationState::Removed);
  tx.exec("UPDATE covenant_violations SET removed_on = ?, removed_by_user_id = ? WHERE id = ?",
          {removed_on, by_user_id, violation.id});
}

void close(store::Tx& tx, const Violation& violation, const std::string& reason, const std::string& closed_on,
           std::int64_t by_user_id) {
  check_close(violation, reason, closed_on);
  set_state(tx, violation, ViolationState::Closed);
  tx.exec("UPDATE covenant_violations SET closed_on = ?, close_reason = ?, closed_by_user_id = ? WHERE id = ?",
          {closed_on, reason, by_user_id, violation.id});
}

std::vector<RecordedEscalation> recorded_escalations(store::Connection& connection, std::int64_t violation_id) {
  // Levels are recorded in order, so their days never decrease; the level breaks ties of one day.
  auto levels =
      store::map_rows(connection.query("SELECT level, escalated_on, escalated_by_user_id FROM covenant_escalations "
                                       "WHERE violation_id = ? ORDER BY escalated_on, created_at",
                                       {violation_id}),
                      [](const store::Row& row) {
                        return RecordedEscalation{row.text(0), row.text(1), row.optional_i64(2)};
                      });
  std::stable_sort(levels.begin(), levels.end(), [](const auto& a, const auto& b) {
    auto rank = [](const std::string& code) {
      return static_cast<int>(parse_code(governance::kEscalationLevels, code).value_or(EscalationLevel::None));
    };
    return rank(a.level) < rank(b.level);
  });
  return levels;
}

std::vector<EscalationRecord> record_escalations(store::Tx& tx, const std::string& path, const std::string& today,
                                                 std::optional<std::int64_t> by_user_id) {
  std::vector<EscalationRecord> recorded;
  for (const auto& violation : violations_under(tx.connection(), path, std::nullopt)) {
    auto reached = escalations_due(violation, today);
    if (reached.empty()) continue;
    for (EscalationLevel level : reached) {
      tx.exec(
          "INSERT INTO covenant_escalations (violation_id, level, escalated_on, created_at, escalated_by_user_id) "
          "VALUES (?, ?, ?, ?, ?)",
          {violation.id, code_of(governance::kEscalationLevels, level), today, iso_utc(tx.now()), by_user_id});
      recorded.push_back(EscalationRecord{violation.id, level});
    }
    tx.exec("UPDATE covenant_violations SET recorded_level = ? WHERE id = ?",
            {static_cast<std::int64_t>(reached.back()), violation.id});
  }
  return recorded;
}

Stats compound_stats(store::Connection& connection, std::int64_t compound_node_id) {
  org::require_compound(connection, compound_node_id);
  Stats stats;
  auto row = connection.query_one(
      "SELECT COUNT(*), "
      "COALESCE(SUM(CASE WHEN state = 'removed' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN state = 'removed' THEN area_centi_m2 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN state IN ('removed', 'closed') THEN 0 ELSE 1 END), 0) "
      "FROM covenant_violations WHERE compound_node_id = ?",
      {compound_node_id});
  stats.violations = row->i64(0);
  stats.removed = row->i64(1);
  stats.removed_area_centi_m2 = row->i64(2);
  stats.open = row->i64(3);
  if (auto version = adopted_version(connection, compound_node_id)) {
    stats.adopted_on = version->adopted_on;
    auto last =
        connection.query_one("SELECT MAX(removed_on) FROM covenant_violations WHERE version_id = ?", {version->id});
    if (last && !last->is_null(0)) stats.days_to_last_removal = days_between(*version->adopted_on, last->text(0));
  }
  return stats;
}

std::int64_t violations_overdue(store::Connection& connection, std::int64_t compound_node_id, const std::string& day) {
  return connection.scalar(
      "SELECT COUNT(*) FROM covenant_violations WHERE compound_node_id = ? AND deadline_on IS NOT NULL AND "
      "deadline_on < ? AND reported_on <= ? AND (removed_on IS NULL OR removed_on > ?) AND "
      "(closed_on IS NULL OR closed_on > ?)",
      {compound_node_id, day, day, day, day});
}

}  // namespace weizhi::covenant
