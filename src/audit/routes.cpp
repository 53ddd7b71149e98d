// The audit log reader routes: the log itself, read as people read it (action names, who by name,
// which record with its console link, labelled summary fields), and the pickers its filters use.
#include "audit/routes.hpp"

#include <map>
#include <set>

#include "audit/labels.hpp"
#include "core/error.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "store/select.hpp"

namespace weizhi::audit {

namespace {

constexpr std::size_t kMaxFilterBytes = 200;

std::string filter_text(http::Context& context, const std::string& name) {
  std::string text = *context.query(name);
  if (text.empty() || text.size() > kMaxFilterBytes) {
    fail_invalid(name, name + " 应为 1–" + std::to_string(kMaxFilterBytes) + " 字节的文字");
  }
  return text;
}

std::string placeholders(std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
  return list;
}

// Column 1 by column 0 of `sql` run with `keys` filling its one IN list.
template <class Key>
std::map<Key, std::string> names_by(store::Connection& connection, const std::string& sql_before_list,
                                    const std::set<Key>& keys) {
  std::map<Key, std::string> names;
  if (keys.empty()) return names;
  store::Params params(keys.begin(), keys.end());
  for (const auto& row : connection.query(sql_before_list + "(" + placeholders(keys.size()) + ")", params)) {
    if constexpr (std::is_same_v<Key, std::string>) {
      names.emplace(row.text(0), row.text(1));
    } else {
      names.emplace(row.i64(0), row.text(1));
    }
  }
  return names;
}

struct Row {
  std::int64_t seq;
  std::string at, actor, action, entity, summary, hash;
};

// The names a page of rows shows: accounts by login, and the accounts and org nodes its entities name.
struct PageNames {
  std::map<std::string, std::string> actors;
  std::map<std::int64_t, std::string> users;
  std::map<std::int64_t, std::string> nodes;
};

bool names_a_node(const std::string& kind) {
  return kind == "org_node" || kind == "node" || kind == "property_cluster";
}

PageNames names_of(store::Connection& connection, const std::vector<Row>& rows) {
  std::set<std::string> logins;
  std::set<std::int64_t> user_ids, node_ids;
  for (const auto& row : rows) {
    if (!non_person_actor(row.actor)) logins.insert(row.actor);
    EntityRef entity = read_entity(row.entity);
    if (!entity.id) continue;
    if (entity.kind == "user") user_ids.insert(*entity.id);
    if (names_a_node(entity.kind)) node_ids.insert(*entity.id);
  }
  return {names_by(connection, "SELECT login, display_name FROM users WHERE login IN ", logins),
          names_by(connection, "SELECT id, display_name FROM users WHERE id IN ", user_ids),
          names_by(connection, "SELECT id, name FROM org_nodes WHERE id IN ", node_ids)};
}

std::string lookup(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
  auto found = names.find(id);
  return found == names.end() ? "" : found->second;
}

Json entity_json(const Row& row, const PageNames& names) {
  EntityRef entity = read_entity(row.entity);
  std::string name;
  if (entity.id && entity.kind == "user") name = lookup(names.users, *entity.id);
  if (entity.id && names_a_node(entity.kind)) name = lookup(names.nodes, *entity.id);
  std::string label = entity.kind_label;
  if (!name.empty()) {
    label += "“" + name + "”";
  } else if (entity.id) {
    label += " #" + std::to_string(*entity.id);
  }
  return {{"code", row.entity},
          {"kind", entity.kind},
          {"id", entity.id ? Json(*entity.id) : Json(nullptr)},
          {"label", label},
          {"link", entity.link.empty() ? Json(nullptr) : Json(entity.link)}};
}

// The summary's top-level fields in order, each with its label; a summary that is not an object is one field.
Json summary_fields(const Json& summary) {
  Json fields = Json::array();
  if (!summary.is_object()) {
    fields.push_back({{"key", ""}, {"label", "内容"}, {"value", summary}});
    return fields;
  }
  for (const auto& [key, value] : summary.items()) {
    fields.push_back({{"key", key}, {"label", field_label(key)}, {"value", value}});
  }
  return fields;
}

Json row_json(const Row& row, const PageNames& names) {
  Json summary = Json::parse(row.summary, nullptr, false);
  if (summary.is_discarded()) summary = row.summary;
  std::string actor_name;
  if (auto system = non_person_actor(row.actor)) {
    actor_name = *system;
  } else {
    auto found = names.actors.find(row.actor);
    actor_name = found == names.actors.end() ? row.actor : found->second;
  }
  auto label = action_label(row.action);
  return {{"seq", row.seq},       {"at", row.at},
          {"actor", row.actor},   {"actor_name", actor_name},
          {"action", row.action}, {"action_label", label ? std::string(*label) : row.action},
          {"entity", row.entity}, {"entity_ref", entity_json(row, names)},
          {"summary", summary},   {"summary_fields", summary_fields(summary)},
          {"hash", row.hash}};
}

http::Response list_route(http::Context& context) {
  std::int64_t limit = http::page_limit(context, 50, 500);
  std::string sql = "SELECT seq, at, actor, action, entity, summary, hash FROM audit_log WHERE 1 = 1";
  store::Params params;
  if (auto cursor = http::page_cursor(context)) {
    sql += " AND seq < ?";
    params.push_back(*cursor);
  }
  for (const char* column : {"entity", "actor", "action"}) {
    if (!context.query(column)) continue;
    sql += std::string(" AND ") + column + " = ?";
    params.push_back(filter_text(context, column));
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.push_back(limit);
  auto lease = context.read();
  std::vector<Row> rows;
  for (const auto& row : lease->query(sql, params)) {
    rows.push_back({row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)});
  }
  PageNames names = names_of(*lease, rows);
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(row_json(row, names));
  return http::Response::json(200, http::page_json(std::move(items), limit, rows.empty() ? 0 : rows.back().seq));
}

http::Response actions_route(http::Context&) {
  Json items = Json::array();
  for (const auto& entry : action_labels()) items.push_back({{"action", entry.action}, {"label", entry.label}});
  return http::Response::json(200, {{"items", items}});
}

// Whom the log can be filtered by: the accounts whose name or login contains `q` (all when absent), by
// name, at most 50, and the system itself.
http::Response actors_route(http::Context& context) {
  std::string sql = "SELECT login, display_name FROM users";
  store::Params params;
  if (context.query("q")) {
    std::string pattern = "%" + store::like_pattern(filter_text(context, "q")) + "%";
    sql += " WHERE display_name LIKE ? ESCAPE '\\' OR login LIKE ? ESCAPE '\\'";
    params = {pattern, pattern};
  }
  sql += " ORDER BY display_name, login LIMIT 50";
  Json items = Json::array();
  if (!context.query("q")) items.push_back({{"actor", "system"}, {"name", *non_person_actor("system")}});
  auto lease = context.read();
  for (const auto& row : lease->query(sql, params)) {
    items.push_back({{"actor", row.text(0)}, {"name", row.text(1)}});
  }
  return http::Response::json(200, {{"items", items}});
}

}  // namespace

modules::Module module() {
  auto readers = http::Access::permission("audit.read", http::scope::any());
  return modules::Module{"audit",
                         [] { return std::vector<store::Migration>{}; },
                         [readers](http::Router& router) {
                           router.add(http::Method::Get, "/api/v1/audit", readers, list_route);
                           router.add(http::Method::Get, "/api/v1/audit/actions", readers, actions_route);
                           router.add(http::Method::Get, "/api/v1/audit/actors", readers, actors_route);
                         },
                         nullptr,
                         {},
                         {{"audit.read", {"street_admin", "supervisor"}}}};
}

}  // namespace weizhi::audit
