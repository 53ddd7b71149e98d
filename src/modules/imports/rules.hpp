// Pure rules of imports and exports: the columns of the parts and people files (with their
// Chinese names), reading and checking each row, and planning what an import creates against
// what already exists. No SQL, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/imports/csv.hpp"
#include "modules/imports/model.hpp"

namespace weizhi::imports {

// A column of an import file: its code, the Chinese name used in messages and exports, and other
// header names accepted for it.
struct Column {
  std::string code;
  std::string label;
  std::vector<std::string> aliases;
  bool required;
};

// building, floors, has_elevator, land, unit, room, floor, use, area_m2, area_source.
const std::vector<Column>& part_columns();
// name, phone, id_number, birth_year, party_member, tags, building, unit, room, relation, designated_voter.
const std::vector<Column>& people_columns();

// The rows of a parts file (the first record is the header). Throws ApiError 400 when the file
// has no header or no data rows, or the header has an unknown, repeated or missing column; each
// row's own problems are collected in `errors`.
ReadRows<PartRow> read_parts(const std::vector<CsvRecord>& records);
// The same for a people file; `current_year` bounds birth years. Phones are matched normalised.
ReadRows<PersonRow> read_people(const std::vector<CsvRecord>& records, std::int64_t current_year);

// "12.5" → 1250: a positive decimal with at most two places, as an integer in 0.01 m².
std::optional<std::int64_t> parse_area_centi_m2(const std::string& text);
// Boolean cells: 有/是/1/true/yes and 无/否/0/false/no; blank is false.
std::optional<bool> parse_flag(const std::string& text);
// The code or the Chinese word: 住宅/商铺/车位/其他, 登记/实测/合同, 业主/租户/居住.
std::optional<org::PartUse> parse_use_cell(const std::string& text);
std::optional<org::LandTenure> parse_land_cell(const std::string& text);
std::optional<org::AreaSource> parse_area_source_cell(const std::string& text);
std::optional<people::Relation> parse_relation_cell(const std::string& text);
// Tags separated by 、 or ; (full-width ； too), blanks dropped.
std::vector<std::string> split_tags(const std::string& text);

// Groups rows into buildings and units, reusing those that exist by name. Adds to `errors` rows
// whose room is already in their unit (in the file or the registry) and rows whose building's
// floors disagree with the registry or an earlier row; those rows are left out of the plan.
PartsPlan plan_parts(const std::vector<PartRow>& rows, const ExistingCompound& existing, std::vector<RowError>& errors);
// One person per phone (from the registry, `registered` by normalised phone, or the first row with
// that phone; rows without a phone are a person each), homed at the compound, and one link per
// row. Adds to `errors` rows naming a building, unit or room the compound does not have, a phone
// already given (in the file or the registry) with another name or registered to someone not
// `linkable` by the importer, a repeated link, and a second designated voter for a part.
PeoplePlan plan_people(const std::vector<PersonRow>& rows, std::int64_t compound_id, const ExistingCompound& existing,
                       const std::map<std::string, RegisteredPerson>& registered, std::vector<RowError>& errors);

// The Chinese message of a row problem: "第 12 行 面积 应为不超过两位小数的正数".
std::string row_message(std::int64_t line, const std::string& label, const std::string& problem);

// Exports, in the columns of the imports (Chinese header names and words) so that an export
// imports again: a UTF-8 BOM for Excel, then a header line and one line per part or link.
// People appear masked.
std::string parts_csv(const std::vector<PlacedPart>& parts);
std::string people_csv(const std::vector<PartPeople>& parts);

// A cell an export writes: text a spreadsheet would run as a formula (=, +, @, or - not starting
// a number) gets a leading apostrophe.
std::string spreadsheet_safe(const std::string& text);

}  // namespace weizhi::imports
