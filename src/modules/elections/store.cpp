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
#include "store/rows.hpp"

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
                  parse_code(kRollPolicies, row.text(4)).value_or(RollPolicy::Household),
                  parse_code(kMajorityBases, row.text(5)).value_or(MajorityBase::Returned),
                  parse_json(row.text(6)).get<std::vector<std::string>>(),
                  row.i64(7),
                  parse_code(kStates, row.text(8)).value_or(ElectionState::Running),
                  row.optional_i64(9),
                  row.text(10)};
}

Round to_round(const store::Row& row) {
  return Round{row.i64(0),           parse_code(kRoundKinds, row.text(1)).value_or(RoundKind::First),
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
  return store::map_rows(
      connection.query(
          "SELECT receipt_code, channel, choices, cast_on FROM election_ballots WHERE election_id = ? AND round = ? "
          "ORDER BY receipt_code",
          {election_id, round}),
      [](const store::Row& row) {
        return SealedBallot{row.text(0), row.text(1), row.text(2), row.text(3)};
      });
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
          {election_id, number, code_of(kRoundKinds, kind), seats, choices_text(candidate_ids)});
}

// Files the result: a new term's committee for the compound (the current one, if any, ends) with
// the members and alternates of `filing`.
committees::Succession file_result(store::Tx& tx, const Election& election, const std::string& today,
                                   const Filing& filing) {
  auto succession = committees::succeed_committee(tx, election.compound_node_id, today);
  for (const auto& member : filing.members) committees::add_member(tx, succession.committee_id, member);
  for (const auto& alternate : filing.alternates) committees::add_alternate(tx, succession.committee_id, alternate);
  return succession;
}

}  // namespace

std::int64_t create_election(store::Tx& tx, const ElectionInput& input, std::int64_t user_id) {
  const auto& names = input.step_names.empty() ? default_step_names() : input.step_names;
  std::string now = iso_utc(tx.now());
  auto row = tx.query_one(
      "INSERT INTO elections (compound_node_id, title, seats, roll_policy, majority_base, step_names, current_step, "
      "state, created_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'running', ?, ?) RETURNING id",
      {input.compound_node_id, input.title, input.seats, code_of(kRollPolicies, input.roll_policy),
       code_of(kMajorityBases, input.majority_base), Json(names).dump(), user_id, now});
  std::int64_t id = row->i64(0);
  tx.exec("INSERT INTO election_steps (election_id, step, opened_at) VALUES (?, 1, ?)", {id, now});
  return id;
}

std::optional<Election> find_election(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kElectionColumns) + "WHERE e.id = ?", {id}), to_election);
}

std::vector<Election> elections_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(
      connection.query(std::string(kElectionColumns) + "JOIN org_nodes c ON c.id = e.compound_node_id WHERE " +
                           org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY e.id",
                       org::subtree_params(path)),
      to_election);
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
  return store::map_rows(
      connection.query("SELECT step, opened_at, publicity_ends_on, signed_off_by_user_id, signed_off_at, sign_off_note "
                       "FROM election_steps WHERE election_id = ? ORDER BY step",
                       {election_id}),
      [](const store::Row& row) {
        return StepRecord{row.i64(0),          row.text(1),          row.optional_text(2),
                          row.optional_i64(3), row.optional_text(4), row.optional_text(5)};
      });
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

FilingFacts filing_facts(store::Connection& connection, const Election& election) {
  return FilingFacts{rounds_of(connection, election.id), candidates_of(connection, election.id),
                     committees::current_commissioner(connection, election.compound_node_id),
                     committees::policy_for_node(connection, election.compound_node_id).commissioner_joins};
}

std::optional<committees::Succession> sign_off_step(store::Tx& tx, const Election& election, std::int64_t step,
                                                    std::int64_t supervisor_user_id, const std::string& note,
                                                    const std::string& today, const std::optional<Filing>& filing) {
  tx.exec(
      "UPDATE election_steps SET signed_off_by_user_id = ?, signed_off_at = ?, sign_off_note = ? "
      "WHERE election_id = ? AND step = ?",
      {supervisor_user_id, iso_utc(tx.now()), note, election.id, step});
  if (!filing) return std::nullopt;
  auto succession = file_result(tx, election, today, *filing);
  tx.exec("UPDATE elections SET state = 'filed', committee_id = ? WHERE id = ?",
          {succession.committee_id, election.id});
  return succession;
}

bool signed_off(store::Connection& connection, std::int64_t election_id, std::int64_t step) {
  auto record = step_record(connection, election_id, step);
  return record && record->signed_off_at;
}

