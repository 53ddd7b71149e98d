// SQL of the elections module. The rules decide on the facts loaded here
// (modules/elections/rules.hpp) and the functions taking a Tx save what they allowed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/committees/committees.hpp"
#include "modules/elections/model.hpp"
#include "modules/elections/rules.hpp"
#include "store/db.hpp"

namespace weizhi::elections {

// Creates an election (check_election_input, check_election_compound) at its first step.
std::int64_t create_election(store::Tx& tx, const ElectionInput& input, std::int64_t user_id);
std::optional<Election> find_election(store::Connection& connection, std::int64_t id);
std::vector<Election> elections_under(store::Connection& connection, const std::string& path);
// The elections whose frozen roll holds the person, newest first, with the round they last voted in (0: none).
struct VoterElection {
  Election election;
  std::int64_t voted_round;
};
std::vector<VoterElection> elections_of_voter(store::Connection& connection, std::int64_t person_id);
std::vector<StepRecord> steps_of(store::Connection& connection, std::int64_t election_id);

SignOffFacts sign_off_facts(store::Connection& connection, const Election& election, std::int64_t step,
                            const std::string& today);
FilingFacts filing_facts(store::Connection& connection, const Election& election);
// The supervisor signs off the current step (check_sign_off_step, check_sign_off). With a filing
// (filing_at), the result is filed: a new term's committee for the compound, the current one, if
// any, ending; the new committee and the one it succeeded are returned.
std::optional<committees::Succession> sign_off_step(store::Tx& tx, const Election& election, std::int64_t step,
                                                    std::int64_t supervisor_user_id, const std::string& note,
                                                    const std::string& today, const std::optional<Filing>& filing);
// Whether the step has been signed off.
bool signed_off(store::Connection& connection, std::int64_t election_id, std::int64_t step);
OpeningFacts opening_facts(store::Connection& connection, const Election& election);
// Opens the next step (check_running, check_open) with what step_opening set up: the publicity's
// last day, the frozen roll, the first round.
void open_step(store::Tx& tx, const Election& election, std::int64_t step, const StepOpening& opening);

struct VisitInput {
  std::int64_t compound_node_id;
  std::optional<std::int64_t> election_id;
  std::int64_t visitor_person_id;
  std::int64_t visited_person_id;
  std::string visited_on;
  std::string notes;
};
// Whether the person is in the registry.
bool is_person(store::Connection& connection, std::int64_t person_id);
// Records a visit (check_visit).
std::int64_t add_visit(store::Tx& tx, const VisitInput& visit);
struct Visit {
  std::int64_t id;
  VisitInput input;
  std::string visitor_name;
  std::string visited_name;
};
std::vector<Visit> visits_of(store::Connection& connection, std::int64_t election_id);

struct CandidateInput {
  std::int64_t person_id;
  Nomination nomination;
  std::string nominated_by;
  committees::Origin origin;
};
NomineeFacts nominee_facts(store::Connection& connection, const Election& election, std::int64_t person_id);
// Nominates (check_nomination).
std::int64_t add_candidate(store::Tx& tx, const Election& election, const CandidateInput& candidate);
// Records the vetting (check_vetting).
void vet_candidate(store::Tx& tx, const Election& election, std::int64_t candidate_id, Vetting vetting,
                   const std::string& reason);
std::vector<Candidate> candidates_of(store::Connection& connection, std::int64_t election_id);

// Whether the person is on the election's frozen roll.
bool on_roll(store::Connection& connection, std::int64_t election_id, std::int64_t person_id);

// Records a complaint in the current step (check_running).
std::int64_t add_complaint(store::Tx& tx, const Election& election, const std::string& text);
std::optional<Complaint> find_complaint(store::Connection& connection, std::int64_t election_id,
                                        std::int64_t complaint_id);
// Answers a complaint (check_answer).
void answer_complaint(store::Tx& tx, const Election& election, std::int64_t complaint_id, const std::string& answer);
std::vector<Complaint> complaints_of(store::Connection& connection, std::int64_t election_id);

std::optional<Round> current_round(store::Connection& connection, std::int64_t election_id);
std::vector<Round> rounds_of(store::Connection& connection, std::int64_t election_id);

// The last round the person voted in, from their line of the frozen roll; none when not on it.
std::optional<std::int64_t> voted_round(store::Connection& connection, std::int64_t election_id,
                                        std::int64_t person_id);
// A one-time ballot token for `round` (ballot_round, check_token); only its hash is kept, on the
// voter's roll line.
std::string issue_ballot_token(store::Tx& tx, const Election& election, const Round& round, std::int64_t person_id);
// The roll line holding the token, if any.
std::optional<TokenLine> token_line(store::Connection& connection, const Election& election, const std::string& token);
// Casts a secret ballot of `round` (ballot_round, choice_indexes, check_cast) with a token (consumed):
// the roll records only the round voted in; the ballot gets the day and a random receipt code, its
// key, which is returned.
std::string cast_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& token,
                        const std::vector<std::int64_t>& choices, const std::string& today);

