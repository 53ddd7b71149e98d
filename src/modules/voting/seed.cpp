// The voting module's part of the demo street, on 德胜新村 and through the module's own store
// functions: a published vote on using the maintenance fund (with ballots on all three channels
// two weeks ago) and an open vote on renewing the property company, with some ballots, a paper
// form awaiting its second entry and one held for the supervisor; each with its proposal's documents.
// The demo resident has not yet voted in the open vote.
#include <chrono>

#include "audit/audit.hpp"
#include "modules/voting/module.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"

namespace weizhi::voting {

namespace {

constexpr const char* kCompoundCode = "desheng-xincun";
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

std::optional<std::int64_t> resident_person(store::Tx& tx) {
  auto row = tx.query_one("SELECT person_id FROM users WHERE login = 'resident'");
  return row ? row->optional_i64(0) : std::nullopt;
}

// The voters of a vote's roll, by id.
std::vector<std::int64_t> voters_of(const std::vector<RollEntry>& roll) { return electorate_of(roll).owner_ids; }

// A fixed spread of opinions: mostly agree, some oppose, abstain and follow-majority.
Choice demo_choice(std::size_t index) {
  if (index % 7 == 3) return Choice::Oppose;
  if (index % 11 == 5) return Choice::Abstain;
  if (index % 13 == 8) return Choice::Follow;
  return Choice::Agree;
}

Channel demo_channel(std::size_t index) {
  switch (index % 4) {
    case 0:
      return Channel::Paper;
    case 1:
      return Channel::Meeting;
    default:
      return Channel::Online;
  }
}

// A vote of the demo on the whole compound, every channel and the default policies, as the rules accept it.
CheckedTerms demo_vote(store::Tx& tx, std::int64_t compound, const std::string& title, int matter,
                       std::vector<std::string> items, TimePoint opens, TimePoint closes) {
  VoteInput input{
      compound,         title,          matter,          VoteScope{},
      std::move(items), iso_utc(opens), iso_utc(closes), {Channel::Online, Channel::Paper, Channel::Meeting},
      Policies{}};
  return check_vote_terms(input, terms_facts(tx.connection(), input));
}

}  // namespace

void seed_vote(store::Tx& tx, std::int64_t vote_id, std::int64_t organiser, TimePoint opened, TimePoint closed,
               const std::function<std::optional<SeedBallot>(std::size_t)>& spread) {
  auto roll = open_vote(tx, *find_vote(tx.connection(), vote_id), opened);
  Vote vote = *find_vote(tx.connection(), vote_id);
  auto voters = voters_of(roll);
  for (std::size_t i = 0; i < voters.size(); ++i) {
    auto ballot = spread(i);
    if (!ballot) continue;
    record_ballot(tx, vote, NewBallot{voters[i], ballot->channel, {ballot->choice}, organiser, std::nullopt},
                  opened + Days(ballot->day));
  }
  close_vote(tx, vote, closed);
  publish_vote(tx, *find_vote(tx.connection(), vote_id), closed + Days(1));
}

void seed_passed_vote(store::Tx& tx, std::int64_t vote_id, std::int64_t organiser, TimePoint opened, TimePoint closed) {
  seed_vote(tx, vote_id, organiser, opened, closed, [](std::size_t i) -> std::optional<SeedBallot> {
    if (i % 10 == 9) return std::nullopt;
    return SeedBallot{i % 8 == 3 ? Choice::Oppose : Choice::Agree, i % 3 == 0 ? Channel::Paper : Channel::Online,
                      1 + static_cast<std::int64_t>(i % 10)};
  });
}

void seed_demo(modules::SeedContext& seed) {
  store::Tx& tx = seed.tx;
  std::int64_t compound = seed.node(kCompoundCode);
  std::int64_t organiser = modules::demo_user_id(tx, "commissioner");
  std::int64_t clerk_a = modules::demo_user_id(tx, "committee");
  std::int64_t clerk_b = modules::demo_user_id(tx, "commissioner");
  TimePoint now = tx.now();
  auto resident = resident_person(tx);

  // Published: voted from 30 to 16 days ago by four in five owners.
  TimePoint opened = now - Days(30);
  std::int64_t fund_id = create_vote(
      tx,
      demo_vote(tx, compound, "关于使用专项维修资金维修屋面防水的表决", 5,
                {"同意使用专项维修资金维修 1–6 幢屋面防水", "同意由业主委员会委托第三方监理"}, opened, now - Days(16)),
      organiser);
  save_materials(tx, fund_id,
                 Materials{{{"屋面防水维修方案", "德胜新村业委会〔2026〕1 号"},
                            {"维修工程预算书", "第三方造价咨询报告，业委会办公室可查阅"}},
                           {}});
  Vote fund = *find_vote(tx.connection(), fund_id);
  auto fund_voters = voters_of(open_vote(tx, fund, opened));
  fund = *find_vote(tx.connection(), fund_id);
  std::int64_t fund_ballots = 0;
  for (std::size_t i = 0; i < fund_voters.size(); ++i) {
    if (i % 5 == 4) continue;
    std::vector<Choice> choices{demo_choice(i), demo_choice(i + 1)};
    record_ballot(tx, fund, NewBallot{fund_voters[i], demo_channel(i), choices, organiser, std::nullopt},
                  opened + Days(1 + static_cast<std::int64_t>(i % 10)));
    ++fund_ballots;
  }
  close_vote(tx, fund, now - Days(16));
  publish_vote(tx, *find_vote(tx.connection(), fund_id), now - Days(15));

  // Open: since two days ago, for twelve more days; a third of the owners have voted.
  std::int64_t property_id =
      create_vote(tx,
                  demo_vote(tx, compound, "关于续聘物业服务企业的表决", 4, {"同意续聘现物业服务企业，服务期三年"},
                            now - Days(2), now + Days(12)),
                  organiser);
  save_materials(tx, property_id,
                 Materials{{{"物业服务合同（续签稿）", "德胜新村业委会〔2026〕3 号，公告栏及业委会办公室可查阅"},
                            {"物业服务满意度调查报告", "德胜新村业委会〔2026〕2 号"},
                            {"物业服务收费标准", "原标准不变，见小区公告栏"}},
                           {}});
  Vote property = *find_vote(tx.connection(), property_id);
  auto property_voters = voters_of(open_vote(tx, property, now - Days(2)));
  property = *find_vote(tx.connection(), property_id);
  std::vector<std::int64_t> others;
  for (std::int64_t voter : property_voters) {
    if (voter != resident) others.push_back(voter);
  }
  std::int64_t property_ballots = 0;
  for (std::size_t i = 0; i < others.size() && i < others.size() / 3; ++i) {
    record_ballot(tx, property, NewBallot{others[i], demo_channel(i), {demo_choice(i)}, organiser, std::nullopt}, now);
    ++property_ballots;
  }
  // Paper forms still being typed: one awaiting clerk B, one the clerks read differently.
  auto enter = [&](std::int64_t voter, std::int64_t clerk, Choice choice) {
    auto outcome = paper_entry_outcome(property, paper_form(tx.connection(), property.id, voter), clerk, {choice}, now);
    save_paper_entry(tx, property, voter, clerk, {choice}, outcome, now);
  };
  if (others.size() >= 3) {
    enter(others[others.size() - 1], clerk_a, Choice::Agree);
    enter(others[others.size() - 2], clerk_a, Choice::Agree);
    enter(others[others.size() - 2], clerk_b, Choice::Oppose);
  }
  audit::record(tx, "cli:seed", "voting.seed", "voting",
                {{"published_vote", fund_id},
                 {"published_ballots", fund_ballots},
                 {"open_vote", property_id},
                 {"open_ballots", property_ballots}});
}

}  // namespace weizhi::voting