OpeningFacts opening_facts(store::Connection& connection, const Election& election) {
  OpeningFacts facts{committees::policy_for_node(connection, election.compound_node_id).publicity_days, {}, {}};
  auto compound = org::find_node(connection, election.compound_node_id);
  for (const auto& row : connection.query(
           "SELECT l.part_node_id, l.person_id, l.relation, l.designated_voter, pe.birth_year FROM part_links l "
           "JOIN people pe ON pe.id = l.person_id JOIN parts p ON p.node_id = l.part_node_id "
           "JOIN org_nodes n ON n.id = l.part_node_id WHERE pe.is_developer = 0 AND p.use NOT IN ('parking', "
           "'stall') AND " +
               org::subtree_condition(connection.dialect(), "n.path"),
           org::subtree_params(compound->path))) {
    facts.households.push_back(
        Household{row.i64(0), row.i64(1), row.text(2) == "owner", row.i64(3) != 0, row.optional_i64(4)});
  }
  facts.candidates = candidates_of(connection, election.id);
  return facts;
}

void open_step(store::Tx& tx, const Election& election, std::int64_t step, const StepOpening& opening) {
  tx.exec("INSERT INTO election_steps (election_id, step, opened_at, publicity_ends_on) VALUES (?, ?, ?, ?)",
          {election.id, step, iso_utc(tx.now()), opening.publicity_ends_on});
  tx.exec("UPDATE elections SET current_step = ? WHERE id = ?", {step, election.id});
  for (std::int64_t person : opening.voters) {
    tx.exec("INSERT INTO election_voters (election_id, person_id) VALUES (?, ?)", {election.id, person});
  }
  if (const auto& round = opening.first_round) {
    insert_round(tx, election.id, 1, round->kind, round->seats, round->candidate_ids);
  }
}

bool is_person(store::Connection& connection, std::int64_t person_id) {
  return connection.query_one("SELECT id FROM people WHERE id = ?", {person_id}).has_value();
}

std::int64_t add_visit(store::Tx& tx, const VisitInput& visit) {
  auto row = tx.query_one(
      "INSERT INTO election_visits (compound_node_id, election_id, visitor_person_id, visited_person_id, visited_on, "
      "notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {visit.compound_node_id, visit.election_id, visit.visitor_person_id, visit.visited_person_id, visit.visited_on,
       visit.notes, iso_utc(tx.now())});
  return row->i64(0);
}

std::vector<Visit> visits_of(store::Connection& connection, std::int64_t election_id) {
  return store::map_rows(
      connection.query(
          "SELECT v.id, v.compound_node_id, v.election_id, v.visitor_person_id, v.visited_person_id, v.visited_on, "
          "v.notes, a.name_masked, b.name_masked FROM election_visits v JOIN people a ON a.id = v.visitor_person_id "
          "JOIN people b ON b.id = v.visited_person_id WHERE v.election_id = ? ORDER BY v.id",
          {election_id}),
      [](const store::Row& row) {
        return Visit{row.i64(0),
                     {row.i64(1), row.optional_i64(2), row.i64(3), row.i64(4), row.text(5), row.text(6)},
                     row.text(7),
                     row.text(8)};
      });
}

NomineeFacts nominee_facts(store::Connection& connection, const Election& election, std::int64_t person_id) {
  NomineeFacts nominee;
  nominee.is_person = is_person(connection, person_id);
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
      {election.id, candidate.person_id, code_of(kNominations, candidate.nomination), candidate.nominated_by,
       code_of(committees::kOrigins, candidate.origin), iso_utc(tx.now())});
  return row->i64(0);
}

void vet_candidate(store::Tx& tx, const Election& election, std::int64_t candidate_id, Vetting vetting,
                   const std::string& reason) {
  tx.exec("UPDATE election_candidates SET vetting = ?, vetting_reason = ? WHERE id = ? AND election_id = ?",
          {code_of(kVettings, vetting), reason, candidate_id, election.id});
}

std::vector<Candidate> candidates_of(store::Connection& connection, std::int64_t election_id) {
  return store::map_rows(
      connection.query("SELECT c.id, c.person_id, p.name_masked, p.party_member, c.nomination, c.nominated_by, "
                       "c.origin, c.vetting, c.vetting_reason FROM election_candidates c "
                       "JOIN people p ON p.id = c.person_id WHERE c.election_id = ? ORDER BY c.id",
                       {election_id}),
      [](const store::Row& row) {
        return Candidate{row.i64(0),
                         row.i64(1),
                         row.text(2),
                         row.i64(3) != 0,
                         parse_code(kNominations, row.text(4)).value_or(Nomination::Self),
                         row.text(5),
                         row.text(6),
                         parse_code(kVettings, row.text(7)).value_or(Vetting::Pending),
                         row.optional_text(8)};
      });
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
  tx.exec("UPDATE election_complaints SET answer = ?, answered_at = ? WHERE id = ? AND election_id = ?",
          {answer, iso_utc(tx.now()), complaint_id, election.id});
}

namespace {

constexpr const char* kComplaintColumns =
    "SELECT id, step, text, answer, created_at FROM election_complaints WHERE election_id = ? ";

Complaint to_complaint(const store::Row& row) {
  return Complaint{row.i64(0), row.i64(1), row.text(2), row.optional_text(3), row.text(4)};
}

}  // namespace

