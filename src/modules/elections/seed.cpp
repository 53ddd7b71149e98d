// The elections module's part of the demo street (Demo size only; the figures are docs/rules.md#figures):
// the pilot's 16 compounds of 德胜, 翠玉, 东一 and 东二 each held a seven-step "7 for 5" election
// in 2021 through the module's own store functions — 55 visits, 112 candidates, online secret
// ballots of three quarters of the roll, the count, and the result filed into a committee of 5 —
// under a street policy where the commissioner joins only if elected: 15 of the 16 commissioners
// stand and are elected. Two elections run now: 德胜新村's committee, its five-year term over, is
// being re-elected and voting is open (the demo resident has not voted yet); 西四苑 holds its first
// election, whose publicity period has run out and waits for the supervisor's sign-off.
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "audit/audit.hpp"
#include "modules/committees/committees.hpp"
#include "modules/elections/rules.hpp"
#include "modules/elections/store.hpp"
#include "modules/module.hpp"

namespace weizhi::elections {

namespace {

constexpr const char* kPilotCommunities[] = {"desheng", "cuiyu", "dongyi", "donger"};
constexpr std::int64_t kSeats = 5;
constexpr std::size_t kCandidates = 7;
constexpr std::size_t kTotalVisits = 55;
// Where the candidates other than the commissioner come from, in turn.
constexpr committees::Origin kOrigins[] = {committees::Origin::ResidentGroupLeader, committees::Origin::BuildingLeader,
                                           committees::Origin::EnthusiasticResident, committees::Origin::SocialWorker};
// The one pilot compound whose commissioner does not stand (the article: 15 of 16 joined).
constexpr std::size_t kCommissionerNotStanding = 15;

// Who stands in turn after the commissioner: P a party member, N not. Elected are the first five,
// so a committee has 4 party members of 5 with its commissioner and 3 of 5 without.
constexpr std::string_view kStandingOrder = "PPNPNNP";

// Owners living in the compound, party members and others taken in the order of kStandingOrder,
// `count` of them, each list by id.
std::vector<std::int64_t> standing_residents(store::Tx& tx, std::int64_t compound_id, std::int64_t exclude,
                                             std::size_t count) {
  auto compound = tx.query_one("SELECT path FROM org_nodes WHERE id = ?", {compound_id});
  auto owners = [&](bool party_member) {
    std::vector<std::int64_t> people;
    for (const auto& row :
         tx.query("SELECT DISTINCT pe.id FROM part_links l JOIN people pe ON pe.id = l.person_id "
                  "JOIN org_nodes n ON n.id = l.part_node_id WHERE l.relation = 'owner' AND pe.is_developer = 0 "
                  "AND pe.party_member = ? AND pe.id <> ? AND n.path LIKE ? ORDER BY pe.id LIMIT ?",
                  {party_member ? 1 : 0, exclude, compound->text(0) + "%", static_cast<std::int64_t>(kCandidates)})) {
      people.push_back(row.i64(0));
    }
    return people;
  };
  auto party = owners(true), others = owners(false);
  std::size_t next_party = 0, next_other = 0;
  std::vector<std::int64_t> standing;
  for (char kind : kStandingOrder.substr(0, count)) {
    auto& list = kind == 'P' ? party : others;
    auto& next = kind == 'P' ? next_party : next_other;
    if (next == list.size())
      throw std::runtime_error("elections seed: too few owners to stand in compound " + std::to_string(compound_id));
    standing.push_back(list[next++]);
  }
  return standing;
}

// Ballot k of a compound: most choose candidates 1–5; one in five swaps the fifth for the sixth,
// one in five the fourth and fifth for the sixth and seventh. Candidates 1–5 are elected with
// 100, 100, 100, 80 and 60 % of the ballots, the sixth is an alternate with 40 %.
std::vector<std::int64_t> demo_choices(const std::vector<std::int64_t>& candidates, std::size_t k) {
  switch (k % 5) {
    case 0:
      return {candidates[0], candidates[1], candidates[2], candidates[5], candidates[6]};
    case 1:
      return {candidates[0], candidates[1], candidates[2], candidates[3], candidates[5]};
    default:
      return {candidates[0], candidates[1], candidates[2], candidates[3], candidates[4]};
  }
}

std::optional<std::int64_t> resident_person(store::Tx& tx) {
  auto row = tx.query_one("SELECT person_id FROM users WHERE login = 'resident'");
  return row ? row->optional_i64(0) : std::nullopt;
}

class DemoElections {
 public:
  explicit DemoElections(modules::SeedContext& seed)
      : seed_(seed),
        tx_(seed.tx),
        admin_(modules::demo_user_id(tx_, "admin")),
        supervisor_(modules::demo_user_id(tx_, "supervisor")) {}

