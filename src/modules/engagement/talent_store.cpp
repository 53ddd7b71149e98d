// SQL of the talent pool (see talent_store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/engagement/talent_store.hpp"

#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::engagement {

namespace {

// The node a person serves: the pool's, else their home node.
constexpr const char* kTalentColumns =
    "SELECT p.id, p.name_masked, p.home_node_id, p.tags, t.node_id, t.skills, t.availability, t.active, t.updated_at, "
    "n.name FROM people p LEFT JOIN talents t ON t.person_id = p.id JOIN org_nodes n ON n.id = "
    "COALESCE(t.node_id, p.home_node_id) ";

Talent to_talent(const store::Row& row) {
  Talent talent{.person_id = row.i64(0),
                .name_masked = row.text(1),
                .home_node_id = row.i64(2),
                .tags = {},
                .pool = std::nullopt,
                .node_name = row.text(9),
                .updated_at = row.optional_text(8)};
  for (const auto& tag : parse_json(row.text(3))) talent.tags.push_back(tag.get<std::string>());
  if (auto node = row.optional_i64(4)) {
    talent.pool = TalentInput{.node_id = *node,
                              .skills = row.text(5),
                              .availability = read_availability(parse_json(row.text(6)), "availability"),
                              .active = row.i64(7) != 0};
  }
  return talent;
}

}  // namespace

std::vector<Talent> talents_under(store::Connection& connection, const TalentFilter& filter) {
  store::Select select(kTalentColumns);
  select.where("p.tags <> '[]'");
  auto params = org::subtree_params(filter.path);
  params.emplace_back(filter.path);
  select.where("(" + org::subtree_condition(connection.dialect(), "n.path") + " OR ? LIKE n.path || '%')", params);
  if (filter.tag) select.where("p.tags LIKE ? ESCAPE '\\'", {"%\"" + store::like_pattern(*filter.tag) + "\"%"});
  return store::map_rows(
      connection.query(select.sql() + " ORDER BY p.id LIMIT " + std::to_string(filter.limit), select.params()),
      to_talent);
}

std::optional<Talent> find_talent(store::Connection& connection, std::int64_t person_id) {
  return store::map_row(connection.query_one(std::string(kTalentColumns) + "WHERE p.id = ?", {person_id}), to_talent);
}

void save_talent(store::Tx& tx, std::int64_t person_id, const TalentInput& input, std::int64_t user_id) {
  tx.exec(
      "INSERT INTO talents (person_id, node_id, skills, availability, active, updated_by_user_id, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET node_id = excluded.node_id, skills = "
      "excluded.skills, availability = excluded.availability, active = excluded.active, updated_by_user_id = "
      "excluded.updated_by_user_id, updated_at = excluded.updated_at",
      {person_id, input.node_id, input.skills, availability_json(input.availability).dump(),
       static_cast<std::int64_t>(input.active ? 1 : 0), user_id, iso_utc(tx.now())});
}

}  // namespace weizhi::engagement
