// SQL of the elections module. Secret ballots are written so that no row links them to a voter:
// the roll line keeps only the last round voted in, the ballot keeps only the day and is keyed by
// its random receipt code, and counting a round rewrites its ballots in key order and seals them.
#include "modules/elections/store.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/committees/committees.hpp"
#include "modules/elections/cli.hpp"
#include "modules/elections/rules.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::elections {

namespace {

constexpr const char* kElectionColumns =
    "SELECT e.id, e.compound_node_id, e.title, e.seats, e.roll_policy, e.majority_base, e.step_names, e.current_step, "
    "e.state, e.committee_id, e.created_at FROM elections e ";

Election to_election(const store::Row& row) {
  return Election{row.i64(0),
                  row.i64(1),
                  row.text(2),
                  row.i64(3),
                  parse_roll_policy(row.text(4)).value_or(RollPolicy::Household),
                  parse_majority_base(row.text(5)).value_or(MajorityBase::Returned),
                  parse_json(row.text(6)).get<std::vector<std::string>>(),
                  row.i64(7),
                  parse_state(row.text(8)).value_or(ElectionState::Running),
                  row.optional_i64(9),
                  row.text(10)};
}

Round to_round(const store::Row& row) {
  return Round{row.i64(0),           parse_round_kind(row.text(1)).value_or(RoundKind::First),
               row.i64(2),           parse_choices_text(row.text(3)).value_or(std::vector<std::int64_t>{}),
               row.optional_text(4), row.optional_text(5)};
}

constexpr const char* kRoundColumns =
    "SELECT round, kind, seats, candidate_ids, result, lot_drawing FROM election_rounds WHERE election_id = ? ";

std::optional<StepRecord> step_record(store::Connection& connection, std::int64_t election_id, std::int64_t step) {
  for (auto& record : steps_of(connection, election_id)) {
    if (record.step == step) return record;
  }
  return std::nullopt;
}

void insert_ballot(store::Tx& tx, std::int64_t election_id, std::int64_t round, const SealedBallot& ballot) {
  tx.exec(
      "INSERT INTO election_ballots (receipt_code, election_id, round, channel, choices, cast_on) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {ballot.receipt_code, election_id, round, ballot.channel, ballot.choices, ballot.cast_on});
}

// Stores a secret ballot of the round under a random receipt code, its key, and returns the code.
std::string store_secret_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& channel,
                                const std::vector<std::int64_t>& choices, const std::string& today) {
  SealedBallot ballot{voting::receipt_code(crypto::random_hex(10)), channel, choices_text(choices), today};
  insert_ballot(tx, election.id, round.round, ballot);
  return ballot.receipt_code;
}

// The round's ballots in key order, the order the ballot box's hash follows.
std::vector<SealedBallot> ballots_of_round(store::Connection& connection, std::int64_t election_id,
                                           std::int64_t round) {
  std::vector<SealedBallot> ballots;
  for (const auto& row : connection.query(
           "SELECT receipt_code, channel, choices, cast_on FROM election_ballots WHERE election_id = ? AND round = ? "
           "ORDER BY receipt_code",
           {election_id, round})) {
    ballots.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
  }
  return ballots;
}

// Closes the round's ballot box: its ballots are written again, all in this one transaction and
// in key order, so that where and by which transaction each was stored no longer follows casting
// (PostgreSQL's row positions and xmin, SQLite's page layout), and the count and running hash
// are kept in the round's record for `weizhi verify`.
void seal_ballot_box(store::Tx& tx, std::int64_t election_id, std::int64_t round,
                     const std::vector<SealedBallot>& ballots) {
  tx.exec("DELETE FROM election_ballots WHERE election_id = ? AND round = ?", {election_id, round});
  for (const auto& ballot : ballots) insert_ballot(tx, election_id, round, ballot);
  tx.exec("UPDATE election_rounds SET ballot_count = ?, ballot_hash = ? WHERE election_id = ? AND round = ?",
          {static_cast<std::int64_t>(ballots.size()), ballot_box_hash(ballots), election_id, round});
}

// Whether the person lives in the compound (home node in its subtree), holds a part there, or is
// its commissioner: who may stand in its election.
bool belongs_to_compound(store::Connection& connection, std::int64_t person_id, std::int64_t compound_id) {
  auto compound = org::find_node(connection, compound_id);
  if (!compound) return false;
  store::Params params{person_id};
  for (auto& param : org::subtree_params(compound->path)) params.push_back(param);
  params.push_back(person_id);
  for (auto& param : org::subtree_params(compound->path)) params.push_back(param);
  if (connection.query_one(
          "SELECT 1 FROM people p JOIN org_nodes h ON h.id = p.home_node_id WHERE p.id = ? AND " +
              org::subtree_condition(connection.dialect(), "h.path") +
              " UNION SELECT 1 FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id WHERE l.person_id = ? AND " +
              org::subtree_condition(connection.dialect(), "n.path"),
          params)) {
    return true;
  }
  return committees::current_commissioner(connection, compound_id) == person_id;
}

void insert_round(store::Tx& tx, std::int64_t election_id, std::int64_t number, RoundKind kind, std::int64_t seats,
                  const std::vector<std::int64_t>& candidate_ids) {
  tx.exec("INSERT INTO election_rounds (election_id, round, kind, seats, candidate_ids) VALUES (?, ?, ?, ?, ?)",
          {election_id, number, round_kind_code(kind), seats, choices_text(candidate_ids)});
}

std::vector<std::string> names_of(const std::vector<std::int64_t>& ids) {
  std::vector<std::string> names;
  for (std::int64_t id : ids) names.push_back(std::to_string(id));
  return names;
}

Json votes_json(const std::vector<CandidateVotes>& entries) {
  Json list = Json::array();
  for (const auto& entry : entries)
    list.push_back({{"candidate_id", std::stoll(entry.candidate)}, {"votes", entry.votes}});
  return list;
}

std::vector<CandidateVotes> votes_from_json(const Json& list) {
  std::vector<CandidateVotes> entries;
  for (const auto& entry : list) {
    entries.push_back({std::to_string(entry["candidate_id"].get<std::int64_t>()), entry["votes"].get<std::int64_t>()});
  }
  return entries;
}

// The stored form of a round's count: every figure the console explains, candidate ids as numbers.
Json round_result_json(const CountResult& result, std::int64_t issued, std::int64_t returned) {
  Json runoff = Json::array(), lot = Json::array();
  for (const auto& id : result.runoff) runoff.push_back(std::stoll(id));
  for (const auto& id : result.lot_needed) lot.push_back(std::stoll(id));
  return {{"issued", issued},
          {"returned", returned},
          {"valid_ballots", result.valid_ballots},
          {"void_ballots", result.void_ballots},
          {"round_valid", result.round_valid()},
          {"round_void", round_void_code(result.round_void)},
          {"base", result.base},
          {"tally", votes_json(result.tally)},
          {"elected", votes_json(result.elected)},
          {"runoff", runoff},
          {"runoff_seats", result.runoff_seats},
          {"vacant_seats", result.vacant_seats},
          {"alternates", votes_json(result.alternates)},
          {"lot_needed", lot}};
}

}  // namespace

