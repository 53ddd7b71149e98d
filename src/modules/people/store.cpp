// People SQL: personal data sealed on the way in (ciphertext, blind index, mask), masks on the
// way out, part links with their places, and the people.hpp entry points other modules call.
#include "modules/people/store.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/masking.hpp"
#include "modules/org/org.hpp"
#include "modules/people/rules.hpp"
#include "store/bulk.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::people {

namespace {

constexpr const char* kPersonColumns =
    "p.id, p.home_node_id, p.name_masked, p.phone_masked, p.id_number_masked, p.birth_year, p.party_member, "
    "p.tags, p.is_developer, p.created_at, p.updated_at";

Person person_from(const store::Row& row) {
  std::vector<std::string> tags;
  for (const auto& tag : parse_json(row.text(7))) tags.push_back(tag.get<std::string>());
  return Person{row.i64(0),           row.i64(1),          row.text(2),     row.optional_text(3),
                row.optional_text(4), row.optional_i64(5), row.i64(6) != 0, std::move(tags),
                row.i64(8) != 0,      row.text(9),         row.text(10)};
}

using Columns = std::vector<std::pair<std::string, store::Value>>;

// The columns a change writes, personal data encrypted, indexed and masked.
Columns sealed_columns(const crypto::DataKey& key, const PersonChange& change) {
  Columns columns;
  if (change.home_node_id) columns.emplace_back("home_node_id", *change.home_node_id);
  if (change.name) {
    std::string name = normalise_name(*change.name);
    columns.emplace_back("name_enc", key.encrypt(name));
    columns.emplace_back("name_index", key.blind_index(name));
    columns.emplace_back("name_masked", mask_name(name));
  }
  if (change.phone) {
    std::optional<std::string> phone;
    if (*change.phone) phone = normalise_phone(**change.phone);
    columns.emplace_back("phone_enc", phone ? store::Value(key.encrypt(*phone)) : store::Value());
    columns.emplace_back("phone_index", phone ? store::Value(key.blind_index(*phone)) : store::Value());
    columns.emplace_back("phone_masked", phone ? store::Value(mask_phone(*phone)) : store::Value());
  }
  if (change.id_number) {
    std::optional<std::string> id_number;
    if (*change.id_number) id_number = normalise_id_number(**change.id_number);
    columns.emplace_back("id_number_enc", id_number ? store::Value(key.encrypt(*id_number)) : store::Value());
    columns.emplace_back("id_number_masked", id_number ? store::Value(mask_id_number(*id_number)) : store::Value());
  }
  if (change.birth_year) columns.emplace_back("birth_year", *change.birth_year);
  if (change.party_member) columns.emplace_back("party_member", *change.party_member);
  if (change.tags) columns.emplace_back("tags", Json(*change.tags).dump());
  if (change.is_developer) columns.emplace_back("is_developer", *change.is_developer);
  return columns;
}

// The row of a new person: every field of `change` sealed, and its creation time.
Columns new_person_columns(const crypto::DataKey& key, const PersonChange& change, const std::string& now) {
  Columns columns = sealed_columns(key, change);
  columns.emplace_back("created_at", now);
  columns.emplace_back("updated_at", now);
  return columns;
}

std::int64_t current_year(const store::Tx& tx) { return std::stoll(iso_utc(tx.now()).substr(0, 4)); }

// Everything a change must pass before it is written; `person_id` is the person changed, if any.
void check_change(store::Tx& tx, const crypto::DataKey& key, std::optional<std::int64_t> person_id,
                  const PersonChange& change) {
  if (auto problem = change_problem(change, current_year(tx))) fail_invalid(problem->field, problem->message);
  std::optional<std::string> phone_index;
  if (change.phone && *change.phone) phone_index = key.blind_index(normalise_phone(**change.phone));
  if (!change.home_node_id && !phone_index) return;
  // Both facts in one round trip: the seed and imports create people by the thousand.
  auto row = *tx.query_one(
      "SELECT (SELECT kind FROM org_nodes WHERE id = ?), (SELECT COUNT(*) FROM people WHERE phone_index = ? AND id <> ?)",
      {change.home_node_id, phone_index, person_id.value_or(0)});
  if (auto refusal = change_refusal(change, {row.optional_text(0), row.i64(1)})) throw *refusal;
}

std::optional<NamedNode> named_node(const store::Row& row, std::size_t id_column) {
  if (row.is_null(id_column)) return std::nullopt;
  return NamedNode{row.i64(id_column), row.text(id_column + 1)};
}

constexpr const char* kPartLinkSelect =
    "SELECT l.id, l.person_id, p.name_masked, l.relation, l.designated_voter, l.proxy_reference, l.created_at "
    "FROM part_links l JOIN people p ON p.id = l.person_id WHERE ";

PartLink part_link_from(const store::Row& row) {
  return PartLink{row.i64(0),      row.i64(1),
                  row.text(2),     parse_code(kRelations, row.text(3)).value_or(Relation::Resident),
                  row.i64(4) != 0, row.optional_text(5),
                  row.text(6)};
}

}  // namespace

