// What the voting module adds to a person's work for today: open votes closing short of quorum for
// those who run votes, paper forms waiting for a second clerk or for the supervisor, and for an owner
// each open vote they can still cast in, for themselves or as a proxy.
#include <map>

#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/module.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"

namespace weizhi::voting {

namespace {

// Open votes under the scopes where the caller holds `permission`, with their compound's name.
struct OpenVote {
  Vote vote;
  std::string compound_name;
};

std::vector<OpenVote> open_votes_with(const modules::TodayAsk& ask, const std::string& permission) {
  std::vector<OpenVote> open;
  std::map<std::int64_t, std::string> compound_names;
  for (const auto& scope : ask.scopes_with(permission)) {
    for (auto& vote : votes_under(ask.connection, scope.path)) {
      if (vote.state != VoteState::Open) continue;
      std::int64_t compound = vote.input.compound_node_id;
      if (!compound_names.count(compound)) {
        auto node = org::find_node(ask.connection, compound);
        compound_names[compound] = node ? node->name : "";
      }
      open.push_back({std::move(vote), compound_names[compound]});
    }
  }
  return open;
}

modules::TodayItem vote_item(const OpenVote& open, std::string kind, std::string title, std::string link) {
  return {.kind = std::move(kind),
          .title = std::move(title),
          .node_id = open.vote.input.compound_node_id,
          .node_name = open.compound_name,
          .due_at = parse_iso(open.vote.input.closes_at),
          .link = std::move(link),
          .count = std::nullopt};
}

// A group of paper forms of one vote, when there are any.
void add_forms(std::vector<modules::TodayItem>& items, const OpenVote& open, const char* kind, const char* action,
               std::int64_t count) {
  if (count == 0) return;
  auto item = vote_item(open, kind,
                        std::string(action) + "：《" + open.vote.input.title + "》（" + std::to_string(count) + " 份）",
                        "/votes/" + std::to_string(open.vote.id) + "/paper-forms");
  item.count = count;
  items.push_back(std::move(item));
}

void add_closing(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask) {
  for (const auto& open : open_votes_with(ask, "voting.manage")) {
    Turnout so_far =
        turnout(*frozen_electorate(ask.connection, open.vote), voters_with_ballot(ask.connection, open.vote.id));
    if (!closing_short_of_quorum(open.vote, so_far, ask.now)) continue;
    auto item = vote_item(open, "voting.closing", closing_title(open.vote, so_far, ask.now),
                          "/votes/" + std::to_string(open.vote.id));
    item.overdue = item.due_at && *item.due_at <= ask.now;
    items.push_back(std::move(item));
  }
}

void add_paper_forms(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask) {
  for (const auto& open : open_votes_with(ask, "voting.clerk")) {
    add_forms(items, open, "voting.paper_second_entry", "复核录入书面表决票",
              forms_awaiting_second_entry(ask.connection, open.vote.id, ask.caller.user_id));
  }
  for (const auto& open : open_votes_with(ask, "voting.supervise")) {
    add_forms(items, open, "voting.paper_held", "裁定录入不一致的书面表决票",
              static_cast<std::int64_t>(held_forms(ask.connection, open.vote.id).size()));
  }
}

// One item per open vote where the owner still casts, for their own place (unless a proxy of theirs stands) or as a
// recorded proxy.
void add_castable(std::vector<modules::TodayItem>& items, const modules::TodayAsk& ask) {
  auto person = people::person_of_user(ask.connection, ask.caller.user_id);
  if (!person) return;
  for (auto& vote : votes_of_person(ask.connection, *person)) {
    if (!takes_online_ballots(vote, ask.now)) continue;
    bool self_to_cast = false;
    std::vector<std::string> proxied;
    std::map<std::int64_t, std::string> names;
    for (std::int64_t voter : voters_cast_by(ask.connection, vote.id, *person)) {
      if (ballot_channel(ask.connection, vote.id, voter)) continue;
      if (voter == *person) {
        // An owner who asked someone to cast for them is not asked themselves while that stands.
        self_to_cast = !proxy_of(ask.connection, vote.id, voter).has_value();
        continue;
      }
      if (names.empty()) names = voter_names(ask.connection, vote.id);
      proxied.push_back(names[voter]);
    }
    auto title = cast_title(vote, self_to_cast, proxied);
    if (!title) continue;
    auto compound = org::find_node(ask.connection, vote.input.compound_node_id);
    OpenVote open{std::move(vote), compound ? compound->name : ""};
    items.push_back(vote_item(open, "voting.cast", *title, "/votes/" + std::to_string(open.vote.id)));
  }
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  add_closing(items, ask);
  add_paper_forms(items, ask);
  add_castable(items, ask);
  return items;
}

}  // namespace weizhi::voting