std::int64_t create_election(store::Tx& tx, const ElectionInput& input, std::int64_t user_id) {
  auto compound = org::find_node(tx.connection(), input.compound_node_id);
  if (!compound || compound->kind != org::NodeKind::Compound) fail_not_found("找不到该小区");
  const auto& names = input.step_names.empty() ? default_step_names() : input.step_names;
  std::string now = iso_utc(tx.now());
  auto row = tx.query_one(
      "INSERT INTO elections (compound_node_id, title, seats, roll_policy, majority_base, step_names, current_step, "
      "state, created_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'running', ?, ?) RETURNING id",
      {input.compound_node_id, input.title, input.seats, roll_policy_code(input.roll_policy),
       majority_base_code(input.majority_base), Json(names).dump(), user_id, now});
  std::int64_t id = row->i64(0);
  tx.exec("INSERT INTO election_steps (election_id, step, opened_at) VALUES (?, 1, ?)", {id, now});
  return id;
}

std::optional<Election> find_election(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one(std::string(kElectionColumns) + "WHERE e.id = ?", {id});
  if (!row) return std::nullopt;
  return to_election(*row);
}

std::vector<Election> elections_under(store::Connection& connection, const std::string& path) {
  std::vector<Election> list;
  for (const auto& row :
       connection.query(std::string(kElectionColumns) + "JOIN org_nodes c ON c.id = e.compound_node_id WHERE " +
                            org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY e.id",
                        org::subtree_params(path))) {
    list.push_back(to_election(row));
  }
  return list;
}

