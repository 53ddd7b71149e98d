// Import and export rules: columns, cell values, row checks and import plans.
#include "modules/imports/rules.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::imports {

namespace {

// Positions in part_columns() and people_columns().
enum PartField : std::size_t {
  kBuilding,
  kFloors,
  kHasElevator,
  kLand,
  kUnit,
  kRoom,
  kFloor,
  kUse,
  kArea,
  kAreaSource
};
enum PersonField : std::size_t {
  kName,
  kPhone,
  kIdNumber,
  kBirthYear,
  kPartyMember,
  kTags,
  kPersonBuilding,
  kPersonUnit,
  kPersonRoom,
  kRelation,
  kDesignatedVoter
};

constexpr std::string_view kFullWidthSpace = "\xE3\x80\x80";
constexpr std::string_view kFullWidthParenthesis = "\xEF\xBC\x88";

// Cells are trimmed of ASCII blanks and the full-width space Chinese input methods type.
std::string trim(std::string_view text) {
  while (true) {
    std::size_t before = text.size();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.substr(0, kFullWidthSpace.size()) == kFullWidthSpace) text.remove_prefix(kFullWidthSpace.size());
    if (text.size() >= kFullWidthSpace.size() && text.substr(text.size() - kFullWidthSpace.size()) == kFullWidthSpace) {
      text.remove_suffix(kFullWidthSpace.size());
    }
    if (text.size() == before) return std::string(text);
  }
}

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// A header cell as matched: a unit in brackets ("面积(㎡)", "面积（平方米）") dropped, ASCII lower-cased.
std::string header_key(const std::string& cell) {
  std::string text = trim(cell);
  std::size_t bracket = std::min(text.find('('), text.find(kFullWidthParenthesis));
  if (bracket != std::string::npos && bracket > 0) text = trim(text.substr(0, bracket));
  return lower_ascii(text);
}

// The words a cell may hold for a value, any case; the first of a value's words is the one exports write.
constexpr CodeTable<bool> kFlags = {{true, "是"}, {false, "否"},  {true, "有"},     {false, "无"}, {true, "1"},
                                    {false, "0"}, {true, "true"}, {false, "false"}, {true, "yes"}, {false, "no"}};
constexpr CodeTable<org::LandTenure> kLands = {{org::LandTenure::StateOwned, "国有"},
                                               {org::LandTenure::Collective, "集体"}};
constexpr CodeTable<org::PartUse> kUses = {{org::PartUse::Residential, "住宅"},
                                           {org::PartUse::Commercial, "商铺"},
                                           {org::PartUse::Parking, "车位"},
                                           {org::PartUse::Other, "其他"}};
constexpr CodeTable<org::AreaSource> kAreaSources = {
    {org::AreaSource::Registered, "登记"}, {org::AreaSource::Surveyed, "实测"}, {org::AreaSource::Contract, "合同"}};
constexpr CodeTable<people::Relation> kRelations = {{people::Relation::Owner, "业主"},
                                                    {people::Relation::Tenant, "租户"},
                                                    {people::Relation::Resident, "居住"},
                                                    {people::Relation::Resident, "居民"}};

// A cell's value from one of the table's words, failing that from the value's code (`residential`).
template <class Table, class ParseCode>
auto word_or_code(const Table& words, ParseCode parse, const std::string& text) {
  std::string key = lower_ascii(text);
  if (auto value = parse_code(words, key)) return value;
  return parse(key);
}

