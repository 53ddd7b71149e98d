// The import module's types: validated rows, what already exists under the compound, the plan of
// what an import creates, and the report it answers with.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::imports {

// A problem with one row: `line` is the file's line number (what Excel shows), `field` the
// column code ("" when the row as a whole is at fault).
struct RowError {
  std::int64_t line;
  std::string field;
  std::string message;
};

// A row of the parts file whose values are each acceptable on their own.
struct PartRow {
  std::int64_t line;
  org::BuildingInput building;  // name, floors, has_elevator
  std::string unit;
  org::PartInput part;
};

// A row of the people file whose values are each acceptable on their own; the person's
// home_node_id is filled in by the plan.
struct PersonRow {
  std::int64_t line;
  people::PersonInput person;
  std::optional<std::string> normalised_phone;  // the key people are matched by
  std::string building;
  std::string unit;
  std::string room;
  people::Relation relation;
  bool designated_voter;
};

// The rows of a file, the problems found in them, and how many data rows it has.
template <class Row>
struct ReadRows {
  std::int64_t row_count = 0;
  std::vector<Row> rows;
  std::vector<RowError> errors;
};

// What already exists under the compound, by name.
struct ExistingUnit {
  org::Node node;
  std::map<std::string, std::int64_t> part_ids_by_room;
};
struct ExistingBuilding {
  org::Node node;
  std::int64_t floors;
  std::map<std::string, ExistingUnit> units;
};
struct ExistingCompound {
  std::map<std::string, ExistingBuilding> buildings;
};

// --- The plan of a parts import: buildings and units in order of first appearance ---

struct PlannedPart {
  std::int64_t line;
  org::PartInput input;
};
struct PlannedUnit {
  std::string name;
  std::optional<org::Node> existing;
  std::vector<PlannedPart> parts;
};
struct PlannedBuilding {
  org::BuildingInput input;
  std::optional<org::Node> existing;
  std::vector<PlannedUnit> units;
};
struct PartsPlan {
  std::vector<PlannedBuilding> buildings;
  std::int64_t new_buildings = 0;
  std::int64_t new_units = 0;
  std::int64_t new_parts = 0;
};

// --- The plan of a people import: one person per phone, one link per row ---

// A person already in the registry under a phone of the file.
struct RegisteredPerson {
  std::int64_t id;
  std::string name;
  bool linkable = true;  // registered inside the importer's scope
};

struct PlannedPerson {
  std::int64_t line;  // the row that describes the person first
  people::PersonInput input;
  std::optional<std::int64_t> existing_id;  // already in the registry (matched by phone)
};
struct PlannedLink {
  std::int64_t line;
  std::size_t person;  // index into PeoplePlan::people
  std::int64_t part_node_id;
  people::Relation relation;
  bool designated_voter;
};
struct PeoplePlan {
  std::vector<PlannedPerson> people;
  std::vector<PlannedLink> links;
  std::int64_t new_people = 0;
};

// --- What exports list ---

// A part with the building and unit it lies in.
struct PlacedPart {
  std::string building;
  org::BuildingDetails building_details;
  std::string unit;
  std::int64_t part_id;
  org::PartInput part;
};

// A person linked to a part, as shown by default (masked).
struct LinkedPerson {
  people::Person person;
  people::Relation relation;
  bool designated_voter;
};

struct PartPeople {
  PlacedPart place;
  std::vector<LinkedPerson> people;
};

}  // namespace weizhi::imports
