// What the elections module adds to a person's work for today: steps ready for the supervisor's
// sign-off, publicity periods ending or over while the next step is not yet open, and for a voter on
// an election's roll each round they can still vote in.
#include <map>

#include "modules/elections/module.hpp"
#include "modules/elections/rules.hpp"
#include "modules/elections/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::elections {

namespace {

std::string step_label(const Election& election, std::int64_t step) {
  return "第 " + std::to_string(step) + " 步「" + election.step_names.at(step - 1) + "」";
}

class ElectionItems {
 public:
  explicit ElectionItems(const modules::TodayAsk& ask) : ask_(ask) {}

  modules::TodayItem item(const Election& election, std::string kind, std::string title) {
    return {.kind = std::move(kind),
            .title = std::move(title),
            .node_id = election.compound_node_id,
            .node_name = compound_name(election.compound_node_id),
            .due_at = std::nullopt,
            .link = "/elections/" + std::to_string(election.id),
            .count = std::nullopt};
  }

  // Running elections under the scopes where the caller holds `permission`.
  std::vector<Election> running_with(const std::string& permission) const {
    std::vector<Election> running;
    for (const auto& scope : ask_.scopes_with(permission)) {
      for (auto& election : elections_under(ask_.connection, scope.path)) {
        if (election.state == ElectionState::Running) running.push_back(std::move(election));
      }
    }
    return running;
  }

 private:
  const std::string& compound_name(std::int64_t id) {
    auto known = names_.find(id);
    if (known != names_.end()) return known->second;
    auto node = org::find_node(ask_.connection, id);
    return names_[id] = node ? node->name : "";
  }

  const modules::TodayAsk& ask_;
  std::map<std::int64_t, std::string> names_;
};

void add_sign_offs(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask, ElectionItems& shown,
                   const std::string& today) {
  for (const auto& election : shown.running_with("elections.supervise")) {
    if (!ready_for_sign_off(sign_off_facts(ask.connection, election, election.current_step, today))) continue;
    items.push_back(
        shown.item(election, "elections.sign_off",
                   "签字确认：" + step_label(election, election.current_step) + "（" + election.title + "）"));
  }
}

void add_publicity(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask, ElectionItems& shown,
                   const std::string& today) {
  for (const auto& election : shown.running_with("elections.manage")) {
    for (const auto& step : steps_of(ask.connection, election.id)) {
      if (step.step != election.current_step || !step.publicity_ends_on) continue;
      const std::string& ends_on = *step.publicity_ends_on;
      if (!publicity_ending(ends_on, today)) continue;
      bool over = ends_on < today;
      auto item = shown.item(election, "elections.publicity",
                             std::string(over ? "公示期已满，待签字并开启下一步：" : "公示期 " + ends_on + " 结束：") +
                                 step_label(election, step.step) + "（" + election.title + "）");
      item.due_at = street_day_end(ends_on);
      item.overdue = over;
      items.push_back(std::move(item));
    }
  }
}

// Rounds open for voting that the caller, on the election's roll, has not voted in.
void add_castable(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask, ElectionItems& shown) {
  auto person = people::person_of_user(ask.connection, ask.caller.user_id);
  if (!person) return;
  for (const auto& entry : elections_of_voter(ask.connection, *person)) {
    const Election& election = entry.election;
    if (election.state != ElectionState::Running || election.current_step != kVoting) continue;
    auto round = current_round(ask.connection, election.id);
    if (!round || round->result || entry.voted_round >= round->round) continue;
    items.push_back(shown.item(election, "elections.cast",
                               "参加选举投票：" + election.title + "（第 " + std::to_string(round->round) + " 轮）"));
  }
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  std::string today = street_date(ask.now);
  ElectionItems shown(ask);
  add_sign_offs(items, ask, shown, today);
  add_publicity(items, ask, shown, today);
  add_castable(items, ask, shown);
  return items;
}

}  // namespace weizhi::elections