// Paper: ballots issued, returned and spoiled of `round` (ballot_round, check_paper_account), typed
// once per round.
void record_paper_account(store::Tx& tx, const Election& election, const Round& round, std::int64_t issued,
                          std::int64_t returned, std::int64_t spoiled, std::int64_t user_id);
// What is stored of a numbered paper ballot of the round: the clerks' entries, and whether counted.
paper_entry::Form paper_ballot(store::Connection& connection, std::int64_t election_id, std::int64_t round,
                               const std::string& ballot_number);
// Stores a clerk's entry (paper_ballot_outcome) and, when `outcome` counts it, the secret ballot.
void save_paper_entry(store::Tx& tx, const Election& election, const Round& round, const std::string& ballot_number,
                      std::int64_t clerk_user_id, const std::vector<std::int64_t>& choices,
                      paper_entry::Outcome outcome, const std::string& today);
// Counts a paper ballot of `round` as read on the paper: its entries settled, its secret ballot
// stored (a held one's by the supervisor: check_held, ballot_round, choice_indexes).
void settle_paper_ballot(store::Tx& tx, const Election& election, const Round& round, const std::string& ballot_number,
                         const std::vector<std::int64_t>& choices, const std::string& today);
std::vector<std::string> held_paper_ballots(store::Connection& connection, const Election& election);

// What a receipt code shows of its secret ballot: the election, the round, the channel, the day,
// and whether the round has been counted.
struct Receipt {
  std::int64_t election_id;
  std::string election_title;
  std::int64_t round;
  std::string channel;
  std::string cast_on;
  bool counted;
};
std::optional<Receipt> find_receipt(store::Connection& connection, const std::string& code);

RoundFacts round_facts(store::Connection& connection, const Election& election, const Round& round);
// Keeps the round's count (count_of_round) and opens the round it calls for. The round's ballot box
// (`ballots`, as counted) is sealed: its ballots rewritten in key order, their count and running hash kept.
void save_count(store::Tx& tx, const Election& election, const Round& round, const RoundCount& count,
                const std::vector<SealedBallot>& ballots);
std::optional<Round> find_round(store::Connection& connection, std::int64_t election_id, std::int64_t number);
// Keeps a round's lot drawings (lot_drawings_with).
void save_lot_drawings(store::Tx& tx, const Election& election, std::int64_t round, const std::string& drawings);

// The self-management figures of docs/rules.md#figures: communities and compounds that held elections,
// visits, candidates, current committee members, commissioners sitting on their own compound's
// committee, and the smallest party share of any committee (party members, members).
struct SelfManagementStats {
  std::int64_t pilot_communities = 0;
  std::int64_t pilot_compounds = 0;
  std::int64_t visits = 0;
  std::int64_t candidates = 0;
  std::int64_t committee_members = 0;
  std::int64_t commissioners_on_committees = 0;
  std::optional<std::pair<std::int64_t, std::int64_t>> min_party_share;
};
SelfManagementStats self_management_stats(store::Connection& connection);

}  // namespace weizhi::elections
