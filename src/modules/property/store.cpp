// SQL of companies, clusters and their operators, contracts and the task catalogue.
#include "modules/property/store.hpp"

#include <algorithm>
#include <functional>

#include "core/json.hpp"
#include "modules/org/org.hpp"
#include "modules/property/rules.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"
#include "store/timeline.hpp"

namespace weizhi::property {

namespace {

std::vector<std::string> texts_of(const std::string& json) { return Json::parse(json).get<std::vector<std::string>>(); }

// --- Companies ---

constexpr const char* kCompanyColumns =
    "SELECT c.id, c.street_node_id, s.name, c.name, c.credit_code, c.origin, c.specialities, c.contacts, "
    "c.licence_photos, c.created_at FROM property_companies c JOIN org_nodes s ON s.id = c.street_node_id ";

Company to_company(const store::Row& row) {
  CompanyInput input{row.text(3),           row.text(4), parse_code(kOrigins, row.text(5)).value_or(Origin::Local),
                     texts_of(row.text(6)), {},          texts_of(row.text(8))};
  for (const auto& contact : Json::parse(row.text(7))) {
    input.contacts.push_back({contact.value("name", ""), contact.value("title", ""), contact.value("phone", "")});
  }
  return Company{row.i64(0), row.i64(1), row.text(2), std::move(input), row.text(9)};
}

Json contacts_json(const std::vector<Contact>& contacts) {
  Json list = Json::array();
  for (const auto& contact : contacts) {
    list.push_back({{"name", contact.name}, {"title", contact.title}, {"phone", contact.phone}});
  }
  return list;
}

// --- Clusters ---

Operator to_operator(const store::Row& row) {
  return Operator{row.i64(0),          row.i64(1),
                  row.i64(2),          parse_code(kOperatorRoles, row.text(3)).value_or(OperatorRole::Partner),
                  row.text(4),         row.optional_text(5),
                  row.optional_i64(6), row.optional_i64(7)};
}

constexpr const char* kOperatorColumns =
    "SELECT id, cluster_id, company_id, role, since, until, started_by_user_id, ended_by_user_id "
    "FROM property_cluster_operators ";

std::vector<ClusterCommunity> communities_of_cluster(store::Connection& connection, std::int64_t cluster_id) {
  return store::map_rows(connection.query("SELECT n.id, n.name, n.path FROM property_cluster_communities m "
                                          "JOIN org_nodes n ON n.id = m.community_node_id "
                                          "WHERE m.cluster_id = ? ORDER BY n.id",
                                          {cluster_id}),
                         [](const store::Row& row) {
                           return ClusterCommunity{row.i64(0), row.text(1), row.text(2)};
                         });
}

Cluster to_cluster(store::Connection& connection, const store::Row& row) {
  return Cluster{row.i64(0), row.text(1), row.optional_text(2), communities_of_cluster(connection, row.i64(0))};
}

// --- Contracts ---

constexpr const char* kContractColumns =
    "SELECT k.id, k.compound_node_id, k.company_id, k.starts_on, k.ends_on, k.base_fen, k.pool_fen, k.services, "
    "k.gate_tiers, k.state, k.adopted_vote_id, k.adopted_vote_item, k.adopted_on, k.ended_vote_id, "
    "k.ended_vote_item, k.ended_on, k.end_reason, k.created_at FROM property_contracts k "
    "JOIN org_nodes n ON n.id = k.compound_node_id ";

std::optional<VoteItem> vote_item_of(const store::Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return VoteItem{row.i64(column), row.i64(column + 1)};
}

Contract to_contract(const store::Row& row) {
  ContractTerms terms{row.i64(1), row.i64(2), row.text(3),           row.text(4),
                      row.i64(5), row.i64(6), texts_of(row.text(7)), {}};
  for (const auto& code : texts_of(row.text(8))) {
    if (auto tier = parse_code(kGateTiers, code)) terms.gate_tiers.push_back(*tier);
  }
  return Contract{row.i64(0),
                  std::move(terms),
                  parse_code(kContractStates, row.text(9)).value_or(ContractState::Draft),
                  vote_item_of(row, 10),
                  row.optional_text(12),
                  vote_item_of(row, 13),
                  row.optional_text(15),
                  row.optional_text(16),
                  row.text(17)};
}

std::string gate_tiers_text(const std::vector<GateTier>& tiers) {
  Json codes = Json::array();
  for (GateTier tier : tiers) codes.push_back(code_of(kGateTiers, tier));
  return codes.dump();
}

// --- Tasks ---

constexpr const char* kTaskColumns =
    "SELECT t.id, t.street_node_id, t.code, t.name, t.holder, t.since, t.created_at, "
    "(SELECT COUNT(*) FROM property_task_moves m WHERE m.task_id = t.id) FROM property_tasks t ";

Task to_task(store::Connection& connection, const store::Row& row) {
  TaskInput input{
      row.text(2), row.text(3), parse_code(kHolders, row.text(4)).value_or(Holder::Community), row.text(5),
      store::map_rows(connection.query("SELECT item_code FROM property_task_items WHERE task_id = ? ORDER BY item_code",
                                       {row.i64(0)}),
                      [](const store::Row& item) { return item.text(0); })};
  return Task{row.i64(0), row.i64(1), std::move(input), row.i64(7), row.text(6)};
}

}  // namespace

// --- Companies ---

std::vector<Company> companies_of_street(store::Connection& connection, std::int64_t street_node_id) {
  return store::map_rows(
      connection.query(std::string(kCompanyColumns) + "WHERE c.street_node_id = ? ORDER BY c.id", {street_node_id}),
      to_company);
}

std::optional<Company> find_company(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCompanyColumns) + "WHERE c.id = ?", {id}), to_company);
}

