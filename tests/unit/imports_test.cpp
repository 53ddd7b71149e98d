// Import and export rules: decoding and parsing CSV as spreadsheets save it, checking each row,
// planning against the registry, and exports that import again.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/imports/csv.hpp"
#include "modules/imports/rules.hpp"

using namespace weizhi;
using namespace weizhi::imports;

namespace {

const std::string kPartsHeader = "楼栋,总层数,电梯,单元,房号,楼层,用途,面积,面积来源\n";

ReadRows<PartRow> parts_of(const std::string& text) {
  return read_parts(parse_csv(decode_to_utf8(text, std::nullopt)));
}
ReadRows<PersonRow> people_of(const std::string& text) { return read_people(parse_csv(text), 2026); }

// The ApiError a call throws; fails the test when it throws none.
template <class Call>
ApiError error_of(Call call) {
  try {
    call();
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "no ApiError thrown";
  return ApiError(0, "", "");
}

org::Node node(std::int64_t id, org::NodeKind kind, const std::string& name) {
  return org::Node{id, std::nullopt, kind, name, std::nullopt, "/" + std::to_string(id) + "/", ""};
}

// A compound holding 1幢 (6 floors) with 1单元 and its room 101 (part 30).
ExistingCompound compound_with_room_101() {
  ExistingCompound compound;
  ExistingBuilding building{node(10, org::NodeKind::Building, "1幢"), 6, {}};
  building.units.emplace("1单元", ExistingUnit{node(20, org::NodeKind::Unit, "1单元"), {{"101", 30}}});
  compound.buildings.emplace("1幢", building);
  return compound;
}

const std::string kPeopleHeader = "姓名,手机,身份证号,出生年份,党员,标签,楼栋,单元,房号,关系,指定投票人\n";

}  // namespace

// --- Decoding ---

TEST(ImportsCsv, Utf8ByteOrderMarkIsDropped) {
  EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBF"
                           "楼栋\n",
                           std::nullopt),
            "楼栋\n");
}

TEST(ImportsCsv, GbkBytesAreDetectedAndConverted) {
  // "楼栋,单元\n1幢,1单元\n" as Excel in China saves it.
  std::string gbk = "\xC2\xA5\xB6\xB0,\xB5\xA5\xD4\xAA\n1\xB4\xB1,1\xB5\xA5\xD4\xAA\n";
  EXPECT_EQ(decode_to_utf8(gbk, std::nullopt), "楼栋,单元\n1幢,1单元\n");
}

TEST(ImportsCsv, ForcedGbkConvertsEvenBytesThatLookLikeUtf8) {
  // \xC2\xA5 is "¥" in UTF-8 and "楼" in GBK: detection takes UTF-8, ?encoding=gbk overrides it.
  EXPECT_EQ(decode_to_utf8("\xC2\xA5", Encoding::Gb18030), "楼");
  EXPECT_EQ(decode_to_utf8("\xC2\xA5", std::nullopt), "\xC2\xA5");
}

TEST(ImportsCsv, ForcedUtf8RefusesGbkNamingTheLine) {
  auto error = error_of([] { decode_to_utf8("a,b\n1,2\n\xC2\xA5\xB6\xB0\n", Encoding::Utf8); });
  EXPECT_EQ(error.status(), 400);
  EXPECT_EQ(error.field(), "file");
  EXPECT_NE(error.message().find("第 3 行"), std::string::npos) << error.message();
}

TEST(ImportsCsv, EncodingNamesAreRecognised) {
  EXPECT_EQ(parse_encoding("UTF-8"), Encoding::Utf8);
  EXPECT_EQ(parse_encoding("gbk"), Encoding::Gb18030);
  EXPECT_EQ(parse_encoding("latin1"), std::nullopt);
}

// --- Parsing ---

TEST(ImportsCsv, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks) {
  auto records = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nnext,row\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(records[1].line, 3);  // the quoted line break moved it to the file's third line
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"next", "row"}));
}

TEST(ImportsCsv, BlankLinesAreSkippedButKeepTheirLineNumbers) {
  auto records = parse_csv("h1,h2\n\n , \n,,\nx,y\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 5);
}

TEST(ImportsCsv, CarriageReturnAloneEndsALine) {
  auto records = parse_csv("a\rb\r");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 2);
}

