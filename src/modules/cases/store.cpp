// SQL of the cases module (see store.hpp). Times are iso_utc text, compared as text on both
// engines; only portable SQL.
#include "modules/cases/store.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/cases/routing.hpp"
#include "modules/cases/rules.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"
#include "store/timeline.hpp"

namespace weizhi::cases {

namespace {

constexpr const char* kItemColumns =
    "SELECT id, street_node_id, code, name, category, party, pre, in_process, follow_up, response_hours, "
    "resolution_days, revisit_required, active, pre_schedule FROM case_items ";

Item to_item(const store::Row& row) {
  return Item{row.i64(0),       row.i64(1),
              row.text(2),      row.text(3),
              row.text(4),      parse_code(kParties, row.text(5)).value_or(Party::PropertyCompany),
              row.i64(6) != 0,  row.i64(7) != 0,
              row.i64(8) != 0,  row.i64(9),
              row.i64(10),      row.i64(11) != 0,
              row.i64(12) != 0, parse_json(row.text(13)).get<std::vector<std::string>>()};
}

constexpr const char* kCaseColumns =
    "SELECT x.id, x.item_id, x.compound_node_id, x.part_node_id, x.building_node_id, x.address, x.description, "
    "x.photos, x.channel, x.reporter_user_id, x.state, x.assignee_user_id, x.original_id, x.close_reason, "
    "x.reported_at, x.response_due_at, x.resolve_due_at, x.accepted_at, x.resolved_at, x.closed_at, x.reopened, "
    "x.revisited_on, i.code, i.name, c.name, x.escalation_level, rc.code, rc.name, "
    "(SELECT MAX(r.created_at) FROM case_ratings r WHERE r.case_id = x.id AND r.user_id = x.reporter_user_id) "
    "FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id "
    "LEFT JOIN case_resident_categories rc ON rc.id = x.resident_category_id ";

Case to_case(const store::Row& row) {
  Case record;
  record.id = row.i64(0);
  record.input.item_id = row.i64(1);
  record.input.compound_node_id = row.i64(2);
  record.input.part_node_id = row.optional_i64(3);
  record.input.building_node_id = row.optional_i64(4);
  record.input.address = row.text(5);
  record.input.description = row.text(6);
  record.input.photos = parse_json(row.text(7)).get<std::vector<std::string>>();
  record.input.channel = parse_code(kChannels, row.text(8)).value_or(Channel::Hotline);
  record.input.reporter_user_id = row.optional_i64(9);
  record.input.reported_at = parse_iso(row.text(14)).value_or(TimePoint{});
  record.state = parse_code(kStates, row.text(10)).value_or(State::Reported);
  record.assignee_user_id = row.optional_i64(11);
  record.original_id = row.optional_i64(12);
  record.close_reason = row.optional_text(13);
  record.reported_at = row.text(14);
  record.response_due_at = row.text(15);
  record.resolve_due_at = row.text(16);
  record.accepted_at = row.optional_text(17);
  record.resolved_at = row.optional_text(18);
  record.closed_at = row.optional_text(19);
  record.reopened = row.i64(20) != 0;
  record.revisited_on = row.optional_text(21);
  record.item_code = row.text(22);
  record.item_name = row.text(23);
  record.compound_name = row.text(24);
  record.escalation_level = row.i64(25);
  record.resident_category_code = row.optional_text(26);
  record.resident_category_name = row.optional_text(27);
  record.reporter_rated_at = row.optional_text(28);
  return record;
}

constexpr store::Timeline kTimeline{"case_events", "case_id"};

// Moves the state, losing (409) to a concurrent change of the same case rather than overwriting it.
void set_state(store::Tx& tx, const Case& record, State to) {
  if (tx.exec("UPDATE cases SET state = ? WHERE id = ? AND state = ?",
              {code_of(kStates, to), record.id, code_of(kStates, record.state)}) == 0) {
    fail_conflict("案件已被他人修改，请刷新后重试", "to");
  }
}

bool user_enabled(store::Connection& connection, std::int64_t user_id) {
  return connection.query_one("SELECT 1 FROM users WHERE id = ? AND disabled = 0", {user_id}).has_value();
}

std::string open_states_sql() {
  return "x.state IN ('reported', 'accepted', 'assigned', 'in_progress', 'transferred')";
}

std::string overdue_sql() {
  return "(" + open_states_sql() + " AND (x.resolve_due_at < ? OR (x.state = 'reported' AND x.response_due_at < ?)))";
}

}  // namespace

// --- Catalogue ---

std::vector<Item> items_of_street(store::Connection& connection, std::int64_t street_node_id) {
  return store::map_rows(
      connection.query(std::string(kItemColumns) + "WHERE street_node_id = ? ORDER BY id", {street_node_id}), to_item);
}

std::optional<Item> find_item(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kItemColumns) + "WHERE id = ?", {id}), to_item);
}