bool credit_code_taken(store::Connection& connection, const std::string& credit_code,
                       std::optional<std::int64_t> except_id) {
  return connection
      .query_one("SELECT 1 FROM property_companies WHERE credit_code = ? AND id <> ?",
                 {credit_code, except_id.value_or(0)})
      .has_value();
}

std::int64_t insert_company(store::Tx& tx, std::int64_t street_node_id, const CompanyInput& input) {
  return tx
      .query_one(
          "INSERT INTO property_companies (street_node_id, name, credit_code, origin, specialities, contacts, "
          "licence_photos, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {street_node_id, input.name, input.credit_code, code_of(kOrigins, input.origin),
           Json(input.specialities).dump(), contacts_json(input.contacts).dump(), Json(input.licence_photos).dump(),
           iso_utc(tx.now())})
      ->i64(0);
}

void update_company(store::Tx& tx, std::int64_t id, const CompanyInput& input) {
  tx.exec(
      "UPDATE property_companies SET name = ?, credit_code = ?, origin = ?, specialities = ?, contacts = ?, "
      "licence_photos = ? WHERE id = ?",
      {input.name, input.credit_code, code_of(kOrigins, input.origin), Json(input.specialities).dump(),
       contacts_json(input.contacts).dump(), Json(input.licence_photos).dump(), id});
}

std::int64_t compounds_under_contract(store::Connection& connection, std::int64_t company_id) {
  return connection.scalar("SELECT COUNT(*) FROM property_contracts WHERE company_id = ? AND state = 'in_force'",
                           {company_id});
}

std::vector<StaffMember> staff_of(store::Connection& connection, std::int64_t company_id, TimePoint now) {
  auto ids = store::map_rows(
      connection.query("SELECT user_id FROM property_company_staff WHERE company_id = ? ORDER BY user_id",
                       {company_id}),
      store::first_integer);
  auto actors = store::actors(connection, {ids.begin(), ids.end()}, now);
  std::vector<StaffMember> staff;
  for (std::int64_t id : ids) staff.push_back({id, actors[id].name, actors[id].role});
  return staff;
}

