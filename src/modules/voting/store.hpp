// SQL of the voting module: votes and their state changes, the roll frozen at opening, proxies,
// ballots across channels, the paper double entry, and the export files computed from what is
// stored. The rules decide on the facts loaded here (modules/voting/rules.hpp) and the writers save
// what they allowed; a writer still checks what it refers to (404/409/422 naming the field). The
// time of a change is passed in.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "modules/voting/model.hpp"
#include "modules/voting/rules.hpp"
#include "store/db.hpp"

namespace weizhi::voting {

// Replaces a draft's terms (check_draft_edit allowed the edit, check_vote_terms the terms).
void update_draft(store::Tx& tx, const Vote& vote, const CheckedTerms& terms);
// Replaces a draft's materials (check_materials allowed them); 400 naming photos[i] for a photo that is not stored.
void save_materials(store::Tx& tx, std::int64_t vote_id, const Materials& materials);
// Votes on compounds of the subtree at `path`, newest first.
std::vector<Vote> votes_under(store::Connection& connection, const std::string& path);
// Votes published at `since` (ISO-8601 UTC) or later, anywhere, newest first.
std::vector<Vote> votes_published_since(store::Connection& connection, const std::string& since);
std::optional<std::int64_t> vote_compound(store::Connection& connection, std::int64_t id);

// The roll the registry gives the vote's scope now (roll_from_registry over its parts).
std::vector<RollEntry> registry_roll(store::Connection& connection, const Vote& vote);
// Stores `roll` as the vote's frozen roll and opens the vote (check_can_open, check_roll_has_voter).
void freeze_roll(store::Tx& tx, const Vote& vote, const std::vector<RollEntry>& roll, TimePoint now);
// The electorate of a vote that has been opened. Its roll is frozen, so the last few electorates
// are kept in memory by vote and roll fingerprint, which every instance agrees on: the organisers'
// turnout gauges ask every few seconds, and a roll of 100,000 parts takes about 0.1 s to read.
std::shared_ptr<const Electorate> frozen_electorate(store::Connection& connection, const Vote& vote);
struct NamedRollEntry {
  RollEntry entry;
  std::string building_name;
  std::string unit_name;
  std::string part_name;                  // the room number
  std::optional<std::string> owner_name;  // masked; none while the part has no voter
};
std::vector<NamedRollEntry> named_roll(store::Connection& connection, std::int64_t vote_id);
// The parts on the roll of a vote whose kept address key (parts.address_key) lies in `keys`.
std::set<std::int64_t> roll_parts_at_address(store::Connection& connection, std::int64_t vote_id,
                                             const AddressKeyRange& keys);
// The enabled accounts of the voters on the roll who have not voted, ascending.
std::vector<std::int64_t> non_voter_accounts(store::Connection& connection, std::int64_t vote_id);
// Masked names of the voters on the roll of a vote, by person id.
std::map<std::int64_t, std::string> voter_names(store::Connection& connection, std::int64_t vote_id);
// Votes that are open or published where the person is on the roll or a recorded proxy, newest first.
std::vector<Vote> votes_of_person(store::Connection& connection, std::int64_t person_id);

ProxyFacts proxy_facts(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id,
                       std::int64_t proxy_person_id);
// A proxy as recorded: by an organiser from a paper letter (its reference), or named by the owner on the H5
// (their statement, sealed with the data key; letter_reference empty).
struct NewProxy {
  std::int64_t voter_id;
  std::int64_t proxy_person_id;
  ProxySource source;
  std::string letter_reference;
  std::optional<std::string> statement_sealed;
};
// Records that the proxy casts for the voter (check_proxy, check_named_proxy).
void record_proxy(store::Tx& tx, std::int64_t vote_id, const NewProxy& proxy, TimePoint now);
// Withdraws the voter's proxy (check_proxy_withdrawal).
void withdraw_proxy(store::Tx& tx, std::int64_t vote_id, std::int64_t voter_id);
struct ProxyRecord {
  std::int64_t voter_id;
  std::string voter_name;  // masked
  std::int64_t proxy_person_id;
  std::string proxy_name;  // masked
  ProxySource source;
  std::string letter_reference;                 // empty for a proxy named on the H5
  std::optional<std::string> statement_sealed;  // the owner's statement, for a proxy named on the H5
  std::string created_at;
};
std::vector<ProxyRecord> proxies_of(store::Connection& connection, std::int64_t vote_id);
// The voter's proxy, if one is recorded.
std::optional<ProxyRecord> proxy_of(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id);
// The enabled accounts of a person, ascending: whom a notification to them reaches.
std::vector<std::int64_t> accounts_of_person(store::Connection& connection, std::int64_t person_id);
// The voters `person_id` may cast for online: themselves if on the roll, and those whose proxy they are.
std::vector<std::int64_t> voters_cast_by(store::Connection& connection, std::int64_t vote_id, std::int64_t person_id);

// The voter's ballot, if they have voted.
std::optional<BallotRecord> find_ballot(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id);
// The channel of the voter's ballot, if they have voted.
std::optional<Channel> ballot_channel(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id);
std::vector<BallotRecord> ballots_of(store::Connection& connection, std::int64_t vote_id);

// --- Paper forms: two clerks type each form; equal entries make the ballot ---

PaperForm paper_form(store::Connection& connection, std::int64_t vote_id, std::int64_t voter_id);
// Stores a clerk's entry of the voter's form and, when `outcome` (paper_entry_outcome) counts it,
// the ballot, which is returned.
std::optional<BallotRecord> save_paper_entry(store::Tx& tx, const Vote& vote, std::int64_t voter_id,
                                             std::int64_t clerk_user_id, const std::vector<Choice>& choices,
                                             paper_entry::Outcome outcome, TimePoint now);

struct ClerkEntry {
  std::int64_t clerk_user_id;
  std::string clerk_login;
  std::vector<Choice> choices;
  std::string entered_at;
};
struct HeldForm {
  std::int64_t voter_id;
  std::string voter_name;  // masked
  std::vector<ClerkEntry> entries;
};
// Forms typed once, by a clerk other than `clerk_user_id`, that wait for a second entry.
std::int64_t forms_awaiting_second_entry(store::Connection& connection, std::int64_t vote_id,
                                         std::int64_t clerk_user_id);
// Forms typed differently by two clerks and not yet settled, by voter.
std::vector<HeldForm> held_forms(store::Connection& connection, std::int64_t vote_id);
// The supervisor's reading of a held form (check_settling) becomes the ballot.
BallotRecord settle_paper_form(store::Tx& tx, const Vote& vote, std::int64_t voter_id, std::int64_t supervisor_user_id,
                               const std::vector<Choice>& choices, TimePoint now);

// --- The street's voting policy and the identity check (docs/rules.md#c-identity-check) ---

// The street's identity-check policy; `all` when the street has set none.
IdentityCheckPolicy identity_check_policy_of_street(store::Connection& connection, std::int64_t street_node_id);
void save_identity_check_policy(store::Tx& tx, std::int64_t street_node_id, IdentityCheckPolicy policy);
// The person's checks in the vote so far (none: no failure, not passed).
IdentityCheck identity_check_of(store::Connection& connection, std::int64_t vote_id, std::int64_t person_id);
// Counts a wrong answer in one statement, unless the person has passed or is locked out by then (answers
// racing each other each count, and none past the last try): the failures after it, none when nothing counted.
std::optional<std::int64_t> count_identity_failure(store::Tx& tx, std::int64_t vote_id, std::int64_t person_id,
                                                   TimePoint now);
// Marks the person passed in one statement, unless locked out by then (false).
bool pass_identity(store::Tx& tx, std::int64_t vote_id, std::int64_t person_id, TimePoint now);

// --- Closing, extension, publication ---

// Reopens a closed vote until `deadline` and marks it extended (check_extendable, extended_deadline).
void extend_vote(store::Tx& tx, std::int64_t vote_id, TimePoint deadline);

struct Receipt {
  std::int64_t vote_id;
  std::string vote_title;
  VoteState vote_state;
  Channel channel;
  std::vector<Choice> choices;
  std::string recorded_at;
};
std::optional<Receipt> find_receipt(store::Connection& connection, const std::string& code);

}  // namespace weizhi::voting