std::optional<std::int64_t> parse_integer(const std::string& text) {
  std::size_t digits_from = !text.empty() && text[0] == '-' ? 1 : 0;
  std::size_t digits = text.size() - digits_from;
  if (digits == 0 || digits > 9) return std::nullopt;
  std::int64_t value = 0;
  for (std::size_t i = digits_from; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return digits_from ? -value : value;
}

// Which record field holds each column (nullopt: the file has no such column).
using ColumnPositions = std::vector<std::optional<std::size_t>>;

ColumnPositions read_header(const CsvRecord& header, const std::vector<Column>& columns) {
  ColumnPositions positions(columns.size());
  for (std::size_t field = 0; field < header.fields.size(); ++field) {
    std::string key = header_key(header.fields[field]);
    if (key.empty()) continue;
    auto column = std::find_if(columns.begin(), columns.end(), [&](const Column& candidate) {
      return key == candidate.code || key == candidate.label ||
             std::find(candidate.aliases.begin(), candidate.aliases.end(), key) != candidate.aliases.end();
    });
    std::string cell = trim(header.fields[field]);
    if (column == columns.end()) {
      fail_invalid(cell, "第 " + std::to_string(header.line) + " 行 表头有不认识的列“" + cell + "”");
    }
    auto& position = positions[static_cast<std::size_t>(column - columns.begin())];
    if (position) fail_invalid(column->code, "第 " + std::to_string(header.line) + " 行 表头的“" + cell + "”列重复");
    position = field;
  }
  for (std::size_t index = 0; index < columns.size(); ++index) {
    if (columns[index].required && !positions[index]) {
      fail_invalid(columns[index].code, "缺少必需的列“" + columns[index].label + "”（" + columns[index].code + "）");
    }
  }
  return positions;
}

// The cells of one data row by column, collecting the row's problems.
class RowCells {
 public:
  RowCells(const CsvRecord& record, const ColumnPositions& positions, const std::vector<Column>& columns,
           std::vector<RowError>& errors)
      : record_(record), positions_(positions), columns_(columns), errors_(errors), errors_before_(errors.size()) {
    std::size_t width = 0;
    for (const auto& position : positions) {
      if (position) width = std::max(width, *position + 1);
    }
    for (std::size_t field = width; field < record.fields.size(); ++field) {
      if (!trim(record.fields[field]).empty()) {
        errors_.push_back({record.line, "", row_message(record.line, "", "内容超出了表头的列数")});
        break;
      }
    }
  }

  std::int64_t line() const { return record_.line; }
  bool failed() const { return errors_.size() > errors_before_; }

  // The trimmed cell; "" when the column is absent or the cell blank.
  std::string text(std::size_t column) const {
    const auto& position = positions_[column];
    if (!position || *position >= record_.fields.size()) return "";
    return trim(record_.fields[*position]);
  }

  // The cell of a column that may not be blank; nullopt (and a problem) when it is.
  std::optional<std::string> required(std::size_t column) {
    std::string value = text(column);
    if (value.empty()) {
      problem(column, "不能为空");
      return std::nullopt;
    }
    return value;
  }

  // The cell parsed by `parse`: `blank` when it is blank, nullopt (and `message`) when it does not parse.
  template <class Parse, class Value>
  std::optional<Value> parsed(std::size_t column, Parse parse, std::optional<Value> blank, const std::string& message) {
    std::string value = text(column);
    if (value.empty()) {
      if (!blank) problem(column, "不能为空");
      return blank;
    }
    auto result = parse(value);
    if (!result) problem(column, message);
    return result;
  }

  // Records `problem` (nullopt: none) for the column; returns whether there was one.
  bool check(std::size_t column, const std::optional<std::string>& found) {
    if (found) problem(column, *found);
    return found.has_value();
  }

  void problem(std::size_t column, const std::string& message) {
    errors_.push_back(
        {record_.line, columns_[column].code, row_message(record_.line, columns_[column].label, message)});
  }

 private:
  const CsvRecord& record_;
  const ColumnPositions& positions_;
  const std::vector<Column>& columns_;
  std::vector<RowError>& errors_;
  std::size_t errors_before_;
};

// The header and data rows of a file; throws 400 when either is missing.
template <class Row, class ReadRow>
ReadRows<Row> read_rows(const std::vector<CsvRecord>& records, const std::vector<Column>& columns, ReadRow read_row) {
  if (records.empty()) fail_invalid("file", "文件是空的：第一行应为表头");
  ColumnPositions positions = read_header(records.front(), columns);
  if (records.size() == 1) fail_invalid("file", "文件只有表头，没有数据行");
  ReadRows<Row> result;
  result.row_count = static_cast<std::int64_t>(records.size()) - 1;
  for (auto record = records.begin() + 1; record != records.end(); ++record) {
    RowCells cells(*record, positions, columns, result.errors);
    Row row = read_row(cells);
    if (!cells.failed()) result.rows.push_back(std::move(row));
  }
  return result;
}

const std::string kIntegerMessage = "应为整数";
const std::string kFlagMessage = "应为 是/否（有/无、1/0）";

PartRow read_part_row(RowCells& cells) {
  PartRow row{cells.line(), {}, {}, {}};
  auto building = cells.required(kBuilding);
  if (building && !cells.check(kBuilding, org::name_problem(*building))) row.building.name = *building;
  auto floors = cells.parsed(kFloors, parse_integer, std::optional<std::int64_t>(), kIntegerMessage);
  if (floors && !cells.check(kFloors, org::floors_problem(*floors))) row.building.floors = *floors;
  row.building.has_elevator =
      cells.parsed(kHasElevator, parse_flag, std::optional(false), kFlagMessage).value_or(false);
  row.building.land = cells.parsed(kLand, parse_land_cell, std::optional(org::LandTenure::StateOwned), "应为 国有/集体")
                          .value_or(org::LandTenure::StateOwned);
  auto unit = cells.required(kUnit);
  if (unit && !cells.check(kUnit, org::name_problem(*unit))) row.unit = *unit;
  auto room = cells.required(kRoom);
  if (room && !cells.check(kRoom, org::room_number_problem(*room))) row.part.room_number = *room;
  auto floor = cells.parsed(kFloor, parse_integer, std::optional<std::int64_t>(), kIntegerMessage);
  if (floor && floors && !cells.check(kFloor, org::floor_problem(*floor, *floors))) row.part.floor = *floor;
  auto use = cells.parsed(kUse, parse_use_cell, std::optional(org::PartUse::Residential), "应为 住宅/商铺/车位/其他");
  row.part.use = use.value_or(org::PartUse::Residential);
  auto area = cells.parsed(kArea, parse_area_centi_m2, std::optional<std::int64_t>(), "应为不超过两位小数的正数");
  if (area && !cells.check(kArea, org::area_problem(*area))) row.part.area_centi_m2 = *area;
  auto source = cells.parsed(kAreaSource, parse_area_source_cell, std::optional(org::AreaSource::Registered),
                             "应为 登记/实测/合同");
  row.part.area_source = source.value_or(org::AreaSource::Registered);
  return row;
}

PersonRow read_person_row(RowCells& cells, std::int64_t current_year) {
  PersonRow row{cells.line(), {}, {}, {}, {}, {}, people::Relation::Owner, false};
  auto name = cells.required(kName);
  if (name && !cells.check(kName, people::name_problem(*name))) row.person.name = people::normalise_name(*name);
  std::string phone = cells.text(kPhone);
  if (!phone.empty() && !cells.check(kPhone, people::phone_problem(phone))) {
    row.normalised_phone = normalise_phone(phone);
    row.person.phone = row.normalised_phone;
  }
  std::string id_number = cells.text(kIdNumber);
  if (!id_number.empty() && !cells.check(kIdNumber, people::id_number_problem(id_number))) {
    row.person.id_number = people::normalise_id_number(id_number);
  }
  if (!cells.text(kBirthYear).empty()) {
    auto year = cells.parsed(kBirthYear, parse_integer, std::optional<std::int64_t>(), kIntegerMessage);
    if (year && !cells.check(kBirthYear, people::birth_year_problem(*year, current_year)))
      row.person.birth_year = *year;
  }
  row.person.party_member = cells.parsed(kPartyMember, parse_flag, std::optional(false), kFlagMessage).value_or(false);
  row.person.tags = split_tags(cells.text(kTags));
  cells.check(kTags, people::tags_problem(row.person.tags));
  if (auto building = cells.required(kPersonBuilding)) row.building = *building;
  if (auto unit = cells.required(kPersonUnit)) row.unit = *unit;
  if (auto room = cells.required(kPersonRoom)) row.room = *room;
  auto relation =
      cells.parsed(kRelation, parse_relation_cell, std::optional<people::Relation>(), "应为 业主/租户/居住");
  if (relation) row.relation = *relation;
  row.designated_voter = cells.parsed(kDesignatedVoter, parse_flag, std::optional(false), kFlagMessage).value_or(false);
  if (row.designated_voter && relation && *relation != people::Relation::Owner) {
    cells.problem(kDesignatedVoter, "只有业主可以是指定投票人");
  }
  return row;
}

std::string place(const std::string& building, const std::string& unit, const std::string& room) {
  return building + " " + unit + " " + room;
}

std::string line_text(std::int64_t line) { return "第 " + std::to_string(line) + " 行"; }

std::string header_line(const std::vector<Column>& columns) {
  std::vector<std::string> labels;
  for (const auto& column : columns) labels.push_back(column.label);
  return csv_line(labels);
}

}  // namespace