std::vector<VoterElection> elections_of_voter(store::Connection& connection, std::int64_t person_id) {
  std::vector<VoterElection> list;
  for (const auto& row :
       connection.query(std::string(kElectionColumns) + "JOIN election_voters v ON v.election_id = e.id "
                                                        "WHERE v.person_id = ? ORDER BY e.id DESC",
                        {person_id})) {
    Election election = to_election(row);
    auto voted_round = connection.scalar(
        "SELECT voted_round FROM election_voters WHERE election_id = ? AND person_id = ?", {election.id, person_id});
    list.push_back(VoterElection{std::move(election), voted_round});
  }
  return list;
}

std::vector<StepRecord> steps_of(store::Connection& connection, std::int64_t election_id) {
  std::vector<StepRecord> steps;
  for (const auto& row : connection.query(
           "SELECT s.step, s.opened_at, s.publicity_ends_on, s.signed_off_by_user_id, s.signed_off_at, u.display_name, "
           "s.sign_off_note FROM election_steps s LEFT JOIN users u ON u.id = s.signed_off_by_user_id "
           "WHERE s.election_id = ? ORDER BY s.step",
           {election_id})) {
    steps.push_back(StepRecord{row.i64(0), row.text(1), row.optional_text(2), row.optional_i64(3), row.optional_text(4),
                               row.optional_text(5), row.optional_text(6)});
  }
  return steps;
}

SignOffFacts sign_off_facts(store::Connection& connection, const Election& election, std::int64_t step,
                            const std::string& today) {
  auto record = step_record(connection, election.id, step);
  SignOffFacts facts{step};
  facts.already_signed = record->signed_off_at.has_value();
  facts.publicity_ends_on = record->publicity_ends_on;
  facts.today = today;
  facts.seats = election.seats;
  facts.voters = connection.scalar("SELECT COUNT(*) FROM election_voters WHERE election_id = ?", {election.id});
  facts.candidates_pending = connection.scalar(
      "SELECT COUNT(*) FROM election_candidates WHERE election_id = ? AND vetting = 'pending'", {election.id});
  facts.candidates_approved = connection.scalar(
      "SELECT COUNT(*) FROM election_candidates WHERE election_id = ? AND vetting = 'approved'", {election.id});
  auto round = current_round(connection, election.id);
  facts.final_count = round && round->result;
  facts.unanswered_complaints = connection.scalar(
      "SELECT COUNT(*) FROM election_complaints WHERE election_id = ? AND answer IS NULL", {election.id});
  return facts;
}

std::optional<committees::Succession> sign_off_step(store::Tx& tx, const Election& election, std::int64_t step,
                                                    std::int64_t supervisor_user_id, const std::string& note,
                                                    const std::string& today) {
  tx.exec(
      "UPDATE election_steps SET signed_off_by_user_id = ?, signed_off_at = ?, sign_off_note = ? "
      "WHERE election_id = ? AND step = ?",
      {supervisor_user_id, iso_utc(tx.now()), note, election.id, step});
  if (step != kFiling) return std::nullopt;
  auto succession = file_result(tx, election, today);
  tx.exec("UPDATE elections SET state = 'filed', committee_id = ? WHERE id = ?",
          {succession.committee_id, election.id});
  return succession;
}

bool signed_off(store::Connection& connection, std::int64_t election_id, std::int64_t step) {
  auto record = step_record(connection, election_id, step);
  return record && record->signed_off_at;
}

