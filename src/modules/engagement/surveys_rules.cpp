// Pure rules of surveys (see surveys_rules.hpp; docs/rules.md#h-households).
#include "modules/engagement/surveys_rules.hpp"

#include <algorithm>
#include <set>

#include "core/code_table.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace weizhi::engagement {

namespace {

bool is_choice(QuestionType type) { return type == QuestionType::Single || type == QuestionType::Multiple; }

std::string question_field(std::size_t index, const std::string& key) {
  return element_field("questions", index) + "." + key;
}

ShowIf read_show_if(const Json& value, const std::string& field) {
  JsonObject body(value, field);
  ShowIf show_if{body.integer("question"), body.integer("option")};
  body.finish();
  return show_if;
}

// One answer read against its question; 400 naming `field` when it does not fit.
Answer read_answer(const Json& value, const std::string& field, const Question& question) {
  Answer answer;
  if (value.is_null()) return answer;
  auto option_of = [&](const Json& element) {
    if (!element.is_number_integer()) return std::int64_t{-1};
    std::int64_t option = element.get<std::int64_t>();
    return option >= 0 && option < static_cast<std::int64_t>(question.options.size()) ? option : -1;
  };
  switch (question.type) {
    case QuestionType::Single: {
      std::int64_t option = option_of(value);
      if (option < 0) fail_invalid(field, "第 " + field + " 题应为所列选项之一的序号");
      answer.options.push_back(option);
      break;
    }
    case QuestionType::Multiple: {
      if (!value.is_array() || value.empty()) fail_invalid(field, field + " 应为所选选项序号的数组（至少一项）");
      std::set<std::int64_t> chosen;
      for (const auto& element : value) {
        std::int64_t option = option_of(element);
        if (option < 0 || !chosen.insert(option).second) fail_invalid(field, field + " 中的选项序号无效或重复");
      }
      answer.options.assign(chosen.begin(), chosen.end());
      break;
    }
    case QuestionType::Scale: {
      if (!value.is_number_integer() || value.get<std::int64_t>() < kScaleLow || value.get<std::int64_t>() > kScaleHigh)
        fail_invalid(field, field + " 应为 1 至 5 的整数评分");
      answer.scale = value.get<std::int64_t>();
      break;
    }
    case QuestionType::Text: {
      if (!value.is_string()) fail_invalid(field, field + " 应为文字");
      std::string text = value.get<std::string>();
      if (blank(text)) return answer;
      if (characters(text) > kMaxAnswerText) fail_invalid(field, field + " 的文字不能超过 2000 字");
      answer.text = text;
      break;
    }
  }
  return answer;
}

}  // namespace

std::vector<Question> read_questions(const Json& list, const std::string& field) {
  if (!list.is_array()) fail_invalid(field, "问题列表 " + field + " 应为数组");
  std::vector<Question> questions;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonObject body(list[i], element_field(field, i));
    Question question;
    question.text = body.text("text");
    auto type = parse_code(kQuestionTypes, body.text("type"));
    if (!type) fail_invalid(body.field_name("type"), "题型应为 single、multiple、scale 或 text");
    question.type = *type;
    question.required = body.optional_boolean("required").value_or(false);
    if (const Json* options = body.optional_any("options")) {
      if (!options->is_array()) fail_invalid(body.field_name("options"), "选项应为文字的数组");
      for (const auto& option : *options) {
        if (!option.is_string()) fail_invalid(body.field_name("options"), "选项应为文字的数组");
        question.options.push_back(option.get<std::string>());
      }
    }
    if (const Json* show_if = body.optional_any("show_if"))
      question.show_if = read_show_if(*show_if, body.field_name("show_if"));
    body.finish();
    questions.push_back(std::move(question));
  }
  return questions;
}

Json questions_json(const std::vector<Question>& questions) {
  Json list = Json::array();
  for (const auto& question : questions) {
    Json json = {{"text", question.text},
                 {"type", code_of(kQuestionTypes, question.type)},
                 {"required", question.required},
                 {"options", question.options},
                 {"show_if", nullptr}};
    if (question.show_if)
      json["show_if"] = {{"question", question.show_if->question}, {"option", question.show_if->option}};
    list.push_back(std::move(json));
  }
  return list;
}