const std::vector<Column>& part_columns() {
  static const std::vector<Column> columns{
      {"building", "楼栋", {"幢", "楼幢", "楼号"}, true},
      {"floors", "总层数", {"层数"}, true},
      {"has_elevator", "电梯", {"有无电梯"}, false},
      {"land", "土地性质", {"用地性质"}, false},
      {"unit", "单元", {}, true},
      {"room", "房号", {"室号", "房间号"}, true},
      {"floor", "楼层", {"所在楼层"}, true},
      {"use", "用途", {}, false},
      {"area_m2", "面积", {"专有面积", "建筑面积"}, true},
      {"area_source", "面积来源", {}, false},
  };
  return columns;
}

const std::vector<Column>& people_columns() {
  static const std::vector<Column> columns{
      {"name", "姓名", {}, true},
      {"phone", "手机", {"手机号", "手机号码", "电话"}, false},
      {"id_number", "身份证号", {"身份证", "身份证号码"}, false},
      {"birth_year", "出生年份", {}, false},
      {"party_member", "党员", {}, false},
      {"tags", "标签", {}, false},
      {"building", "楼栋", {"幢", "楼幢", "楼号"}, true},
      {"unit", "单元", {}, true},
      {"room", "房号", {"室号", "房间号"}, true},
      {"relation", "关系", {}, true},
      {"designated_voter", "指定投票人", {}, false},
  };
  return columns;
}