std::int64_t open_step(store::Tx& tx, const Election& election, std::int64_t step, const std::string& today) {
  std::optional<std::string> publicity_ends_on;
  if (has_publicity(step)) {
    auto policy = committees::policy_for_node(tx.connection(), election.compound_node_id);
    publicity_ends_on = publicity_end(today, policy.publicity_days);
  }
  tx.exec("INSERT INTO election_steps (election_id, step, opened_at, publicity_ends_on) VALUES (?, ?, ?, ?)",
          {election.id, step, iso_utc(tx.now()), publicity_ends_on});
  tx.exec("UPDATE elections SET current_step = ? WHERE id = ?", {step, election.id});
  if (step == kRegistration) {
    auto compound = org::find_node(tx.connection(), election.compound_node_id);
    auto params = org::subtree_params(compound->path);
    std::vector<Household> links;
    for (const auto& row :
         tx.query("SELECT l.part_node_id, l.person_id, l.relation, l.designated_voter, pe.birth_year FROM part_links l "
                  "JOIN people pe ON pe.id = l.person_id JOIN parts p ON p.node_id = l.part_node_id "
                  "JOIN org_nodes n ON n.id = l.part_node_id WHERE pe.is_developer = 0 AND p.use NOT IN ('parking', "
                  "'stall') AND " +
                      org::subtree_condition(tx.dialect(), "n.path"),
                  params)) {
      links.push_back(Household{row.i64(0), row.i64(1), row.text(2) == "owner", row.i64(3) != 0, row.optional_i64(4)});
    }
    int year = std::stoi(today.substr(0, 4));
    auto voters = roll_of(links, election.roll_policy, year);
    for (std::int64_t person : voters) {
      tx.exec("INSERT INTO election_voters (election_id, person_id) VALUES (?, ?)", {election.id, person});
    }
    return static_cast<std::int64_t>(voters.size());
  }
  if (step == kVoting) {
    std::vector<std::int64_t> approved;
    for (const auto& candidate : candidates_of(tx.connection(), election.id)) {
      if (candidate.vetting == Vetting::Approved) approved.push_back(candidate.id);
    }
    insert_round(tx, election.id, 1, RoundKind::First, election.seats, approved);
  }
  return 0;
}

std::int64_t add_visit(store::Tx& tx, const VisitInput& visit) {
  for (std::int64_t person : {visit.visitor_person_id, visit.visited_person_id}) {
    if (!tx.query_one("SELECT id FROM people WHERE id = ?", {person})) fail_not_found("找不到该人员");
  }
  auto row = tx.query_one(
      "INSERT INTO election_visits (compound_node_id, election_id, visitor_person_id, visited_person_id, visited_on, "
      "notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {visit.compound_node_id, visit.election_id, visit.visitor_person_id, visit.visited_person_id, visit.visited_on,
       visit.notes, iso_utc(tx.now())});
  return row->i64(0);
}

std::vector<Visit> visits_of(store::Connection& connection, std::int64_t election_id) {
  std::vector<Visit> visits;
  for (const auto& row : connection.query(
           "SELECT v.id, v.compound_node_id, v.election_id, v.visitor_person_id, v.visited_person_id, v.visited_on, "
           "v.notes, a.name_masked, b.name_masked FROM election_visits v JOIN people a ON a.id = v.visitor_person_id "
           "JOIN people b ON b.id = v.visited_person_id WHERE v.election_id = ? ORDER BY v.id",
           {election_id})) {
    visits.push_back(Visit{row.i64(0),
                           {row.i64(1), row.optional_i64(2), row.i64(3), row.i64(4), row.text(5), row.text(6)},
                           row.text(7),
                           row.text(8)});
  }
  return visits;
}

NomineeFacts nominee_facts(store::Connection& connection, const Election& election, std::int64_t person_id) {
  NomineeFacts nominee;
  nominee.is_person = connection.query_one("SELECT id FROM people WHERE id = ?", {person_id}).has_value();
  nominee.belongs_to_compound =
      nominee.is_person && belongs_to_compound(connection, person_id, election.compound_node_id);
  nominee.already_nominated =
      connection
          .query_one("SELECT id FROM election_candidates WHERE election_id = ? AND person_id = ?",
                     {election.id, person_id})
          .has_value();
  return nominee;
}

std::int64_t add_candidate(store::Tx& tx, const Election& election, const CandidateInput& candidate) {
  auto row = tx.query_one(
      "INSERT INTO election_candidates (election_id, person_id, nomination, nominated_by, origin, vetting, created_at) "
      "VALUES (?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
      {election.id, candidate.person_id, nomination_code(candidate.nomination), candidate.nominated_by,
       committees::origin_code(candidate.origin), iso_utc(tx.now())});
  return row->i64(0);
}

