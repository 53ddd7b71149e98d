// The voting module's published header, what other modules use of it: a vote on a matter of Civil
// Code Art. 278 with its scope, items, window, channels and policies, the frozen roll, the tally's
// exact ratios and results, and creating, opening, casting in, closing and publishing a vote (the
// procedures of other modules that end in an owners' vote go through these). Areas are in 0.01 m²
// throughout, never floating point. Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/org/org.hpp"

namespace weizhi::store {
class Connection;
class Tx;
}  // namespace weizhi::store

namespace weizhi::voting {

// Input a pure count cannot take — the tally's roll and ballots, an election's count — with the line of its
// input file (ballots.csv, roll.csv…) that holds the fault: 0 for the input as a whole or an entry the server built.
class InvalidLine : public std::runtime_error {
 public:
  InvalidLine(std::int64_t line, const std::string& message) : std::runtime_error(message), line_(line) {}
  std::int64_t line() const noexcept { return line_; }

 private:
  std::int64_t line_;
};

// Art. 278 para. 2: matters 6, 7 and 8 need three quarters, the others more than half.
enum class Threshold { Half, ThreeQuarters };
enum class Choice : std::uint8_t { Agree, Oppose, Abstain, Follow, Invalid };
// docs/rules.md#c-follow-majority [policy]: how a follow-majority choice counts.
enum class FollowMajority { BothDimensions, Abstain };
// docs/rules.md#c-extension-once [practice, policy]: whether the window may be extended once when quorum is
// not met.
enum class Extension { None, OnceIfQuorumNotMet };
enum class Channel { Online, Paper, Meeting };
enum class VoteState { Draft, Open, Closed, Published };
enum class ScopeKind { Compound, Buildings, Units, Parts };
enum class OwnerKind { Person, Developer };
enum class PartUse { Residential, Commercial, Parking, Other };
enum class Outcome { Passed, FailedQuorum, FailedApproval };
// docs/rules.md#c-identity-check [policy]: which votes ask an online voter to prove who they are before their
// first ballot: every vote, only matters 6–8 (raising the fund, rebuilding, change of use), or none.
enum class IdentityCheckPolicy { All, MajorMatters, Off };

struct Policies {
  FollowMajority follow_majority = FollowMajority::BothDimensions;
  Extension extension = Extension::OnceIfQuorumNotMet;
};

struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 0;
};

// A bound of Art. 278 para. 2 on a ratio: num/den, reached at it ("at least two thirds") or only beyond it
// ("more than half"), taken of every owner in the vote's scope (quorum) or of those taking part (approval).
// The area and the owners must each reach it.
enum class Reached { AtTheBound, BeyondTheBound };
enum class Base { InScope, Participating };
struct Bound {
  std::int64_t num;
  std::int64_t den;
  Reached reached;
  Base of;
};
// The two bounds an item of a matter is held to.
struct Bounds {
  Bound quorum;
  Bound approval;
};

// One part of the frozen roll, as roll.csv holds it.
struct RollEntry {
  std::int64_t part_id;
  std::int64_t owner_id;  // the person casting the part's vote; 0 when the part has no voter yet
  OwnerKind owner_kind;
  std::int64_t area_centi_m2;  // 0.01 m²
  PartUse use;
  std::int64_t line = 0;  // line of roll.csv it was read from; 0 when not read from a file
};

// The denominators of docs/rules.md#b-voting-roll and who may vote, derived from a roll.
struct Electorate {
  std::vector<std::int64_t> owner_ids;   // voters, ascending
  std::vector<std::int64_t> areas;       // 0.01 m², parallel to owner_ids
  std::int64_t total_area_centi_m2 = 0;  // every counted part
  std::int64_t owner_count = 0;          // voters plus parts that have no voter yet
};

// Owners and their exclusive area (0.01 m²) on one side of an item.
struct Share {
  std::int64_t count = 0;
  std::int64_t area = 0;
};

// Where the owners in scope stood on an item, each by owners and by area: agree as the approval counts it
// (with the follow-majority choices when the rule sends them there, docs/rules.md#c-follow-majority), oppose,
// abstain (with the follow-majority choices otherwise), invalid (a mis-marked item), not voted, and the whole
// scope, which the five add up to.
struct Breakdown {
  Share agree;
  Share oppose;
  Share abstain;
  Share invalid;
  Share not_voted;
  Share total;
};

struct ItemResult {
  std::int64_t item;
  Threshold threshold;
  Fraction quorum_area;   // participating area / total area
  Fraction quorum_count;  // participating owners / total owners
  bool quorum_met;
  Fraction approval_area;   // agreeing area / participating area
  Fraction approval_count;  // agreeing owners / participating owners
  Outcome outcome;
  std::optional<Breakdown> breakdown;  // none in a result published before results carried it
};

// Participation so far, whatever the item: what organisers watch while a vote is open.
struct Turnout {
  Fraction area;
  Fraction count;
  bool quorum_met;
};