std::int64_t create_person(store::Tx& tx, const crypto::DataKey& key, const PersonInput& input) {
  PersonChange change = as_change(input);
  check_change(tx, key, std::nullopt, change);
  Columns columns = new_person_columns(key, change, iso_utc(tx.now()));
  std::string names;
  std::string placeholders;
  store::Params params;
  for (auto& [column, value] : columns) {
    names += (names.empty() ? "" : ", ") + column;
    placeholders += placeholders.empty() ? "?" : ", ?";
    params.push_back(std::move(value));
  }
  return tx.scalar("INSERT INTO people (" + names + ") VALUES (" + placeholders + ") RETURNING id", params);
}

namespace {

// The ids of `values` once each, as the values of an IN list.
store::Params distinct(const std::set<std::int64_t>& values) { return store::Params(values.begin(), values.end()); }

// The kind code of each node of `ids` that exists.
std::map<std::int64_t, std::string> node_kinds(store::Tx& tx, const std::set<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> kinds;
  for (const auto& row : tx.query(
           "SELECT id, kind FROM org_nodes WHERE id IN (" + store::placeholders(ids.size()) + ")", distinct(ids))) {
    kinds.emplace(row.i64(0), row.text(1));
  }
  return kinds;
}

template <class Map, class Key>
std::optional<typename Map::mapped_type> found(const Map& map, const Key& key) {
  auto entry = map.find(key);
  if (entry == map.end()) return std::nullopt;
  return entry->second;
}

}  // namespace

std::vector<std::int64_t> create_people(store::Tx& tx, const crypto::DataKey& key,
                                        const std::vector<PersonInput>& inputs) {
  std::vector<std::int64_t> ids = store::allocate_ids(tx, "people", inputs.size());
  std::int64_t year = current_year(tx);
  std::string now = iso_utc(tx.now());
  for (std::size_t start = 0; start < inputs.size(); start += store::kRowsPerInsert) {
    std::size_t end = std::min(inputs.size(), start + store::kRowsPerInsert);
    std::vector<PersonChange> changes;
    std::vector<std::optional<std::string>> phone_indexes;
    std::set<std::int64_t> homes;
    store::Params phones;
    for (std::size_t index = start; index < end; ++index) {
      PersonChange& change = changes.emplace_back(as_change(inputs[index]));
      if (auto problem = change_problem(change, year)) fail_invalid(problem->field, problem->message);
      homes.insert(*change.home_node_id);
      auto& phone_index = phone_indexes.emplace_back();
      if (*change.phone) {
        phone_index = key.blind_index(normalise_phone(**change.phone));
        phones.emplace_back(*phone_index);
      }
    }
    // The facts check_change looks up person by person, for the whole statement at once; each person
    // counts as a holder of their phone for those after them.
    std::map<std::int64_t, std::string> home_kinds = node_kinds(tx, homes);
    std::map<std::string, std::int64_t> phone_holders;
    if (!phones.empty()) {
      for (const auto& row :
           tx.query("SELECT phone_index FROM people WHERE phone_index IN (" + store::placeholders(phones.size()) + ")",
                    phones)) {
        ++phone_holders[row.text(0)];
      }
    }
    std::vector<std::string> names{"id"};
    std::vector<store::Params> rows;
    for (std::size_t offset = 0; offset < changes.size(); ++offset) {
      const PersonChange& change = changes[offset];
      const auto& phone_index = phone_indexes[offset];
      ChangeFacts facts{found(home_kinds, *change.home_node_id),
                        phone_index ? found(phone_holders, *phone_index).value_or(0) : 0};
      if (auto refusal = change_refusal(change, facts)) throw *refusal;
      if (phone_index) ++phone_holders[*phone_index];
      store::Params& row = rows.emplace_back(store::Params{ids[start + offset]});
      for (auto& [column, value] : new_person_columns(key, change, now)) {
        if (rows.size() == 1) names.push_back(column);
        row.push_back(std::move(value));
      }
    }
    store::insert_rows(tx, "people", names, rows);
  }
  return ids;
}