void vet_candidate(store::Tx& tx, const Election& election, std::int64_t candidate_id, Vetting vetting,
                   const std::string& reason) {
  if (tx.exec("UPDATE election_candidates SET vetting = ?, vetting_reason = ? WHERE id = ? AND election_id = ?",
              {vetting_code(vetting), reason, candidate_id, election.id}) == 0) {
    fail_not_found("找不到该候选人");
  }
}

std::vector<Candidate> candidates_of(store::Connection& connection, std::int64_t election_id) {
  std::vector<Candidate> list;
  for (const auto& row :
       connection.query("SELECT c.id, c.person_id, p.name_masked, p.party_member, c.nomination, c.nominated_by, "
                        "c.origin, c.vetting, "
                        "c.vetting_reason FROM election_candidates c JOIN people p ON p.id = c.person_id "
                        "WHERE c.election_id = ? ORDER BY c.id",
                        {election_id})) {
    list.push_back(Candidate{row.i64(0), row.i64(1), row.text(2), row.i64(3) != 0,
                             parse_nomination(row.text(4)).value_or(Nomination::Self), row.text(5), row.text(6),
                             parse_vetting(row.text(7)).value_or(Vetting::Pending), row.optional_text(8)});
  }
  return list;
}

bool on_roll(store::Connection& connection, std::int64_t election_id, std::int64_t person_id) {
  return connection
      .query_one("SELECT 1 FROM election_voters WHERE election_id = ? AND person_id = ?", {election_id, person_id})
      .has_value();
}

std::int64_t add_complaint(store::Tx& tx, const Election& election, const std::string& text) {
  auto row = tx.query_one(
      "INSERT INTO election_complaints (election_id, step, text, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {election.id, election.current_step, text, iso_utc(tx.now())});
  return row->i64(0);
}

void answer_complaint(store::Tx& tx, const Election& election, std::int64_t complaint_id, const std::string& answer) {
  if (tx.exec("UPDATE election_complaints SET answer = ?, answered_at = ? WHERE id = ? AND election_id = ? AND answer "
              "IS NULL",
              {answer, iso_utc(tx.now()), complaint_id, election.id}) == 0) {
    fail_not_found("找不到待答复的该异议");
  }
}

std::vector<Complaint> complaints_of(store::Connection& connection, std::int64_t election_id) {
  std::vector<Complaint> list;
  for (const auto& row : connection.query(
           "SELECT id, step, text, answer, created_at FROM election_complaints WHERE election_id = ? ORDER BY id",
           {election_id})) {
    list.push_back(Complaint{row.i64(0), row.i64(1), row.text(2), row.optional_text(3), row.text(4)});
  }
  return list;
}

std::optional<Round> current_round(store::Connection& connection, std::int64_t election_id) {
  auto row = connection.query_one(std::string(kRoundColumns) + "ORDER BY round DESC LIMIT 1", {election_id});
  if (!row) return std::nullopt;
  return to_round(*row);
}

std::vector<Round> rounds_of(store::Connection& connection, std::int64_t election_id) {
  std::vector<Round> rounds;
  for (const auto& row : connection.query(std::string(kRoundColumns) + "ORDER BY round", {election_id})) {
    rounds.push_back(to_round(row));
  }
  return rounds;
}

std::optional<std::int64_t> voted_round(store::Connection& connection, std::int64_t election_id,
                                        std::int64_t person_id) {
  auto voter = connection.query_one("SELECT voted_round FROM election_voters WHERE election_id = ? AND person_id = ?",
                                    {election_id, person_id});
  if (!voter) return std::nullopt;
  return voter->i64(0);
}

std::string issue_ballot_token(store::Tx& tx, const Election& election, const Round& round, std::int64_t person_id) {
  std::string token = crypto::random_hex(24);
  tx.exec("UPDATE election_voters SET token_hash = ?, token_round = ? WHERE election_id = ? AND person_id = ?",
          {crypto::token_digest(token), round.round, election.id, person_id});
  return token;
}

std::string cast_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& token,
                        const std::vector<std::int64_t>& choices, const std::string& today) {
  // Consuming the token forgets its hash: afterwards the roll line says only "voted in round N".
  if (tx.exec("UPDATE election_voters SET token_hash = NULL, voted_round = ? "
              "WHERE election_id = ? AND token_hash = ? AND token_round = ? AND voted_round < ?",
              {round.round, election.id, crypto::token_digest(token), round.round, round.round}) == 0) {
    fail_forbidden("选票凭证无效或已使用");
  }
  return store_secret_ballot(tx, election, round, "online", choices, today);
}

