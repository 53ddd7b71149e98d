// Pure voting rules (docs/rules.md, sections A–C): thresholds by matter, the electorate of a frozen roll, the
// exact two-dimension tally shared by the server and `weizhi tally`, turnout, and the codes of
// the API and export files. No SQL, no HTTP, no clock: time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/model.hpp"

namespace weizhi::voting {

// A line of an input file (or an entry built by the server, line 0) that the tally cannot take.
class InvalidLine : public std::runtime_error {
 public:
  InvalidLine(std::int64_t line, const std::string& message) : std::runtime_error(message), line_(line) {}
  std::int64_t line() const noexcept { return line_; }

 private:
  std::int64_t line_;
};

// The most items one vote may hold.
inline constexpr std::int64_t kMaxItems = 20;

// The threshold of matter 1–9; nullopt for any other number.
std::optional<Threshold> threshold_of(int matter);

std::string threshold_code(Threshold threshold);
std::string choice_code(Choice choice);
std::optional<Choice> parse_choice(std::string_view code);
std::string follow_majority_code(FollowMajority rule);
std::optional<FollowMajority> parse_follow_majority(std::string_view code);
std::string extension_code(Extension extension);
std::optional<Extension> parse_extension(std::string_view code);
std::string channel_code(Channel channel);
// 线上 / 书面 / 会议: how a refusal names the channel that holds the first ballot.
std::string channel_label(Channel channel);
std::optional<VoteState> parse_state(std::string_view code);
std::string owner_kind_code(OwnerKind kind);
std::optional<OwnerKind> parse_owner_kind(std::string_view code);
std::string use_code(PartUse use);
std::optional<PartUse> parse_use(std::string_view code);

// Exact comparisons by cross-multiplication (den 0 never meets a bound).
bool at_least_two_thirds(const Fraction& fraction);
bool more_than_half(const Fraction& fraction);
bool at_least_three_quarters(const Fraction& fraction);

// The roll frozen when a vote opens, from the registry's parts in scope (people::build_roll):
// parking spaces and stalls left out; each counted part cast by its owner, its designated
// co-owner, or the developer person (one for all developer parts); a part with no voter yet kept
// with owner_id 0 so that it still counts. By part id.
std::vector<RollEntry> roll_from_registry(const std::vector<people::OwnedPart>& parts);

// The tally of docs/rules.md, sections A–C, for items 1..item_count. Participation is a valid choice on the
// item (abstain and follow-majority included, invalid excluded); approval counts agreeing
// voters (and follow-majority ones when the rule sends them to agree) against participating
// ones. Throws InvalidLine for a ballot of an owner who is not a voter of the electorate, an
// item outside 1..item_count, or a second choice of one owner on one item.
std::vector<ItemResult> tally(const Electorate& electorate, const std::vector<BallotEntry>& ballots,
                              Threshold threshold, FollowMajority follow_majority, std::int64_t item_count);

// Checks a new vote (400 naming the field): title 1–100 characters, matter 1–9, 1..kMaxItems items
// of 1–200 characters, opens_at before closes_at (both ISO-8601), at least one channel, each once.
void check_vote_input(const VoteInput& input);

// Whether a ballot may be recorded now: 409 unless the vote is open and now lies in
// [opens_at, closes_at).
void check_accepting_ballots(const Vote& vote, TimePoint now);

// A ballot's choices, one per item: 400 naming `field` when the count differs from the items or
// a code is unknown; `invalid` only when `allow_invalid` (a mis-marked paper or meeting form).
enum class InvalidChoices { Allowed, Refused };
std::vector<Choice> parse_choices(const std::vector<std::string>& codes, std::size_t item_count, InvalidChoices invalid,
                                  const std::string& field);
// "agree,oppose,…" as stored, and back (nullopt when malformed).
std::string choices_text(const std::vector<Choice>& choices);
std::optional<std::vector<Choice>> parse_choices_text(std::string_view text);

}  // namespace weizhi::voting
