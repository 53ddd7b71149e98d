// The voting module's part of the monthly report: each vote open for part of the month, with its
// turnout (by owners and by area) and, once published, its outcome.
#include "modules/org/org.hpp"
#include "modules/voting/module.hpp"
#include "modules/voting/store.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::voting {

namespace {

std::string outcome_text(const Vote& vote, std::int64_t& passed_items) {
  if (vote.state == VoteState::Open) return "进行中";
  if (!vote.result) return "已截止，待公布";
  auto results = parse_result_json(*vote.result);
  std::int64_t passed = 0;
  for (const auto& result : results) passed += result.outcome == Outcome::Passed ? 1 : 0;
  passed_items += passed;
  return "通过 " + std::to_string(passed) + " / " + std::to_string(results.size()) + " 项";
}

}  // namespace

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  const std::string start = iso_utc(ask.start);
  const std::string end = iso_utc(ask.end);
  modules::ReportTable held{
      "表决明细",
      {"表决事项", "小区", "开始", "截止", "参与户数", "应参与户数", "户数参与率（%）", "面积参与率（%）", "结果"},
      {}};
  std::int64_t published = 0;
  std::int64_t passed_items = 0;
  auto votes = votes_under(ask.connection, ask.node_path);
  for (auto vote = votes.rbegin(); vote != votes.rend(); ++vote) {
    bool overlaps = vote->opened_at && *vote->opened_at < end && (!vote->closed_at || *vote->closed_at >= start);
    if (!overlaps) continue;
    Turnout so_far = turnout(*frozen_electorate(ask.connection, *vote), voters_with_ballot(ask.connection, vote->id));
    auto compound = org::find_node(ask.connection, vote->input.compound_node_id);
    published += vote->state == VoteState::Published ? 1 : 0;
    held.rows.push_back({vote->input.title, compound ? compound->name : "", street_date(*parse_iso(*vote->opened_at)),
                         street_date(*parse_iso(vote->closed_at.value_or(vote->input.closes_at))), so_far.count.num,
                         so_far.count.den, modules::percent(so_far.count.num, so_far.count.den),
                         modules::percent(so_far.area.num, so_far.area.den), outcome_text(*vote, passed_items)});
  }
  return {{"voting.votes",
           "业主表决",
           {{"举行表决", static_cast<std::int64_t>(held.rows.size()), "次"},
            {"已公布结果", published, "次"},
            {"通过事项", passed_items, "项"}},
           {held}}};
}

}  // namespace weizhi::voting