void record_paper_account(store::Tx& tx, const Election& election, const Round& round, std::int64_t issued,
                          std::int64_t returned, std::int64_t spoiled, std::int64_t user_id) {
  tx.exec("DELETE FROM election_paper_accounts WHERE election_id = ? AND round = ?", {election.id, round.round});
  tx.exec(
      "INSERT INTO election_paper_accounts (election_id, round, issued, returned, spoiled, recorded_by_user_id) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {election.id, round.round, issued, returned, spoiled, user_id});
}

paper_entry::Form paper_ballot(store::Connection& connection, std::int64_t election_id, std::int64_t round,
                               const std::string& ballot_number) {
  paper_entry::Form ballot;
  for (const auto& entry : connection.query("SELECT clerk_user_id, choices, settled FROM election_paper_entries "
                                            "WHERE election_id = ? AND round = ? AND ballot_number = ?",
                                            {election_id, round, ballot_number})) {
    ballot.entries.push_back(paper_entry::Entry{entry.i64(0), entry.text(1)});
    ballot.counted = ballot.counted || entry.i64(2) != 0;
  }
  return ballot;
}

void save_paper_entry(store::Tx& tx, const Election& election, const Round& round, const std::string& ballot_number,
                      std::int64_t clerk_user_id, const std::vector<std::int64_t>& choices,
                      paper_entry::Outcome outcome, const std::string& today) {
  tx.exec(
      "INSERT INTO election_paper_entries (election_id, round, ballot_number, clerk_user_id, choices) "
      "VALUES (?, ?, ?, ?, ?)",
      {election.id, round.round, ballot_number, clerk_user_id, choices_text(choices)});
  if (outcome == paper_entry::Outcome::Counted) settle_paper_ballot(tx, election, round, ballot_number, choices, today);
}

void settle_paper_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& ballot_number,
                         const std::vector<std::int64_t>& choices, const std::string& today) {
  tx.exec("UPDATE election_paper_entries SET settled = 1 WHERE election_id = ? AND round = ? AND ballot_number = ?",
          {election.id, round.round, ballot_number});
  store_secret_ballot(tx, election, round, "paper", choices, today);
}

std::vector<std::string> held_paper_ballots(store::Connection& connection, const Election& election) {
  auto round = current_round(connection, election.id);
  std::vector<std::string> held;
  if (!round) return held;
  for (const auto& row : connection.query(
           "SELECT ballot_number FROM election_paper_entries WHERE election_id = ? AND round = ? AND settled = 0 "
           "GROUP BY ballot_number HAVING COUNT(*) > 1 ORDER BY ballot_number",
           {election.id, round->round})) {
    held.push_back(row.text(0));
  }
  return held;
}

std::optional<Receipt> find_receipt(store::Connection& connection, const std::string& code) {
  auto row = connection.query_one(
      "SELECT b.election_id, e.title, b.round, b.channel, b.cast_on, CASE WHEN r.result IS NULL THEN 0 ELSE 1 END "
      "FROM election_ballots b "
      "JOIN elections e ON e.id = b.election_id JOIN election_rounds r ON r.election_id = b.election_id AND r.round = "
      "b.round "
      "WHERE b.receipt_code = ?",
      {code});
  if (!row) return std::nullopt;
  return Receipt{row->i64(0), row->text(1), row->i64(2), row->text(3), row->text(4), row->i64(5) != 0};
}