std::optional<Item> find_item_by_code(store::Connection& connection, std::int64_t street_node_id,
                                      const std::string& code) {
  return store::map_row(
      connection.query_one(std::string(kItemColumns) + "WHERE street_node_id = ? AND code = ?", {street_node_id, code}),
      to_item);
}

std::int64_t create_item(store::Tx& tx, const Item& item) {
  check_new_item(item, find_item_by_code(tx.connection(), item.street_node_id, item.code).has_value());
  return tx
      .query_one(
          "INSERT INTO case_items (street_node_id, code, name, category, party, pre, in_process, follow_up, "
          "response_hours, resolution_days, revisit_required, active, pre_schedule, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {item.street_node_id, item.code, item.name, item.category, code_of(kParties, item.party), item.pre ? 1 : 0,
           item.in_process ? 1 : 0, item.follow_up ? 1 : 0, item.response_hours, item.resolution_days,
           item.revisit_required ? 1 : 0, item.active ? 1 : 0, Json(item.pre_schedule).dump(), iso_utc(tx.now())})
      ->i64(0);
}

void update_item(store::Tx& tx, const Item& item) {
  check_item(item);
  tx.exec(
      "UPDATE case_items SET name = ?, category = ?, party = ?, pre = ?, in_process = ?, follow_up = ?, "
      "response_hours = ?, resolution_days = ?, revisit_required = ?, active = ?, pre_schedule = ?, updated_at = ? "
      "WHERE id = ?",
      {item.name, item.category, code_of(kParties, item.party), item.pre ? 1 : 0, item.in_process ? 1 : 0,
       item.follow_up ? 1 : 0, item.response_hours, item.resolution_days, item.revisit_required ? 1 : 0,
       item.active ? 1 : 0, Json(item.pre_schedule).dump(), iso_utc(tx.now()), item.id});
}

// --- Cases ---

std::int64_t create_case(store::Tx& tx, const NewCase& input, const Item& item) {
  CaseSite site;
  site.compound = org::find_node(tx.connection(), input.compound_node_id);
  if (input.part_node_id) site.part = org::find_node(tx.connection(), *input.part_node_id);
  if (input.building_node_id) site.building = org::find_node(tx.connection(), *input.building_node_id);
  check_new_case(input, item, site);
  media::require_stored_photos(tx.connection(), input.photos, "photos");
  std::int64_t id =
      tx.query_one(
            "INSERT INTO cases (item_id, resident_category_id, compound_node_id, part_node_id, building_node_id, "
            "address, description, photos, channel, state, reporter_user_id, reported_at, response_due_at, "
            "resolve_due_at, reopened, escalation_level, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'reported', ?, ?, ?, ?, 0, 0, ?) RETURNING id",
            {item.id, input.resident_category_id, input.compound_node_id, input.part_node_id, input.building_node_id,
             input.address, input.description, Json(input.photos).dump(), code_of(kChannels, input.channel),
             input.reporter_user_id, iso_utc(input.reported_at),
             iso_utc(response_due(input.reported_at, item.response_hours)),
             iso_utc(resolve_due(input.reported_at, item.resolution_days)), iso_utc(tx.now())})
          ->i64(0);
  kTimeline.record(tx, id,
                   {.kind = "transition",
                    .to_state = code_of(kStates, State::Reported),
                    .user_id = input.reporter_user_id,
                    .at = input.reported_at});
  route_new_case(tx, id);
  return id;
}

void classify(store::Tx& tx, const Case& record, const Item& item, std::int64_t user_id) {
  check_classify(record, item, org::street_of_node(tx.connection(), record.input.compound_node_id));
  if (item.id == record.input.item_id) return;
  // The due times follow the item: its own response hours and resolution days from the report.
  tx.exec("UPDATE cases SET item_id = ?, response_due_at = ?, resolve_due_at = ? WHERE id = ?",
          {item.id, iso_utc(response_due(record.input.reported_at, item.response_hours)),
           iso_utc(resolve_due(record.input.reported_at, item.resolution_days)), record.id});
  kTimeline.record(tx, record.id,
                   {.kind = "classify", .note = record.item_name + " → " + item.name, .user_id = user_id});
}

