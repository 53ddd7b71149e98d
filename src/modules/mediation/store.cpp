// SQL of the mediation module (see store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/mediation/store.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/cases/cases.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"
#include "store/timeline.hpp"

namespace weizhi::mediation {

namespace {

constexpr const char* kColumns =
    "SELECT x.id, x.compound_node_id, x.building_node_id, x.part_node_id, x.category, x.summary, "
    "x.mediator_person_id, x.case_id, x.state, x.agreement, x.signed_on, x.reason, x.reopened, "
    "x.created_by_user_id, x.created_at, x.updated_at, c.name, m.name_masked "
    "FROM mediations x JOIN org_nodes c ON c.id = x.compound_node_id JOIN people m ON m.id = x.mediator_person_id ";

Mediation to_mediation(const store::Row& row) {
  Mediation record;
  record.id = row.i64(0);
  record.details.compound_node_id = row.i64(1);
  record.details.building_node_id = row.optional_i64(2);
  record.details.part_node_id = row.optional_i64(3);
  record.details.category = row.text(4);
  record.details.summary = row.text(5);
  record.details.mediator_person_id = row.i64(6);
  record.details.case_id = row.optional_i64(7);
  record.state = parse_code(kStates, row.text(8)).value_or(State::Open);
  record.agreement = row.optional_text(9);
  record.signed_on = row.optional_text(10);
  record.reason = row.optional_text(11);
  record.reopened = row.i64(12) != 0;
  record.created_by_user_id = row.i64(13);
  record.created_at = row.text(14);
  record.updated_at = row.text(15);
  record.compound_name = row.text(16);
  record.mediator_name = row.text(17);
  return record;
}

constexpr store::Timeline kTimeline{"mediation_events", "mediation_id"};

// Every step of a dispute is on its timeline and marks it updated.
void record_step(store::Tx& tx, std::int64_t id, const store::Timeline::Step& step) {
  kTimeline.record(tx, id, step);
  tx.exec("UPDATE mediations SET updated_at = ? WHERE id = ?", {iso_utc(tx.now()), id});
}

// Everything a dispute's details refer to, checked against the database.
void check_references_in(store::Connection& connection, const Details& details) {
  DetailFacts facts;
  facts.compound = org::find_node(connection, details.compound_node_id);
  if (details.building_node_id) facts.building = org::find_node(connection, *details.building_node_id);
  if (details.part_node_id) facts.part = org::find_node(connection, *details.part_node_id);
  for (const auto& party : details.parties) {
    facts.party_person_found.push_back(!party.person_id || people::find_person(connection, *party.person_id));
  }
  if (auto mediator = people::find_person(connection, details.mediator_person_id)) {
    facts.mediator_tags = mediator->tags;
    facts.mediator_home_path = people::node_path(connection, mediator->home_node_id);
  }
  if (facts.compound && facts.compound->parent_id) {
    if (auto community = org::find_node(connection, *facts.compound->parent_id)) facts.community_path = community->path;
  }
  if (details.case_id) {
    if (auto linked = cases::find_case(connection, *details.case_id)) {
      facts.case_compound_id = linked->input.compound_node_id;
    }
  }
  check_references(details, facts);
}

void write_parties(store::Tx& tx, std::int64_t id, const std::vector<PartyInput>& parties) {
  tx.exec("DELETE FROM mediation_parties WHERE mediation_id = ?", {id});
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const auto& party = parties[i];
    tx.exec("INSERT INTO mediation_parties (mediation_id, party_index, person_id, name, role) VALUES (?, ?, ?, ?, ?)",
            {id, static_cast<std::int64_t>(i), party.person_id,
             party.person_id ? std::optional<std::string>() : std::optional<std::string>(party.name),
             code_of(kRoles, party.role)});
  }
}

// Moves the state, losing (409) to a concurrent change of the same dispute rather than overwriting it.
void set_state(store::Tx& tx, const Mediation& record, State to) {
  if (tx.exec("UPDATE mediations SET state = ? WHERE id = ? AND state = ?",
              {code_of(kStates, to), record.id, code_of(kStates, record.state)}) == 0) {
    fail_conflict("调解记录已被他人修改，请刷新后重试", "to");
  }
}

std::optional<bool> latest_visit_kept(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one(
      "SELECT kept FROM mediation_follow_ups WHERE mediation_id = ? ORDER BY visited_on DESC, id DESC LIMIT 1", {id});
  if (!row) return std::nullopt;
  return row->i64(0) != 0;
}

}  // namespace

