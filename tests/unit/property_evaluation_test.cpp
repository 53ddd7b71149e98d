// The monthly three-in-one evaluation of docs/rules.md#g-evaluation: every rule at its bounds (floor, full, a
// hundredth, half a fen), missing sheets, vetoes, each refused input by its field, the export read back as written,
// and `weizhi evaluate` over a file.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/property/cli.hpp"
#include "modules/property/evaluation.hpp"

using namespace weizhi;
using namespace weizhi::property;

namespace {

constexpr std::int64_t kBase = 3'000'000;
constexpr std::int64_t kPool = 1'000'000;

// A sheet of one item out of 100 points: its score is `points` (in hundredths) as it stands.
Sheet scored(Evaluator party, std::int64_t points) { return {party, {{"overall", 10'000, points}}}; }

EvaluationInput month_of(std::vector<Sheet> sheets, std::vector<Veto> vetoes = {}) {
  EvaluationInput input;
  input.month = "2026-11";
  input.contract = 12;
  input.base_fen = kBase;
  input.pool_fen = kPool;
  input.sheets = std::move(sheets);
  input.vetoes = std::move(vetoes);
  return input;
}

// Every party's sheet scoring `points` hundredths, so that the month scores the same.
EvaluationResult month_scoring(std::int64_t points, std::int64_t pool = kPool) {
  auto input = month_of(
      {scored(Evaluator::Street, points), scored(Evaluator::Community, points), scored(Evaluator::Committee, points)});
  input.pool_fen = pool;
  return evaluate(input);
}

// An export with all three sheets, items in hundredths of every kind, and no veto.
constexpr const char* kExport = R"({"month": "2026-11", "contract": 12, "base_fen": 3000000, "pool_fen": 1000000,
  "policy": {"weights": {"street": 40, "community": 30, "committee": 30}, "floor": 60, "full": 95},
  "sheets": [{"party": "street", "items": [{"code": "cleaning", "max": "20", "points": "18.5"},
                                           {"code": "security", "max": "30", "points": "27"}]},
             {"party": "community", "items": [{"code": "cleaning", "max": "50", "points": "40.25"}]},
             {"party": "committee", "items": [{"code": "service", "max": "100", "points": "90"}]}],
  "vetoes": []})";

// The status and field of the refusal of kExport changed by `change`, and whether its message names the field:
// "400 policy.weights", or "accepted".
std::string refusal(const std::function<void(Json&)>& change) {
  Json document = parse_json(kExport);
  change(document);
  try {
    read_evaluation_json(document.dump());
  } catch (const ApiError& error) {
    bool named = error.message().find(error.field()) != std::string::npos;
    return std::to_string(error.status()) + " " + error.field() + (named ? "" : " (message does not name it)");
  }
  return "accepted";
}

std::string outcome(const EvaluationResult& result) { return code_of(kEvaluationOutcomes, result.outcome); }

}  // namespace

TEST(PropertyEvaluation, ASheetScoresOneHundredTimesItsPointsOverItsMaxima) {
  auto result = evaluate(month_of({{Evaluator::Street, {{"cleaning", 2000, 1850}, {"security", 3000, 2525}}}}));
  ASSERT_EQ(result.sheets.size(), 1u);
  EXPECT_EQ(result.sheets[0].score, (Rational{175, 2}));  // 100 × 43.75 / 50
}

TEST(PropertyEvaluation, HundredthsOfAPointAreCountedExactly) {
  auto result = evaluate(month_of({{Evaluator::Street, {{"cleaning", 300, 1}}}}));
  EXPECT_EQ(result.sheets[0].score, (Rational{1, 3}));  // 100 × 0.01 / 3
  EXPECT_EQ(result.score, (Rational{1, 3}));
}

TEST(PropertyEvaluation, TheMonthIsTheMeanOfTheSheetsByTheirWeights) {
  auto result = evaluate(month_of(
      {scored(Evaluator::Committee, 7000), scored(Evaluator::Street, 8000), scored(Evaluator::Community, 9050)}));
  EXPECT_EQ(result.score, (Rational{1603, 20}));  // (40 × 80 + 30 × 90.5 + 30 × 70) / 100 = 80.15
  EXPECT_FALSE(result.incomplete);
  EXPECT_TRUE(result.missing.empty());
  // Listed street, community, committee whatever order they came in.
  ASSERT_EQ(result.sheets.size(), 3u);
  EXPECT_EQ(result.sheets[0].party, Evaluator::Street);
  EXPECT_EQ(result.sheets[1].party, Evaluator::Community);
  EXPECT_EQ(result.sheets[2].party, Evaluator::Committee);
  EXPECT_EQ(result.sheets[1].score, (Rational{181, 2}));
}

TEST(PropertyEvaluation, AScoreExactlyAtTheFloorEarnsNothingOfThePool) {
  auto result = month_scoring(6000);
  EXPECT_EQ(result.score, (Rational{60, 1}));
  EXPECT_EQ(result.share, (Rational{0, 1}));
  EXPECT_EQ(result.performance_fen, 0);
  EXPECT_EQ(result.total_fen, kBase);
  EXPECT_EQ(outcome(result), "none");
}

TEST(PropertyEvaluation, AScoreAHundredthBelowTheFloorEarnsNothingAndAHundredthAboveEarnsItsShare) {
  auto below = month_scoring(5999);
  EXPECT_EQ(below.score, (Rational{5999, 100}));
  EXPECT_EQ(below.share, (Rational{0, 1}));
  EXPECT_EQ(outcome(below), "none");
  auto above = month_scoring(6001);
  EXPECT_EQ(above.share, (Rational{1, 3500}));  // 0.01 / 35
  EXPECT_EQ(above.performance_fen, 286);        // 285.71… fen
  EXPECT_EQ(above.total_fen, kBase + 286);
  EXPECT_EQ(outcome(above), "partial");
}

TEST(PropertyEvaluation, AScoreExactlyAtFullEarnsTheWholePoolAndAHundredthBelowDoesNot) {
  auto full = month_scoring(9500);
  EXPECT_EQ(full.share, (Rational{1, 1}));
  EXPECT_EQ(full.performance_fen, kPool);
  EXPECT_EQ(full.total_fen, kBase + kPool);
  EXPECT_EQ(outcome(full), "full");
  EXPECT_EQ(outcome(month_scoring(10000)), "full");
  auto below = month_scoring(9499);
  EXPECT_EQ(below.share, (Rational{3499, 3500}));
  EXPECT_EQ(below.performance_fen, 999'714);  // 999,714.28… fen
  EXPECT_EQ(outcome(below), "partial");
}

TEST(PropertyEvaluation, BetweenFloorAndFullTheShareGrowsInProportion) {
  auto result = month_scoring(8000);
  EXPECT_EQ(result.share, (Rational{4, 7}));   // (80 − 60) / (95 − 60)
  EXPECT_EQ(result.performance_fen, 571'429);  // 571,428.57… fen
}

TEST(PropertyEvaluation, HalfAFenRoundsUpAndLessThanHalfRoundsDown) {
  // Floor 60 and full 95: a score of 77.5 is half of the pool.
  EXPECT_EQ(month_scoring(7750, 1).share, (Rational{1, 2}));
  EXPECT_EQ(month_scoring(7750, 1).performance_fen, 1);  // 0.5 fen
  EXPECT_EQ(month_scoring(7750, 3).performance_fen, 2);  // 1.5 fen
  EXPECT_EQ(month_scoring(7750, 4).performance_fen, 2);  // exactly 2 fen
  EXPECT_EQ(month_scoring(7749, 1).performance_fen, 0);  // 0.4997… fen
  EXPECT_EQ(month_scoring(7749, 3).performance_fen, 1);  // 1.4991… fen
}

TEST(PropertyEvaluation, AMissingSheetIsNotAZeroTheMonthIsReweightedAndNamesIt) {
  auto result = evaluate(month_of({scored(Evaluator::Street, 8000), scored(Evaluator::Community, 9000)}));
  EXPECT_EQ(result.score, (Rational{590, 7}));  // (40 × 80 + 30 × 90) / 70
  EXPECT_TRUE(result.incomplete);
  EXPECT_EQ(result.missing, std::vector<Evaluator>{Evaluator::Committee});
  EXPECT_EQ(outcome(result), "partial");
}

TEST(PropertyEvaluation, WithNoSheetTheMonthIsNotEvaluatedAndThePayWithheld) {
  auto result = evaluate(month_of({}));
  EXPECT_FALSE(result.score);
  EXPECT_EQ(result.share, (Rational{0, 1}));
  EXPECT_EQ(result.performance_fen, 0);
  EXPECT_EQ(result.total_fen, kBase);
  EXPECT_EQ(outcome(result), "not_evaluated");
  EXPECT_TRUE(result.incomplete);
  EXPECT_EQ(result.missing, (std::vector<Evaluator>{Evaluator::Street, Evaluator::Community, Evaluator::Committee}));
}

TEST(PropertyEvaluation, APartyOfWeightZeroNeedsNoSheetAndItsSheetDoesNotCount) {
  auto input = month_of({scored(Evaluator::Street, 8000), scored(Evaluator::Community, 9000)});
  input.policy.weights = {50, 50, 0};
  auto without = evaluate(input);
  EXPECT_EQ(without.score, (Rational{85, 1}));
  EXPECT_FALSE(without.incomplete);
  EXPECT_TRUE(without.missing.empty());
  input.sheets.push_back(scored(Evaluator::Committee, 1000));
  auto with = evaluate(input);
  EXPECT_EQ(with.score, (Rational{85, 1}));
  ASSERT_EQ(with.sheets.size(), 3u);  // shown, not counted
  EXPECT_EQ(with.sheets[2].score, (Rational{10, 1}));
  // Only a sheet of weight zero: nothing counts.
  input.sheets = {scored(Evaluator::Committee, 9000)};
  EXPECT_EQ(outcome(evaluate(input)), "not_evaluated");
}

TEST(PropertyEvaluation, AVetoTakesTheWholeShareButTheScoreIsStillShown) {
  auto input = month_of(
      {scored(Evaluator::Street, 9800), scored(Evaluator::Community, 9800), scored(Evaluator::Committee, 9800)},
      {{"safety_incident", "3 号楼电梯困人事故"}});
  auto result = evaluate(input);
  EXPECT_EQ(result.score, (Rational{98, 1}));
  EXPECT_EQ(result.share, (Rational{0, 1}));
  EXPECT_EQ(result.performance_fen, 0);
  EXPECT_EQ(result.total_fen, kBase);
  EXPECT_EQ(outcome(result), "vetoed");
  input.sheets.clear();
  EXPECT_EQ(outcome(evaluate(input)), "vetoed");  // forfeited, not merely withheld
}

TEST(PropertyEvaluation, PoliciesOtherThanTheDefaultMoveTheBounds) {
  auto input = month_of({scored(Evaluator::Street, 7000)});
  input.policy = {{100, 0, 0}, 0, 100};
  auto result = evaluate(input);
  EXPECT_EQ(result.share, (Rational{7, 10}));
  EXPECT_EQ(result.performance_fen, 700'000);
  input.policy.floor = 70;
  EXPECT_EQ(outcome(evaluate(input)), "none");
}

TEST(PropertyEvaluation, TheLargestInputsStayExactWithoutOverflow) {
  // Pairwise coprime totals at the bound, and the largest pool: every ratio comes out reduced and true.
  auto input = month_of({{Evaluator::Street, {{"a", 25'000, 24'999}, {"b", 24'999, 24'998}}},
                         {Evaluator::Community, {{"a", 49'998, 49'997}}},
                         {Evaluator::Committee, {{"a", 49'997, 49'996}}}});
  input.pool_fen = kMaxEvaluationFen;
  input.base_fen = kMaxEvaluationFen;
  input.policy = {{33, 33, 34}, 1, 100};
  auto result = evaluate(input);
  ASSERT_TRUE(result.score);
  using Wide = __int128;
  // 100 × S = Σ wₚ · scoreₚ, cross-multiplied.
  Wide sum_num = 0, sum_den = 1;
  for (const auto& sheet : result.sheets) {
    Wide weight = input.policy.weight_of(sheet.party);
    sum_num = sum_num * sheet.score.den + weight * sheet.score.num * sum_den;
    sum_den *= sheet.score.den;
  }
  EXPECT_TRUE(Wide{100} * result.score->num * sum_den == sum_num * result.score->den);
  EXPECT_EQ(std::gcd(result.score->num, result.score->den), 1);
  EXPECT_EQ(std::gcd(result.share.num, result.share.den), 1);
  // Within half a fen of pool × share.
  Wide error = Wide{result.performance_fen} * result.share.den - Wide{input.pool_fen} * result.share.num;
  EXPECT_TRUE(2 * (error < 0 ? -error : error) <= result.share.den);
  EXPECT_EQ(result.total_fen, kMaxEvaluationFen + result.performance_fen);
}

TEST(PropertyEvaluation, TheResultJsonHasTheDocumentedKeysInOrder) {
  auto input = month_of({scored(Evaluator::Street, 8000)});
  std::string text = evaluation_result_json(evaluate(input));
  const char* keys[] = {"\"month\"",     "\"sheets\"",  "\"score\"",      "\"share\"",   "\"performance_fen\"",
                        "\"total_fen\"", "\"outcome\"", "\"incomplete\"", "\"missing\"", "\"policy\""};
  for (std::size_t i = 1; i < std::size(keys); ++i) EXPECT_LT(text.find(keys[i - 1]), text.find(keys[i])) << keys[i];
  auto json = parse_json(text);
  EXPECT_EQ(json["month"], "2026-11");
  EXPECT_EQ(json["sheets"][0]["party"], "street");
  EXPECT_EQ(json["sheets"][0]["score"], (Json{{"num", 80}, {"den", 1}}));
  EXPECT_EQ(json["score"], (Json{{"num", 80}, {"den", 1}}));
  EXPECT_EQ(json["share"], (Json{{"num", 4}, {"den", 7}}));
  EXPECT_EQ(json["performance_fen"], 571'429);
  EXPECT_EQ(json["total_fen"], kBase + 571'429);
  EXPECT_EQ(json["outcome"], "partial");
  EXPECT_EQ(json["incomplete"], true);
  EXPECT_EQ(json["missing"], (Json{"community", "committee"}));
  EXPECT_EQ(json["policy"],
            parse_json(R"({"weights": {"street": 40, "community": 30, "committee": 30}, "floor": 60, "full": 95})"));
  EXPECT_TRUE(parse_json(evaluation_result_json(evaluate(month_of({}))))["score"].is_null());
}

TEST(PropertyEvaluation, TheExportIsReadAsWritten) {
  auto input = read_evaluation_json(kExport);
  EXPECT_EQ(input.month, "2026-11");
  EXPECT_EQ(input.contract, 12);
  EXPECT_EQ(input.base_fen, kBase);
  EXPECT_EQ(input.pool_fen, kPool);
  ASSERT_EQ(input.sheets.size(), 3u);
  EXPECT_EQ(input.sheets[0].items[0].max, 2000);
  EXPECT_EQ(input.sheets[0].items[0].points, 1850);
  EXPECT_EQ(input.sheets[1].party, Evaluator::Community);
  EXPECT_EQ(input.sheets[1].items[0].points, 4025);
  EXPECT_EQ(evaluate(input).score, (Rational{1751, 20}));  // (40 × 91 + 30 × 80.5 + 30 × 90) / 100 = 87.55
}

TEST(PropertyEvaluation, WritingTheExportAndReadingItBackGivesTheSameMonth) {
  auto input = month_of({{Evaluator::Committee, {{"service", 10'000, 9050}, {"repairs", 1, 0}}},
                         {Evaluator::Street, {{"cleaning", 2000, 1825}}}},
                        {{"fee_fraud", "虚报保洁人数，见 2026-11-03 核查记录"}});
  input.policy = {{20, 0, 80}, 55, 90};
  std::string text = evaluation_json(input);
  EXPECT_NE(text.find(R"("points": "90.5")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("points": "18.25")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("max": "0.01")"), std::string::npos) << text;
  auto read = read_evaluation_json(text);
  EXPECT_EQ(evaluation_json(read), text);
  EXPECT_EQ(read.policy.weights, input.policy.weights);
  EXPECT_EQ(read.policy.floor, 55);
  ASSERT_EQ(read.sheets.size(), 2u);
  EXPECT_EQ(read.sheets[0].party, Evaluator::Committee);
  EXPECT_EQ(read.sheets[0].items[1].code, "repairs");
  EXPECT_EQ(read.sheets[0].items[1].max, 1);
  EXPECT_EQ(read.vetoes[0].note, input.vetoes[0].note);
  EXPECT_EQ(evaluation_result_json(evaluate(read)), evaluation_result_json(evaluate(input)));
  std::string written = evaluation_json(read_evaluation_json(kExport));
  EXPECT_EQ(evaluation_json(read_evaluation_json(written)), written);
}

TEST(PropertyEvaluation, DecimalsHaveAtMostTwoPlaces) {
  EXPECT_EQ(parse_hundredths("18"), 1800);
  EXPECT_EQ(parse_hundredths("18.5"), 1850);
  EXPECT_EQ(parse_hundredths("0.05"), 5);
  EXPECT_EQ(parse_hundredths("-1.5"), -150);
  for (const char* bad : {"18.505", "18.", ".5", "", "-", "1e2", "18,5", " 18", "+18", "1234567890"}) {
    EXPECT_FALSE(parse_hundredths(bad)) << bad;
  }
  EXPECT_EQ(hundredths_text(1850), "18.5");
  EXPECT_EQ(hundredths_text(2000), "20");
  EXPECT_EQ(hundredths_text(1805), "18.05");
  EXPECT_EQ(hundredths_text(1), "0.01");
  EXPECT_EQ(hundredths_text(-150), "-1.5");
}

TEST(PropertyEvaluation, EachBadInputIsRefusedNamingItsField) {
  EXPECT_EQ(refusal([](Json&) {}), "accepted");
  auto item = [](Json& document, int sheet, int index) -> Json& { return document["sheets"][sheet]["items"][index]; };
  EXPECT_EQ(refusal([&](Json& d) { item(d, 1, 0)["points"] = "50.01"; }), "400 sheets[1].items[0].points");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 1, 0)["points"] = "50"; }), "accepted");  // exactly the maximum
  EXPECT_EQ(refusal([&](Json& d) { item(d, 1, 0)["points"] = "0"; }), "accepted");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 1, 0)["points"] = "-0.01"; }), "400 sheets[1].items[0].points");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 1)["max"] = "0"; }), "400 sheets[0].items[1].max");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 1)["max"] = "-30"; }), "400 sheets[0].items[1].max");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 0)["points"] = "18.505"; }), "400 sheets[0].items[0].points");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 0)["points"] = 18.5; }), "400 sheets[0].items[0].points");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 0)["max"] = 20; }), "400 sheets[0].items[0].max");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 1)["code"] = "cleaning"; }), "400 sheets[0].items[1].code");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 0, 1)["code"] = " "; }), "400 sheets[0].items[1].code");
  EXPECT_EQ(refusal([&](Json& d) { d["sheets"][2]["items"] = Json::array(); }), "400 sheets[2].items");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 2, 0)["max"] = "500.01"; }), "400 sheets[2].items");
  EXPECT_EQ(refusal([&](Json& d) { item(d, 2, 0)["max"] = "500"; }), "accepted");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["weights"]["street"] = 39; }), "400 policy.weights");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["weights"]["street"] = -40; }), "400 policy.weights.street");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["weights"]["street"] = 40.5; }), "400 policy.weights.street");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["weights"].erase("committee"); }), "400 policy.weights.committee");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["weights"]["owners"] = 0; }), "400 policy.weights.owners");
  EXPECT_EQ(refusal([](Json& d) { d["sheets"][2]["party"] = "owners"; }), "400 sheets[2].party");
  EXPECT_EQ(refusal([](Json& d) { d["sheets"][2]["party"] = "street"; }), "400 sheets[2].party");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["floor"] = 95; }), "400 policy.floor");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["floor"] = 94; }), "accepted");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["floor"] = -1; }), "400 policy.floor");
  EXPECT_EQ(refusal([](Json& d) { d["policy"]["full"] = 101; }), "400 policy.full");
  EXPECT_EQ(refusal([](Json& d) { d["base_fen"] = -1; }), "400 base_fen");
  EXPECT_EQ(refusal([](Json& d) { d["pool_fen"] = -1; }), "400 pool_fen");
  EXPECT_EQ(refusal([](Json& d) { d["pool_fen"] = kMaxEvaluationFen + 1; }), "400 pool_fen");
  EXPECT_EQ(refusal([](Json& d) { d["pool_fen"] = "1000000"; }), "400 pool_fen");
  EXPECT_EQ(refusal([](Json& d) { d["month"] = "2026-13"; }), "400 month");
  EXPECT_EQ(refusal([](Json& d) { d["contract"] = 0; }), "400 contract");
  EXPECT_EQ(refusal([](Json& d) {
              d["vetoes"] = Json::array({Json{{"code", ""}, {"note", "x"}}});
            }),
            "400 vetoes[0].code");
  EXPECT_EQ(refusal([](Json& d) { d.erase("vetoes"); }), "400 vetoes");
  EXPECT_EQ(refusal([](Json& d) { d["extra"] = 1; }), "400 extra");
}

