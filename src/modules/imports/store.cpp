// Reads and writes of the registry for imports and exports, through the org and people modules.
#include "modules/imports/store.hpp"

#include <set>

#include "core/error.hpp"
#include "modules/imports/rules.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::imports {

namespace {

constexpr std::int64_t kPageSize = 1000;

std::vector<org::NodeRecord> all_children(store::Connection& connection, std::int64_t parent_id) {
  std::vector<org::NodeRecord> children;
  std::int64_t after = 0;
  while (true) {
    auto page = org::child_records(connection, parent_id, after, kPageSize);
    children.insert(children.end(), page.begin(), page.end());
    if (static_cast<std::int64_t>(page.size()) < kPageSize) return children;
    after = page.back().node.id;
  }
}

// The column of the import that a creator's field name concerns.
std::string column_of(const std::string& creator_field) {
  static const std::map<std::string, std::string> columns{
      {"room_number", "room"}, {"area_centi_m2", "area_m2"}, {"person_id", "relation"}, {"part_id", "room"}};
  auto found = columns.find(creator_field);
  return found == columns.end() ? creator_field : found->second;
}

// Runs a creator for the row at `line`, turning its refusal into RowRejected.
template <class Create>
auto for_row(std::int64_t line, Create create) -> decltype(create()) {
  try {
    return create();
  } catch (const ApiError& error) {
    throw RowRejected({line, column_of(error.field()), row_message(line, "", error.message())});
  } catch (const store::ConstraintViolation&) {
    throw RowRejected({line, "", row_message(line, "", "与系统中已有的记录冲突")});
  }
}

void collect_parts(store::Connection& connection, const org::NodeRecord& record, const org::NodeRecord* building,
                   const org::Node* unit, std::vector<PlacedPart>& parts) {
  switch (record.node.kind) {
    case org::NodeKind::Part:
      if (building && building->building && unit && record.part) {
        parts.push_back({building->node.name, *building->building, unit->name, record.node.id, *record.part});
      }
      return;
    case org::NodeKind::Building:
      building = &record;
      break;
    case org::NodeKind::Unit:
      unit = &record.node;
      break;
    default:
      break;
  }
  for (const auto& child : all_children(connection, record.node.id)) {
    collect_parts(connection, child, building, unit, parts);
  }
}

std::optional<org::NodeRecord> parent_record(store::Connection& connection, const org::Node& node) {
  if (!node.parent_id) return std::nullopt;
  return org::find_record(connection, *node.parent_id);
}

}  // namespace

ExistingCompound load_compound(store::Connection& connection, std::int64_t compound_id) {
  ExistingCompound compound;
  for (const auto& building : all_children(connection, compound_id)) {
    ExistingBuilding& known =
        compound.buildings
            .emplace(building.node.name,
                     ExistingBuilding{building.node, building.building ? building.building->floors : 0, {}})
            .first->second;
    for (const auto& unit : all_children(connection, building.node.id)) {
      ExistingUnit& known_unit = known.units.emplace(unit.node.name, ExistingUnit{unit.node, {}}).first->second;
      for (const auto& part : all_children(connection, unit.node.id)) {
        known_unit.part_ids_by_room.emplace(part.part ? part.part->room_number : part.node.name, part.node.id);
      }
    }
  }
  return compound;
}

std::map<std::string, RegisteredPerson> registered_people(store::Connection& connection, const crypto::DataKey& key,
                                                          const std::vector<PersonRow>& rows,
                                                          const std::function<bool(std::int64_t)>& may_link) {
  std::map<std::string, RegisteredPerson> registered;
  std::set<std::string> looked_up;
  for (const auto& row : rows) {
    if (!row.normalised_phone || !looked_up.insert(*row.normalised_phone).second) continue;
    if (auto id = people::find_by_phone(connection, key, *row.normalised_phone)) {
      registered.emplace(*row.normalised_phone,
                         RegisteredPerson{*id, people::read_secrets(connection, key, *id).name,
                                          may_link(people::find_person(connection, *id)->home_node_id)});
    }
  }
  return registered;
}

void write_parts(store::Tx& tx, const org::Node& compound, const PartsPlan& plan) {
  for (const auto& building : plan.buildings) {
    if (building.units.empty()) continue;
    std::int64_t first_line = building.units.front().parts.front().line;
    org::Node building_node =
        building.existing ? *building.existing
                          : for_row(first_line, [&] { return org::create_building(tx, compound, building.input); });
    for (const auto& unit : building.units) {
      org::Node unit_node = unit.existing ? *unit.existing : for_row(unit.parts.front().line, [&] {
        return org::create_unit(tx, building_node, unit.name);
      });
      std::vector<org::PartInput> inputs;
      inputs.reserve(unit.parts.size());
      for (const auto& part : unit.parts) inputs.push_back(part.input);
      try {
        org::create_parts(tx, unit_node, inputs);
      } catch (const org::PartRejected& rejected) {
        for_row(unit.parts[rejected.index()].line, [&] { throw static_cast<const ApiError&>(rejected); });
      }
    }
  }
}

void write_people(store::Tx& tx, const crypto::DataKey& key, const PeoplePlan& plan) {
  std::vector<std::int64_t> person_ids;
  person_ids.reserve(plan.people.size());
  for (const auto& person : plan.people) {
    person_ids.push_back(person.existing_id ? *person.existing_id : for_row(person.line, [&] {
      return people::create_person(tx, key, person.input);
    }));
  }
  for (const auto& link : plan.links) {
    for_row(link.line, [&] {
      people::link_part(tx, link.part_node_id, person_ids[link.person], link.relation, link.designated_voter);
    });
  }
}

std::vector<PlacedPart> parts_under(store::Connection& connection, const org::Node& node) {
  auto record = org::find_record(connection, node.id);
  if (!record) return {};
  std::optional<org::NodeRecord> unit;
  std::optional<org::NodeRecord> building;
  if (node.kind == org::NodeKind::Part) unit = parent_record(connection, node);
  if (node.kind == org::NodeKind::Unit) building = parent_record(connection, node);
  if (unit) building = parent_record(connection, unit->node);
  std::vector<PlacedPart> parts;
  collect_parts(connection, *record, building ? &*building : nullptr, unit ? &unit->node : nullptr, parts);
  return parts;
}

std::vector<PartPeople> people_under(store::Connection& connection, const org::Node& node) {
  std::vector<PartPeople> result;
  std::map<std::int64_t, people::Person> people_by_id;
  for (auto& place : parts_under(connection, node)) {
    PartPeople part{std::move(place), {}};
    for (const auto& link : people::links_of_part(connection, part.place.part_id)) {
      auto known = people_by_id.find(link.person_id);
      if (known == people_by_id.end()) {
        auto person = people::find_person(connection, link.person_id);
        if (!person) continue;
        known = people_by_id.emplace(link.person_id, *person).first;
      }
      part.people.push_back({known->second, link.relation, link.designated_voter});
    }
    if (!part.people.empty()) result.push_back(std::move(part));
  }
  return result;
}

}  // namespace weizhi::imports
