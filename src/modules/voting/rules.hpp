// Pure voting rules (docs/rules.md, sections A–C): thresholds by matter, the electorate of a frozen roll, the
// exact two-dimension tally shared by the server and `weizhi tally`, turnout, and the codes of
// the API and export files. No SQL, no HTTP, no clock: time is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/paper_entry.hpp"
#include "core/time.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/model.hpp"

namespace weizhi::voting {

// The most items one vote may hold.
inline constexpr std::int64_t kMaxItems = 20;

// The matters of Art. 278 para. 1 are numbered 1 to kMatters.
inline constexpr int kMatters = 9;
// The threshold of matter 1–kMatters; nullopt for any other number.
std::optional<Threshold> threshold_of(int matter);

// The codes rows and JSON speak (read with code_of, parse_code and parser_of); those other modules read too are
// in voting.hpp.
constexpr CodeTable<Threshold> kThresholds = {{Threshold::Half, "half"}, {Threshold::ThreeQuarters, "three_quarters"}};
constexpr CodeTable<Choice> kChoices = {{Choice::Agree, "agree"},
                                        {Choice::Oppose, "oppose"},
                                        {Choice::Abstain, "abstain"},
                                        {Choice::Follow, "follow"},
                                        {Choice::Invalid, "invalid"}};
constexpr CodeTable<FollowMajority> kFollowMajorityRules = {{FollowMajority::BothDimensions, "both_dimensions"},
                                                            {FollowMajority::Abstain, "abstain"}};
constexpr CodeTable<Extension> kExtensions = {{Extension::None, "none"},
                                              {Extension::OnceIfQuorumNotMet, "once_if_quorum_not_met"}};
constexpr CodeTable<OwnerKind> kOwnerKinds = {{OwnerKind::Person, "person"}, {OwnerKind::Developer, "developer"}};
constexpr CodeTable<PartUse> kPartUses = {{PartUse::Residential, "residential"},
                                          {PartUse::Commercial, "commercial"},
                                          {PartUse::Parking, "parking"},
                                          {PartUse::Other, "other"}};
constexpr CodeTable<IdentityCheckPolicy> kIdentityCheckPolicies = {{IdentityCheckPolicy::All, "all"},
                                                                   {IdentityCheckPolicy::MajorMatters, "major_matters"},
                                                                   {IdentityCheckPolicy::Off, "off"}};

// The bounds of bounds_of by name (den 0 never meets a bound).
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
// of 1–200 characters, opens_at before closes_at (both ISO-8601), at least one channel, each once;
// check_vote_terms starts with it.
void check_vote_input(const VoteInput& input);

// The proposal's materials (400 naming the field): at most kMaxDocuments documents, each with a name of
// 1–kMaxDocumentNameCharacters and a reference of 1–kMaxDocumentReferenceCharacters characters, and at most
// kMaxPhotos photos, each once. Whether the photos are stored is checked in the write that saves them.
inline constexpr std::size_t kMaxDocuments = 20;
inline constexpr std::size_t kMaxDocumentNameCharacters = 100;
inline constexpr std::size_t kMaxDocumentReferenceCharacters = 200;
inline constexpr std::size_t kMaxPhotos = 20;
void check_materials(const Materials& materials);

// Whether a ballot may be recorded now: 409 unless the vote is open and now lies in
// [opens_at, closes_at).
void check_accepting_ballots(const Vote& vote, TimePoint now);
// The vote's own terms for a new ballot on `channel`: check_accepting_ballots, and 422 naming
// `channel` when the vote does not take that channel.
void check_ballot_terms(const Vote& vote, Channel channel, TimePoint now);

// docs/rules.md#c-one-ballot: 422 naming voter_id for a person who is not on the roll, and 409
// naming the channel of the first ballot for a voter who has one.
[[noreturn]] void fail_not_on_roll();
[[noreturn]] void fail_already_voted(Channel first);
// Why a voter's ballot could not be recorded: they voted before (the channel of their first ballot) or,
// having no ballot, they are not on the roll.
[[noreturn]] void fail_unrecorded_ballot(std::optional<Channel> first);

// --- A vote's life: the decisions on stored facts; the store saves what they allow ---

// An edit of a draft's terms (checked as a creation after this): 409 `state` once the vote has
// opened, 400 `compound_id` when it would move the vote, 409 `matter`/`scope` when the vote's
// terms are fixed by a procedure (terms_fixed_by) and the edit changes them.
void check_draft_edit(const Vote& vote, const VoteInput& edited);

// docs/rules.md#b-frozen-roll: only a draft opens (409), and only with at least one voter on the
// roll it freezes (422).
void check_can_open(const Vote& vote);
void check_roll_has_voter(const std::vector<RollEntry>& roll);

// A vote closes once open and past its deadline, never earlier (409).
void check_closing(const Vote& vote, TimePoint now);

// docs/rules.md#c-extension-once: a closed vote whose policy allows it and that has not been
// extended may be extended (409 otherwise) ...
void check_extendable(const Vote& vote);
// ... when quorum was not met (409), to `closes_at`, which must be an ISO-8601 time later than now
// and than the old deadline (400 naming closes_at). Returns the new deadline.
TimePoint extended_deadline(const Vote& vote, bool quorum_met, const std::string& closes_at, TimePoint now);

// Only a closed vote's result is published (409).
void check_publishable(const Vote& vote);

// What the store knows of a proxy to record.
struct ProxyFacts {
  bool voter_on_roll = false;
  bool proxy_is_person = false;
  bool voter_has_proxy = false;
};
// A proxy is recorded for an open vote (409), for a voter on the roll (422), naming a person (404
// naming proxy_person_id), once per voter (409 naming voter_id).
void check_proxy(const Vote& vote, std::int64_t proxy_person_id, const ProxyFacts& facts);

// docs/rules.md#c-online-identity: who an online ballot is cast for and by which proxy.
struct OnlineVoter {
  std::int64_t voter_id;
  std::optional<std::int64_t> proxy_person_id;  // the caller, when casting for someone else
};
// The caller (`person`, none when the account is no person) casts for `requested_voter`, else for
// themselves, and may cast for `castable` (themselves if on the roll, and whom they are proxy for):
// 403 otherwise.
OnlineVoter online_voter(std::optional<std::int64_t> requested_voter, std::optional<std::int64_t> person,
                         const std::vector<std::int64_t>& castable);

// What the store knows of one voter's paper form.
struct PaperForm {
  bool voter_on_roll = false;
  std::optional<Channel> ballot_channel;  // of the voter's ballot, if any
  std::vector<paper_entry::Entry> entries;
};
// docs/rules.md#c-paper-two-clerks: what a clerk's entry of a voter's paper form makes. The vote
// must take paper ballots now (check_ballot_terms) and the voter must be on the roll without a
// ballot (fail_not_on_roll, fail_already_voted); 409 naming voter_id when the form is held for the
// supervisor or this clerk typed it before.
paper_entry::Outcome paper_entry_outcome(const Vote& vote, const PaperForm& form, std::int64_t clerk_user_id,
                                         const std::vector<Choice>& choices, TimePoint now);
// The supervisor settles a held form (404 otherwise) while the vote is open (409).
void check_settling(const Vote& vote, const PaperForm& form);

// A ballot's choices, one per item: 400 naming `field` when the count differs from the items or
// a code is unknown; `invalid` only when `allow_invalid` (a mis-marked paper or meeting form).
enum class InvalidChoices { Allowed, Refused };
std::vector<Choice> parse_choices(const std::vector<std::string>& codes, std::size_t item_count, InvalidChoices invalid,
                                  const std::string& field);
// --- The roster ---

// The roster's filter on the ballot (?voted=yes|no): voters who have one, or voters who have none.
enum class VotedFilter { Voted, NotVoted };
constexpr CodeTable<VotedFilter> kVotedFilters = {{VotedFilter::Voted, "yes"}, {VotedFilter::NotVoted, "no"}};
// Whether a roll line is kept by the filter: a part with no voter yet is among neither.
bool passes_voted_filter(const RollEntry& entry, bool voted, VotedFilter filter);
// The kept address keys (core/address.hpp) a typed address means: "3-2-501", "3栋2单元501室" and "3幢2单元"
// all find 3幢 2单元 501. None for text with no numbered segment, which address_text_matches reads instead.
std::optional<AddressKeyRange> address_keys_meant(std::string_view typed);
// Whether a part's address, its building, unit and room names as the registry writes them, holds text
// with no numbered segment, spaces ignored ("商铺 幢" finds 商铺幢).
bool address_text_matches(const std::string& building, const std::string& unit, const std::string& room,
                          std::string_view typed);

// --- The identity check before an online ballot (docs/rules.md#c-identity-check) ---

// Whether a vote on `matter` asks under `policy`: always, only for matters 6–8, or never.
bool identity_check_required(IdentityCheckPolicy policy, int matter);
// Whether the vote asks: under the policy frozen when it opened (a draft asks nothing yet).
bool asks_identity(const Vote& vote);

// Wrong answers a person may give in one vote; the last of them locks them out of its online channel.
inline constexpr std::int64_t kIdentityTries = 5;
// One person's checks in one vote, as stored.
struct IdentityCheck {
  std::int64_t failures = 0;
  bool passed = false;
};
std::int64_t identity_tries_left(const IdentityCheck& check);
bool identity_locked(const IdentityCheck& check);

// The last four characters of an ID number as typed: 4 digits, the last may be X (either case); returned in
// upper case. 400 naming id_last4 otherwise.
std::string typed_id_last4(std::string_view typed);
// Whether the registry's ID number ends with the typed last four (an x compared as X).
bool id_last4_matches(std::string_view id_number, std::string_view last4);

// An attempt is taken while the vote takes online ballots (409, check_ballot_terms); a passed check answers as
// passed again without a new attempt.
void check_identity_attempt(const Vote& vote, TimePoint now);
// Where a person locked out of the online channel still votes, from the vote's other channels.
std::string other_channels_advice(const Vote& vote);
// The refusals: locked out (403 identity_locked), a wrong answer (422 identity_mismatch naming id_last4, the
// tries left in the message), no ID number on file (422 id_number_missing), and a ballot without a passed check
// (403 identity_required).
ApiError identity_locked_error(const Vote& vote);
ApiError identity_mismatch_error(std::int64_t tries_left);
ApiError no_id_number_error(const Vote& vote);
// Before an online ballot cast by a person with `check` in a vote that asks: 403 identity_locked or
// identity_required unless they passed.
void check_identity_for_ballot(const Vote& vote, const IdentityCheck& check);

// --- Proxies: recorded from a paper letter, or named by the owner on the H5 (docs/rules.md#c-h5-proxy) ---

enum class ProxySource { Paper, H5 };
constexpr CodeTable<ProxySource> kProxySources = {{ProxySource::Paper, "paper"}, {ProxySource::H5, "h5"}};

// The owner's statement naming the proxy, trimmed: kMinStatementCharacters–kMaxStatementCharacters characters
// (400 naming statement).
inline constexpr std::size_t kMinStatementCharacters = 10;
inline constexpr std::size_t kMaxStatementCharacters = 300;
std::string checked_statement(std::string_view statement);

// What the store knows when an owner names a proxy on the H5.
struct NamedProxyFacts {
  bool caller_is_voter = false;            // voter_id is the caller's own person, on the roll
  std::optional<Channel> ballot_channel;   // of the owner's ballot, if any
  IdentityCheck identity;                  // the owner's own check in this vote
  std::vector<std::int64_t> phone_people;  // people of the street registered with the proxy's phone
  bool voter_has_proxy = false;
};
// An owner names a proxy while the vote takes online ballots (check_ballot_terms): only for themselves (404
// naming voter_id otherwise, as for a voter of another vote), before voting (409), after passing the identity
// check when the vote asks (403), naming one person of the registry by phone (422 naming proxy_phone when the
// phone is unknown, shared by several people or their own), once (409 naming voter_id). Returns the proxy.
std::int64_t check_named_proxy(const Vote& vote, std::int64_t voter_id, const NamedProxyFacts& facts, TimePoint now);

// What the store knows when an owner withdraws the proxy they named.
struct ProxyWithdrawalFacts {
  bool caller_is_voter = false;
  std::optional<ProxySource> proxy_source;  // of the voter's proxy, if any
  std::optional<Channel> ballot_channel;
};
// Withdrawn by the owner while the vote is open (409), only a proxy they named on the H5 (404 without one, 409
// for a paper letter, which the community records), and only before a ballot is cast for them (409).
void check_proxy_withdrawal(const Vote& vote, const ProxyWithdrawalFacts& facts);

// --- Reminders ---

// A reminder to the owners who have not voted goes out while the vote is open (409 naming state),
// with the organisers' words when given: at most kMaxReminderBytes (400 naming message). Returns
// the message sent.
inline constexpr std::size_t kMaxReminderBytes = 500;
std::string reminder_text(const Vote& vote, const std::optional<std::string>& message);

// --- Today's work ---

// An open vote comes to its organisers' work this many days before its deadline while quorum is not met.
inline constexpr int kClosingSoonDays = 3;
// Whether the open vote needs its organisers now: quorum not met and the deadline within
// kClosingSoonDays, or passed without the vote being closed.
bool closing_short_of_quorum(const Vote& vote, const Turnout& turnout, TimePoint now);
// "《…》表决还剩 2 天截止，已投 45%（面积 38%），未达法定人数": the time left (hours under a day) and the
// turnout so far, owners then area, in whole percent rounded down so that a ratio short of its bound
// never shows as reaching it.
std::string closing_title(const Vote& vote, const Turnout& turnout, TimePoint now);
// Whether a voter may still cast online now (check_ballot_terms on the online channel passes).
bool takes_online_ballots(const Vote& vote, TimePoint now);
// The one today item of an owner on an open vote, saying for whom they still cast: "参加表决：《…》" for
// themselves, "参加表决：《…》（含代 张* 投票）" when also as proxy, "代 张*、李* 参加表决：《…》" only as
// proxy. None when they have no one left to cast for.
std::optional<std::string> cast_title(const Vote& vote, bool self_to_cast, const std::vector<std::string>& proxied);

// Whether a ballot is the person's own to see again, receipt code included: recorded for them (whatever the
// channel) or cast by them as proxy. Owners vote under their names (docs/rules.md#c-masked-results), so the
// ballot is already theirs; a proxy does not see the receipt of a ballot the owner cast themselves.
bool cast_by_or_for(const BallotRecord& ballot, std::int64_t person_id);

// "agree,oppose,…" as stored, and back (nullopt when malformed).
std::string choices_text(const std::vector<Choice>& choices);
std::optional<std::vector<Choice>> parse_choices_text(std::string_view text);

}  // namespace weizhi::voting