ReadRows<PartRow> read_parts(const std::vector<CsvRecord>& records) {
  return read_rows<PartRow>(records, part_columns(), read_part_row);
}

ReadRows<PersonRow> read_people(const std::vector<CsvRecord>& records, std::int64_t current_year) {
  return read_rows<PersonRow>(records, people_columns(),
                              [&](RowCells& cells) { return read_person_row(cells, current_year); });
}

std::optional<std::int64_t> parse_area_centi_m2(const std::string& text) {
  std::size_t point = text.find('.');
  std::string whole = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  auto all_digits = [](const std::string& part) {
    return std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  if (whole.empty() || whole.size() > 9 || !all_digits(whole)) return std::nullopt;
  if (point != std::string::npos && (fraction.empty() || fraction.size() > 2 || !all_digits(fraction))) {
    return std::nullopt;
  }
  fraction.resize(2, '0');
  std::int64_t value = std::stoll(whole) * 100 + std::stoll(fraction);
  if (value <= 0) return std::nullopt;
  return value;
}

std::optional<bool> parse_flag(const std::string& text) {
  if (text.empty()) return false;
  return parse_code(kFlags, lower_ascii(text));
}

std::optional<org::PartUse> parse_use_cell(const std::string& text) {
  return word_or_code(kUses, parser_of(org::kPartUses), text);
}
std::optional<org::LandTenure> parse_land_cell(const std::string& text) {
  return word_or_code(kLands, parser_of(org::kLandTenures), text);
}
std::optional<org::AreaSource> parse_area_source_cell(const std::string& text) {
  return word_or_code(kAreaSources, parser_of(org::kAreaSources), text);
}
std::optional<people::Relation> parse_relation_cell(const std::string& text) {
  return word_or_code(kRelations, parser_of(people::kRelations), text);
}

std::vector<std::string> split_tags(const std::string& text) {
  static const std::vector<std::string> separators{"\xE3\x80\x81" /* 、 */, "\xEF\xBC\x9B" /* ； */, ";"};
  std::vector<std::string> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.size();
    std::size_t separator_size = 0;
    for (const auto& separator : separators) {
      std::size_t found = text.find(separator, start);
      if (found < end) {
        end = found;
        separator_size = separator.size();
      }
    }
    std::string tag = trim(text.substr(start, end - start));
    if (!tag.empty()) tags.push_back(tag);
    if (separator_size == 0) break;
    start = end + separator_size;
  }
  return tags;
}

