// SQL of the people registry: people (encrypted, blind-indexed, masked), their part links and
// the person behind an account. The functions of people.hpp are implemented here too.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/people/model.hpp"
#include "store/db.hpp"

namespace weizhi::people {

std::optional<PartLink> find_link(store::Connection& connection, std::int64_t link_id);
bool is_part(store::Connection& connection, std::int64_t node_id);
// Checks and inserts a link as link_part() describes; returns its id.
std::int64_t insert_link(store::Tx& tx, const LinkInput& link);

// create_person for each of `inputs` and insert_link for each of `links`, in order, with the same
// checks and refusals (a phone or a link that comes twice is refused the second time), but a few
// statements per few hundred rows instead of two per row: what makes seeding a street fast. The
// people get the ids one by one creation would have given them; create_people returns them in order.
std::vector<std::int64_t> create_people(store::Tx& tx, const crypto::DataKey& key,
                                        const std::vector<PersonInput>& inputs);
void insert_links(store::Tx& tx, const std::vector<LinkInput>& links);
// Removes the link if it belongs to the part; false when there is no such link.
bool delete_link(store::Tx& tx, std::int64_t part_node_id, std::int64_t link_id);

// How many people the filter finds over all its pages.
std::int64_t count_people(store::Connection& connection, const PeopleFilter& filter);

// A part a listed person is linked to, with its compound and address ("3幢 1单元 301": building, unit, room).
struct ListedPlace {
  std::int64_t part_id;
  NamedNode compound;
  std::string address;
};
// Where listed people live: the name of each one's home node, and the parts each is linked to (each
// part once, in the order linked).
struct ListedHomes {
  std::map<std::int64_t, std::string> home_names;           // by home node id
  std::map<std::int64_t, std::vector<ListedPlace>> places;  // by person id
};
ListedHomes homes_of(store::Connection& connection, const std::vector<Person>& people);

}  // namespace weizhi::people