std::vector<std::string> update_person(store::Tx& tx, const crypto::DataKey& key, std::int64_t id,
                                       const PersonChange& change) {
  if (!tx.query_one("SELECT id FROM people WHERE id = ?", {id})) fail_not_found("找不到该人员");
  check_change(tx, key, id, change);
  Columns columns = sealed_columns(key, change);
  if (columns.empty()) return {};
  columns.emplace_back("updated_at", iso_utc(tx.now()));
  std::string assignments;
  store::Params params;
  for (auto& [column, value] : columns) {
    assignments += (assignments.empty() ? "" : ", ") + column + " = ?";
    params.push_back(std::move(value));
  }
  params.emplace_back(id);
  tx.exec("UPDATE people SET " + assignments + " WHERE id = ?", params);
  return changed_field_names(change);
}

std::optional<std::int64_t> find_by_phone(store::Connection& connection, const crypto::DataKey& key,
                                          const std::string& phone) {
  if (phone_problem(phone)) return std::nullopt;
  return store::map_row(connection.query_one("SELECT id FROM people WHERE phone_index = ? ORDER BY id LIMIT 1",
                                             {key.blind_index(normalise_phone(phone))}),
                        store::first_integer);
}

std::optional<Person> find_person(store::Connection& connection, std::int64_t id) {
  return store::map_row(
      connection.query_one(std::string("SELECT ") + kPersonColumns + " FROM people p WHERE p.id = ?", {id}),
      person_from);
}

namespace {

// The people `filter` finds, as `SELECT columns` over people p and their home nodes, without its page.
store::Select filtered_people(store::Connection& connection, const std::string& columns, const PeopleFilter& filter) {
  store::Select query("SELECT " + columns + " FROM people p JOIN org_nodes home ON home.id = p.home_node_id");
  query.where("home.path LIKE ?", {filter.scope_path + "%"});
  if (filter.name_index) query.where("p.name_index = ?", {*filter.name_index});
  if (filter.phone_index) query.where("p.phone_index = ?", {*filter.phone_index});
  if (filter.tag) {
    // Tag codes contain "_", a LIKE wildcard: escaped so only the quoted code itself matches.
    query.where("p.tags LIKE ? ESCAPE '\\'", {"%\"" + store::like_pattern(*filter.tag) + "\"%"});
  }
  if (filter.address) {
    query.where("p.id IN (SELECT l.person_id FROM part_links l WHERE l.part_node_id " +
                    org::parts_at_address_sql(connection.dialect(), *filter.address) + ")",
                org::parts_at_address_params(filter.scope_path, *filter.address));
  }
  return query;
}

}  // namespace

std::vector<Person> search_people(store::Connection& connection, const PeopleFilter& filter) {
  store::Select query = filtered_people(connection, kPersonColumns, filter);
  query.oldest_first("p.id", filter.after_id, filter.limit);
  return store::map_rows(query.run(connection), person_from);
}

std::int64_t count_people(store::Connection& connection, const PeopleFilter& filter) {
  return filtered_people(connection, "COUNT(*)", filter).run(connection).front().i64(0);
}

ListedHomes homes_of(store::Connection& connection, const std::vector<Person>& people) {
  ListedHomes homes;
  if (people.empty()) return homes;
  store::Params home_ids;
  store::Params person_ids;
  for (const auto& person : people) {
    home_ids.emplace_back(person.home_node_id);
    person_ids.emplace_back(person.id);
  }
  for (const auto& row : connection.query(
           "SELECT id, name FROM org_nodes WHERE id IN (" + store::placeholders(home_ids.size()) + ")", home_ids)) {
    homes.home_names[row.i64(0)] = row.text(1);
  }
  for (const auto& row :
       connection.query("SELECT l.person_id, part.id, compound.id, compound.name, building.name, unit.name, part.name "
                        "FROM part_links l JOIN org_nodes part ON part.id = l.part_node_id "
                        "JOIN org_nodes unit ON unit.id = part.parent_id "
                        "JOIN org_nodes building ON building.id = unit.parent_id "
                        "JOIN org_nodes compound ON compound.id = building.parent_id WHERE l.person_id IN (" +
                            store::placeholders(person_ids.size()) + ") ORDER BY l.person_id, l.id",
                        person_ids)) {
    auto& places = homes.places[row.i64(0)];
    std::int64_t part_id = row.i64(1);
    bool listed =
        std::any_of(places.begin(), places.end(), [&](const auto& place) { return place.part_id == part_id; });
    if (!listed)
      places.push_back({part_id, {row.i64(2), row.text(3)}, row.text(4) + " " + row.text(5) + " " + row.text(6)});
  }
  return homes;
}

