// The differential-election count of docs/rules.md#d-elections. Integer arithmetic only: "more than half" of
// base is ⌊base/2⌋+1 votes and "at least a third" is ⌈base/3⌉.
#include "modules/elections/count.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/json.hpp"
#include "core/text.hpp"

namespace weizhi::elections {

std::int64_t electing_votes(RoundKind kind, std::int64_t base, std::int64_t returned) {
  switch (kind) {
    case RoundKind::First:
      return base / 2 + 1;
    case RoundKind::Runoff:
      return 1;
    case RoundKind::Further:
      return std::max<std::int64_t>(1, (returned + 2) / 3);
  }
  return 1;
}

std::int64_t alternate_votes(std::int64_t base) { return std::max<std::int64_t>(1, (base + 2) / 3); }

namespace {

// Candidates by votes, most first; equal votes keep the input order.
std::vector<CandidateVotes> ranked(const std::vector<std::string>& candidates, const std::vector<std::int64_t>& votes) {
  std::vector<CandidateVotes> tally;
  for (std::size_t i = 0; i < candidates.size(); ++i) tally.push_back({candidates[i], votes[i]});
  std::stable_sort(tally.begin(), tally.end(), [](const auto& a, const auto& b) { return a.votes > b.votes; });
  return tally;
}

void check_input(const CountInput& input) {
  if (input.seats < 1) throw voting::InvalidLine(0, "应选名额应至少为 1");
  if (static_cast<std::int64_t>(input.candidates.size()) <= input.seats) {
    throw voting::InvalidLine(
        0, input.kind == RoundKind::Runoff ? "决选的候选人数应多于决选名额" : "差额选举的候选人数应多于应选名额");
  }
  std::set<std::string> names(input.candidates.begin(), input.candidates.end());
  if (names.size() != input.candidates.size()) throw voting::InvalidLine(0, "候选人重复");
  if (input.issued && *input.issued < 0) throw voting::InvalidLine(0, "发出的选票数不能为负");
  if (input.voters && *input.voters < 1) throw voting::InvalidLine(0, "登记选民数应至少为 1");
  if (input.majority_base == MajorityBase::Registered && !input.voters) {
    throw voting::InvalidLine(0, "以登记选民为过半数基数时需给出登记选民数");
  }
  for (const auto& ballot : input.ballots) {
    std::set<std::size_t> seen;
    for (std::size_t choice : ballot.choices) {
      if (choice >= input.candidates.size()) throw voting::InvalidLine(ballot.line, "选票上有不在候选人名单中的人");
      if (!seen.insert(choice).second) throw voting::InvalidLine(ballot.line, "选票上同一候选人出现两次");
    }
  }
}

// Fills elected, runoff and vacant seats from the tally of a valid round.
void elect(const CountInput& input, std::int64_t returned, CountResult& result) {
  std::vector<CandidateVotes> qualified;
  for (const auto& entry : result.tally) {
    if (entry.votes >= electing_votes(input.kind, result.base, returned)) qualified.push_back(entry);
  }
  auto seats = static_cast<std::size_t>(input.seats);
  if (qualified.size() <= seats) {
    result.elected = qualified;
    result.vacant_seats = input.seats - static_cast<std::int64_t>(qualified.size());
    return;
  }
  std::int64_t last_seat_votes = qualified[seats - 1].votes;
  if (qualified[seats].votes != last_seat_votes) {
    result.elected.assign(qualified.begin(), qualified.begin() + static_cast<std::ptrdiff_t>(seats));
    return;
  }
  for (const auto& entry : qualified) {
    if (entry.votes > last_seat_votes)
      result.elected.push_back(entry);
    else if (entry.votes == last_seat_votes)
      result.runoff.push_back(entry.candidate);
  }
  result.runoff_seats = input.seats - static_cast<std::int64_t>(result.elected.size());
}

void rank_alternates(CountResult& result) {
  std::set<std::string> taken(result.runoff.begin(), result.runoff.end());
  for (const auto& entry : result.elected) taken.insert(entry.candidate);
  for (const auto& entry : result.tally) {
    if (!taken.count(entry.candidate) && entry.votes >= alternate_votes(result.base)) {
      result.alternates.push_back(entry);
    }
  }
  std::map<std::int64_t, std::int64_t> per_votes;
  for (const auto& entry : result.alternates) ++per_votes[entry.votes];
  for (const auto& entry : result.alternates) {
    if (per_votes[entry.votes] > 1) result.lot_needed.push_back(entry.candidate);
  }
}

}  // namespace

CountResult count_round(const CountInput& input) {
  check_input(input);
  CountResult result;
  auto returned = static_cast<std::int64_t>(input.ballots.size());
  std::vector<std::int64_t> votes(input.candidates.size(), 0);
  for (const auto& ballot : input.ballots) {
    if (static_cast<std::int64_t>(ballot.choices.size()) > input.seats) {
      ++result.void_ballots;
      continue;
    }
    ++result.valid_ballots;
    for (std::size_t choice : ballot.choices) ++votes[choice];
  }
  switch (input.majority_base) {
    case MajorityBase::Returned:
      result.base = returned;
      break;
    case MajorityBase::Valid:
      result.base = result.valid_ballots;
      break;
    case MajorityBase::Registered:
      result.base = *input.voters;
      break;
  }
  result.tally = ranked(input.candidates, votes);
  if (input.issued && returned > *input.issued) {
    result.round_void = RoundVoid::MoreReturnedThanIssued;
  } else if (input.voters && 2 * returned <= *input.voters) {
    result.round_void = RoundVoid::TurnoutNotMoreThanHalf;
  }
  if (!result.round_valid()) {
    result.vacant_seats = input.seats;
    return result;
  }
  elect(input, returned, result);
  rank_alternates(result);
  return result;
}

std::vector<std::string> further_round_candidates(const CountResult& previous, std::int64_t vacant_seats) {
  std::set<std::string> elected;
  for (const auto& entry : previous.elected) elected.insert(entry.candidate);
  std::vector<std::string> next;
  for (const auto& entry : previous.tally) {
    if (static_cast<std::int64_t>(next.size()) == vacant_seats + 1) break;
    if (!elected.count(entry.candidate)) next.push_back(entry.candidate);
  }
  return next;
}

std::vector<CandidateVotes> apply_lot(const std::vector<CandidateVotes>& alternates,
                                      const std::vector<std::string>& drawn) {
  if (drawn.size() < 2) throw voting::InvalidLine(0, "抽签应在至少两名票数相同的候补之间进行");
  std::map<std::string, std::int64_t> votes_of;
  for (const auto& entry : alternates) votes_of[entry.candidate] = entry.votes;
  if (!votes_of.count(drawn.front())) throw voting::InvalidLine(0, "抽签名单中有不是候补的人");
  std::int64_t tied_votes = votes_of[drawn.front()];
  std::set<std::string> group;
  for (const auto& entry : alternates) {
    if (entry.votes == tied_votes) group.insert(entry.candidate);
  }
  if (std::set<std::string>(drawn.begin(), drawn.end()) != group || drawn.size() != group.size()) {
    throw voting::InvalidLine(0, "抽签名单应恰为票数相同的全部候补，每人一次");
  }
  std::vector<CandidateVotes> ordered;
  auto next_drawn = drawn.begin();
  for (const auto& entry : alternates) {
    ordered.push_back(entry.votes == tied_votes ? CandidateVotes{*next_drawn++, tied_votes} : entry);
  }
  return ordered;
}

std::string count_json(const CountResult& result) {
  // Keys in the documented order, not sorted.
  using Ordered = nlohmann::ordered_json;
  auto listed = [](const std::vector<CandidateVotes>& entries) {
    Ordered list = Ordered::array();
    for (const auto& entry : entries) list.push_back({{"candidate", entry.candidate}, {"votes", entry.votes}});
    return list;
  };
  Ordered output = Ordered::object();
  output["valid_ballots"] = result.valid_ballots;
  output["void_ballots"] = result.void_ballots;
  output["round_valid"] = result.round_valid();
  output["elected"] = listed(result.elected);
  output["runoff"] = result.runoff;
  output["vacant_seats"] = result.vacant_seats;
  output["alternates"] = listed(result.alternates);
  output["lot_needed"] = result.lot_needed;
  return output.dump(2) + "\n";
}

std::vector<CountBallot> parse_count_ballots(std::string_view text, const std::vector<std::string>& candidates) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < candidates.size(); ++i) index.emplace(candidates[i], i);
  std::vector<CountBallot> ballots;
  std::set<std::string, std::less<>> ballot_ids;
  for_each_line(text, [&](std::int64_t line_number, std::string_view line) {
    if (line.empty() || (line_number == 1 && line == "ballot_id,choices")) return;
    auto comma = line.find(',');
    if (comma == std::string_view::npos) throw voting::InvalidLine(line_number, "应为 ballot_id,choices 两列");
    std::string_view ballot_id = line.substr(0, comma);
    std::string_view choices = line.substr(comma + 1);
    if (ballot_id.empty()) throw voting::InvalidLine(line_number, "ballot_id 为空");
    if (!ballot_ids.emplace(ballot_id).second) {
      throw voting::InvalidLine(line_number, "ballot_id「" + std::string(ballot_id) + "」重复");
    }
    CountBallot ballot{{}, line_number};
    std::set<std::size_t> seen;
    while (!choices.empty()) {
      auto bar = choices.find('|');
      std::string_view name = choices.substr(0, bar);
      choices.remove_prefix(bar == std::string_view::npos ? choices.size() : bar + 1);
      auto found = index.find(name);
      if (found == index.end()) throw voting::InvalidLine(line_number, "「" + std::string(name) + "」不在候选人名单中");
      if (!seen.insert(found->second).second) {
        throw voting::InvalidLine(line_number, "「" + std::string(name) + "」在同一张选票上出现两次");
      }
      ballot.choices.push_back(found->second);
    }
    ballots.push_back(std::move(ballot));
  });
  return ballots;
}

}  // namespace weizhi::elections
