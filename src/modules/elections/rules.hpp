// Pure election rules: codes, the order of the seven steps and what each sign-off needs, the
// publicity windows, who is on the frozen roll, and the secrecy helpers (the ballot box's hash, day
// of casting). No SQL, no HTTP, no clock: dates are passed in.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/paper_entry.hpp"
#include "core/time.hpp"
#include "modules/committees/committees.hpp"
#include "modules/elections/model.hpp"
#include "modules/org/org.hpp"

namespace weizhi::elections {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<RollPolicy> kRollPolicies = {{RollPolicy::Household, "household"},
                                                 {RollPolicy::AdultResidents, "adult_residents"}};
constexpr CodeTable<Nomination> kNominations = {
    {Nomination::Self, "self"}, {Nomination::Joint, "joint"}, {Nomination::Organisation, "organisation"}};
constexpr CodeTable<Vetting> kVettings = {
    {Vetting::Pending, "pending"}, {Vetting::Approved, "approved"}, {Vetting::Rejected, "rejected"}};
constexpr CodeTable<ElectionState> kStates = {{ElectionState::Running, "running"}, {ElectionState::Filed, "filed"}};
constexpr CodeTable<RoundKind> kRoundKinds = {
    {RoundKind::First, "first"}, {RoundKind::Runoff, "runoff"}, {RoundKind::Further, "further"}};

const std::vector<std::string>& default_step_names();

// 400 naming the field: title 1–100 characters, 1–30 seats, kStepCount step names of 1–50
// characters when given.
void check_election_input(const ElectionInput& input);
// An election is held in a compound: 404 when the node is none or not a compound.
void check_election_compound(const std::optional<org::Node>& node);

// Whether the step has a publicity period: publicity of the election, of the candidates, and of
// the result.
bool has_publicity(std::int64_t step);

// Whether `text` is a calendar date YYYY-MM-DD.
bool is_date(const std::string& text);

// The last day of a publicity period of `days` opened on `opened_on` (YYYY-MM-DD): the opening
// day counts as the first. Throws std::invalid_argument when `opened_on` is not a date.
std::string publicity_end(const std::string& opened_on, std::int64_t days);

// What the steps need before they move on; each failed check throws 409 with the reason.
struct SignOffFacts {
  std::int64_t step;
  bool already_signed = false;
  std::optional<std::string> publicity_ends_on;
  std::string today;                    // YYYY-MM-DD in the street's time zone
  std::int64_t voters = 0;              // on the frozen roll
  std::int64_t candidates_pending = 0;  // not yet vetted
  std::int64_t candidates_approved = 0;
  std::int64_t seats = 0;
  bool final_count = false;  // a counted round with no runoff or further round pending
  std::int64_t unanswered_complaints = 0;
};
void check_sign_off(const SignOffFacts& facts);
// Whether check_sign_off would let the step be signed off: what the supervisor has waiting today.
bool ready_for_sign_off(const SignOffFacts& facts);

// A publicity period comes to the organisers' work this many days before its last day, and stays
// there once over until the next step opens.
inline constexpr int kPublicityNoticeDays = 3;
// Whether a publicity period whose last day is `ends_on` is that near, or over, on `today` (both YYYY-MM-DD).
bool publicity_ending(const std::string& ends_on, const std::string& today);

// The round a count calls for next (docs/rules.md#d-void-round, #d-runoff, #d-further-round): the
// same round again when it was void, a runoff among the tied, or, after a first round with seats
// left empty, a further round when there are more candidates than those seats; none otherwise
// (next_round). Also the first round, which opening the voting step sets up.
struct NextRound {
  RoundKind kind;
  std::int64_t seats;
  std::vector<std::int64_t> candidate_ids;
};

// The next step may open only after the current one is signed off, one at a time, in order.
void check_open(std::int64_t current_step, bool current_signed_off, std::int64_t requested_step);

// What opening a step reads: the street's publicity period, and the compound's part links (of people
// who are not the developer, on parts that are not parking spaces or stalls) and the candidates.
struct OpeningFacts {
  std::int64_t publicity_days = 0;
  std::vector<Household> households;
  std::vector<Candidate> candidates;
};
// What opening `step` on `today` sets up: a publicity step's last day (docs/rules.md#d-publicity), the roll
// frozen at voter registration by the election's policy (#d-roll), and at voting the first round, of every
// approved candidate for the election's seats.
struct StepOpening {
  std::optional<std::string> publicity_ends_on;
  std::vector<std::int64_t> voters;
  std::optional<NextRound> first_round;
};
StepOpening step_opening(const Election& election, std::int64_t step, const std::string& today,
                         const OpeningFacts& facts);

// What filing the result reads: the rounds, the candidates, the compound's commissioner and whether
// the street seats them ex officio.
struct FilingFacts {
  std::vector<Round> rounds;
  std::vector<Candidate> candidates;
  std::optional<std::int64_t> commissioner;
  committees::CommissionerJoins commissioner_joins = committees::CommissionerJoins::ExOfficio;
};
// The new committee a filed result makes (docs/rules.md#d-term, #d-commissioner-joins): as members, those
// elected in every valid round with their votes, and the commissioner ex officio when the street's policy
// seats them and they were not elected; as alternates, the first round's in their rank (lot drawings
// applied), but for the elected and the commissioner.
struct Filing {
  std::vector<committees::NewMember> members;
  std::vector<committees::NewAlternate> alternates;
};
// Signing off the filing step files the result; signing off any other step files nothing.
std::optional<Filing> filing_at(std::int64_t step, const FilingFacts& facts);

// Steps, candidates' standing and complaints change only until the result is filed (409).
void check_running(const Election& election);
// Of a running election, only the current step is signed off (409 naming step); check_sign_off
// then says whether it may be.
void check_sign_off_step(const Election& election, std::int64_t step);

// An action allowed only while `current_step` is one of `steps` (409 naming the step names).
void check_step_allows(const Election& election, std::initializer_list<std::int64_t> steps, const std::string& action);

// What the store knows of a person nominated.
struct NomineeFacts {
  bool is_person = false;
  bool belongs_to_compound = false;  // lives there, holds a part there or is its commissioner
  bool already_nominated = false;
};
// docs/rules.md#d-who-may-stand: nominations in the nomination step (409) of a person (404) who
// belongs to the compound (422 naming person_id), once (409 naming person_id).
void check_nomination(const Election& election, const NomineeFacts& nominee);
// Candidates are vetted in the nomination and vetting steps (409), each a candidate of the election (404).
void check_vetting(const Election& election, const std::vector<Candidate>& candidates, std::int64_t candidate_id);
// A visit is between people of the registry (404).
void check_visit(bool visitor_known, bool visited_known);
// A complaint of the election is answered once (404 when there is none waiting for its answer).
void check_answer(const std::optional<Complaint>& complaint);

// The round that takes ballots: the current round while the voting step runs and it is not yet
// counted (409 otherwise).
Round ballot_round(const Election& election, const std::optional<Round>& current);
// A ballot token goes to a voter on the frozen roll (`voted_round` is their roll line's last round
// voted in; none when not on the roll: 403) who has not voted in `round` (409).
void check_token(const Round& round, std::optional<std::int64_t> voted_round);
// The roll line holding a ballot token: the round it was issued for and the last round voted in.
struct TokenLine {
  std::int64_t token_round;
  std::int64_t voted_round;
};
// A ballot is cast with a token (`line`: none for an unknown token) issued for `round` and not used in it
// (403 otherwise).
void check_cast(const Round& round, const std::optional<TokenLine>& line);
// The paper ballots issued, returned and spoiled: each 0–1000000 (400 naming the field).
void check_paper_account(std::int64_t issued, std::int64_t returned, std::int64_t spoiled);

// docs/rules.md#c-paper-two-clerks for a numbered paper ballot of a round (its choices as
// choices_text): 409 naming ballot_number when it is counted or this clerk typed it before; a ballot
// held for the supervisor takes further entries and stays held.
paper_entry::Outcome paper_ballot_outcome(const paper_entry::Form& ballot, std::int64_t clerk_user_id,
                                          const std::vector<std::int64_t>& choices);
// The supervisor counts only a held paper ballot (404).
void check_held(const paper_entry::Form& ballot);

// The paper ballots of a round issued and returned, as the clerks accounted for them.
struct PaperAccount {
  std::int64_t issued;
  std::int64_t returned;
};
// A round is counted only with every returned paper ballot in its box: 409 when paper ballots were
// typed (`typed` numbers) but not accounted for, or when the ballots returned differ from the paper
// ballots counted.
void check_paper_counted(const std::optional<PaperAccount>& account, std::int64_t typed, std::int64_t counted);

// The round `counted`'s count calls for next (NextRound).
std::optional<NextRound> next_round(const Round& counted, const CountResult& result);

// What counting a round reads: the paper account, the paper ballot numbers typed and the paper ballots
// in the box, the voters on the frozen roll, the online ballot tokens issued for the round, and the box.
struct RoundFacts {
  std::optional<PaperAccount> paper_account;
  std::int64_t paper_typed = 0;
  std::int64_t paper_counted = 0;
  std::int64_t voters = 0;
  std::int64_t tokens_issued = 0;
  std::vector<SealedBallot> ballots;
};
// A round's count (docs/rules.md#d-void-round … #d-alternates): its result, the result as the round keeps
// it (with the ballots issued, online and on paper, and returned), and the round it calls for next.
struct RoundCount {
  CountResult result;
  std::string stored;
  std::optional<NextRound> next;
};
// Counts `round` once every returned paper ballot is in its box (check_paper_counted); 409 with the
// reason when the count cannot be made.
RoundCount count_of_round(const Election& election, const Round& round, const RoundFacts& facts);

// docs/rules.md#d-alternates: a lot is drawn in the voting or filing step (409), for a round of the
// election (404) once counted (409), and orders exactly one group of its tied alternates (400 naming
// order). Returns the round's lot drawings with this one added, as the round keeps them.
std::string lot_drawings_with(const Election& election, const std::optional<Round>& round,
                              const std::vector<std::int64_t>& drawn);

// The frozen roll by policy: Household — one person per part, its designated voter, else its
// owner with the smallest id, else its resident with the smallest id; AdultResidents — every
// person linked to a part who is 18 or older in `year` (unknown birth years included). Persons
// ascending, each once.
std::vector<std::int64_t> roll_of(const std::vector<Household>& links, RollPolicy policy, int year);

// The candidate ids of a ballot ("3,8,12") and back; nullopt when malformed.
std::string choices_text(const std::vector<std::int64_t>& candidate_ids);
std::optional<std::vector<std::int64_t>> parse_choices_text(std::string_view text);

// Ballot choices as count indexes into `candidate_ids`; 400 naming `field` for an id that is not
// a candidate of the round or one named twice. Over-voting is kept: such a ballot is counted void.
std::vector<std::size_t> choice_indexes(const std::vector<std::int64_t>& choices,
                                        const std::vector<std::int64_t>& candidate_ids, const std::string& field);

// The running hash of a round's ballots in key order (SHA-256, hex): each step hashes the previous
// digest with one ballot, so changing, adding, removing or reordering a ballot changes the result.
std::string ballot_box_hash(const std::vector<SealedBallot>& ballots);

}  // namespace weizhi::elections
