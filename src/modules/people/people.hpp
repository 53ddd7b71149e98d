// The people module's published header, what other modules use of it: people as shown and their
// checks, creating, finding and linking them to parts, the talent tags, and the voting roll of
// docs/rules.md#b-voting-roll (one voter per owner person). Store and HTTP types are only named
// here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/code_table.hpp"
#include "core/crypto.hpp"

namespace weizhi::store {
class Connection;
class Tx;
}  // namespace weizhi::store

namespace weizhi::http {
class Context;
}

namespace weizhi::people {

enum class Relation { Owner, Tenant, Resident };
// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Relation> kRelations = {
    {Relation::Owner, "owner"}, {Relation::Tenant, "tenant"}, {Relation::Resident, "resident"}};

struct PersonInput {
  std::int64_t home_node_id;
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> id_number;
  std::optional<std::int64_t> birth_year;
  bool party_member = false;
  std::vector<std::string> tags;  // talent tags, see talent_tags()
  bool is_developer = false;      // the developer holding unsold parts (counts as one owner)
};

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
  std::string since;  // when the link was registered, ISO-8601 UTC
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

struct PeopleFilter {
  std::string scope_path;  // people whose home node lies in this subtree
  std::optional<std::string> name_index;
  std::optional<std::string> phone_index;
  std::optional<std::string> tag;
  // A typed unit address: people linked to a part of the scope there (docs/modules/org.md#address-keys).
  std::optional<std::string> address;
  std::int64_t after_id = 0;
  std::int64_t limit = 50;
};

// Each `…_problem` returns nullopt when the value is acceptable, else the Chinese message.

// 1–50 characters (code points) after trimming, no control characters.
std::optional<std::string> name_problem(const std::string& name);
// Digits with optional spaces, dashes and a +86 prefix, normalising to a mainland mobile 1[3-9]xxxxxxxxx.
std::optional<std::string> phone_problem(const std::string& phone);
// 18 characters: 17 digits and the GB 11643-1999 check character (0–9 or X, lower-case x accepted).
std::optional<std::string> id_number_problem(const std::string& id_number);
// 1900 ≤ year ≤ current_year.
std::optional<std::string> birth_year_problem(std::int64_t year, std::int64_t current_year);
// Every tag a code of talent_tags(), none twice; the message names the offending tag.
std::optional<std::string> tags_problem(const std::vector<std::string>& tags);
// The form names are looked up by: surrounding whitespace trimmed.
std::string normalise_name(const std::string& name);
// An ID number as stored: a lower-case x check character made upper-case.
std::string normalise_id_number(const std::string& id_number);

// Codes: civic_supervisor, gold_mediator, building_leader, resident_group_leader, social_worker,
// enthusiastic_resident, party_member_volunteer, legal_advisor, medical_worker, retired_cadre.
const std::vector<std::string>& talent_tags();

// Validates (400 naming the field: name 1–50 chars, phone a mainland mobile 1[3-9]xxxxxxxxx after
// normalise_phone, ID number 18 chars with the GB 11643 check digit, birth year 1900..current),
// encrypts and inserts; returns the id.
std::int64_t create_person(store::Tx& tx, const crypto::DataKey& key, const PersonInput& input);
std::optional<std::int64_t> find_by_phone(store::Connection& connection, const crypto::DataKey& key,
                                          const std::string& phone);
// Throws ApiError 409 when the same link exists (or a second designated voter for the part);
// 422 when the node is not a part; 404 when the person does not exist.
void link_part(store::Tx& tx, std::int64_t part_node_id, std::int64_t person_id, Relation relation,
               bool designated_voter);

// For a route that takes a person id beside the record it acts on: 404 when there is no such
// person, 403 unless the caller holds `permission` at the person's home node. The right to one end
// of a link is no right to the person at the other end.
void require_person(http::Context& context, const std::string& permission, std::int64_t person_id);
// The same for a person id carried in another field, which the 404 and 403 name.
void require_person(http::Context& context, const std::string& permission, std::int64_t person_id,
                    const std::string& field);

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

// The materialised path of an org node ("/1/4/"); nullopt when there is no such node.
std::optional<std::string> node_path(store::Connection& connection, std::int64_t node_id);

// The person an account belongs to (users.person_id), if linked.
std::optional<std::int64_t> person_of_user(store::Connection& connection, std::int64_t user_id);

// Whether the signed-in user's person owns, rents or lives in a part of the compound.
bool has_household_in(store::Connection& connection, std::int64_t user_id, std::int64_t compound_id);

// --- Voting roll (docs/rules.md#b-voting-roll) ---

struct PartOwner {
  std::int64_t person_id;
  bool is_developer = false;
  bool designated_voter = false;
};

struct OwnedPart {
  std::int64_t part_id;
  std::int64_t area_centi_m2;
  std::string use;  // residential, commercial, parking, stall, …
  std::vector<PartOwner> owners;
};

struct Voter {
  std::int64_t person_id;  // the person casting the vote (the developer person for developer parts)
  bool is_developer = false;
  std::int64_t area_centi_m2 = 0;  // sum of the areas of the parts this voter votes for
  std::vector<std::int64_t> part_ids;
};

struct VotingRoll {
  std::vector<Voter> voters;             // ordered by person id
  std::int64_t total_area_centi_m2 = 0;  // every counted part, with or without a voter yet
  // The headcount of §B: the voters, plus one for each counted part that has no voter yet.
  std::int64_t owner_count = 0;
  std::vector<std::int64_t> parts_without_designated_voter;  // co-owned, none or several designated
  std::vector<std::int64_t> parts_without_owner;             // no owner linked in the registry
};

// Parking spaces and stalls are excluded; one owner of several parts is one voter with the areas
// summed; a co-owned part counts once, cast by its designated co-owner; all parts held by
// developers form ONE voter (the developer person with the smallest id casts it). A part that
// cannot have a voter yet still counts in the area and headcount, and is listed so the roll is
// completed before it is frozen. Integer arithmetic only.
VotingRoll build_roll(const std::vector<OwnedPart>& parts);

}  // namespace weizhi::people