PartsPlan plan_parts(const std::vector<PartRow>& rows, const ExistingCompound& existing,
                     std::vector<RowError>& errors) {
  const auto& columns = part_columns();
  auto fail_row = [&](const PartRow& row, PartField field, const std::string& problem) {
    errors.push_back({row.line, columns[field].code, row_message(row.line, columns[field].label, problem)});
  };
  // Where each name sits in the plan, and the line that introduced it.
  struct UnitIndex {
    std::size_t position;
    std::map<std::string, std::int64_t> line_of_room;
  };
  struct BuildingIndex {
    std::size_t position;
    std::int64_t first_line;
    std::map<std::string, UnitIndex> units;
  };
  std::map<std::string, BuildingIndex> buildings;
  PartsPlan plan;
  for (const auto& row : rows) {
    const std::string& name = row.building.name;
    auto in_registry = existing.buildings.find(name);
    auto seen = buildings.find(name);
    if (seen == buildings.end()) {
      if (in_registry != existing.buildings.end() && in_registry->second.floors != row.building.floors) {
        fail_row(row, kFloors,
                 "与系统中 " + name + " 的总层数 " + std::to_string(in_registry->second.floors) + " 不一致");
        continue;
      }
      PlannedBuilding building{row.building, std::nullopt, {}};
      if (in_registry != existing.buildings.end()) building.existing = in_registry->second.node;
      plan.new_buildings += building.existing ? 0 : 1;
      plan.buildings.push_back(std::move(building));
      seen = buildings.emplace(name, BuildingIndex{plan.buildings.size() - 1, row.line, {}}).first;
    } else {
      const org::BuildingInput& first = plan.buildings[seen->second.position].input;
      if (first.floors != row.building.floors) {
        fail_row(row, kFloors,
                 "与" + line_text(seen->second.first_line) + " " + name + " 的总层数 " + std::to_string(first.floors) +
                     " 不一致");
        continue;
      }
      if (first.has_elevator != row.building.has_elevator) {
        fail_row(row, kHasElevator, "与" + line_text(seen->second.first_line) + " " + name + " 的电梯 不一致");
        continue;
      }
      if (first.land != row.building.land) {
        fail_row(row, kLand, "与" + line_text(seen->second.first_line) + " " + name + " 的土地性质 不一致");
        continue;
      }
    }
    PlannedBuilding& building = plan.buildings[seen->second.position];
    const ExistingUnit* unit_in_registry = nullptr;
    if (in_registry != existing.buildings.end()) {
      auto found = in_registry->second.units.find(row.unit);
      if (found != in_registry->second.units.end()) unit_in_registry = &found->second;
    }
    const std::string& room = row.part.room_number;
    if (unit_in_registry && unit_in_registry->part_ids_by_room.count(room)) {
      fail_row(row, kRoom, place(name, row.unit, room) + " 在系统中已存在");
      continue;
    }
    auto unit_seen = seen->second.units.find(row.unit);
    if (unit_seen == seen->second.units.end()) {
      PlannedUnit unit{row.unit, std::nullopt, {}};
      if (unit_in_registry) unit.existing = unit_in_registry->node;
      plan.new_units += unit.existing ? 0 : 1;
      building.units.push_back(std::move(unit));
      unit_seen = seen->second.units.emplace(row.unit, UnitIndex{building.units.size() - 1, {}}).first;
    }
    auto [room_seen, first_time] = unit_seen->second.line_of_room.emplace(room, row.line);
    if (!first_time) {
      fail_row(row, kRoom, place(name, row.unit, room) + " 与" + line_text(room_seen->second) + "重复");
      continue;
    }
    building.units[unit_seen->second.position].parts.push_back({row.line, row.part});
    ++plan.new_parts;
  }
  return plan;
}