PersonSecrets read_secrets(store::Connection& connection, const crypto::DataKey& key, std::int64_t id) {
  auto row = connection.query_one("SELECT name_enc, phone_enc, id_number_enc FROM people WHERE id = ?", {id});
  if (!row) fail_not_found("找不到该人员");
  auto open = [&](std::size_t column) -> std::optional<std::string> {
    if (row->is_null(column)) return std::nullopt;
    return key.decrypt(row->text(column));
  };
  return PersonSecrets{key.decrypt(row->text(0)), open(1), open(2)};
}

std::string full_name(store::Connection& connection, const crypto::DataKey& key, std::int64_t id) {
  auto row = connection.query_one("SELECT name_enc FROM people WHERE id = ?", {id});
  if (!row) fail_not_found("找不到该人员");
  return key.decrypt(row->text(0));
}

std::vector<PlacedLink> links_of_person(store::Connection& connection, std::int64_t person_id) {
  auto rows = connection.query(
      "SELECT l.id, l.relation, l.designated_voter, l.proxy_reference, part.id, part.name, unit.id, unit.name, "
      "building.id, building.name, compound.id, compound.name, l.created_at FROM part_links l "
      "JOIN org_nodes part ON part.id = l.part_node_id "
      "LEFT JOIN org_nodes unit ON unit.id = part.parent_id "
      "LEFT JOIN org_nodes building ON building.id = unit.parent_id "
      "LEFT JOIN org_nodes compound ON compound.id = building.parent_id "
      "WHERE l.person_id = ? ORDER BY l.id",
      {person_id});
  return store::map_rows(rows, [](const store::Row& row) {
    return PlacedLink{row.i64(0),
                      parse_code(kRelations, row.text(1)).value_or(Relation::Resident),
                      row.i64(2) != 0,
                      row.optional_text(3),
                      NamedNode{row.i64(4), row.text(5)},
                      named_node(row, 6),
                      named_node(row, 8),
                      named_node(row, 10),
                      row.text(12)};
  });
}

std::vector<PartLink> links_of_part(store::Connection& connection, std::int64_t part_node_id) {
  return store::map_rows(
      connection.query(std::string(kPartLinkSelect) + "l.part_node_id = ? ORDER BY l.id", {part_node_id}),
      part_link_from);
}

std::optional<PartLink> find_link(store::Connection& connection, std::int64_t link_id) {
  return store::map_row(connection.query_one(std::string(kPartLinkSelect) + "l.id = ?", {link_id}), part_link_from);
}

bool is_part(store::Connection& connection, std::int64_t node_id) {
  return connection.query_one("SELECT id FROM org_nodes WHERE id = ? AND kind = 'part'", {node_id}).has_value();
}

std::int64_t insert_link(store::Tx& tx, const LinkInput& link) {
  // Every fact the checks need in one round trip: the seed and imports link parts by the thousand.
  auto row = *tx.query_one(
      "SELECT (SELECT kind FROM org_nodes WHERE id = ?), (SELECT COUNT(*) FROM people WHERE id = ?), "
      "(SELECT COUNT(*) FROM part_links WHERE part_node_id = ? AND person_id = ? AND relation = ?), "
      "(SELECT COUNT(*) FROM part_links WHERE part_node_id = ? AND designated_voter = 1)",
      {link.part_node_id, link.person_id, link.part_node_id, link.person_id, code_of(kRelations, link.relation),
       link.part_node_id});
  if (auto refusal = link_refusal(link, {row.optional_text(0), row.i64(1) > 0, row.i64(2) > 0, row.i64(3) > 0})) {
    throw *refusal;
  }
  return tx.scalar(
      "INSERT INTO part_links (part_node_id, person_id, relation, designated_voter, proxy_reference, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {link.part_node_id, link.person_id, code_of(kRelations, link.relation), link.designated_voter,
       link.proxy_reference, iso_utc(tx.now())});
}