CountResult count_current_round(store::Tx& tx, const Election& election) {
  Round round = ballot_round(election, current_round(tx.connection(), election.id));
  auto& connection = tx.connection();
  auto account =
      tx.query_one("SELECT issued, returned FROM election_paper_accounts WHERE election_id = ? AND round = ?",
                   {election.id, round.round});
  std::int64_t paper_counted = connection.scalar(
      "SELECT COUNT(*) FROM election_ballots WHERE election_id = ? AND round = ? AND channel = 'paper'",
      {election.id, round.round});
  std::int64_t paper_typed = connection.scalar(
      "SELECT COUNT(DISTINCT ballot_number) FROM election_paper_entries WHERE election_id = ? AND round = ?",
      {election.id, round.round});
  check_paper_counted(account ? std::optional<PaperAccount>({account->i64(0), account->i64(1)}) : std::nullopt,
                      paper_typed, paper_counted);
  CountInput input;
  input.kind = round.kind;
  input.seats = round.seats;
  input.candidates = names_of(round.candidate_ids);
  input.majority_base = election.majority_base;
  input.voters = connection.scalar("SELECT COUNT(*) FROM election_voters WHERE election_id = ?", {election.id});
  std::int64_t online_issued = connection.scalar(
      "SELECT COUNT(*) FROM election_voters WHERE election_id = ? AND token_round = ?", {election.id, round.round});
  input.issued = online_issued + (account ? account->i64(0) : 0);
  auto ballots = ballots_of_round(connection, election.id, round.round);
  for (const auto& ballot : ballots) {
    auto choices = parse_choices_text(ballot.choices).value_or(std::vector<std::int64_t>{});
    input.ballots.push_back(CountBallot{choice_indexes(choices, round.candidate_ids, "choices")});
  }
  CountResult result;
  try {
    result = count_round(input);
  } catch (const InvalidCount& error) {
    fail_conflict(error.what());
  }
  auto returned = static_cast<std::int64_t>(input.ballots.size());
  tx.exec("UPDATE election_rounds SET result = ? WHERE election_id = ? AND round = ?",
          {round_result_json(result, *input.issued, returned).dump(), election.id, round.round});
  seal_ballot_box(tx, election.id, round.round, ballots);
  if (auto next = next_round(round, result)) {
    insert_round(tx, election.id, round.round + 1, next->kind, next->seats, next->candidate_ids);
  }
  return result;
}

void record_lot(store::Tx& tx, const Election& election, std::int64_t number, const std::vector<std::int64_t>& drawn) {
  check_step_allows(election, {kVoting, kFiling}, "抽签");
  auto row = tx.query_one(std::string(kRoundColumns) + "AND round = ?", {election.id, number});
  if (!row) fail_not_found("找不到该轮次");
  Round round = to_round(*row);
  if (!round.result) fail_conflict("该轮尚未计票");
  auto alternates = votes_from_json(parse_json(*round.result)["alternates"]);
  try {
    apply_lot(alternates, names_of(drawn));
  } catch (const InvalidCount& error) {
    fail_invalid("order", error.what());
  }
  Json previous = round.lot_drawing ? parse_json(*round.lot_drawing) : Json::array();
  previous.push_back(drawn);
  tx.exec("UPDATE election_rounds SET lot_drawing = ? WHERE election_id = ? AND round = ?",
          {previous.dump(), election.id, number});
}

committees::Succession file_result(store::Tx& tx, const Election& election, const std::string& today) {
  auto rounds = rounds_of(tx.connection(), election.id);
  std::map<std::int64_t, Candidate> candidates;
  for (auto& candidate : candidates_of(tx.connection(), election.id)) candidates.emplace(candidate.id, candidate);
  std::vector<CandidateVotes> elected;
  std::set<std::string> elected_ids;
  std::vector<CandidateVotes> alternates;
  for (const auto& round : rounds) {
    if (!round.result) continue;
    Json result = parse_json(*round.result);
    if (!result["round_valid"].get<bool>()) continue;
    for (const auto& entry : votes_from_json(result["elected"])) {
      elected.push_back(entry);
      elected_ids.insert(entry.candidate);
    }
    if (round.kind == RoundKind::First) {
      alternates = votes_from_json(result["alternates"]);
      if (round.lot_drawing) {
        for (const auto& drawn : parse_json(*round.lot_drawing)) {
          alternates = apply_lot(alternates, names_of(drawn.get<std::vector<std::int64_t>>()));
        }
      }
    }
  }
  auto succession = committees::succeed_committee(tx, election.compound_node_id, today);
  std::int64_t committee_id = succession.committee_id;
  auto person_of = [&](const std::string& candidate_id) -> const Candidate& {
    return candidates.at(std::stoll(candidate_id));
  };
  auto commissioner = committees::current_commissioner(tx.connection(), election.compound_node_id);
  bool commissioner_elected = false;
  for (const auto& entry : elected) {
    const Candidate& candidate = person_of(entry.candidate);
    commissioner_elected = commissioner_elected || (commissioner && *commissioner == candidate.person_id);
    committees::add_member(
        tx, committee_id,
        {candidate.person_id, committees::Position::Member,
         committees::parse_origin(candidate.origin).value_or(committees::Origin::EnthusiasticResident), entry.votes});
  }
  auto policy = committees::policy_for_node(tx.connection(), election.compound_node_id);
  if (commissioner && !commissioner_elected && policy.commissioner_joins == committees::CommissionerJoins::ExOfficio) {
    committees::add_member(tx, committee_id,
                           {*commissioner, committees::Position::Member, committees::Origin::Commissioner});
  }
  for (const auto& entry : alternates) {
    if (elected_ids.count(entry.candidate)) continue;
    const Candidate& candidate = person_of(entry.candidate);
    if (commissioner && *commissioner == candidate.person_id) continue;
    committees::add_alternate(
        tx, committee_id,
        {candidate.person_id,
         committees::parse_origin(candidate.origin).value_or(committees::Origin::EnthusiasticResident), entry.votes});
  }
  return succession;
}

