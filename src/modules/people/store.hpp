// SQL of the people registry: people (encrypted, blind-indexed, masked), their part links and
// the person behind an account. The functions of people.hpp are implemented here too.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/people/model.hpp"
#include "store/db.hpp"

namespace weizhi::people {

std::optional<Person> find_person(store::Connection& connection, std::int64_t id);
// People matching the filter, by id after the cursor.
std::vector<Person> search_people(store::Connection& connection, const PeopleFilter& filter);
// Checks `change` (400 naming the field, 404/422 for the home node, 409 for a phone already
// registered) and applies it; returns the names of the fields it changed. 404 when no such person.
std::vector<std::string> update_person(store::Tx& tx, const crypto::DataKey& key, std::int64_t id,
                                       const PersonChange& change);
PersonSecrets read_secrets(store::Connection& connection, const crypto::DataKey& key, std::int64_t id);
// The decrypted name alone, for where the law publishes it (candidates of an election).
std::string full_name(store::Connection& connection, const crypto::DataKey& key, std::int64_t id);

// The links of a person with the places of their parts, by link id.
std::vector<PlacedLink> links_of_person(store::Connection& connection, std::int64_t person_id);
std::vector<PartLink> links_of_part(store::Connection& connection, std::int64_t part_node_id);
std::optional<PartLink> find_link(store::Connection& connection, std::int64_t link_id);
bool is_part(store::Connection& connection, std::int64_t node_id);
// Checks and inserts a link as link_part() describes; returns its id.
std::int64_t insert_link(store::Tx& tx, const LinkInput& link);
// Removes the link if it belongs to the part; false when there is no such link.
bool delete_link(store::Tx& tx, std::int64_t part_node_id, std::int64_t link_id);

// The materialised path of an org node ("/1/4/"); nullopt when there is no such node.
std::optional<std::string> node_path(store::Connection& connection, std::int64_t node_id);

// The person an account belongs to (users.person_id), if linked.
std::optional<std::int64_t> person_of_user(store::Connection& connection, std::int64_t user_id);

}  // namespace weizhi::people