TEST(PropertyEvaluation, TheChecksGuardEvaluateItselfNotOnlyTheReader) {
  auto input = month_of({{Evaluator::Street, {{"cleaning", 2000, 2001}}}});
  EXPECT_THROW(evaluate(input), ApiError);
  input = month_of({scored(Evaluator::Street, 8000), scored(Evaluator::Street, 9000)});
  try {
    evaluate(input);
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.field(), "sheets[1].party");
  }
}

TEST(EvaluateCommand, RecomputesAnExportFileAndNamesTheBadField) {
  char pattern[] = "/tmp/weizhi-evaluate-XXXXXX";
  std::string folder = mkdtemp(pattern);
  std::string path = folder + "/evaluation.json";
  auto write = [&](const std::string& text) { std::ofstream(path, std::ios::binary) << text; };
  write(kExport);
  std::string output = evaluate_file(path);
  EXPECT_EQ(output, evaluation_result_json(evaluate(read_evaluation_json(kExport))));
  EXPECT_EQ(parse_json(output)["outcome"], "partial");

  Json bad = parse_json(kExport);
  bad["sheets"][1]["items"][0]["points"] = "60";
  write(bad.dump());
  try {
    evaluate_file(path);
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.field(), "sheets[1].items[0].points");
    EXPECT_EQ(error.message().rfind(path + ": sheets[1].items[0].points ", 0), 0u) << error.message();
  }
  write("{\"month\": ");
  try {
    evaluate_file(path);
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.message(), path + ": 不是有效的 JSON 对象（须为 UTF-8 编码）");
  }
  EXPECT_THROW(evaluate_file(folder + "/missing.json"), std::runtime_error);
  std::filesystem::remove_all(folder);
}
