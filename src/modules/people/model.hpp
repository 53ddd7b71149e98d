// The people registry's types as stored and shown: a person with masked personal data, the
// clear values behind them (for unmasking), and a person's link to a part with its place.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/people.hpp"

namespace weizhi::people {

// A person as shown by default: personal data only in masked form.
struct Person {
  std::int64_t id;
  std::int64_t home_node_id;  // the compound (or community, for workers) that scopes who sees them
  std::string name_masked;
  std::optional<std::string> phone_masked;
  std::optional<std::string> id_number_masked;
  std::optional<std::int64_t> birth_year;
  bool party_member;
  std::vector<std::string> tags;
  bool is_developer;
  std::string created_at;
  std::string updated_at;
};

// The decrypted values, only for a caller allowed to unmask.
struct PersonSecrets {
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> id_number;
};

// A change to a person: each field set is changed; for the nullable ones an inner nullopt clears it.
struct PersonChange {
  std::optional<std::int64_t> home_node_id;
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> phone;
  std::optional<std::optional<std::string>> id_number;
  std::optional<std::optional<std::int64_t>> birth_year;
  std::optional<bool> party_member;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> is_developer;
};

struct NamedNode {
  std::int64_t id;
  std::string name;
};

// A person's link to a part, with where the part is (part → unit → building → compound).
struct PlacedLink {
  std::int64_t link_id;
  Relation relation;
  bool designated_voter;
  std::optional<std::string> proxy_reference;
  NamedNode part;  // the part's node name is its room number
  std::optional<NamedNode> unit;
  std::optional<NamedNode> building;
  std::optional<NamedNode> compound;
};

// A part's link to a person, as listed on the part.
struct PartLink {
  std::int64_t link_id;
  std::int64_t person_id;
  std::string person_name_masked;
  Relation relation;
  bool designated_voter;
  std::optional<std::string> proxy_reference;
  std::string created_at;
};

struct LinkInput {
  std::int64_t part_node_id;
  std::int64_t person_id;
  Relation relation;
  bool designated_voter = false;
  std::optional<std::string> proxy_reference;  // the co-owners' proxy letter on file
};

struct PeopleFilter {
  std::string scope_path;  // people whose home node lies in this subtree
  std::optional<std::string> name_index;
  std::optional<std::string> phone_index;
  std::optional<std::string> tag;
  std::int64_t after_id = 0;
  std::int64_t limit = 50;
};

}  // namespace weizhi::people
