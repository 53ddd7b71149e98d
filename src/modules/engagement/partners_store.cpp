// SQL of partner units (see partners_store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/engagement/partners_store.hpp"

#include "core/masking.hpp"
#include "store/rows.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kPartnerColumns =
    "SELECT u.id, u.street_id, u.name, u.kind, a.name, u.created_at, u.updated_at FROM partner_units u LEFT JOIN "
    "alliances a ON a.id = u.alliance_id ";

Partner to_partner(const store::Row& row) {
  return Partner{.id = row.i64(0),
                 .input = {.street_id = row.i64(1),
                           .name = row.text(2),
                           .kind = parse_code(kUnitKinds, row.text(3)).value_or(UnitKind::Other),
                           .alliance = row.optional_text(4)},
                 .created_at = row.text(5),
                 .updated_at = row.text(6)};
}

constexpr const char* kResourceColumns =
    "SELECT r.id, r.unit_id, u.name, r.kind, r.description, r.venue_id, v.name FROM partner_resources r JOIN "
    "partner_units u ON u.id = r.unit_id LEFT JOIN venues v ON v.id = r.venue_id ";

// The resources the rows name, each with the nodes it is sunk to.
std::vector<Resource> load_resources(store::Connection& connection, const store::Rows& rows) {
  std::vector<Resource> resources;
  for (const auto& row : rows) {
    Resource resource{.id = row.i64(0),
                      .unit_id = row.i64(1),
                      .unit_name = row.text(2),
                      .input = {.kind = parse_code(kResourceKinds, row.text(3)).value_or(ResourceKind::Other),
                                .description = row.text(4),
                                .venue_id = row.optional_i64(5),
                                .serves = {}},
                      .venue_name = row.optional_text(6),
                      .served = {}};
    for (const auto& node : connection.query("SELECT n.id, n.name FROM partner_resource_nodes rn JOIN org_nodes n ON "
                                             "n.id = rn.node_id WHERE rn.resource_id = ? ORDER BY n.path",
                                             {resource.id})) {
      resource.input.serves.push_back(node.i64(0));
      resource.served.emplace_back(node.i64(0), node.text(1));
    }
    resources.push_back(std::move(resource));
  }
  return resources;
}

// The alliance of the street with the name, made on first use; nullopt for no alliance.
std::optional<std::int64_t> alliance_id(store::Tx& tx, std::int64_t street_id, const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  if (auto found = tx.query_one("SELECT id FROM alliances WHERE street_id = ? AND name = ?", {street_id, *name}))
    return found->i64(0);
  return tx.scalar("INSERT INTO alliances (street_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
                   {street_id, *name, iso_utc(tx.now())});
}

}  // namespace

std::int64_t partner_street(store::Connection& connection, std::int64_t unit_id) {
  auto row = connection.query_one("SELECT street_id FROM partner_units WHERE id = ?", {unit_id});
  return row ? row->i64(0) : 0;
}

std::optional<Partner> find_partner(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kPartnerColumns) + "WHERE u.id = ?", {id}), to_partner);
}

std::vector<Partner> partners_of_street(store::Connection& connection, std::int64_t street_id,
                                        const std::optional<std::string>& alliance) {
  std::string sql = std::string(kPartnerColumns) + "WHERE u.street_id = ?";
  store::Params params{street_id};
  if (alliance) {
    sql += " AND a.name = ?";
    params.emplace_back(*alliance);
  }
  return store::map_rows(connection.query(sql + " ORDER BY a.name, u.name, u.id", params), to_partner);
}

bool partner_name_taken(store::Connection& connection, std::int64_t street_id, const std::string& name,
                        std::int64_t except_id) {
  return connection.scalar("SELECT COUNT(*) FROM partner_units WHERE street_id = ? AND name = ? AND id <> ?",
                           {street_id, name, except_id}) > 0;
}

std::int64_t insert_partner(store::Tx& tx, const PartnerInput& input, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO partner_units (street_id, alliance_id, name, kind, created_by_user_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.street_id, alliance_id(tx, input.street_id, input.alliance), input.name, code_of(kUnitKinds, input.kind),
       user_id, now, now});
}

