// The count of a differential election (docs/rules.md#d-elections), pure and shared by the server and
// `weizhi count-election`: void rounds and ballots, election by majority, runoffs among tied
// candidates, further rounds for empty seats, and alternates ranked with lot drawings for ties.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::elections {

// docs/rules.md#d-majority [policy]: what "more than half" is counted against — the ballots returned, the
// valid ones, or every registered voter (Xixi street's rule that each member has the support of more than
// half of the residents).
enum class MajorityBase { Returned, Valid, Registered };
// Its codes in rows and JSON (read with code_of, parse_code and parser_of).
constexpr CodeTable<MajorityBase> kMajorityBases = {
    {MajorityBase::Returned, "returned"}, {MajorityBase::Valid, "valid"}, {MajorityBase::Registered, "registered"}};

// Which rule elects in a round.
enum class RoundKind {
  First,    // more than half of the majority base, highest first
  Runoff,   // among candidates tied at the last seat: most votes wins
  Further,  // 另行选举 for empty seats: most votes wins with at least 1/3 of the ballots returned
};

// One returned ballot: the candidates it names, as indexes into CountInput::candidates.
struct CountBallot {
  std::vector<std::size_t> choices;
  std::int64_t line = 0;  // line of ballots.csv; 0 when not read from a file
};

struct CountInput {
  RoundKind kind = RoundKind::First;
  std::int64_t seats = 0;
  std::vector<std::string> candidates;  // names or ids, in ballot order
  std::vector<CountBallot> ballots;     // every ballot returned, blank ones included
  std::optional<std::int64_t> issued;   // ballots issued; more returned voids the round
  std::optional<std::int64_t> voters;   // registered voters; the round needs more than half of them
  MajorityBase majority_base = MajorityBase::Returned;
};

struct CandidateVotes {
  std::string candidate;
  std::int64_t votes = 0;
};

// Why a round is void; None when it is valid.
enum class RoundVoid { None, MoreReturnedThanIssued, TurnoutNotMoreThanHalf };
// Its codes in rows and JSON.
constexpr CodeTable<RoundVoid> kRoundVoids = {{RoundVoid::None, "none"},
                                              {RoundVoid::MoreReturnedThanIssued, "more_returned_than_issued"},
                                              {RoundVoid::TurnoutNotMoreThanHalf, "turnout_not_more_than_half"}};

struct CountResult {
  std::int64_t valid_ballots = 0;
  std::int64_t void_ballots = 0;  // naming more candidates than seats
  RoundVoid round_void = RoundVoid::None;
  bool round_valid() const { return round_void == RoundVoid::None; }
  std::int64_t base = 0;                // ballots the majority is counted against
  std::vector<CandidateVotes> tally;    // every candidate, most votes first, then input order
  std::vector<CandidateVotes> elected;  // in order of votes
  std::vector<std::string> runoff;      // tied at the last seat; a runoff decides runoff_seats
  std::int64_t runoff_seats = 0;
  std::int64_t vacant_seats = 0;           // neither filled nor awaiting a runoff: a further round
  std::vector<CandidateVotes> alternates;  // ranked; tied ones in input order until a lot is drawn
  std::vector<std::string> lot_needed;     // alternates whose rank a lot drawing must settle
};

// The least votes that meet a round's electing rule: more than half of `base` (first), one (runoff), or at
// least a third of the ballots `returned` and at least one (further). The console shows these bounds beside
// each candidate's votes.
std::int64_t electing_votes(RoundKind kind, std::int64_t base, std::int64_t returned);
// The least votes of an alternate: at least a third of `base`, and at least one.
std::int64_t alternate_votes(std::int64_t base);

// Counts one round. Rules, in order: candidates must outnumber seats (a runoff: the tied
// candidates outnumber its seats); the round is void when more ballots are returned than
// issued, or when `voters` is given and no more than half of them returned a ballot; a ballot
// naming more candidates than seats is void; then the round's electing rule (RoundKind), a tie
// across the last seat sending the tied candidates to a runoff; alternates are the candidates
// neither elected nor in a runoff with at least 1/3 of the base, by votes. Throws voting::InvalidLine.
CountResult count_round(const CountInput& input);

// The candidates of a further round for `vacant_seats` empty seats: the next candidates by votes
// of the round before, one more than the seats so the election stays differential (fewer when
// fewer are left).
std::vector<std::string> further_round_candidates(const CountResult& previous, std::int64_t vacant_seats);

// Orders tied alternates by a lot drawing: `drawn` lists the tied candidates in the order drawn.
// Throws voting::InvalidLine unless `drawn` is exactly one of the result's lot_needed groups, reordered.
std::vector<CandidateVotes> apply_lot(const std::vector<CandidateVotes>& alternates,
                                      const std::vector<std::string>& drawn);

// The output of `weizhi count-election`: valid_ballots, void_ballots, round_valid, elected
// ([{candidate, votes}]), runoff, vacant_seats, alternates ([{candidate, votes}]), lot_needed.
std::string count_json(const CountResult& result);

// ballots.csv of `weizhi count-election`: `ballot_id,choices` per returned ballot, choices
// separated by `|` and empty for a blank ballot; an optional header line `ballot_id,choices`;
// blank lines skipped, CRLF and a UTF-8 BOM accepted. Throws voting::InvalidLine naming the line for a
// missing or repeated ballot_id, an unknown candidate, or a candidate named twice on one ballot.
std::vector<CountBallot> parse_count_ballots(std::string_view text, const std::vector<std::string>& candidates);

}  // namespace weizhi::elections