// --- Residents' categories ---

namespace {

constexpr const char* kCategoryColumns =
    "SELECT id, street_node_id, code, name, item_id, position, active FROM case_resident_categories ";

ResidentCategory to_category(const store::Row& row) {
  return ResidentCategory{row.i64(0), row.i64(1), row.text(2), row.text(3), row.i64(4), row.i64(5), row.i64(6) != 0};
}

}  // namespace

std::vector<ResidentCategory> categories_of_street(store::Connection& connection, std::int64_t street_node_id) {
  return store::map_rows(
      connection.query(std::string(kCategoryColumns) + "WHERE street_node_id = ? ORDER BY position, id",
                       {street_node_id}),
      to_category);
}

std::optional<ResidentCategory> find_category(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCategoryColumns) + "WHERE id = ?", {id}), to_category);
}

std::optional<ResidentCategory> find_category_by_code(store::Connection& connection, std::int64_t street_node_id,
                                                      const std::string& code) {
  return store::map_row(connection.query_one(std::string(kCategoryColumns) + "WHERE street_node_id = ? AND code = ?",
                                             {street_node_id, code}),
                        to_category);
}

std::int64_t create_category(store::Tx& tx, const ResidentCategory& category, const Item& item) {
  check_resident_category(category, item);
  if (find_category_by_code(tx.connection(), category.street_node_id, category.code)) {
    fail_conflict("类别代码 " + category.code + " 已存在", "code");
  }
  return tx
      .query_one(
          "INSERT INTO case_resident_categories (street_node_id, code, name, item_id, position, active) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {category.street_node_id, category.code, category.name, item.id, category.position, category.active ? 1 : 0})
      ->i64(0);
}

void update_category(store::Tx& tx, const ResidentCategory& category, const Item& item) {
  check_resident_category(category, item);
  tx.exec("UPDATE case_resident_categories SET name = ?, item_id = ?, position = ?, active = ? WHERE id = ?",
          {category.name, item.id, category.position, category.active ? 1 : 0, category.id});
}

std::vector<PreTask> create_pre_tasks(store::Tx& tx, const std::string& street_day) {
  std::vector<PreTask> made;
  for (const auto& street : tx.query("SELECT id, path FROM org_nodes WHERE kind = 'street' ORDER BY id")) {
    std::vector<Item> due;
    for (auto& item : items_of_street(tx.connection(), street.i64(0))) {
      if (pre_task_due(item, street_day)) due.push_back(std::move(item));
    }
    if (due.empty()) continue;
    auto compounds = tx.query("SELECT id FROM org_nodes WHERE kind = 'compound' AND " +
                                  org::subtree_condition(tx.dialect(), "path") + " ORDER BY id",
                              org::subtree_params(street.text(1)));
    for (const auto& item : due) {
      for (const auto& compound : compounds) {
        std::int64_t compound_id = compound.i64(0);
        if (tx.query_one("SELECT 1 FROM case_pre_tasks WHERE item_id = ? AND compound_node_id = ? AND on_date = ?",
                         {item.id, compound_id, street_day})) {
          continue;
        }
        NewCase input;
        input.item_id = item.id;
        input.compound_node_id = compound_id;
        input.address = "全小区";
        input.description = "事前介入计划任务：" + item.name + "（" + street_day + "）";
        input.channel = Channel::Schedule;
        input.reported_at = tx.now();
        std::int64_t case_id = create_case(tx, input, item);
        tx.exec("INSERT INTO case_pre_tasks (item_id, compound_node_id, on_date, case_id) VALUES (?, ?, ?, ?)",
                {item.id, compound_id, street_day, case_id});
        made.push_back(PreTask{case_id, compound_id, item.name});
      }
    }
  }
  return made;
}

std::optional<Case> find_case(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCaseColumns) + "WHERE x.id = ?", {id}), to_case);
}

std::vector<Event> events_of(store::Connection& connection, std::int64_t case_id) {
  return kTimeline.read(connection, case_id);
}