PeoplePlan plan_people(const std::vector<PersonRow>& rows, std::int64_t compound_id, const ExistingCompound& existing,
                       const std::map<std::string, RegisteredPerson>& registered, std::vector<RowError>& errors) {
  const auto& columns = people_columns();
  auto fail_row = [&](const PersonRow& row, PersonField field, const std::string& problem) {
    errors.push_back({row.line, columns[field].code, row_message(row.line, columns[field].label, problem)});
  };
  PeoplePlan plan;
  std::map<std::string, std::size_t> person_of_phone;
  std::map<std::tuple<std::size_t, std::int64_t, people::Relation>, std::int64_t> line_of_link;
  std::map<std::int64_t, std::int64_t> designating_line_of_part;
  for (const auto& row : rows) {
    auto building = existing.buildings.find(row.building);
    if (building == existing.buildings.end()) {
      fail_row(row, kPersonBuilding, "小区中没有“" + row.building + "”");
      continue;
    }
    auto unit = building->second.units.find(row.unit);
    if (unit == building->second.units.end()) {
      fail_row(row, kPersonUnit, row.building + " 中没有“" + row.unit + "”");
      continue;
    }
    auto part = unit->second.part_ids_by_room.find(row.room);
    if (part == unit->second.part_ids_by_room.end()) {
      fail_row(row, kPersonRoom, row.building + " " + row.unit + " 中没有“" + row.room + "”");
      continue;
    }
    std::int64_t part_id = part->second;
    std::optional<std::size_t> person;
    if (row.normalised_phone) {
      auto known = person_of_phone.find(*row.normalised_phone);
      if (known != person_of_phone.end()) {
        const PlannedPerson& first = plan.people[known->second];
        if (first.input.name != row.person.name) {
          fail_row(row, kName, "与" + line_text(first.line) + " 同一手机号的姓名“" + first.input.name + "”不同");
          continue;
        }
        person = known->second;
      } else {
        auto in_registry = registered.find(*row.normalised_phone);
        // Checked before the name, so that nothing about a person out of scope is confirmed.
        if (in_registry != registered.end() && !in_registry->second.linkable) {
          fail_row(row, kPhone, "该手机号已登记在您管理范围以外的人员名下，请由其登记地的工作人员关联");
          continue;
        }
        // The registered name is not shown: the file's author may not be allowed to see it.
        if (in_registry != registered.end() && in_registry->second.name != row.person.name) {
          fail_row(row, kName, "与系统中登记在该手机号下的姓名不同");
          continue;
        }
      }
    }
    auto [link, new_link] =
        line_of_link.emplace(std::tuple(person.value_or(plan.people.size()), part_id, row.relation), row.line);
    if (!new_link) {
      fail_row(row, kRelation, "与" + line_text(link->second) + "重复：同一人、同一房屋、同一关系");
      continue;
    }
    if (row.designated_voter) {
      auto [designating, first_time] = designating_line_of_part.emplace(part_id, row.line);
      if (!first_time) {
        line_of_link.erase(link);
        fail_row(row, kDesignatedVoter,
                 place(row.building, row.unit, row.room) + " 已在" + line_text(designating->second) + "指定投票人");
        continue;
      }
    }
    if (!person) {
      PlannedPerson planned{row.line, row.person, std::nullopt};
      planned.input.home_node_id = compound_id;
      if (row.normalised_phone) {
        auto in_registry = registered.find(*row.normalised_phone);
        if (in_registry != registered.end()) planned.existing_id = in_registry->second.id;
        person_of_phone.emplace(*row.normalised_phone, plan.people.size());
      }
      plan.new_people += planned.existing_id ? 0 : 1;
      person = plan.people.size();
      plan.people.push_back(std::move(planned));
    }
    plan.links.push_back({row.line, *person, part_id, row.relation, row.designated_voter});
  }
  return plan;
}

std::string row_message(std::int64_t line, const std::string& label, const std::string& problem) {
  return line_text(line) + " " + (label.empty() ? "" : label + " ") + problem;
}

std::string spreadsheet_safe(const std::string& text) {
  if (text.empty()) return text;
  char first = text[0];
  bool number = parse_area_centi_m2(text.substr(1)).has_value() || parse_integer(text.substr(1)).has_value();
  if (first == '=' || first == '+' || first == '@' || (first == '-' && !number)) return "'" + text;
  return text;
}

std::string parts_csv(const std::vector<PlacedPart>& parts) {
  std::string out(kUtf8Bom);
  out += header_line(part_columns());
  for (const auto& placed : parts) {
    out +=
        csv_line({spreadsheet_safe(placed.building), std::to_string(placed.building_details.floors),
                  code_of(kFlags, placed.building_details.has_elevator), code_of(kLands, placed.building_details.land),
                  spreadsheet_safe(placed.unit), spreadsheet_safe(placed.part.room_number),
                  std::to_string(placed.part.floor), code_of(kUses, placed.part.use),
                  org::area_m2_text(placed.part.area_centi_m2), code_of(kAreaSources, placed.part.area_source)});
  }
  return out;
}

std::string people_csv(const std::vector<PartPeople>& parts) {
  std::string out(kUtf8Bom);
  out += header_line(people_columns());
  for (const auto& part : parts) {
    for (const auto& linked : part.people) {
      const people::Person& person = linked.person;
      std::string tags;
      for (const auto& tag : person.tags) tags += (tags.empty() ? "" : "、") + tag;
      out +=
          csv_line({spreadsheet_safe(person.name_masked), person.phone_masked.value_or(""),
                    person.id_number_masked.value_or(""), person.birth_year ? std::to_string(*person.birth_year) : "",
                    code_of(kFlags, person.party_member), tags, spreadsheet_safe(part.place.building),
                    spreadsheet_safe(part.place.unit), spreadsheet_safe(part.place.part.room_number),
                    code_of(kRelations, linked.relation), code_of(kFlags, linked.designated_voter)});
    }
  }
  return out;
}

}  // namespace weizhi::imports