void update_partner(store::Tx& tx, std::int64_t id, const PartnerInput& input) {
  tx.exec("UPDATE partner_units SET alliance_id = ?, name = ?, kind = ?, updated_at = ? WHERE id = ?",
          {alliance_id(tx, input.street_id, input.alliance), input.name, code_of(kUnitKinds, input.kind),
           iso_utc(tx.now()), id});
}

std::int64_t insert_contact(store::Tx& tx, const crypto::DataKey& key, std::int64_t unit_id,
                            const ContactInput& input) {
  std::optional<std::string> phone_sealed;
  std::optional<std::string> phone_masked;
  if (input.phone) {
    phone_sealed = key.encrypt(*input.phone);
    phone_masked = mask_phone(*input.phone);
  }
  return tx.scalar(
      "INSERT INTO partner_contacts (unit_id, name_sealed, name_masked, role, phone_sealed, phone_masked, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {unit_id, key.encrypt(input.name), mask_name(input.name), input.role, phone_sealed, phone_masked,
       iso_utc(tx.now())});
}

std::vector<Contact> contacts_of(store::Connection& connection, std::int64_t unit_id) {
  return store::map_rows(
      connection.query("SELECT id, name_masked, role, phone_masked FROM partner_contacts WHERE unit_id = ? ORDER BY id",
                       {unit_id}),
      [](const store::Row& row) {
        return Contact{row.i64(0), row.text(1), row.text(2), row.optional_text(3)};
      });
}

std::int64_t insert_agreement(store::Tx& tx, std::int64_t unit_id, const AgreementInput& input) {
  return tx.scalar(
      "INSERT INTO partner_agreements (unit_id, title, signed_on, valid_to, summary, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {unit_id, input.title, input.signed_on, input.valid_to, input.summary, iso_utc(tx.now())});
}

std::vector<Agreement> agreements_of(store::Connection& connection, std::int64_t unit_id) {
  return store::map_rows(
      connection.query("SELECT id, title, signed_on, valid_to, summary FROM partner_agreements WHERE unit_id = ? "
                       "ORDER BY signed_on DESC, id DESC",
                       {unit_id}),
      [](const store::Row& row) {
        return Agreement{row.i64(0), {row.text(1), row.text(2), row.optional_text(3), row.text(4)}};
      });
}

std::int64_t insert_resource(store::Tx& tx, std::int64_t unit_id, const ResourceInput& input) {
  std::int64_t id = tx.scalar(
      "INSERT INTO partner_resources (unit_id, kind, description, venue_id, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {unit_id, code_of(kResourceKinds, input.kind), input.description, input.venue_id, iso_utc(tx.now())});
  for (std::int64_t node : input.serves)
    tx.exec("INSERT INTO partner_resource_nodes (resource_id, node_id) VALUES (?, ?)", {id, node});
  if (input.venue_id) tx.exec("UPDATE venues SET partner_unit_id = ? WHERE id = ?", {unit_id, *input.venue_id});
  return id;
}

bool venue_is_resource(store::Connection& connection, std::int64_t venue_id) {
  return connection.scalar("SELECT COUNT(*) FROM partner_resources WHERE venue_id = ?", {venue_id}) > 0;
}

std::vector<Resource> resources_of(store::Connection& connection, std::int64_t unit_id) {
  return load_resources(
      connection, connection.query(std::string(kResourceColumns) + "WHERE r.unit_id = ? ORDER BY r.id", {unit_id}));
}

std::vector<Resource> resources_sunk_to(store::Connection& connection, const std::string& path) {
  return load_resources(
      connection,
      connection.query(std::string(kResourceColumns) +
                           "WHERE r.id IN (SELECT rn.resource_id FROM partner_resource_nodes rn JOIN org_nodes n ON "
                           "n.id = rn.node_id WHERE ? LIKE n.path || '%') ORDER BY u.name, r.id",
                       {path}));
}

}  // namespace weizhi::engagement