TEST(ImportsCsv, UnclosedQuoteIsRefusedNamingItsLine) {
  auto error = error_of([] { parse_csv("a,b\n\"open,c\nd\n"); });
  EXPECT_EQ(error.field(), "file");
  EXPECT_NE(error.message().find("第 2 行"), std::string::npos) << error.message();
}

TEST(ImportsCsv, TextAfterAClosingQuoteIsRefused) {
  EXPECT_EQ(error_of([] { parse_csv("\"a\"b,c\n"); }).status(), 400);
}

TEST(ImportsCsv, WrittenLinesQuoteOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_line({"plain", "a,b", "say \"hi\"", "x\ny"}), "plain,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
}

// --- Columns and cells ---

TEST(ImportsParts, ChineseHeadersAndValuesAreRead) {
  auto file = parts_of(kPartsHeader + "1幢,6,有,1单元,301,3,商铺,88.5,实测\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors[0].message;
  ASSERT_EQ(file.rows.size(), 1u);
  const PartRow& row = file.rows[0];
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.building.name, "1幢");
  EXPECT_EQ(row.building.floors, 6);
  EXPECT_TRUE(row.building.has_elevator);
  EXPECT_EQ(row.unit, "1单元");
  EXPECT_EQ(row.part.room_number, "301");
  EXPECT_EQ(row.part.floor, 3);
  EXPECT_EQ(row.part.use, org::PartUse::Commercial);
  EXPECT_EQ(row.part.area_centi_m2, 8850);
  EXPECT_EQ(row.part.area_source, org::AreaSource::Surveyed);
}

TEST(ImportsParts, EnglishCodesAndBracketedUnitsAreAcceptedAsHeaders) {
  auto file = parts_of("building,floors,unit,room,floor,面积（平方米）,use\nA,5,1,101,1,50,parking\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors[0].message;
  EXPECT_EQ(file.rows[0].part.use, org::PartUse::Parking);
  EXPECT_EQ(file.rows[0].part.area_source, org::AreaSource::Registered);  // the default
  EXPECT_FALSE(file.rows[0].building.has_elevator);
}

TEST(ImportsParts, GbkFileReadsLikeUtf8) {
  std::string gbk =
      "\xC2\xA5\xB6\xB0,\xD7\xDC\xB2\xE3\xCA\xFD,\xB5\xA5\xD4\xAA,\xB7\xBF\xBA\xC5,\xC2\xA5\xB2\xE3,"
      "\xC3\xE6\xBB\xFD\n1\xB4\xB1,6,1\xB5\xA5\xD4\xAA,101,1,88.5\n";
  auto file = parts_of(gbk);
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].building.name, "1幢");
  EXPECT_EQ(file.rows[0].unit, "1单元");
}

TEST(ImportsParts, AreaWithThreeDecimalsTextOrMinusSignIsARowError) {
  auto file = parts_of(kPartsHeader +
                       "1幢,6,无,1单元,101,1,住宅,12.345,登记\n"
                       "1幢,6,无,1单元,102,1,住宅,abc,登记\n"
                       "1幢,6,无,1单元,103,1,住宅,-5,登记\n");
  EXPECT_TRUE(file.rows.empty());
  ASSERT_EQ(file.errors.size(), 3u);
  for (const auto& error : file.errors) EXPECT_EQ(error.field, "area_m2");
  EXPECT_EQ(file.errors[0].message, "第 2 行 面积 应为不超过两位小数的正数");
  EXPECT_EQ(file.errors[2].line, 4);
}

TEST(ImportsParts, EveryBadCellOfARowIsReported) {
  auto file = parts_of(kPartsHeader + ",六,也许,1单元,101,1,仓库,50,估计\n");
  std::vector<std::string> fields;
  for (const auto& error : file.errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"building", "floors", "has_elevator", "use", "area_source"}));
}

