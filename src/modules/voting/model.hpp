// The voting module's types: a vote on a matter of Civil Code Art. 278 with its scope, items,
// window, channels and policies; the frozen roll and the ballots as the tally reads them; and
// the tally's exact ratios. Areas are in 0.01 m² throughout, never floating point.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::voting {

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

struct Policies {
  FollowMajority follow_majority = FollowMajority::BothDimensions;
  Extension extension = Extension::OnceIfQuorumNotMet;
};

struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 0;
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

// One voter's choice on one item, as ballots.csv holds it.
struct BallotEntry {
  std::int64_t owner_id;
  std::int64_t item;  // from 1
  Choice choice;
  std::int64_t line = 0;  // line of ballots.csv; 0 when not read from a file
};

// The denominators of docs/rules.md#b-voting-roll and who may vote, derived from a roll.
struct Electorate {
  std::vector<std::int64_t> owner_ids;   // voters, ascending
  std::vector<std::int64_t> areas;       // 0.01 m², parallel to owner_ids
  std::int64_t total_area_centi_m2 = 0;  // every counted part
  std::int64_t owner_count = 0;          // voters plus parts that have no voter yet
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
};

}  // namespace weizhi::voting