std::vector<Rating> ratings_of(store::Connection& connection, std::int64_t case_id) {
  return store::map_rows(
      connection.query("SELECT score, comment, reopened, created_at FROM case_ratings WHERE case_id = ? ORDER BY id",
                       {case_id}),
      [](const store::Row& row) {
        return Rating{row.i64(0), row.text(1), row.i64(2) != 0, row.text(3)};
      });
}

namespace {

// The cases `filter` keeps under `path`, as conditions of `query` (whose FROM names x, i and c).
store::Select& filtered(store::Select& query, store::Connection& connection, const std::string& path,
                        const CaseFilter& filter, TimePoint now) {
  if (!path.empty()) query.where(org::subtree_condition(connection.dialect(), "c.path"), org::subtree_params(path));
  if (filter.state) query.where("x.state = ?", {code_of(kStates, *filter.state)});
  if (filter.item_code) query.where("i.code = ?", {*filter.item_code});
  if (filter.overdue_only) query.where(overdue_sql(), {iso_utc(now), iso_utc(now)});
  if (filter.escalated_only) query.where(open_states_sql() + " AND x.escalation_level > 0");
  if (filter.unassigned_only) query.where("x.state IN ('reported', 'accepted')");
  if (filter.assignee_user_id) query.where("x.assignee_user_id = ?", {*filter.assignee_user_id});
  if (filter.reporter_user_id) query.where("x.reporter_user_id = ?", {*filter.reporter_user_id});
  return query;
}

}  // namespace

std::vector<Case> list_cases(store::Connection& connection, const std::string& path, const CaseFilter& filter,
                             TimePoint now) {
  store::Select query(kCaseColumns);
  filtered(query, connection, path, filter, now).newest_first("x.id", filter.before_id, filter.limit);
  return store::map_rows(query.run(connection), to_case);
}

std::int64_t count_cases(store::Connection& connection, const std::string& path, const CaseFilter& filter,
                         TimePoint now) {
  store::Select query(
      "SELECT COUNT(*) FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id ");
  filtered(query, connection, path, filter, now);
  return connection.scalar(query.sql(), query.params());
}

void transition(store::Tx& tx, const Case& record, const TransitionInput& input) {
  TransitionFacts facts;
  bool assigning = input.to == State::Assigned || input.to == State::Transferred;
  if (assigning && input.assignee_user_id) {
    facts.assignee_enabled = user_enabled(tx.connection(), *input.assignee_user_id);
  }
  if (input.to == State::Duplicate && input.original_id)
    facts.original = find_case(tx.connection(), *input.original_id);
  check_transition_step(record, input, facts);
  std::string now = iso_utc(tx.now());
  switch (input.to) {
    case State::Assigned:
    case State::Transferred:
      tx.exec("UPDATE cases SET assignee_user_id = ? WHERE id = ?", {*input.assignee_user_id, record.id});
      break;
    case State::Duplicate:
      tx.exec("UPDATE cases SET original_id = ?, closed_at = ? WHERE id = ?", {*input.original_id, now, record.id});
      break;
    case State::ClosedNotFixed:
      tx.exec("UPDATE cases SET close_reason = ?, closed_at = ? WHERE id = ?", {input.reason, now, record.id});
      break;
    case State::Accepted:
      tx.exec("UPDATE cases SET accepted_at = ? WHERE id = ?", {now, record.id});
      break;
    case State::Resolved:
      tx.exec("UPDATE cases SET resolved_at = ? WHERE id = ?", {now, record.id});
      break;
    case State::Closed:
    case State::Returned:
      tx.exec("UPDATE cases SET closed_at = ? WHERE id = ?", {now, record.id});
      break;
    default:
      break;
  }
  set_state(tx, record, input.to);
  std::string note = input.to == State::ClosedNotFixed ? input.reason : input.note;
  kTimeline.record(tx, record.id,
                   {"transition", code_of(kStates, record.state), code_of(kStates, input.to), note, input.user_id});
}

void bulk_assign(store::Tx& tx, const std::vector<Case>& list, std::int64_t assignee_user_id, std::int64_t user_id) {
  for (const auto& record : list) {
    transition(
        tx, record,
        TransitionInput{bulk_assign_step(record.state), "批量派单", assignee_user_id, std::nullopt, "", user_id});
  }
}

void add_note(store::Tx& tx, const Case& record, const std::string& note, std::int64_t user_id) {
  check_note(record, note);
  kTimeline.record(tx, record.id, {.kind = "note", .note = note, .user_id = user_id});
}