  void run() {
    committees::Policy policy = committees::default_policy();
    policy.commissioner_joins = committees::CommissionerJoins::IfElected;
    committees::save_policy(tx_, seed_.node("street"), policy);
    std::vector<std::int64_t> compounds;
    for (const char* community : kPilotCommunities) {
      for (const auto& row : tx_.query("SELECT id FROM org_nodes WHERE parent_id = ? AND kind = 'compound' ORDER BY id",
                                       {seed_.node(community)})) {
        compounds.push_back(row.i64(0));
      }
    }
    calendar_start_ = "2021-03-01";
    for (std::size_t i = 0; i < compounds.size(); ++i) {
      std::size_t visits = kTotalVisits / compounds.size() + (i < kTotalVisits % compounds.size() ? 1 : 0);
      elect_and_file(compounds[i], i, visits);
    }
    audit::record(tx_, "cli:seed", "elections.seed", "street",
                  {{"pilot_compounds", compounds.size()}, {"visits", kTotalVisits}});
    std::string today = street_date(tx_.now());
    calendar_start_ = publicity_end(today, -21);
    reelect_open_for_voting(seed_.node("desheng-xincun"));
    calendar_start_ = publicity_end(today, -11);
    first_election_awaiting_sign_off(seed_.node("xi-si"));
  }

 private:
  // The date `days` after the calendar's start.
  std::string day(std::int64_t days) const { return publicity_end(calendar_start_, days + 1); }

  // The supervisor signs off the election's current step, as the rules have it set up.
  void sign_off(std::int64_t id, const std::string& note, std::int64_t today) {
    auto current = *find_election(tx_.connection(), id);
    sign_off_step(tx_, current, current.current_step, supervisor_, note, day(today),
                  filing_at(current.current_step, filing_facts(tx_.connection(), current)));
  }

  void sign_and_open(const Election& election, std::int64_t step, std::int64_t& today) {
    sign_off(election.id, "", today);
    auto current = *find_election(tx_.connection(), election.id);
    open_step(tx_, current, step, step_opening(current, step, day(today), opening_facts(tx_.connection(), current)));
    if (has_publicity(step)) today += 10;
  }

  void count(const Election& election) {
    Round round = *current_round(tx_.connection(), election.id);
    RoundFacts facts = round_facts(tx_.connection(), election, round);
    save_count(tx_, election, round, count_of_round(election, round, facts), facts.ballots);
  }