std::vector<BallotBoxMismatch> verify_ballot_boxes(store::Connection& connection) {
  std::vector<BallotBoxMismatch> mismatches;
  for (const auto& row : connection.query(
           "SELECT election_id, round, ballot_count, ballot_hash FROM election_rounds WHERE ballot_hash IS NOT NULL "
           "ORDER BY election_id, round")) {
    auto ballots = ballots_of_round(connection, row.i64(0), row.i64(1));
    if (static_cast<std::int64_t>(ballots.size()) != row.i64(2) || ballot_box_hash(ballots) != row.text(3)) {
      mismatches.push_back({row.i64(0), row.i64(1), row.i64(2), static_cast<std::int64_t>(ballots.size())});
    }
  }
  return mismatches;
}

SelfManagementStats self_management_stats(store::Connection& connection) {
  SelfManagementStats stats;
  // Elections count once their result is filed; members once their committee is the current one.
  stats.pilot_communities = connection.scalar(
      "SELECT COUNT(DISTINCT c.parent_id) FROM elections e JOIN org_nodes c ON c.id = "
      "e.compound_node_id WHERE e.state = 'filed'");
  stats.pilot_compounds =
      connection.scalar("SELECT COUNT(DISTINCT compound_node_id) FROM elections WHERE state = 'filed'");
  stats.visits = connection.scalar(
      "SELECT COUNT(*) FROM election_visits v JOIN elections e ON e.id = v.election_id WHERE e.state = 'filed'");
  stats.candidates = connection.scalar(
      "SELECT COUNT(*) FROM election_candidates c JOIN elections e ON e.id = c.election_id WHERE e.state = 'filed'");
  stats.committee_members = connection.scalar(
      "SELECT COUNT(*) FROM committee_members m JOIN committees c ON c.id = m.committee_id "
      "WHERE m.left_at IS NULL AND c.ended_on IS NULL");
  stats.commissioners_on_committees = connection.scalar(
      "SELECT COUNT(DISTINCT m.person_id) FROM committee_members m JOIN committees c ON c.id = m.committee_id "
      "JOIN commissioner_assignments a ON a.person_id = m.person_id AND a.compound_node_id = c.compound_node_id "
      "WHERE m.left_at IS NULL AND c.ended_on IS NULL AND a.until IS NULL");
  // The smallest share, exact: compared by cross-multiplication.
  for (const auto& row :
       connection.query("SELECT m.committee_id, SUM(p.party_member), COUNT(*) FROM committee_members m "
                        "JOIN committees c ON c.id = m.committee_id JOIN people p ON p.id = m.person_id "
                        "WHERE m.left_at IS NULL AND c.ended_on IS NULL GROUP BY m.committee_id")) {
    std::pair<std::int64_t, std::int64_t> share{row.i64(1), row.i64(2)};
    const auto& least = stats.min_party_share;
    if (!least || share.first * least->second < least->first * share.second) stats.min_party_share = share;
  }
  return stats;
}

}  // namespace weizhi::elections