bool rate(store::Tx& tx, const Case& record, std::int64_t score, const std::string& comment, std::int64_t user_id) {
  check_not_duplicate(record.state, record.original_id);
  check_rating(score, comment);
  check_rateable(record.state);
  bool reopens = rating_reopens(score, record.reopened);
  tx.exec("INSERT INTO case_ratings (case_id, score, comment, reopened, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          {record.id, score, comment, reopens ? 1 : 0, user_id, iso_utc(tx.now())});
  kTimeline.record(tx, record.id,
                   {.kind = "rating", .note = std::to_string(score) + "分 " + comment, .user_id = user_id});
  if (reopens) {
    set_state(tx, record, State::InProgress);
    tx.exec("UPDATE cases SET reopened = 1, closed_at = NULL WHERE id = ?", {record.id});
    kTimeline.record(tx, record.id,
                     {"reopen", code_of(kStates, record.state), code_of(kStates, State::InProgress),
                      "居民评价不满意（" + std::to_string(score) + " 分）：" + comment, user_id});
  }
  return reopens;
}

void revisit(store::Tx& tx, const Case& record, const std::string& on, const std::string& note, std::int64_t user_id) {
  check_revisit(record, on, note);
  tx.exec("UPDATE cases SET revisited_on = ? WHERE id = ?", {on, record.id});
  kTimeline.record(tx, record.id, {.kind = "revisit", .note = on + " " + note, .user_id = user_id});
}

std::vector<EscalationRecord> record_escalations(store::Tx& tx, TimePoint now) {
  std::string sql =
      "SELECT x.id, x.state, x.resolve_due_at, x.escalation_level, i.resolution_days, x.compound_node_id, i.name "
      "FROM cases x "
      "JOIN case_items i ON i.id = x.item_id WHERE " +
      open_states_sql() + " AND x.resolve_due_at < ? ORDER BY x.id";
  // Several instances may run the job on PostgreSQL: each case is claimed by one of them.
  if (tx.dialect() == store::Dialect::Postgres) sql += " FOR UPDATE OF x SKIP LOCKED";
  std::vector<EscalationRecord> recorded;
  for (const auto& row : tx.query(sql, {iso_utc(now)})) {
    State state = parse_code(kStates, row.text(1)).value_or(State::Reported);
    auto due = parse_iso(row.text(2));
    if (!due) continue;
    auto reached = escalations_due(state, *due, row.i64(4), row.i64(3), now);
    if (reached.empty()) continue;
    for (EscalationLevel level : reached) {
      kTimeline.record(tx, row.i64(0), {.kind = "escalation", .note = code_of(governance::kEscalationLevels, level)});
      recorded.push_back(EscalationRecord{row.i64(0), level, row.i64(5), row.text(6)});
    }
    tx.exec("UPDATE cases SET escalation_level = ? WHERE id = ?",
            {static_cast<std::int64_t>(reached.back()), row.i64(0)});
  }
  return recorded;
}

std::vector<Assignee> assignees_under(store::Connection& connection, const std::string& path, TimePoint now) {
  std::string at = iso_utc(now);
  std::vector<Assignee> list;
  for (const auto& row : connection.query(
           "SELECT DISTINCT u.id, u.display_name, ra.role FROM role_assignments ra JOIN users u ON u.id = ra.user_id "
           "JOIN org_nodes n ON n.id = ra.scope_node_id "
           "JOIN role_permissions p ON p.role = ra.role AND p.permission = 'cases.resolve' "
           "WHERE u.disabled = 0 AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?) "
           "AND (? LIKE n.path || '%' OR n.path LIKE ? || '%') ORDER BY u.display_name, u.id, ra.role",
           {at, at, path, path})) {
    if (list.empty() || list.back().user_id != row.i64(0)) list.push_back(Assignee{row.i64(0), row.text(1), {}});
    list.back().roles.push_back(row.text(2));
  }
  return list;
}

bool lives_in(store::Connection& connection, std::int64_t person_id, std::int64_t compound_node_id) {
  auto compound = org::find_node(connection, compound_node_id);
  if (!compound) return false;
  auto params = org::subtree_params(compound->path);
  params.insert(params.begin(), person_id);
  return connection
      .query_one("SELECT 1 FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id WHERE l.person_id = ? AND " +
                     org::subtree_condition(connection.dialect(), "n.path"),
                 params)
      .has_value();
}

Stats stats_under(store::Connection& connection, const std::string& path, TimePoint now) {
  Stats stats;
  std::string under = org::subtree_condition(connection.dialect(), "c.path");
  auto params = org::subtree_params(path);
  const std::string from =
      " FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id WHERE ";
  stats.items = connection.scalar("SELECT COUNT(*) FROM case_items WHERE street_node_id = ? AND active = 1",
                                  {org::street_of(path)});
  stats.open = connection.scalar("SELECT COUNT(*)" + from + under + " AND " + open_states_sql(), params);
  auto overdue_params = params;
  overdue_params.emplace_back(iso_utc(now));
  overdue_params.emplace_back(iso_utc(now));
  stats.overdue = connection.scalar("SELECT COUNT(*)" + from + under + " AND " + overdue_sql(), overdue_params);
  std::vector<double> hours;
  for (const auto& row : connection.query(
           "SELECT x.reported_at, x.resolved_at" + from + under + " AND x.resolved_at IS NOT NULL", params)) {
    auto reported = parse_iso(row.text(0));
    auto resolved = parse_iso(row.text(1));
    if (reported && resolved)
      hours.push_back(std::chrono::duration<double, std::ratio<3600>>(*resolved - *reported).count());
  }
  stats.median_hours_to_resolve = median(hours);
  auto rated = connection.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN r.score >= 4 THEN 1 ELSE 0 END), 0) FROM case_ratings r "
      "JOIN cases x ON x.id = r.case_id JOIN org_nodes c ON c.id = x.compound_node_id WHERE " +
          under,
      params);
  stats.ratings = rated->i64(0);
  stats.satisfied = rated->i64(1);
  auto level_params = params;
  for (const auto& row : connection.query("SELECT x.escalation_level, COUNT(*)" + from + under +
                                              " AND x.escalation_level > 0 GROUP BY x.escalation_level",
                                          level_params)) {
    if (row.i64(0) >= 1 && row.i64(0) <= 4) stats.escalated[row.i64(0)] = row.i64(1);
  }
  for (const auto& row : connection.query("SELECT i.code, i.name, COUNT(*)" + from + under +
                                              " GROUP BY i.code, i.name ORDER BY COUNT(*) DESC, i.code LIMIT 5",
                                          params)) {
    stats.top_items.push_back(Stats::TopItem{row.text(0), row.text(1), row.i64(2)});
  }
  return stats;
}

