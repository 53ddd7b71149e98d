// What surveys add to a worker's work for today: the open surveys of their scope closing within three
// days, with their response rate, so that a round's last days go to the households not yet heard.
#include <chrono>

#include "modules/engagement/permissions.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/surveys_rules.hpp"
#include "modules/engagement/surveys_store.hpp"

namespace weizhi::engagement {

std::vector<modules::TodayItem> survey_today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  for (const auto& scope : ask.scopes_with(kManage)) {
    for (const auto& survey :
         open_surveys_closing(ask.connection, scope.path, ask.now, ask.now + std::chrono::days(3))) {
      std::int64_t households = households_in(ask.connection, survey.node_path, Breakdown::None).front().count;
      auto responses = responses_in(ask.connection, survey.id, Breakdown::None);
      std::int64_t answered = responses.empty() ? 0 : responses.front().count;
      items.push_back({.kind = "engagement.survey_closing",
                       .title = "调查即将截止：" + survey.input.title + "（已答 " + std::to_string(answered) + "/" +
                                std::to_string(households) + " 户）",
                       .node_id = survey.input.node_id,
                       .node_name = survey.node_name,
                       .due_at = survey.input.closes_at,
                       .overdue = false,
                       .link = "/engagement/surveys/" + std::to_string(survey.id),
                       .count = households - answered});
    }
  }
  return items;
}

}  // namespace weizhi::engagement