TEST(ImportsParts, LandTenureIsReadAndMustAgreeWithinABuilding) {
  auto file = parts_of(
      "楼栋,总层数,土地性质,单元,房号,楼层,面积\n"
      "1幢,6,集体,1单元,101,1,50\n"
      "2幢,6,,1单元,101,1,50\n"
      "1幢,6,国有,1单元,102,1,50\n"
      "3幢,6,租赁,1单元,101,1,50\n");
  ASSERT_EQ(file.rows.size(), 3u);
  EXPECT_EQ(file.rows[0].building.land, weizhi::org::LandTenure::Collective);
  EXPECT_EQ(file.rows[1].building.land, weizhi::org::LandTenure::StateOwned) << "blank means state-owned";
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].field, "land");
  EXPECT_EQ(file.errors[0].line, 5);
}

TEST(ImportsParts, FloorAboveTheBuildingIsARowError) {
  auto file = parts_of(kPartsHeader + "1幢,6,无,1单元,701,7,住宅,50,登记\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].field, "floor");
}

TEST(ImportsParts, UnknownColumnIsRefusedNamingIt) {
  auto error = error_of([] { parts_of("楼栋,总层数,单元,房号,楼层,面积,颜色\n"); });
  EXPECT_EQ(error.status(), 400);
  EXPECT_EQ(error.field(), "颜色");
}

TEST(ImportsParts, MissingRequiredColumnIsRefusedNamingIt) {
  auto error = error_of([] { parts_of("楼栋,总层数,单元,房号,楼层\n1幢,6,1单元,101,1\n"); });
  EXPECT_EQ(error.field(), "area_m2");
}

TEST(ImportsParts, HeaderWithoutRowsIsRefused) {
  EXPECT_EQ(error_of([] { parts_of(kPartsHeader); }).field(), "file");
}

TEST(ImportsParts, CellsBeyondTheHeaderAreARowError) {
  auto file = parts_of("楼栋,总层数,单元,房号,楼层,面积\n1幢,6,1单元,101,1,50,extra\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].field, "");
}

TEST(ImportsCells, AreaIsParsedWithoutFloatingPoint) {
  EXPECT_EQ(parse_area_centi_m2("87.35"), 8735);
  EXPECT_EQ(parse_area_centi_m2("0.01"), 1);
  EXPECT_EQ(parse_area_centi_m2("120"), 12000);
  EXPECT_EQ(parse_area_centi_m2("0"), std::nullopt);
  EXPECT_EQ(parse_area_centi_m2("1."), std::nullopt);
  EXPECT_EQ(parse_area_centi_m2(".5"), std::nullopt);
  EXPECT_EQ(parse_area_centi_m2("1e3"), std::nullopt);
}

TEST(ImportsCells, FlagsAcceptChineseWordsAndDigits) {
  EXPECT_EQ(parse_flag("有"), true);
  EXPECT_EQ(parse_flag("否"), false);
  EXPECT_EQ(parse_flag("1"), true);
  EXPECT_EQ(parse_flag("maybe"), std::nullopt);
}

TEST(ImportsCells, TagsSplitOnEnumerationCommaAndSemicolons) {
  EXPECT_EQ(split_tags("gold_mediator、civic_supervisor；building_leader; "),
            (std::vector<std::string>{"gold_mediator", "civic_supervisor", "building_leader"}));
}

// --- Planning parts ---

TEST(ImportsPlan, BuildingsAndUnitsAreCreatedOnceAndExistingOnesReused) {
  auto file = parts_of(kPartsHeader +
                       "1幢,6,无,1单元,102,1,住宅,50,登记\n"
                       "1幢,6,无,2单元,101,1,住宅,50,登记\n"
                       "2幢,5,无,1单元,101,1,住宅,50,登记\n"
                       "2幢,5,无,1单元,102,1,住宅,50,登记\n");
  std::vector<RowError> errors;
  PartsPlan plan = plan_parts(file.rows, compound_with_room_101(), errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(plan.new_buildings, 1);
  EXPECT_EQ(plan.new_units, 2);
  EXPECT_EQ(plan.new_parts, 4);
  ASSERT_EQ(plan.buildings.size(), 2u);
  EXPECT_EQ(plan.buildings[0].existing->id, 10);
  EXPECT_EQ(plan.buildings[0].units[0].existing->id, 20);
  EXPECT_FALSE(plan.buildings[1].existing);
  EXPECT_EQ(plan.buildings[1].units[0].parts.size(), 2u);
}

TEST(ImportsPlan, RoomTwiceInTheFileIsAnErrorOnTheSecondRow) {
  auto file = parts_of(kPartsHeader +
                       "3幢,6,无,1单元,101,1,住宅,50,登记\n"
                       "3幢,6,无,1单元,101,1,住宅,60,登记\n");
  std::vector<RowError> errors;
  PartsPlan plan = plan_parts(file.rows, {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "room");
  EXPECT_NE(errors[0].message.find("第 2 行"), std::string::npos) << errors[0].message;
  EXPECT_EQ(plan.new_parts, 1);
}

TEST(ImportsPlan, RoomAlreadyInTheRegistryIsARowError) {
  auto file = parts_of(kPartsHeader + "1幢,6,无,1单元,101,1,住宅,50,登记\n");
  std::vector<RowError> errors;
  plan_parts(file.rows, compound_with_room_101(), errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "room");
}

TEST(ImportsPlan, FloorsDisagreeingWithTheRegistryIsARowError) {
  auto file = parts_of(kPartsHeader + "1幢,7,无,1单元,201,2,住宅,50,登记\n");
  std::vector<RowError> errors;
  PartsPlan plan = plan_parts(file.rows, compound_with_room_101(), errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "floors");
  EXPECT_EQ(plan.new_parts, 0);
}

TEST(ImportsPlan, FloorsDisagreeingWithAnEarlierRowIsARowError) {
  auto file = parts_of(kPartsHeader +
                       "5幢,6,无,1单元,101,1,住宅,50,登记\n"
                       "5幢,5,无,1单元,102,1,住宅,50,登记\n");
  std::vector<RowError> errors;
  plan_parts(file.rows, {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "floors");
}

TEST(ImportsPlan, LandDisagreeingWithAnEarlierRowIsARowError) {
  auto file = parts_of(
      "楼栋,总层数,土地性质,单元,房号,楼层,面积\n"
      "5幢,6,集体,1单元,101,1,50\n"
      "5幢,6,国有,1单元,102,1,50\n");
  std::vector<RowError> errors;
  plan_parts(file.rows, {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "land");
}

// --- People ---

TEST(ImportsPeople, UnknownBuildingIsARowErrorNamingTheField) {
  auto file = people_of(kPeopleHeader + "王芳,13812345678,,1960,是,,9幢,1单元,101,业主,是\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors[0].message;
  std::vector<RowError> errors;
  plan_people(file.rows, 1, compound_with_room_101(), {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "building");
  EXPECT_NE(errors[0].message.find("9幢"), std::string::npos);
}

TEST(ImportsPeople, UnknownRoomIsARowErrorNamingTheField) {
  auto file = people_of(kPeopleHeader + "王芳,13812345678,,,,,1幢,1单元,909,业主,\n");
  std::vector<RowError> errors;
  plan_people(file.rows, 1, compound_with_room_101(), {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "room");
}

TEST(ImportsPeople, OnePhoneOnTwoPartsIsOnePerson) {
  ExistingCompound compound = compound_with_room_101();
  compound.buildings.at("1幢").units.at("1单元").part_ids_by_room.emplace("102", 31);
  auto file = people_of(kPeopleHeader +
                        "王芳,138 1234 5678,,,,,1幢,1单元,101,业主,\n"
                        "王芳,+86 13812345678,,,,,1幢,1单元,102,业主,\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors[0].message;
  std::vector<RowError> errors;
  PeoplePlan plan = plan_people(file.rows, 7, compound, {}, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(plan.people.size(), 1u);
  EXPECT_EQ(plan.people[0].input.home_node_id, 7);
  EXPECT_EQ(plan.people[0].input.phone, "13812345678");
  ASSERT_EQ(plan.links.size(), 2u);
  EXPECT_EQ(plan.links[1].part_node_id, 31);
  EXPECT_EQ(plan.links[1].person, 0u);
}

TEST(ImportsPeople, SamePhoneWithAnotherNameIsARowError) {
  auto file = people_of(kPeopleHeader +
                        "王芳,13812345678,,,,,1幢,1单元,101,业主,\n"
                        "李强,13812345678,,,,,1幢,1单元,101,租户,\n");
  std::vector<RowError> errors;
  plan_people(file.rows, 1, compound_with_room_101(), {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "name");
}

TEST(ImportsPeople, PhoneRegisteredUnderAnotherNameIsARowError) {
  auto file = people_of(kPeopleHeader + "王芳,13812345678,,,,,1幢,1单元,101,业主,\n");
  std::vector<RowError> errors;
  plan_people(file.rows, 1, compound_with_room_101(), {{"13812345678", {55, "李强"}}}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "name");
}

TEST(ImportsPeople, RegisteredPersonIsLinkedNotCreated) {
  auto file = people_of(kPeopleHeader + "王芳,13812345678,,,,,1幢,1单元,101,业主,\n");
  std::vector<RowError> errors;
  PeoplePlan plan = plan_people(file.rows, 1, compound_with_room_101(), {{"13812345678", {55, "王芳"}}}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(plan.new_people, 0);
  EXPECT_EQ(plan.people[0].existing_id, 55);
}

TEST(ImportsPeople, PersonRegisteredOutsideTheImportersScopeIsARowErrorWithoutConfirmingTheName) {
  auto file = people_of(kPeopleHeader +
                        "王芳,13812345678,,,,,1幢,1单元,101,业主,\n"
                        "李强,13812345678,,,,,1幢,1单元,101,租户,\n");
  std::vector<RowError> errors;
  PeoplePlan plan = plan_people(file.rows, 1, compound_with_room_101(), {{"13812345678", {55, "王芳", false}}}, errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "phone");
  EXPECT_EQ(errors[1].field, "phone");
  EXPECT_EQ(errors[0].message.find("王芳"), std::string::npos);
  EXPECT_TRUE(plan.links.empty());
}

TEST(ImportsPeople, BadPhoneIdNumberAndRelationAreRowErrors) {
  auto file = people_of(kPeopleHeader + "王芳,12345,110101199003071235,1800,否,,1幢,1单元,101,房东,\n");
  std::vector<std::string> fields;
  for (const auto& error : file.errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"phone", "id_number", "birth_year", "relation"}));
}

TEST(ImportsPeople, OnlyOwnersMayBeDesignatedVoters) {
  auto file = people_of(kPeopleHeader + "王芳,13812345678,,,,,1幢,1单元,101,租户,是\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].field, "designated_voter");
}

TEST(ImportsPeople, SecondDesignatedVoterOfAPartIsARowError) {
  auto file = people_of(kPeopleHeader +
                        "王芳,13812345678,,,,,1幢,1单元,101,业主,是\n"
                        "李强,13912345678,,,,,1幢,1单元,101,业主,是\n");
  std::vector<RowError> errors;
  plan_people(file.rows, 1, compound_with_room_101(), {}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "designated_voter");
}

// --- Exports ---

TEST(ImportsExport, PartsExportImportsAgainUnchanged) {
  std::vector<PlacedPart> parts{
      {"1幢", {6, true}, "1单元", 30, {"101", 1, org::PartUse::Residential, 8735, org::AreaSource::Registered}},
      {"地下, \"车库\"", {1, false}, "A区", 31, {"B-12", -1, org::PartUse::Parking, 1250, org::AreaSource::Contract}}};
  std::string csv = parts_csv(parts);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto file = parts_of(csv);
  ASSERT_TRUE(file.errors.empty()) << file.errors[0].message;
  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.rows[1].building.name, "地下, \"车库\"");
  EXPECT_EQ(file.rows[1].part.floor, -1);
  EXPECT_EQ(file.rows[1].part.use, org::PartUse::Parking);
  EXPECT_EQ(file.rows[1].part.area_centi_m2, 1250);
  EXPECT_EQ(file.rows[1].part.area_source, org::AreaSource::Contract);
  EXPECT_TRUE(file.rows[0].building.has_elevator);
}

TEST(ImportsExport, FormulaLikeCellsAreDefused) {
  EXPECT_EQ(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(spreadsheet_safe("-1"), "-1");
  EXPECT_EQ(spreadsheet_safe("-cmd"), "'-cmd");
  EXPECT_EQ(spreadsheet_safe("1幢"), "1幢");
}