PropertyCaseFigures property_case_figures(store::Connection& connection, std::int64_t compound_node_id,
                                          const std::string& from, const std::string& until) {
  const std::string property_cases =
      "FROM cases x JOIN case_items i ON i.id = x.item_id WHERE x.compound_node_id = ? AND i.party = "
      "'property_company' ";
  PropertyCaseFigures figures;
  auto due = connection.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN x.resolved_at IS NOT NULL AND x.resolved_at <= x.resolve_due_at THEN 1 "
      "ELSE 0 END), 0) " +
          property_cases + "AND x.resolve_due_at >= ? AND x.resolve_due_at < ?",
      {compound_node_id, from, until});
  figures.due = due->i64(0);
  figures.on_time = due->i64(1);
  auto rated = connection.query_one(
      "SELECT COUNT(*), COALESCE(SUM(r.score), 0) FROM case_ratings r WHERE r.created_at >= ? AND r.created_at < ? "
      "AND r.case_id IN (SELECT x.id " +
          property_cases + ")",
      {from, until, compound_node_id});
  figures.ratings = rated->i64(0);
  figures.stars = rated->i64(1);
  return figures;
}

std::vector<ReportedCase> cases_reported(store::Connection& connection, const std::string& path,
                                         const std::string& from, const std::string& until) {
  store::Select query(
      "SELECT x.id, i.code, x.assignee_user_id FROM cases x JOIN case_items i ON i.id = x.item_id "
      "JOIN org_nodes c ON c.id = x.compound_node_id");
  query.where("x.reported_at >= ? AND x.reported_at < ?", {from, until})
      .where(org::subtree_condition(connection.dialect(), "c.path"), org::subtree_params(path))
      .ordered_by("x.id");
  return store::map_rows(query.run(connection), [](const store::Row& row) {
    return ReportedCase{row.i64(0), row.text(1), row.optional_i64(2)};
  });
}

}  // namespace weizhi::cases
