// The surveys of the demo street (the demo size only: API tests start from no surveys): the article's eight micro-governance topics as one round
// of 德胜社区, closed, answered online by residents and on paper forms typed in by staff; and this
// month's open property satisfaction survey of 德胜新村, which the demo resident has not answered yet.
// Deterministic: answers follow the household's id.
#include <algorithm>
#include <chrono>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/surveys_rules.hpp"
#include "modules/engagement/surveys_store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

struct TopicSeed {
  const char* title;
  const char* question;  // the topic's single-choice question
  const char* options[3];
};

constexpr TopicSeed kTopics[] = {
    {"停车管理", "您认为小区停车最需要解决的是？", {"增加车位", "规范停放", "外来车辆管理"}},
    {"垃圾分类", "您家垃圾分类投放的情况是？", {"每次都分类", "有时分类", "基本不分类"}},
    {"楼道整治", "楼道堆物清理后您希望如何保持？", {"定期巡查", "楼道长提醒", "纳入公约"}},
    {"绿化养护", "您对小区绿化最关心的是？", {"补种缺株", "修剪遮光树木", "增加休闲绿地"}},
    {"安防门禁", "您希望小区门禁采用哪种方式？", {"刷卡", "人脸识别", "保安值守"}},
    {"加装电梯", "您对本楼加装电梯的态度是？", {"支持", "有条件支持", "不支持"}},
    {"物业服务", "您最希望物业改进的是？", {"保洁", "维修响应", "收费公开"}},
    {"邻里活动", "您愿意参加哪类邻里活动？", {"文体活动", "志愿服务", "议事协商"}},
};

Question ask(std::string text, QuestionType type, bool required, std::vector<std::string> options = {}) {
  Question question;
  question.text = std::move(text);
  question.type = type;
  question.required = required;
  question.options = std::move(options);
  return question;
}

// The question, shown only when question `question` was answered with `option`.
Question branch(Question question, std::int64_t asked, std::int64_t option) {
  question.show_if = ShowIf{asked, option};
  return question;
}

std::vector<Question> topic_questions(const TopicSeed& topic) {
  return {ask(topic.question, QuestionType::Single, true, {topic.options[0], topic.options[1], topic.options[2]}),
          ask("您对" + std::string(topic.title) + "现状的满意度", QuestionType::Scale, true),
          ask("还有什么意见和建议？", QuestionType::Text, false)};
}

// The answers of household `seed` (its id): spread over the options and the scale, a text now and then.
std::vector<Answer> answers_of(std::int64_t seed, std::size_t topic) {
  std::int64_t mix = seed * 31 + static_cast<std::int64_t>(topic) * 7;
  std::vector<Answer> answers(3);
  answers[0].options = {mix % 5 == 0 ? 2 : mix % 2};
  answers[1].scale = 2 + mix % 4;
  if (mix % 6 == 0) answers[2].text = "希望社区多听听我们楼的意见，尽快落实。";
  return answers;
}

TimePoint days_from(TimePoint now, std::int64_t days) { return now + std::chrono::days(days); }

}  // namespace

void seed_surveys(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  store::Tx& tx = seed.tx;
  TimePoint now = tx.now();
  std::int64_t secretary = modules::demo_user_id(tx, "secretary");
  std::int64_t community = seed.node("desheng");
  std::string community_path = *people::node_path(tx.connection(), community);
  auto households = households_under(tx.connection(), community_path, 1500);
  std::int64_t responses = 0;
  for (std::size_t topic = 0; topic < std::size(kTopics); ++topic) {
    SurveyInput input{.node_id = community,
                      .title = std::string("德胜社区微治理议题征求意见：") + kTopics[topic].title,
                      .kind = SurveyKind::General,
                      .opens_at = days_from(now, -30),
                      .closes_at = days_from(now, -16),
                      .questions = topic_questions(kTopics[topic])};
    check_survey(input);
    std::int64_t id = insert_survey(tx, input, secretary);
    tx.exec("UPDATE surveys SET state = 'closed', opened_at = ?, closed_at = ? WHERE id = ?",
            {iso_utc(input.opens_at), iso_utc(input.closes_at), id});
    for (std::size_t i = 0; i < households.size(); ++i) {
      // About two households in three answer: online where someone of it is linked, every fourth on paper.
      if ((households[i].id + topic) % 3 == 0) continue;
      auto links = people::links_of_part(tx.connection(), households[i].id);
      bool paper = links.empty() || (households[i].id + topic) % 4 == 0;
      NewResponse response{
          .survey_id = id,
          .household = households[i],
          .channel = paper ? Channel::Paper : Channel::Online,
          .person_id = paper ? std::nullopt : std::optional(links.front().person_id),
          .paper_form_number =
              paper ? std::optional("DS" + std::to_string(topic + 1) + "-" + std::to_string(i + 1)) : std::nullopt,
          .entered_by_user_id = secretary};
      if (insert_response(tx, response, answers_of(households[i].id, topic))) ++responses;
    }
  }

  // This month's property satisfaction survey of 德胜新村, open for another ten days.
  std::int64_t compound = seed.node("desheng-xincun");
  SurveyInput satisfaction{
      .node_id = compound,
      .title = "德胜新村本月物业服务满意度调查",
      .kind = SurveyKind::Satisfaction,
      .opens_at = days_from(now, -5),
      .closes_at = days_from(now, 10),
      .questions = {
          ask("您对本月物业服务的总体满意度", QuestionType::Scale, true),
          ask("本月物业服务有没有让您不满意的地方？", QuestionType::Single, true, {"有", "没有"}),
          branch(ask("您不满意的方面是？", QuestionType::Multiple, true, {"保洁", "安保", "维修", "绿化", "收费"}), 1,
                 0),
          ask("请说说具体情况", QuestionType::Text, false)}};
  check_survey(satisfaction);
  std::int64_t open_id = insert_survey(tx, satisfaction, secretary);
  tx.exec("UPDATE surveys SET state = 'open', opened_at = ? WHERE id = ?", {iso_utc(satisfaction.opens_at), open_id});
  auto resident = people::person_of_user(tx.connection(), modules::demo_user_id(tx, "resident"));
  std::string compound_path = *people::node_path(tx.connection(), compound);
  std::int64_t answered = 0;
  for (const auto& household : households_under(tx.connection(), compound_path, 40)) {
    auto links = people::links_of_part(tx.connection(), household.id);
    bool residents_home = std::any_of(links.begin(), links.end(), [&](const people::PartLink& link) {
      return resident && link.person_id == *resident;
    });
    if (residents_home || household.id % 2 == 0) continue;
    std::vector<Answer> answers(4);
    answers[0].scale = 3 + household.id % 3;
    bool displeased = household.id % 3 == 0;
    answers[1].options = {displeased ? 0 : 1};
    if (displeased) answers[2].options = {2};
    NewResponse response{.survey_id = open_id,
                         .household = household,
                         .channel = Channel::Paper,
                         .person_id = std::nullopt,
                         .paper_form_number = "WY-" + std::to_string(++answered),
                         .entered_by_user_id = secretary};
    if (insert_response(tx, response, answers)) ++responses;
  }
  audit::record(tx, "cli:seed", "engagement.seed", "surveys",
                {{"surveys", std::size(kTopics) + 1}, {"responses", responses}});
}

}  // namespace weizhi::engagement
