// The elections module's part of the monthly report: each election that moved in the month (a step
// opened or signed off), where it stands, and those filed.
#include "modules/elections/module.hpp"
#include "modules/elections/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::elections {

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  const std::string start = iso_utc(ask.start);
  const std::string end = iso_utc(ask.end);
  auto in_month = [&](const std::optional<std::string>& at) { return at && *at >= start && *at < end; };
  modules::ReportTable moved{"选举明细", {"选举", "小区", "本月开启步骤", "本月签字确认步骤", "当前步骤", "状态"}, {}};
  std::int64_t opened_total = 0;
  std::int64_t signed_total = 0;
  std::int64_t filed = 0;
  auto elections = elections_under(ask.connection, ask.node_path);
  for (auto election = elections.rbegin(); election != elections.rend(); ++election) {
    std::int64_t opened = 0;
    std::int64_t signed_off = 0;
    for (const auto& step : steps_of(ask.connection, election->id)) {
      opened += in_month(step.opened_at) ? 1 : 0;
      signed_off += in_month(step.signed_off_at) ? 1 : 0;
    }
    if (opened == 0 && signed_off == 0) continue;
    bool is_filed = election->state == ElectionState::Filed;
    opened_total += opened;
    signed_total += signed_off;
    filed += is_filed ? 1 : 0;
    auto compound = org::find_node(ask.connection, election->compound_node_id);
    auto step = static_cast<std::size_t>(election->current_step);
    std::string step_name = step >= 1 && step <= election->step_names.size() ? election->step_names[step - 1] : "";
    moved.rows.push_back({election->title, compound ? compound->name : "", opened, signed_off,
                          "第 " + std::to_string(step) + " 步 " + step_name, is_filed ? "已备案" : "进行中"});
  }
  return {{"elections.progress",
           "业委会选举",
           {{"有进展的选举", static_cast<std::int64_t>(moved.rows.size()), "场"},
            {"开启步骤", opened_total, "步"},
            {"签字确认步骤", signed_total, "步"},
            {"其中已备案", filed, "场"}},
           {moved}}};
}

}  // namespace weizhi::elections