std::optional<Complaint> find_complaint(store::Connection& connection, std::int64_t election_id,
                                        std::int64_t complaint_id) {
  return store::map_row(
      connection.query_one(std::string(kComplaintColumns) + "AND id = ?", {election_id, complaint_id}), to_complaint);
}

std::vector<Complaint> complaints_of(store::Connection& connection, std::int64_t election_id) {
  return store::map_rows(connection.query(std::string(kComplaintColumns) + "ORDER BY id", {election_id}), to_complaint);
}

std::optional<Round> current_round(store::Connection& connection, std::int64_t election_id) {
  return store::map_row(connection.query_one(std::string(kRoundColumns) + "ORDER BY round DESC LIMIT 1", {election_id}),
                        to_round);
}

std::vector<Round> rounds_of(store::Connection& connection, std::int64_t election_id) {
  return store::map_rows(connection.query(std::string(kRoundColumns) + "ORDER BY round", {election_id}), to_round);
}

std::optional<std::int64_t> voted_round(store::Connection& connection, std::int64_t election_id,
                                        std::int64_t person_id) {
  return store::map_row(
      connection.query_one("SELECT voted_round FROM election_voters WHERE election_id = ? AND person_id = ?",
                           {election_id, person_id}),
      store::first_integer);
}

std::string issue_ballot_token(store::Tx& tx, const Election& election, const Round& round, std::int64_t person_id) {
  std::string token = crypto::random_hex(24);
  tx.exec("UPDATE election_voters SET token_hash = ?, token_round = ? WHERE election_id = ? AND person_id = ?",
          {crypto::token_digest(token), round.round, election.id, person_id});
  return token;
}

std::optional<TokenLine> token_line(store::Connection& connection, const Election& election, const std::string& token) {
  auto row = connection.query_one(
      "SELECT token_round, voted_round FROM election_voters WHERE election_id = ? AND token_hash = ?",
      {election.id, crypto::token_digest(token)});
  if (!row) return std::nullopt;
  return TokenLine{row->i64(0), row->i64(1)};
}

std::string cast_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& token,
                        const std::vector<std::int64_t>& choices, const std::string& today) {
  // Consuming the token forgets its hash: afterwards the roll line says only "voted in round N".
  tx.exec("UPDATE election_voters SET token_hash = NULL, voted_round = ? WHERE election_id = ? AND token_hash = ?",
          {round.round, election.id, crypto::token_digest(token)});
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
  return store::map_row(
      connection.query_one(
          "SELECT b.election_id, e.title, b.round, b.channel, b.cast_on, CASE WHEN r.result IS NULL THEN 0 ELSE 1 END "
          "FROM election_ballots b JOIN elections e ON e.id = b.election_id "
          "JOIN election_rounds r ON r.election_id = b.election_id AND r.round = b.round WHERE b.receipt_code = ?",
          {code}),
      [](const store::Row& row) {
        return Receipt{row.i64(0), row.text(1), row.i64(2), row.text(3), row.text(4), row.i64(5) != 0};
      });
}

RoundFacts round_facts(store::Connection& connection, const Election& election, const Round& round) {
  RoundFacts facts;
  if (auto account = connection.query_one(
          "SELECT issued, returned FROM election_paper_accounts WHERE election_id = ? AND round = ?",
          {election.id, round.round})) {
    facts.paper_account = PaperAccount{account->i64(0), account->i64(1)};
  }
  facts.paper_typed = connection.scalar(
      "SELECT COUNT(DISTINCT ballot_number) FROM election_paper_entries WHERE election_id = ? AND round = ?",
      {election.id, round.round});
  facts.paper_counted = connection.scalar(
      "SELECT COUNT(*) FROM election_ballots WHERE election_id = ? AND round = ? AND channel = 'paper'",
      {election.id, round.round});
  facts.voters = connection.scalar("SELECT COUNT(*) FROM election_voters WHERE election_id = ?", {election.id});
  facts.tokens_issued = connection.scalar(
      "SELECT COUNT(*) FROM election_voters WHERE election_id = ? AND token_round = ?", {election.id, round.round});
  facts.ballots = ballots_of_round(connection, election.id, round.round);
  return facts;
}

void save_count(store::Tx& tx, const Election& election, const Round& round, const RoundCount& count,
                const std::vector<SealedBallot>& ballots) {
  tx.exec("UPDATE election_rounds SET result = ? WHERE election_id = ? AND round = ?",
          {count.stored, election.id, round.round});
  seal_ballot_box(tx, election.id, round.round, ballots);
  if (const auto& next = count.next)
    insert_round(tx, election.id, round.round + 1, next->kind, next->seats, next->candidate_ids);
}

std::optional<Round> find_round(store::Connection& connection, std::int64_t election_id, std::int64_t number) {
  return store::map_row(connection.query_one(std::string(kRoundColumns) + "AND round = ?", {election_id, number}),
                        to_round);
}

void save_lot_drawings(store::Tx& tx, const Election& election, std::int64_t round, const std::string& drawings) {
  tx.exec("UPDATE election_rounds SET lot_drawing = ? WHERE election_id = ? AND round = ?",
          {drawings, election.id, round});
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