std::int64_t create_mediation(store::Tx& tx, const Details& details, std::int64_t user_id) {
  check_references_in(tx.connection(), details);
  std::string now = iso_utc(tx.now());
  std::int64_t id =
      tx.query_one(
            "INSERT INTO mediations (compound_node_id, building_node_id, part_node_id, category, summary, "
            "mediator_person_id, case_id, state, reopened, created_by_user_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', 0, ?, ?, ?) RETURNING id",
            {details.compound_node_id, details.building_node_id, details.part_node_id, details.category,
             details.summary, details.mediator_person_id, details.case_id, user_id, now, now})
          ->i64(0);
  write_parties(tx, id, details.parties);
  record_step(tx, id, {.kind = "created", .to_state = code_of(kStates, State::Open), .user_id = user_id});
  return id;
}

void update_mediation(store::Tx& tx, const Mediation& record, const Details& details, std::int64_t user_id) {
  check_update(record, details);
  check_references_in(tx.connection(), details);
  tx.exec(
      "UPDATE mediations SET building_node_id = ?, part_node_id = ?, category = ?, summary = ?, "
      "mediator_person_id = ?, case_id = ? WHERE id = ?",
      {details.building_node_id, details.part_node_id, details.category, details.summary, details.mediator_person_id,
       details.case_id, record.id});
  write_parties(tx, record.id, details.parties);
  record_step(tx, record.id, {.kind = "updated", .user_id = user_id});
}

std::optional<Mediation> find_mediation(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kColumns) + "WHERE x.id = ?", {id}), to_mediation);
}

std::vector<Party> parties_of(store::Connection& connection, std::int64_t mediation_id) {
  return store::map_rows(connection.query("SELECT x.party_index, x.person_id, COALESCE(p.name_masked, x.name), x.role "
                                          "FROM mediation_parties x LEFT JOIN people p ON p.id = x.person_id "
                                          "WHERE x.mediation_id = ? ORDER BY x.party_index",
                                          {mediation_id}),
                         [](const store::Row& row) {
                           return Party{row.i64(0), row.optional_i64(1), row.text(2),
                                        parse_code(kRoles, row.text(3)).value_or(Role::Other)};
                         });
}

std::vector<Session> sessions_of(store::Connection& connection, std::int64_t mediation_id) {
  return store::map_rows(connection.query("SELECT id, held_on, place, attendees, notes, next_step, user_id, created_at "
                                          "FROM mediation_sessions WHERE mediation_id = ? ORDER BY held_on, id",
                                          {mediation_id}),
                         [](const store::Row& row) {
                           SessionInput input{row.text(1), row.text(2),
                                              parse_json(row.text(3)).get<std::vector<std::int64_t>>(), row.text(4),
                                              row.text(5)};
                           return Session{row.i64(0), std::move(input), row.i64(6), row.text(7)};
                         });
}

std::vector<FollowUp> follow_ups_of(store::Connection& connection, std::int64_t mediation_id) {
  return store::map_rows(
      connection.query("SELECT id, visited_on, note, kept, user_id, created_at "
                       "FROM mediation_follow_ups WHERE mediation_id = ? ORDER BY visited_on, id",
                       {mediation_id}),
      [](const store::Row& row) {
        return FollowUp{row.i64(0), FollowUpInput{row.text(1), row.text(2), row.i64(3) != 0}, row.i64(4), row.text(5)};
      });
}

std::vector<Event> events_of(store::Connection& connection, std::int64_t mediation_id) {
  return kTimeline.read(connection, mediation_id);
}

std::vector<Mediation> list_mediations(store::Connection& connection, const std::string& path, const Filter& filter) {
  store::Select query(kColumns);
  query.where(org::subtree_condition(connection.dialect(), "c.path"), org::subtree_params(path));
  if (filter.state) query.where("x.state = ?", {code_of(kStates, *filter.state)});
  query.newest_first("x.id", filter.before_id, filter.limit);
  return store::map_rows(query.run(connection), to_mediation);
}

std::vector<Mediation> unvisited_agreements_under(store::Connection& connection, const std::string& path) {
  store::Select query(kColumns);
  query.where("x.state = 'agreed'")
      .where(org::subtree_condition(connection.dialect(), "c.path"), org::subtree_params(path))
      .where(
          "NOT EXISTS (SELECT 1 FROM mediation_follow_ups f WHERE f.mediation_id = x.id AND "
          "f.visited_on >= x.signed_on)")
      .ordered_by("x.signed_on, x.id");
  return store::map_rows(query.run(connection), to_mediation);
}

