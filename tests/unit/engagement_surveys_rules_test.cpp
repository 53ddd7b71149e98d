// Unit tests of the pure rules of surveys: a survey's questions checked, branching (which questions a
// response shows), answers checked per question type, when a survey takes responses, one response per
// household, and the results' arithmetic (shares over those who answered, the scale's mean)
// (docs/rules.md#h-households).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/engagement/surveys_rules.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::engagement;
using nlohmann::json;

namespace {

TimePoint at(const char* text) { return *parse_iso(text); }

// 0: 是否有车 (single, required); 1: 停车难在哪 (multiple, only for 有车); 2: 满意度 (scale, required);
// 3: 建议 (text, optional).
std::vector<Question> parking() {
  return read_questions(json::parse(R"([
    {"text": "您家是否有车？", "type": "single", "required": true, "options": ["有", "没有"]},
    {"text": "停车难在哪些方面？", "type": "multiple", "required": true, "options": ["车位少", "乱停放", "收费高"],
     "show_if": {"question": 0, "option": 0}},
    {"text": "对小区停车管理的满意度", "type": "scale", "required": true},
    {"text": "您的建议", "type": "text"}
  ])"),
                        "questions");
}

SurveyInput survey(std::vector<Question> questions, SurveyKind kind = SurveyKind::General) {
  return SurveyInput{.node_id = 3,
                     .title = "停车管理征求意见",
                     .kind = kind,
                     .opens_at = at("2026-06-01T08:00:00+08:00"),
                     .closes_at = at("2026-06-15T20:00:00+08:00"),
                     .questions = std::move(questions)};
}

std::string answering(const char* answers) {
  return refusal_of([&] { read_answers(json::parse(answers), "answers", parking()); }, "accepted");
}

}  // namespace

TEST(SurveyRules, AWellFormedSurveyPasses) {
  EXPECT_EQ(refusal_of([] { check_survey(survey(parking())); }, "accepted"), "accepted");
}

TEST(SurveyRules, MalformedQuestionsAreRefusedNamingThem) {
  auto questions = parking();
  questions[0].options = {"有"};
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions)); }), "400 questions[0].options")
      << "a choice question has at least two options";
  questions = parking();
  questions[2].options = {"好", "坏"};
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions)); }), "400 questions[2].options");
  questions = parking();
  questions[1].show_if = ShowIf{2, 0};
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions)); }), "400 questions[1].show_if")
      << "a branch follows an earlier question";
  questions = parking();
  questions[3].show_if = ShowIf{2, 0};
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions)); }), "400 questions[3].show_if")
      << "a branch follows a choice question";
  questions = parking();
  questions[1].show_if = ShowIf{0, 5};
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions)); }), "400 questions[1].show_if");
  EXPECT_EQ(refusal_of([] { check_survey(survey({})); }), "400 questions");
  EXPECT_EQ(refusal_of([] { read_questions(json::parse(R"([{"text": "x", "type": "ranking"}])"), "questions"); }),
            "400 questions[0].type");
  auto late = survey(parking());
  late.closes_at = late.opens_at;
  EXPECT_EQ(refusal_of([&] { check_survey(late); }), "400 closes_at");
}

TEST(SurveyRules, ASatisfactionSurveyNeedsAScaleQuestion) {
  auto questions = parking();
  questions.erase(questions.begin() + 2);
  EXPECT_EQ(refusal_of([&] { check_survey(survey(questions, SurveyKind::Satisfaction)); }), "400 questions");
  EXPECT_EQ(satisfaction_question(parking()), 2u);
}

TEST(SurveyRules, QuestionsRoundTripThroughTheirJson) {
  auto questions = parking();
  auto again = read_questions(questions_json(questions), "questions");
  ASSERT_EQ(again.size(), 4u);
  EXPECT_EQ(again[1].show_if->question, 0);
  EXPECT_EQ(again[1].options.size(), 3u);
  EXPECT_TRUE(again[0].required);
  EXPECT_FALSE(again[3].required);
}

TEST(SurveyRules, ABranchIsShownOnlyForTheOptionItFollows) {
  std::vector<Answer> has_car(4), no_car(4);
  has_car[0].options = {0};
  no_car[0].options = {1};
  EXPECT_EQ(shown_questions(parking(), has_car), (std::vector<bool>{true, true, true, true}));
  EXPECT_EQ(shown_questions(parking(), no_car), (std::vector<bool>{true, false, true, true}));
  EXPECT_EQ(shown_questions(parking(), std::vector<Answer>(4)), (std::vector<bool>{true, false, true, true}));
}

TEST(SurveyRules, ABranchOfAHiddenQuestionIsHiddenToo) {
  auto questions = parking();
  questions.push_back(
      {.text = "哪一种车位？", .type = QuestionType::Single, .options = {"地面", "地下"}, .show_if = ShowIf{1, 0}});
  std::vector<Answer> answers(5);
  answers[0].options = {1};
  answers[1].options = {0};  // left over from before the first answer changed
  EXPECT_FALSE(shown_questions(questions, answers)[4]);
}