std::vector<std::int64_t> staff_serving(store::Connection& connection, std::int64_t company_id,
                                        const std::string& compound_path, TimePoint now) {
  std::string at = iso_utc(now);
  return store::map_rows(
      connection.query(
          "SELECT u.id, MIN(CASE WHEN ra.role = 'property_manager' THEN 0 ELSE 1 END) AS manager_first "
          "FROM property_company_staff s JOIN users u ON u.id = s.user_id "
          "JOIN role_assignments ra ON ra.user_id = u.id JOIN org_nodes n ON n.id = ra.scope_node_id "
          "WHERE s.company_id = ? AND u.disabled = 0 AND ra.role IN ('property_manager', 'property_staff') "
          "AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?) AND ? LIKE n.path || '%' "
          "GROUP BY u.id ORDER BY manager_first, u.id",
          {company_id, at, at, compound_path}),
      store::first_integer);
}

std::vector<std::int64_t> role_holders_under(store::Connection& connection, const std::string& role,
                                             const std::string& path, TimePoint now) {
  std::string at = iso_utc(now);
  store::Select query(
      "SELECT DISTINCT u.id FROM role_assignments ra JOIN users u ON u.id = ra.user_id "
      "JOIN org_nodes n ON n.id = ra.scope_node_id");
  query.where("ra.role = ? AND u.disabled = 0", {role})
      .where("ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?)", {at, at})
      .where(org::subtree_condition(connection.dialect(), "n.path"), org::subtree_params(path))
      .ordered_by("u.id");
  return store::map_rows(query.run(connection), store::first_integer);
}

std::optional<std::int64_t> company_of_user(store::Connection& connection, std::int64_t user_id) {
  return store::map_row(
      connection.query_one("SELECT company_id FROM property_company_staff WHERE user_id = ?", {user_id}),
      store::first_integer);
}

std::vector<HeldRole> roles_of_user(store::Connection& connection, std::int64_t user_id, TimePoint now) {
  std::string at = iso_utc(now);
  return store::map_rows(
      connection.query("SELECT ra.role, n.path FROM role_assignments ra JOIN org_nodes n ON n.id = ra.scope_node_id "
                       "WHERE ra.user_id = ? AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?) "
                       "ORDER BY ra.id",
                       {user_id, at, at}),
      [](const store::Row& row) {
        return HeldRole{row.text(0), row.text(1)};
      });
}

void link_staff(store::Tx& tx, std::int64_t company_id, std::int64_t user_id) {
  tx.exec("DELETE FROM property_company_staff WHERE user_id = ?", {user_id});
  tx.exec("INSERT INTO property_company_staff (user_id, company_id, linked_at) VALUES (?, ?, ?)",
          {user_id, company_id, iso_utc(tx.now())});
}

bool unlink_staff(store::Tx& tx, std::int64_t company_id, std::int64_t user_id) {
  return tx.exec("DELETE FROM property_company_staff WHERE user_id = ? AND company_id = ?", {user_id, company_id}) > 0;
}

// --- Clusters ---

std::vector<Cluster> clusters_of_street(store::Connection& connection, std::int64_t street_node_id) {
  auto street = org::find_node(connection, street_node_id);
  std::vector<Cluster> found;
  for (auto& cluster : store::map_rows(connection.query("SELECT id, name, code FROM property_clusters ORDER BY id"),
                                       std::bind_front(to_cluster, std::ref(connection)))) {
    bool in_street = cluster.communities.empty() ||
                     std::any_of(cluster.communities.begin(), cluster.communities.end(), [&](const auto& community) {
                       return street && org::street_of(community.path) == street->id;
                     });
    if (in_street) found.push_back(std::move(cluster));
  }
  return found;
}

std::optional<Cluster> find_cluster(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one("SELECT id, name, code FROM property_clusters WHERE id = ?", {id}),
                        std::bind_front(to_cluster, std::ref(connection)));
}

std::optional<std::int64_t> cluster_of_community(store::Connection& connection, std::int64_t community_node_id) {
  return store::map_row(connection.query_one("SELECT cluster_id FROM property_cluster_communities "
                                             "WHERE community_node_id = ? AND cluster_id IS NOT NULL",
                                             {community_node_id}),
                        store::first_integer);
}

std::optional<std::string> last_move_of_community(store::Connection& connection, std::int64_t community_node_id) {
  return store::map_row(connection.query_one("SELECT MAX(moved_on) FROM property_cluster_moves "
                                             "WHERE community_node_id = ? HAVING COUNT(*) > 0",
                                             {community_node_id}),
                        [](const store::Row& row) { return row.text(0); });
}