void check_survey(const SurveyInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "调查标题应为 1 至 100 个字");
  if (input.closes_at <= input.opens_at) fail_invalid("closes_at", "截止时间应晚于开始时间");
  if (input.questions.empty() || input.questions.size() > kMaxQuestions)
    fail_invalid("questions", "调查应有 1 至 100 道题");
  for (std::size_t i = 0; i < input.questions.size(); ++i) {
    const Question& question = input.questions[i];
    if (blank(question.text) || characters(question.text) > 500)
      fail_invalid(question_field(i, "text"), "第 " + std::to_string(i + 1) + " 题的题目应为 1 至 500 个字");
    if (is_choice(question.type)) {
      if (question.options.size() < 2 || question.options.size() > kMaxOptions)
        fail_invalid(question_field(i, "options"), "选择题应有 2 至 20 个选项");
      for (const auto& option : question.options) {
        if (blank(option) || characters(option) > 100)
          fail_invalid(question_field(i, "options"), "每个选项应为 1 至 100 个字");
      }
    } else if (!question.options.empty()) {
      fail_invalid(question_field(i, "options"), "只有选择题有选项");
    }
    if (question.show_if) {
      const ShowIf& show_if = *question.show_if;
      if (show_if.question < 0 || show_if.question >= static_cast<std::int64_t>(i) ||
          !is_choice(input.questions[show_if.question].type))
        fail_invalid(question_field(i, "show_if"), "显示条件应指向前面的一道选择题");
      if (show_if.option < 0 ||
          show_if.option >= static_cast<std::int64_t>(input.questions[show_if.question].options.size()))
        fail_invalid(question_field(i, "show_if"), "显示条件中的选项不存在");
    }
  }
  if (input.kind == SurveyKind::Satisfaction && !satisfaction_question(input.questions))
    fail_invalid("questions", "满意度调查应有一道 1 至 5 分的评分题");
}

std::optional<std::size_t> satisfaction_question(const std::vector<Question>& questions) {
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].type == QuestionType::Scale) return i;
  }
  return std::nullopt;
}

std::vector<bool> shown_questions(const std::vector<Question>& questions, const std::vector<Answer>& answers) {
  std::vector<bool> shown(questions.size(), true);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& show_if = questions[i].show_if;
    if (!show_if) continue;
    auto asked = static_cast<std::size_t>(show_if->question);
    const auto& chosen = asked < answers.size() ? answers[asked].options : std::vector<std::int64_t>{};
    shown[i] = asked < i && shown[asked] && std::find(chosen.begin(), chosen.end(), show_if->option) != chosen.end();
  }
  return shown;
}

std::vector<Answer> read_answers(const Json& list, const std::string& field, const std::vector<Question>& questions) {
  if (!list.is_array()) fail_invalid(field, "答卷 " + field + " 应为数组，每题一项");
  if (list.size() > questions.size()) fail_invalid(field, "答案比题目多");
  std::vector<Answer> answers(questions.size());
  for (std::size_t i = 0; i < list.size(); ++i)
    answers[i] = read_answer(list[i], element_field(field, i), questions[i]);
  auto shown = shown_questions(questions, answers);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    std::string name = element_field(field, i);
    std::string which = "第 " + std::to_string(i + 1) + " 题（" + name + "）";
    if (!shown[i] && answers[i].given()) fail_invalid(name, which + "按前面的回答不应作答");
    if (shown[i] && questions[i].required && !answers[i].given()) fail_invalid(name, which + "为必答题");
  }
  return answers;
}

SurveyState state_at(SurveyState stored, TimePoint closes_at, TimePoint now) {
  return stored == SurveyState::Open && now >= closes_at ? SurveyState::Closed : stored;
}

void check_taking_responses(SurveyState stored, TimePoint opens_at, TimePoint closes_at, TimePoint now) {
  if (stored == SurveyState::Draft) fail_conflict("调查尚未发布，不能作答", "survey");
  if (state_at(stored, closes_at, now) == SurveyState::Closed) fail_conflict("调查已结束，不再接受作答", "survey");
  if (now < opens_at) fail_conflict("调查尚未开始，请在开始时间后作答", "survey");
}

void refuse_second_response(const FirstResponse& first) {
  auto moment = parse_iso(first.created_at);
  std::string date = moment ? street_date(*moment) : first.created_at.substr(0, 10);
  fail_conflict("该户已于 " + date + " 通过" + code_of(kChannelNames, first.channel) + "作答，每户只能作答一次",
                "household_id");
}

void check_form_number(const std::string& number) {
  bool fits = !number.empty() && number.size() <= 30 &&
              std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
  if (!fits) fail_invalid("paper_form_number", "纸质问卷编号应为 1 至 30 位字母、数字或短横线");
}

std::vector<QuestionResult> tally(const std::vector<Question>& questions, const std::vector<AnsweredCount>& answered,
                                  const std::vector<AnswerCount>& counts) {
  std::vector<QuestionResult> results(questions.size());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (is_choice(questions[i].type)) results[i].options.resize(questions[i].options.size());
    if (questions[i].type == QuestionType::Scale) results[i].distribution.resize(kScaleHigh - kScaleLow + 1);
  }
  auto in_range = [&](std::int64_t question) {
    return question >= 0 && question < static_cast<std::int64_t>(questions.size());
  };
  for (const auto& count : answered) {
    if (in_range(count.question)) results[count.question].answered += count.count;
  }
  for (auto& result : results) {
    for (auto& option : result.options) option.of = result.answered;
  }
  for (const auto& count : counts) {
    if (!in_range(count.question)) continue;
    QuestionResult& result = results[count.question];
    if (!result.options.empty() && count.value >= 0 && count.value < static_cast<std::int64_t>(result.options.size()))
      result.options[count.value].count += count.count;
    if (!result.distribution.empty() && count.value >= kScaleLow && count.value <= kScaleHigh) {
      result.distribution[count.value - kScaleLow] += count.count;
      result.scale_sum += count.value * count.count;
    }
  }
  return results;
}

}  // namespace weizhi::engagement
