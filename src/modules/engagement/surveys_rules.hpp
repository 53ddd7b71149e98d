// Pure rules of surveys (docs/rules.md#h-households) and their plain types: the codes, a survey's
// questions read and checked, which questions a response shows (branching), a response's answers
// checked against them, when a survey takes responses, one response per household, and the results
// made from counts.
// No SQL, no HTTP, no clock: the time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace weizhi::engagement {

// --- Types (question and option numbers are positions in their lists, from 0; times are UTC) ---

enum class SurveyKind { General, Satisfaction };
// A draft is edited; opening freezes its questions; a closed survey takes no more responses.
enum class SurveyState { Draft, Open, Closed };
enum class QuestionType { Single, Multiple, Scale, Text };
enum class Channel { Online, Paper };

// The question is shown only when the earlier choice question `question` was answered with `option`.
struct ShowIf {
  std::int64_t question = 0;
  std::int64_t option = 0;
};

struct Question {
  std::string text;
  QuestionType type = QuestionType::Single;
  bool required = false;
  std::vector<std::string> options;  // single and multiple choice only
  std::optional<ShowIf> show_if;
};

struct SurveyInput {
  std::int64_t node_id = 0;  // street, community, compound or building: who may answer, who manages it
  std::string title;
  SurveyKind kind = SurveyKind::General;
  TimePoint opens_at{};
  TimePoint closes_at{};
  std::vector<Question> questions;
};

struct Survey {
  std::int64_t id = 0;
  SurveyInput input;
  SurveyState state = SurveyState::Draft;
  std::string node_name;
  std::string node_path;
  std::string created_at;
  std::optional<std::string> opened_at;
  std::optional<std::string> closed_at;
};

// One question's answer: nothing (not answered), the options chosen (one for single choice), the scale
// value 1–5, or the text.
struct Answer {
  std::vector<std::int64_t> options;
  std::optional<std::int64_t> scale;
  std::optional<std::string> text;
  bool given() const { return !options.empty() || scale || text; }
};

// The response a household already gave: how and when, for the 409 of a second one.
struct FirstResponse {
  std::int64_t id = 0;
  Channel channel = Channel::Online;
  std::string created_at;
};

// One count of the stored answers: of question `question`, the option chosen or the scale value
// (`value`), by `count` responses.
struct AnswerCount {
  std::int64_t question = 0;
  std::int64_t value = 0;
  std::int64_t count = 0;
};

// How many responses answered each question at all.
struct AnsweredCount {
  std::int64_t question = 0;
  std::int64_t count = 0;
};

// The results of one question, made from the counts.
struct OptionResult {
  std::int64_t count = 0;
  std::int64_t of = 0;  // the responses that answered the question: the share's denominator
};
struct QuestionResult {
  std::int64_t answered = 0;
  std::vector<OptionResult> options;       // choice questions: per option
  std::vector<std::int64_t> distribution;  // scale: responses per value 1–5
  std::int64_t scale_sum = 0;              // scale: the sum of the values, the mean's numerator
};

// --- Rules ---

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<SurveyKind> kSurveyKinds = {{SurveyKind::General, "general"},
                                                {SurveyKind::Satisfaction, "satisfaction"}};
constexpr CodeTable<SurveyState> kSurveyStates = {
    {SurveyState::Draft, "draft"}, {SurveyState::Open, "open"}, {SurveyState::Closed, "closed"}};
constexpr CodeTable<QuestionType> kQuestionTypes = {{QuestionType::Single, "single"},
                                                    {QuestionType::Multiple, "multiple"},
                                                    {QuestionType::Scale, "scale"},
                                                    {QuestionType::Text, "text"}};
constexpr CodeTable<Channel> kChannels = {{Channel::Online, "online"}, {Channel::Paper, "paper"}};
// The channels' Chinese names, as messages name them.
constexpr CodeTable<Channel> kChannelNames = {{Channel::Online, "线上"}, {Channel::Paper, "纸质问卷"}};

inline constexpr std::size_t kMaxQuestions = 100;
inline constexpr std::size_t kMaxOptions = 20;
inline constexpr std::size_t kMaxAnswerText = 2000;  // characters of a free-text answer
inline constexpr std::int64_t kScaleLow = 1;
inline constexpr std::int64_t kScaleHigh = 5;

// The questions of the body's array `field` (400 naming `questions[i].…` for a malformed one):
// {text, type: single|multiple|scale|text, required?, options? (choice questions), show_if? {question, option}}.
std::vector<Question> read_questions(const Json& list, const std::string& field);
// Questions as stored and answered: the same shape read_questions takes.
Json questions_json(const std::vector<Question>& questions);

// 400 naming the field: title 1–100 characters, closes_at after opens_at, 1–kMaxQuestions questions of
// 1–500 characters, 2–kMaxOptions options of 1–100 characters for a choice question and none for the
// others, show_if naming an earlier choice question and one of its options; a satisfaction survey has a
// scale question.
void check_survey(const SurveyInput& input);
// The index of the satisfaction survey's scale question: its first.
std::optional<std::size_t> satisfaction_question(const std::vector<Question>& questions);

// Which questions a response shows: a question without show_if always; one with show_if when the
// question it names is shown and was answered with that option.
std::vector<bool> shown_questions(const std::vector<Question>& questions, const std::vector<Answer>& answers);
// The answers of the body's array `field`, one entry per question (null or left off: not answered):
// an option number for single choice, an array of distinct option numbers for multiple choice, an
// integer 1–5 for a scale, a text of 1–kMaxAnswerText characters. 400 naming `answers[i]` for an
// answer that does not fit its question, answers a hidden question, or leaves a shown required one
// unanswered, and naming `answers` when it is no array or longer than the questions.
std::vector<Answer> read_answers(const Json& list, const std::string& field, const std::vector<Question>& questions);

// The state as callers see it: an open survey whose closing time has passed is closed.
SurveyState state_at(SurveyState stored, TimePoint closes_at, TimePoint now);
// 409 naming `survey` unless it takes responses now: open, and now within [opens_at, closes_at).
void check_taking_responses(SurveyState stored, TimePoint opens_at, TimePoint closes_at, TimePoint now);
// 409 naming household_id: the household answered already, the message naming how and when (the
// street's date) — one voice per household, whichever the channel.
[[noreturn]] void refuse_second_response(const FirstResponse& first);
// Paper form numbers: 1–30 characters of letters, digits and '-'.
void check_form_number(const std::string& number);

// The results of each question from the stored counts: how many answered it, each option's count of
// those (its share's denominator), the scale's distribution and sum (the mean is sum / answered).
std::vector<QuestionResult> tally(const std::vector<Question>& questions, const std::vector<AnsweredCount>& answered,
                                  const std::vector<AnswerCount>& counts);

}  // namespace weizhi::engagement