struct VoteScope {
  ScopeKind kind = ScopeKind::Compound;
  std::vector<std::int64_t> node_ids;  // the buildings, units or parts; empty for the compound
};

struct VoteInput {
  std::int64_t compound_node_id;
  std::string title;
  int matter;  // 1–9, Art. 278 para. 1
  VoteScope scope;
  std::vector<std::string> items;  // the questions, in order
  std::string opens_at;            // ISO-8601 UTC
  std::string closes_at;
  std::vector<Channel> channels;
  Policies policies;
};

// A document of the proposal put to the vote: its title and where to read it (a file number, a notice board).
struct Document {
  std::string name;
  std::string reference;
};

// What owners read before voting: the proposal's documents and photos (ids of stored photos). Set while the
// vote is a draft, like its terms.
struct Materials {
  std::vector<Document> documents;
  std::vector<std::string> photos;
};

struct Vote {
  std::int64_t id;
  VoteInput input;
  VoteState state;
  bool extended;
  std::int64_t organiser_user_id;
  std::optional<std::string> roll_fingerprint;     // SHA-256 of roll.csv
  std::optional<std::string> ballots_fingerprint;  // SHA-256 of ballots.csv, at publication
  std::optional<std::string> result_fingerprint;   // SHA-256 of result.json, at publication
  std::optional<std::string> result;               // result.json as published
  std::string created_at;
  std::optional<std::string> opened_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> published_at;
  std::optional<std::string> terms_fixed_by;  // the procedure fixing matter and scope, if any
  Materials materials;
  // The street's identity-check policy as it stood when the vote opened; none while a draft.
  std::optional<IdentityCheckPolicy> identity_check;
};

// --- Codes and rules ---

// The codes rows and JSON speak (read with code_of, parse_code and parser_of) that other modules read too.
constexpr CodeTable<Channel> kChannels = {
    {Channel::Online, "online"}, {Channel::Paper, "paper"}, {Channel::Meeting, "meeting"}};
constexpr CodeTable<VoteState> kVoteStates = {{VoteState::Draft, "draft"},
                                              {VoteState::Open, "open"},
                                              {VoteState::Closed, "closed"},
                                              {VoteState::Published, "published"}};
constexpr CodeTable<ScopeKind> kScopeKinds = {{ScopeKind::Compound, "compound"},
                                              {ScopeKind::Buildings, "buildings"},
                                              {ScopeKind::Units, "units"},
                                              {ScopeKind::Parts, "parts"}};
constexpr CodeTable<Outcome> kOutcomes = {{Outcome::Passed, "passed"},
                                          {Outcome::FailedQuorum, "failed_quorum"},
                                          {Outcome::FailedApproval, "failed_approval"}};

// docs/rules.md#a-quorum, #a-approval: the bounds of a threshold, and whether a ratio reaches one (exactly,
// docs/rules.md#a-exact-arithmetic; a ratio of nothing never does).
Bounds bounds_of(Threshold threshold);
bool reaches(const Fraction& fraction, const Bound& bound);
// {"quorum":{"num","den","reached","of"},"approval":{…}}: what the API shows of a matter's bounds.
Json bounds_json(Threshold threshold);
// An item's four ratios as the API explains them, each with whether it reaches its bound:
// {"quorum":{"bound":{…},"area":{"num","den","met"},"count":{…}},"approval":{…}}.
Json ratios_json(const ItemResult& result);
// docs/rules.md#b-voting-roll over a roll: parking spaces are left out; every other part counts in the total
// area; each person owner is one voter with the areas of their parts summed; all developer parts
// form one voter (they must share one owner_id); a part with no voter yet (owner_id 0) counts as
// one owner who cannot vote. Throws InvalidLine for a part listed twice, an owner that is both a
// person and the developer, developer parts under several owner ids, or a negative area.
Electorate electorate_of(const std::vector<RollEntry>& roll);
// result.json (and the output of `weizhi tally`), with the keys in the order the format lists them.
std::string result_json(const std::vector<ItemResult>& results);
// A result.json as result_json wrote it (a published result, a stored resolution) read back.
std::vector<ItemResult> parse_result_json(std::string_view text);
// Participation of the voters who have cast a ballot (ids of the electorate; unknown ids ignored)
// against the quorum of two thirds in both dimensions.
Turnout turnout(const Electorate& electorate, const std::vector<std::int64_t>& voters_with_ballot);
// {"area","count","quorum_met","quorum_bound"}: what the API shows of a turnout.
Json turnout_json(const Turnout& turnout);
// A receipt code shown to the voter, from 10 random bytes as hex: "ABCD-EF01-2345-6789-ABCD".
std::string receipt_code(const std::string& random_hex);
// A receipt code as typed, in the upper case it is stored in: how a vote's and an election's
// receipt are looked up.
std::string typed_receipt_code(std::string typed);

// --- A vote's terms: checked by the rules over what the registry holds, then saved ---