TEST(SurveyRules, AnswersMustFitTheirQuestions) {
  EXPECT_EQ(answering(R"([0, [0, 2], 4, "车位太少"])"), "accepted");
  EXPECT_EQ(answering(R"([1, null, 3])"), "accepted") << "the branch not taken, the optional text left off";
  EXPECT_EQ(answering(R"([2, [0], 4])"), "400 answers[0]") << "no such option";
  EXPECT_EQ(answering(R"(["有", [0], 4])"), "400 answers[0]");
  EXPECT_EQ(answering(R"([0, [0, 0], 4])"), "400 answers[1]") << "an option twice";
  EXPECT_EQ(answering(R"([0, [], 4])"), "400 answers[1]");
  EXPECT_EQ(answering(R"([0, 1, 4])"), "400 answers[1]") << "multiple choice takes an array";
  EXPECT_EQ(answering(R"([0, [0], 6])"), "400 answers[2]");
  EXPECT_EQ(answering(R"([0, [0], 0])"), "400 answers[2]");
  EXPECT_EQ(answering(R"([0, [0], 4.5])"), "400 answers[2]");
  EXPECT_EQ(answering(R"([0, [0], 4, 5])"), "400 answers[3]");
  EXPECT_EQ(answering(R"([0, [0], 4, null, 1])"), "400 answers") << "more answers than questions";
  EXPECT_EQ(answering(R"({"0": 1})"), "400 answers");
}

TEST(SurveyRules, RequiredAndHiddenQuestionsAreEnforced) {
  EXPECT_EQ(answering(R"([null, null, 4])"), "400 answers[0]") << "required";
  EXPECT_EQ(answering(R"([0, null, 4])"), "400 answers[1]") << "a required branch taken must be answered";
  EXPECT_EQ(answering(R"([1, [0], 4])"), "400 answers[1]") << "a hidden question takes no answer";
  EXPECT_EQ(answering(R"([1])"), "400 answers[2]");
}

TEST(SurveyRules, FreeTextIsAtMostTwoThousandCharacters) {
  std::string longest;
  for (int i = 0; i < 2000; ++i) longest += "字";
  json answers = json::array({1, nullptr, 3, longest});
  EXPECT_EQ(refusal_of([&] { read_answers(answers, "answers", parking()); }, "accepted"), "accepted");
  answers[3] = longest + "多";
  EXPECT_EQ(refusal_of([&] { read_answers(answers, "answers", parking()); }), "400 answers[3]");
  answers[3] = "   ";
  EXPECT_FALSE(read_answers(answers, "answers", parking())[3].given()) << "blank text is no answer";
}

TEST(SurveyRules, ASurveyTakesResponsesOnlyWhileOpen) {
  TimePoint opens = at("2026-06-01T08:00:00+08:00");
  TimePoint closes = at("2026-06-15T20:00:00+08:00");
  TimePoint during = at("2026-06-10T10:00:00+08:00");
  auto taking = [&](SurveyState state, TimePoint now) {
    return refusal_of([&] { check_taking_responses(state, opens, closes, now); }, "accepted");
  };
  EXPECT_EQ(taking(SurveyState::Open, during), "accepted");
  EXPECT_EQ(taking(SurveyState::Draft, during), "409 survey");
  EXPECT_EQ(taking(SurveyState::Closed, during), "409 survey");
  EXPECT_EQ(taking(SurveyState::Open, closes), "409 survey") << "closed at its closing time";
  EXPECT_EQ(taking(SurveyState::Open, at("2026-05-31T08:00:00+08:00")), "409 survey");
  EXPECT_EQ(state_at(SurveyState::Open, closes, closes), SurveyState::Closed);
  EXPECT_EQ(state_at(SurveyState::Open, closes, during), SurveyState::Open);
}

TEST(SurveyRules, ASecondResponseOfAHouseholdIsRefusedNamingTheFirst) {
  try {
    refuse_second_response({7, Channel::Paper, "2026-06-03T17:30:00Z"});
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 409);
    EXPECT_EQ(error.field(), "household_id");
    EXPECT_NE(std::string(error.what()).find("2026-06-04"), std::string::npos) << "the street's date";
    EXPECT_NE(std::string(error.what()).find("纸质问卷"), std::string::npos);
  }
  EXPECT_EQ(refusal_of([] { check_form_number("DS-0042"); }, "accepted"), "accepted");
  EXPECT_EQ(refusal_of([] { check_form_number(""); }), "400 paper_form_number");
  EXPECT_EQ(refusal_of([] { check_form_number("第42号"); }), "400 paper_form_number");
}

TEST(SurveyRules, ResultsShareOverThoseWhoAnsweredAndTheScaleHasItsMean) {
  // 10 answered question 0 (7 有, 3 没有); the 7 answered question 1 (5 车位少, 4 乱停放, 1 收费高);
  // 9 rated question 2: 2×5, 4×4, 3×3.
  auto results = tally(parking(), {{0, 10}, {1, 7}, {2, 9}},
                       {{0, 0, 7}, {0, 1, 3}, {1, 0, 5}, {1, 1, 4}, {1, 2, 1}, {2, 5, 2}, {2, 4, 4}, {2, 3, 3}});
  EXPECT_EQ(results[0].options[0].count, 7);
  EXPECT_EQ(results[0].options[0].of, 10);
  EXPECT_EQ(results[1].answered, 7);
  EXPECT_EQ(results[1].options[1].count, 4);
  EXPECT_EQ(results[1].options[1].of, 7) << "a branch's shares are of those shown it who answered";
  EXPECT_EQ(results[2].distribution, (std::vector<std::int64_t>{0, 0, 3, 4, 2}));
  EXPECT_EQ(results[2].scale_sum, 35) << "mean 35/9";
  EXPECT_EQ(results[2].answered, 9);
  EXPECT_TRUE(results[3].options.empty());
  EXPECT_EQ(results[3].answered, 0);
}

TEST(SurveyRules, NoResponsesYieldZeroCountsNotDivisions) {
  auto results = tally(parking(), {}, {});
  EXPECT_EQ(results[0].options.size(), 2u);
  EXPECT_EQ(results[0].options[0].of, 0);
  EXPECT_EQ(results[2].distribution.size(), 5u);
  EXPECT_EQ(results[2].scale_sum, 0);
}