void record_community_move(store::Tx& tx, std::int64_t community_node_id, std::optional<std::int64_t> from,
                           std::int64_t to, const std::string& on, std::int64_t user_id) {
  tx.exec(
      "INSERT INTO property_cluster_moves (community_node_id, from_cluster_id, to_cluster_id, moved_on, user_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {community_node_id, from, to, on, user_id, iso_utc(tx.now())});
}

std::vector<Operator> operators_of(store::Connection& connection, std::int64_t cluster_id) {
  return store::map_rows(
      connection.query(std::string(kOperatorColumns) + "WHERE cluster_id = ? ORDER BY since, id", {cluster_id}),
      to_operator);
}

std::optional<Operator> find_operator(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kOperatorColumns) + "WHERE id = ?", {id}), to_operator);
}

std::int64_t insert_operator(store::Tx& tx, std::int64_t cluster_id, std::int64_t company_id, OperatorRole role,
                             const std::string& since, std::optional<std::int64_t> user_id) {
  return tx
      .query_one(
          "INSERT INTO property_cluster_operators (cluster_id, company_id, role, since, started_by_user_id, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {cluster_id, company_id, code_of(kOperatorRoles, role), since, user_id, iso_utc(tx.now())})
      ->i64(0);
}

void end_operator(store::Tx& tx, std::int64_t id, const std::string& until, std::optional<std::int64_t> user_id) {
  tx.exec("UPDATE property_cluster_operators SET until = ?, ended_by_user_id = ? WHERE id = ?", {until, user_id, id});
}

std::vector<ClusterEvent> cluster_history(store::Connection& connection, std::int64_t cluster_id) {
  std::vector<ClusterEvent> events;
  for (const auto& op : operators_of(connection, cluster_id)) {
    events.push_back({op.since, "operator_started", op.company_id, std::nullopt, op.started_by_user_id});
    if (op.until) events.push_back({*op.until, "operator_ended", op.company_id, std::nullopt, op.ended_by_user_id});
  }
  for (const auto& row :
       connection.query("SELECT moved_on, to_cluster_id, community_node_id, user_id FROM property_cluster_moves "
                        "WHERE from_cluster_id = ? OR to_cluster_id = ? ORDER BY id",
                        {cluster_id, cluster_id})) {
    events.push_back({row.text(0), row.i64(1) == cluster_id ? "community_joined" : "community_left", std::nullopt,
                      row.i64(2), row.optional_i64(3)});
  }
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.on < b.on; });
  return events;
}

// --- Contracts ---

std::optional<Contract> find_contract(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kContractColumns) + "WHERE k.id = ?", {id}), to_contract);
}

std::optional<Contract> contract_in_force(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_row(
      connection.query_one(std::string(kContractColumns) + "WHERE k.compound_node_id = ? AND k.state = 'in_force'",
                           {compound_node_id}),
      to_contract);
}

std::vector<Contract> contracts_under(store::Connection& connection, const std::string& path,
                                      std::optional<std::int64_t> company_id, std::optional<ContractState> state) {
  store::Select select(kContractColumns);
  select.where(org::subtree_condition(connection.dialect(), "n.path"), org::subtree_params(path));
  if (company_id) select.where("k.company_id = ?", {*company_id});
  if (state) select.where("k.state = ?", {code_of(kContractStates, *state)});
  select.newest_first("k.id", std::nullopt, std::nullopt);
  return store::map_rows(select.run(connection), to_contract);
}

std::int64_t insert_contract(store::Tx& tx, const ContractTerms& terms) {
  return tx
      .query_one(
          "INSERT INTO property_contracts (compound_node_id, company_id, starts_on, ends_on, base_fen, pool_fen, "
          "services, gate_tiers, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?) RETURNING id",
          {terms.compound_node_id, terms.company_id, terms.starts_on, terms.ends_on, terms.base_fen, terms.pool_fen,
           Json(terms.services).dump(), gate_tiers_text(terms.gate_tiers), iso_utc(tx.now())})
      ->i64(0);
}