// The registry's nodes a vote's terms name: its compound and its scope's nodes (parallel to
// scope.node_ids), none where there is no such node.
struct TermsFacts {
  std::optional<org::Node> compound;
  std::vector<std::optional<org::Node>> scope_nodes;
};
TermsFacts terms_facts(store::Connection& connection, const VoteInput& input);

class CheckedTerms;
// docs/rules.md#a-matters: a vote's terms (check_vote_input: 400 naming the field), on a compound
// (404 compound_id when there is no such node, 422 when it is not a compound), over a scope whose nodes are
// listed only when it is not the whole compound, each once (400 naming scope.node_ids or scope.node_ids[i])
// and each a node of the scope's kind inside the compound (404, or 422, naming scope.node_ids[i]).
CheckedTerms check_vote_terms(const VoteInput& input, const TermsFacts& facts);

// A vote's terms as check_vote_terms accepted them: the only terms create_vote and a draft's edit
// save, so that no procedure starting a vote (an elevator consent, a topic sent to the vote) can
// store terms the rules have not seen.
class CheckedTerms {
 public:
  const VoteInput& input() const { return input_; }

 private:
  explicit CheckedTerms(const VoteInput& input) : input_(input) {}
  friend CheckedTerms check_vote_terms(const VoteInput& input, const TermsFacts& facts);
  VoteInput input_;
};

// --- Votes as stored ---

// Inserts a draft with the checked terms; returns its id. `terms_fixed_by` names the procedure that
// fixes the vote's matter and scope (an elevator consent), if any.
std::int64_t create_vote(store::Tx& tx, const CheckedTerms& terms, std::int64_t organiser_user_id,
                         const std::optional<std::string>& terms_fixed_by = std::nullopt);
std::optional<Vote> find_vote(store::Connection& connection, std::int64_t id);
// Freezes the registry's roll and opens the vote, for a seed that has built a draft it may open.
// Returns the frozen roll.
std::vector<RollEntry> open_vote(store::Tx& tx, const Vote& vote, TimePoint now);
std::vector<RollEntry> roll_of(store::Connection& connection, std::int64_t vote_id);
struct BallotRecord {
  std::int64_t id;
  std::int64_t voter_id;
  Channel channel;
  std::vector<Choice> choices;
  std::string receipt_code;
  std::optional<std::int64_t> proxy_person_id;
  std::string recorded_at;
};

struct NewBallot {
  std::int64_t voter_id;
  Channel channel;
  std::vector<Choice> choices;
  std::optional<std::int64_t> recorded_by_user_id;
  std::optional<std::int64_t> proxy_person_id;
};

// Records one voter's ballot (the vote's terms allow it: check_ballot_terms): 422 when the voter is
// not on the roll, 409 naming the channel of the voter's first ballot.
BallotRecord record_ballot(store::Tx& tx, const Vote& vote, const NewBallot& ballot, TimePoint now);
std::vector<std::int64_t> voters_with_ballot(store::Connection& connection, std::int64_t vote_id);
// A ballot counted for the person as a voter (cast by them or their proxy), as 我的信息 lists it: the
// vote, the channel and when, never the choices.
struct OwnBallot {
  std::int64_t vote_id;
  std::string vote_title;
  std::string channel;  // online, paper or meeting
  std::string recorded_at;
};
// The person's ballots, the latest first.
std::vector<OwnBallot> ballots_of_voter(store::Connection& connection, std::int64_t person_id);
// Closes the vote (check_closing).
void close_vote(store::Tx& tx, const Vote& vote, TimePoint now);
struct VoteFiles {
  std::string roll_csv;
  std::string ballots_csv;
  std::string result_json;
  std::vector<ItemResult> results;
};
// The export files computed from the stored roll and ballots.
VoteFiles vote_files(store::Connection& connection, const Vote& vote);
// Stores the result and the three fingerprints and marks the vote published (check_publishable).
VoteFiles publish_vote(store::Tx& tx, const Vote& vote, TimePoint now);

// One owner's ballot in a demo vote: the choice, the channel and the day after the opening it is cast.
struct SeedBallot {
  Choice choice;
  Channel channel;
  std::int64_t day;
};

// For the demo seeds of records that owners decide by a vote: opens the draft vote on `opened`, records for the
// voter at each index of its roll the ballot `spread` gives (none for nullopt), entered by `organiser`, closes the
// vote on `closed` and publishes it a day later (seed.cpp).
void seed_vote(store::Tx& tx, std::int64_t vote_id, std::int64_t organiser, TimePoint opened, TimePoint closed,
               const std::function<std::optional<SeedBallot>(std::size_t)>& spread);
// seed_vote for a record that owners adopt (a covenant, a property contract): nine in ten of the roll vote over
// the following days, online or on paper, almost all agreeing, so the vote passes.
void seed_passed_vote(store::Tx& tx, std::int64_t vote_id, std::int64_t organiser, TimePoint opened, TimePoint closed);

}  // namespace weizhi::voting