void insert_links(store::Tx& tx, const std::vector<LinkInput>& links) {
  std::vector<std::int64_t> ids = store::allocate_ids(tx, "part_links", links.size());
  std::string now = iso_utc(tx.now());
  for (std::size_t start = 0; start < links.size(); start += store::kRowsPerInsert) {
    std::size_t end = std::min(links.size(), start + store::kRowsPerInsert);
    std::set<std::int64_t> parts;
    std::set<std::int64_t> people;
    for (std::size_t index = start; index < end; ++index) {
      parts.insert(links[index].part_node_id);
      people.insert(links[index].person_id);
    }
    // The facts insert_link looks up link by link, for the whole statement at once; each link counts as
    // recorded for those after it.
    std::map<std::int64_t, std::string> part_kinds = node_kinds(tx, parts);
    std::set<std::int64_t> existing;
    for (const auto& row :
         tx.query("SELECT id FROM people WHERE id IN (" + store::placeholders(people.size()) + ")", distinct(people))) {
      existing.insert(row.i64(0));
    }
    std::set<std::tuple<std::int64_t, std::int64_t, std::string>> recorded;
    std::set<std::int64_t> designated;
    for (const auto& row : tx.query("SELECT part_node_id, person_id, relation, designated_voter FROM part_links "
                                    "WHERE part_node_id IN (" +
                                        store::placeholders(parts.size()) + ")",
                                    distinct(parts))) {
      recorded.emplace(row.i64(0), row.i64(1), row.text(2));
      if (row.i64(3) != 0) designated.insert(row.i64(0));
    }
    std::vector<store::Params> rows;
    for (std::size_t index = start; index < end; ++index) {
      const LinkInput& link = links[index];
      std::string relation = code_of(kRelations, link.relation);
      auto key = std::make_tuple(link.part_node_id, link.person_id, relation);
      LinkFacts facts{found(part_kinds, link.part_node_id), existing.count(link.person_id) > 0, recorded.count(key) > 0,
                      designated.count(link.part_node_id) > 0};
      if (auto refusal = link_refusal(link, facts)) throw *refusal;
      recorded.insert(key);
      if (link.designated_voter) designated.insert(link.part_node_id);
      rows.push_back(
          {ids[index], link.part_node_id, link.person_id, relation, link.designated_voter, link.proxy_reference, now});
    }
    store::insert_rows(
        tx, "part_links",
        {"id", "part_node_id", "person_id", "relation", "designated_voter", "proxy_reference", "created_at"}, rows);
  }
}

void link_part(store::Tx& tx, std::int64_t part_node_id, std::int64_t person_id, Relation relation,
               bool designated_voter) {
  insert_link(tx, LinkInput{part_node_id, person_id, relation, designated_voter, std::nullopt});
}

bool delete_link(store::Tx& tx, std::int64_t part_node_id, std::int64_t link_id) {
  return tx.exec("DELETE FROM part_links WHERE id = ? AND part_node_id = ?", {link_id, part_node_id}) > 0;
}

std::optional<std::string> node_path(store::Connection& connection, std::int64_t node_id) {
  auto row = connection.query_one("SELECT path FROM org_nodes WHERE id = ?", {node_id});
  if (!row) return std::nullopt;
  return row->text(0);
}

bool has_household_in(store::Connection& connection, std::int64_t user_id, std::int64_t compound_id) {
  return connection
      .query_one(
          "SELECT 1 FROM users u JOIN part_links l ON l.person_id = u.person_id "
          "JOIN org_nodes part ON part.id = l.part_node_id JOIN org_nodes unit ON unit.id = part.parent_id "
          "JOIN org_nodes building ON building.id = unit.parent_id "
          "WHERE u.id = ? AND building.parent_id = ? LIMIT 1",
          {user_id, compound_id})
      .has_value();
}

std::optional<std::int64_t> person_of_user(store::Connection& connection, std::int64_t user_id) {
  auto row = connection.query_one("SELECT person_id FROM users WHERE id = ?", {user_id});
  return row ? row->optional_i64(0) : std::nullopt;
}

}  // namespace weizhi::people