void update_contract_terms(store::Tx& tx, std::int64_t id, const ContractTerms& terms) {
  tx.exec(
      "UPDATE property_contracts SET company_id = ?, starts_on = ?, ends_on = ?, base_fen = ?, pool_fen = ?, "
      "services = ?, gate_tiers = ? WHERE id = ?",
      {terms.company_id, terms.starts_on, terms.ends_on, terms.base_fen, terms.pool_fen, Json(terms.services).dump(),
       gate_tiers_text(terms.gate_tiers), id});
}

void put_in_force(store::Tx& tx, std::int64_t id, const std::optional<VoteItem>& vote, const std::string& adopted_on) {
  tx.exec(
      "UPDATE property_contracts SET state = 'in_force', adopted_vote_id = ?, adopted_vote_item = ?, adopted_on = ? "
      "WHERE id = ?",
      {vote ? store::Value(vote->vote_id) : store::Value(), vote ? store::Value(vote->item) : store::Value(),
       adopted_on, id});
}

void end_contract(store::Tx& tx, std::int64_t id, const VoteItem& vote, const std::string& ended_on,
                  const std::string& reason) {
  tx.exec(
      "UPDATE property_contracts SET state = 'ended', ended_vote_id = ?, ended_vote_item = ?, ended_on = ?, "
      "end_reason = ? WHERE id = ?",
      {vote.vote_id, vote.item, ended_on, reason, id});
}

// --- Tasks ---

std::vector<Task> tasks_of_street(store::Connection& connection, std::int64_t street_node_id) {
  return store::map_rows(
      connection.query(std::string(kTaskColumns) + "WHERE t.street_node_id = ? ORDER BY t.id", {street_node_id}),
      std::bind_front(to_task, std::ref(connection)));
}

std::optional<Task> find_task(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kTaskColumns) + "WHERE t.id = ?", {id}),
                        std::bind_front(to_task, std::ref(connection)));
}

bool task_code_taken(store::Connection& connection, std::int64_t street_node_id, const std::string& code) {
  return connection
      .query_one("SELECT 1 FROM property_tasks WHERE street_node_id = ? AND code = ?", {street_node_id, code})
      .has_value();
}

std::int64_t insert_task(store::Tx& tx, std::int64_t street_node_id, const TaskInput& input) {
  std::int64_t id =
      tx.query_one(
            "INSERT INTO property_tasks (street_node_id, code, name, holder, since, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {street_node_id, input.code, input.name, code_of(kHolders, input.holder), input.since, iso_utc(tx.now())})
          ->i64(0);
  for (const auto& code : input.service_items) {
    tx.exec("INSERT INTO property_task_items (task_id, item_code) VALUES (?, ?)", {id, code});
  }
  return id;
}

void move_task(store::Tx& tx, const Task& task, const TaskMove& move) {
  tx.exec("UPDATE property_tasks SET holder = ?, since = ? WHERE id = ?",
          {code_of(kHolders, move.to), move.on, task.id});
  tx.exec(
      "INSERT INTO property_task_moves (task_id, moved_on, from_holder, to_holder, note, user_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {task.id, move.on, code_of(kHolders, move.from), code_of(kHolders, move.to), move.note, move.user_id,
       iso_utc(tx.now())});
}

std::vector<TaskMove> task_moves(store::Connection& connection, std::int64_t task_id) {
  return store::map_rows(
      connection.query("SELECT moved_on, from_holder, to_holder, note, user_id FROM property_task_moves "
                       "WHERE task_id = ? ORDER BY moved_on, id",
                       {task_id}),
      [](const store::Row& row) {
        return TaskMove{row.text(0), parse_code(kHolders, row.text(1)).value_or(Holder::Community),
                        parse_code(kHolders, row.text(2)).value_or(Holder::Community), row.text(3),
                        row.optional_i64(4)};
      });
}

std::optional<std::string> vote_title(store::Connection& connection, std::int64_t vote_id) {
  return store::map_row(connection.query_one("SELECT title FROM votes WHERE id = ?", {vote_id}),
                        [](const store::Row& row) { return row.text(0); });
}

}  // namespace weizhi::property