  // Steps 1–6: publicity, the roll, visits, seven vetted candidates (the commissioner first when
  // standing); returns the election with voting open and its candidates.
  std::pair<Election, std::vector<std::int64_t>> run_to_voting(std::int64_t id, std::int64_t compound_id,
                                                               bool commissioner_may_stand, std::size_t visits,
                                                               std::int64_t& today) {
    auto commissioner = committees::current_commissioner(tx_.connection(), compound_id);
    bool commissioner_stands = commissioner && commissioner_may_stand;
    std::vector<std::int64_t> people;
    if (commissioner_stands) people.push_back(*commissioner);
    auto residents = standing_residents(tx_, compound_id, commissioner.value_or(0), kCandidates - people.size());
    people.insert(people.end(), residents.begin(), residents.end());
    for (std::int64_t step = kPublicity; step <= kNomination; ++step) {
      sign_and_open(*find_election(tx_.connection(), id), step, today);
    }
    Election election = *find_election(tx_.connection(), id);
    std::int64_t visitor = commissioner.value_or(people.back());
    for (std::size_t v = 0; v < visits; ++v) {
      add_visit(tx_, {compound_id, id, visitor, people[v % people.size()], day(today - 1), "入户走访，了解参选意愿"});
    }
    std::vector<std::int64_t> candidates;
    for (std::size_t c = 0; c < people.size(); ++c) {
      auto origin =
          c == 0 && commissioner_stands ? committees::Origin::Commissioner : kOrigins[c % std::size(kOrigins)];
      candidates.push_back(add_candidate(tx_, election, {people[c], Nomination::Organisation, "社区党组织", origin}));
      vet_candidate(tx_, election, candidates.back(), Vetting::Approved, "符合参选条件");
    }
    sign_and_open(election, kVetting, today);
    sign_and_open(*find_election(tx_.connection(), id), kVoting, today);
    return {*find_election(tx_.connection(), id), candidates};
  }

  // Online ballots from the roll, in person order, but for the voters `stays_home` picks.
  void cast_ballots(const Election& election, const std::vector<std::int64_t>& candidates, std::int64_t today,
                    const std::function<bool(std::size_t, std::int64_t)>& stays_home) {
    Round round = *current_round(tx_.connection(), election.id);
    std::size_t k = 0;
    for (const auto& row :
         tx_.query("SELECT person_id FROM election_voters WHERE election_id = ? ORDER BY person_id", {election.id})) {
      if (stays_home(k++, row.i64(0))) continue;
      std::string token = issue_ballot_token(tx_, election, round, row.i64(0));
      cast_ballot(tx_, election, round, token, demo_choices(candidates, k), day(today));
    }
  }

  void elect_and_file(std::int64_t compound_id, std::size_t index, std::size_t visits) {
    std::int64_t id = create_election(tx_, {compound_id, "2021年小区自管会差额选举（7选5）", kSeats}, admin_);
    std::int64_t today = static_cast<std::int64_t>(index);
    auto [election, candidates] = run_to_voting(id, compound_id, index != kCommissionerNotStanding, visits, today);
    cast_ballots(election, candidates, today, [](std::size_t k, std::int64_t) { return k % 4 == 3; });
    count(election);
    sign_and_open(election, kFiling, today);
    sign_off(id, "结果已公示，无异议", today);
  }

  // Half of the roll has voted online; the demo resident has not.
  void reelect_open_for_voting(std::int64_t compound_id) {
    std::int64_t id = create_election(tx_, {compound_id, "2026年小区自管会换届选举（7选5）", kSeats}, admin_);
    std::int64_t today = 0;
    auto [election, candidates] = run_to_voting(id, compound_id, true, 6, today);
    auto resident = resident_person(tx_);
    cast_ballots(election, candidates, today,
                 [&](std::size_t k, std::int64_t person) { return k % 2 == 1 || person == resident; });
  }

  void first_election_awaiting_sign_off(std::int64_t compound_id) {
    std::int64_t id = create_election(tx_, {compound_id, "2026年小区自管会首届选举（7选5）", kSeats}, admin_);
    std::int64_t today = 0;
    sign_and_open(*find_election(tx_.connection(), id), kPublicity, today);
  }

  modules::SeedContext& seed_;
  store::Tx& tx_;
  std::int64_t admin_;
  std::int64_t supervisor_;
  std::string calendar_start_;
};

}  // namespace

void seed_demo(modules::SeedContext& seed) {
  if (seed.size != modules::SeedSize::Demo) return;
  DemoElections(seed).run();
}

}  // namespace weizhi::elections
