// The elections module's types: a committee election with its seven steps, candidates, frozen
// roll policy and rounds. Dates are YYYY-MM-DD in the street's time zone; times ISO-8601 UTC.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/elections/count.hpp"

namespace weizhi::elections {

// The seven steps, in their fixed order (docs/rules.md#d-seven-steps); names are configurable per election.
inline constexpr std::int64_t kStepCount = 7;
enum Step : std::int64_t {
  kWorkingGroup = 1,
  kPublicity = 2,
  kRegistration = 3,
  kNomination = 4,
  kVetting = 5,
  kVoting = 6,
  kFiling = 7,
};

// Who is on the frozen roll: one representative per household (default) or every adult resident.
enum class RollPolicy { Household, AdultResidents };
enum class Nomination { Self, Joint, Organisation };
enum class Vetting { Pending, Approved, Rejected };
enum class ElectionState { Running, Filed };

struct StepRecord {
  std::int64_t step;
  std::string opened_at;
  std::optional<std::string> publicity_ends_on;
  std::optional<std::int64_t> signed_off_by_user_id;
  std::optional<std::string> signed_off_at;
  std::optional<std::string> sign_off_note;
};

struct Election {
  std::int64_t id;
  std::int64_t compound_node_id;
  std::string title;
  std::int64_t seats;
  RollPolicy roll_policy;
  MajorityBase majority_base;
  std::vector<std::string> step_names;  // kStepCount names
  std::int64_t current_step;
  ElectionState state;
  std::optional<std::int64_t> committee_id;
  std::string created_at;
};

struct ElectionInput {
  std::int64_t compound_node_id;
  std::string title;
  std::int64_t seats = 5;
  RollPolicy roll_policy = RollPolicy::Household;
  MajorityBase majority_base = MajorityBase::Returned;
  std::vector<std::string> step_names;  // empty: the default names
};

// A person linked to a part of the compound, as the roll policies read them.
struct Household {
  std::int64_t part_id;
  std::int64_t person_id;
  bool owner = false;
  bool designated_voter = false;
  std::optional<std::int64_t> birth_year;
};

struct Candidate {
  std::int64_t id;
  std::int64_t person_id;
  std::string name;  // masked
  bool party_member = false;
  Nomination nomination;
  std::string nominated_by;
  std::string origin;  // committees origin code
  Vetting vetting;
  std::optional<std::string> vetting_reason;
};

// A secret ballot as the ballot box holds it: keyed by its random receipt code, no voter, the day only.
struct SealedBallot {
  std::string receipt_code;
  std::string channel;  // online or paper
  std::string choices;  // candidate ids, "3,8,12"
  std::string cast_on;  // YYYY-MM-DD
};

struct Round {
  std::int64_t round;  // from 1
  RoundKind kind;
  std::int64_t seats;
  std::vector<std::int64_t> candidate_ids;
  std::optional<std::string> result;       // the count as JSON, once counted
  std::optional<std::string> lot_drawing;  // candidate ids in the order drawn
};

struct Complaint {
  std::int64_t id;
  std::int64_t step;
  std::string text;
  std::optional<std::string> answer;
  std::string created_at;
};

}  // namespace weizhi::elections