void transition(store::Tx& tx, const Mediation& record, const TransitionInput& input) {
  bool broken = latest_visit_kept(tx.connection(), record.id) == std::optional<bool>(false);
  check_transition(record.state, input.to, broken, record.reopened);
  check_outcome(input.to, input.agreement, input.signed_on, input.reason, street_date(tx.now()));
  set_state(tx, record, input.to);
  bool reopen = is_reopen(record.state, input.to);
  if (input.to == State::Agreed) {
    tx.exec("UPDATE mediations SET agreement = ?, signed_on = ?, reason = NULL WHERE id = ?",
            {input.agreement, input.signed_on, record.id});
  } else {
    bool ended = input.to == State::NotAgreed || input.to == State::Withdrawn;
    tx.exec("UPDATE mediations SET agreement = NULL, signed_on = NULL, reason = ?, reopened = ? WHERE id = ?",
            {ended ? input.reason : std::nullopt, (record.reopened || reopen) ? 1 : 0, record.id});
  }
  // The agreement text stays on the timeline, since a reopening clears it from the dispute.
  std::string note = input.to == State::Agreed ? *input.signed_on + " " + *input.agreement : input.reason.value_or("");
  record_step(tx, record.id,
              {reopen ? "reopen" : "transition", code_of(kStates, record.state), code_of(kStates, input.to), note,
               input.user_id});
}

std::int64_t add_session(store::Tx& tx, const Mediation& record, const SessionInput& input, std::int64_t user_id) {
  check_session_allowed(record.state);
  auto parties = parties_of(tx.connection(), record.id);
  check_session(input, static_cast<std::int64_t>(parties.size()), street_date(tx.now()));
  std::int64_t id = tx.query_one(
                          "INSERT INTO mediation_sessions (mediation_id, held_on, place, attendees, notes, "
                          "next_step, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          {record.id, input.held_on, input.place, Json(input.attendees).dump(), input.notes,
                           input.next_step, user_id, iso_utc(tx.now())})
                        ->i64(0);
  if (session_starts_mediation(record.state)) {
    set_state(tx, record, State::InMediation);
    record_step(
        tx, record.id,
        {"transition", code_of(kStates, State::Open), code_of(kStates, State::InMediation), "首次调解会", user_id});
  }
  record_step(tx, record.id, {.kind = "session", .note = input.held_on + " " + input.place, .user_id = user_id});
  return id;
}

std::int64_t add_follow_up(store::Tx& tx, const Mediation& record, const FollowUpInput& input, std::int64_t user_id) {
  check_follow_up(record.state, input, record.signed_on, street_date(tx.now()));
  std::int64_t id = tx.query_one(
                          "INSERT INTO mediation_follow_ups (mediation_id, visited_on, note, kept, user_id, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                          {record.id, input.visited_on, input.note, input.kept ? 1 : 0, user_id, iso_utc(tx.now())})
                        ->i64(0);
  record_step(tx, record.id,
              {.kind = "follow_up",
               .note = input.visited_on + (input.kept ? " 协议履行中 " : " 协议未履行 ") + input.note,
               .user_id = user_id});
  return id;
}

std::optional<std::int64_t> community_of(store::Connection& connection, std::int64_t node_id) {
  auto node = org::find_node(connection, node_id);
  while (node && node->kind != org::NodeKind::Community) {
    if (!node->parent_id) return std::nullopt;
    node = org::find_node(connection, *node->parent_id);
  }
  if (!node) return std::nullopt;
  return node->id;
}

std::vector<people::Person> mediators_of(store::Connection& connection, std::int64_t community_id) {
  people::PeopleFilter filter;
  filter.scope_path = *people::node_path(connection, community_id);
  filter.tag = kMediatorTag;
  filter.limit = 200;
  return people::search_people(connection, filter);
}

Counts counts_under(store::Connection& connection, const std::string& path) {
  Counts counts;
  std::string within = " FROM mediations x JOIN org_nodes c ON c.id = x.compound_node_id WHERE " +
                       org::subtree_condition(connection.dialect(), "c.path");
  auto params = org::subtree_params(path);
  for (const auto& row : connection.query("SELECT x.state, COUNT(*)" + within + " GROUP BY x.state", params)) {
    if (auto state = parse_code(kStates, row.text(0))) counts.by_state[*state] = row.i64(1);
  }
  for (const auto& row : connection.query("SELECT x.category, COUNT(*)" + within + " GROUP BY x.category", params)) {
    counts.by_category[row.text(0)] = row.i64(1);
  }
  // Each agreed dispute's visits since its agreement was signed, the latest last per dispute.
  std::optional<std::int64_t> current;
  for (
      const auto& row : connection.query(
          "SELECT x.id, f.kept FROM mediations x JOIN org_nodes c ON c.id = x.compound_node_id "
          "JOIN mediation_follow_ups f ON f.mediation_id = x.id WHERE x.state = 'agreed' AND f.visited_on >= x.signed_on AND " +
              org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY x.id, f.visited_on, f.id",
          params)) {
    if (current != row.i64(0)) counts.latest_visit_kept.push_back(false);
    current = row.i64(0);
    counts.latest_visit_kept.back() = row.i64(1) != 0;
  }
  return counts;
}

}  // namespace weizhi::mediation
