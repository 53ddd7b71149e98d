// SQL of partner units (共建单位): the units of a street with their alliance, contacts (sealed, masked),
// agreements and resources with the nodes they are sunk to. No decisions: routes ask partners_rules.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "modules/engagement/partners_rules.hpp"
#include "store/db.hpp"

namespace weizhi::engagement {

// The street of the unit; 0 when there is no such unit.
std::int64_t partner_street(store::Connection& connection, std::int64_t unit_id);
std::optional<Partner> find_partner(store::Connection& connection, std::int64_t id);
// The units of the street, by alliance then name; with `alliance`, only its members.
std::vector<Partner> partners_of_street(store::Connection& connection, std::int64_t street_id,
                                        const std::optional<std::string>& alliance);
// Whether another unit of the street (not `except_id`) has the name.
bool partner_name_taken(store::Connection& connection, std::int64_t street_id, const std::string& name,
                        std::int64_t except_id);
std::int64_t insert_partner(store::Tx& tx, const PartnerInput& input, std::int64_t user_id);
void update_partner(store::Tx& tx, std::int64_t id, const PartnerInput& input);

std::int64_t insert_contact(store::Tx& tx, const crypto::DataKey& key, std::int64_t unit_id, const ContactInput& input);
std::vector<Contact> contacts_of(store::Connection& connection, std::int64_t unit_id);
std::int64_t insert_agreement(store::Tx& tx, std::int64_t unit_id, const AgreementInput& input);
std::vector<Agreement> agreements_of(store::Connection& connection, std::int64_t unit_id);

// Adds the resource and the nodes it is sunk to; a venue resource links its venue to the unit.
std::int64_t insert_resource(store::Tx& tx, std::int64_t unit_id, const ResourceInput& input);
// Whether the venue is already a unit's resource.
bool venue_is_resource(store::Connection& connection, std::int64_t venue_id);
std::vector<Resource> resources_of(store::Connection& connection, std::int64_t unit_id);
// The resources sunk to the node at `path` or to a node above it (its community, its street), by unit.
std::vector<Resource> resources_sunk_to(store::Connection& connection, const std::string& path);

}  // namespace weizhi::engagement
