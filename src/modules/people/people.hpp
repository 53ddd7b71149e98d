// What other modules use of the people capability: creating and finding people, linking them to
// parts, the talent tags, and the voting roll of docs/rules.md#b-voting-roll (one voter per owner person).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "store/db.hpp"

namespace weizhi::http {
class Context;
}

namespace weizhi::people {

enum class Relation { Owner, Tenant, Resident };
std::string relation_code(Relation relation);
std::optional<Relation> parse_relation(const std::string& code);

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
