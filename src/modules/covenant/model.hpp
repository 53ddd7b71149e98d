// The covenant module's types: a compound's management covenant (管理规约) in versions of
// numbered clauses with their enforcement rules, households' acknowledgements, and the violations
// of the covenant in force with their re-inspections and escalation up the responsibility chain.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/covenant/covenant.hpp"
#include "modules/governance/governance.hpp"

namespace weizhi::covenant {

// A version is drafted, adopted by an owners' vote of matter 2, and superseded by the next adoption.
enum class VersionState { Draft, Adopted, Superseded };
// What a violation records depends on its clause's type: a structure, a car, or a description.
enum class ViolationKind { IllegalStructure, Parking, Other };
// FixMyStreet-style states as data: reported and the two working states are open, the last two final.
enum class ViolationState { Reported, Notified, Rectifying, Removed, Closed };
// Who an overdue violation has reached, walking the responsibility chain upward (docs/rules.md#j-escalation).
using governance::EscalationLevel;

inline constexpr const char* kParking = "parking";
inline constexpr const char* kIllegalStructure = "illegal_structure";

// A street's covenant policy: the clause types besides parking and illegal structures that its compounds
// write into their covenants ([policy]; the article's "5 public-management items", docs/modules/covenant.md).
struct Policy {
  std::vector<std::string> extra_clause_types;
};

struct Clause {
  std::int64_t number;  // from 1, unique within a version
  std::string type;     // parking, illegal_structure or one of the street's types
  std::string text;
  std::int64_t rectification_days;  // 1–90: from the day the household is notified
  std::int64_t escalation_days;     // days overdue per level of the chain, 1–90
};

struct Version {
  std::int64_t id;
  std::int64_t compound_node_id;
  std::string compound_name;
  std::int64_t number;  // 1, 2, … per compound
  std::string title;
  VersionState state;
  std::optional<std::int64_t> vote_id;       // the matter-2 vote that adopted it
  std::optional<std::int64_t> vote_item;     // the item of that vote, from 1
  std::optional<std::string> adopted_on;     // YYYY-MM-DD
  std::optional<std::string> superseded_on;  // YYYY-MM-DD
  std::string created_at;
  std::vector<Clause> clauses;
};

struct Acknowledgement {
  std::int64_t part_node_id;
  std::string part_name;
  std::optional<std::int64_t> person_id;  // the resident who signed; none when staff recorded it
  std::int64_t recorded_by_user_id;
  std::string acknowledged_at;
};

struct Inspection {
  std::int64_t id;
  std::string inspected_on;  // YYYY-MM-DD
  bool passed;
  std::string note;
  std::optional<std::int64_t> by_user_id = std::nullopt;  // none when recorded before who inspected was kept
};

struct ViolationInput {
  std::int64_t compound_node_id;
  std::int64_t clause_number;  // of the adopted version
  std::string reported_on;     // YYYY-MM-DD
  // Illegal structure.
  std::string location;
  std::optional<std::int64_t> part_node_id;
  std::int64_t area_centi_m2 = 0;   // 0.01 m²
  std::vector<std::string> photos;  // references to stored photos
  // Parking.
  std::string plate;
  std::string place;
  // Other clause types.
  std::string description;
};

// Who took each step of a violation, by user account: none for a step not taken, and for one taken
// before who took it was kept.
struct ViolationTakers {
  std::optional<std::int64_t> reported;
  std::optional<std::int64_t> notified;
  std::optional<std::int64_t> rectifying;
  std::optional<std::int64_t> removed;
  std::optional<std::int64_t> closed;
};

struct Violation {
  std::int64_t id;
  std::int64_t version_id;
  ViolationInput input;
  std::string clause_type;
  ViolationKind kind;
  ViolationState state;
  std::int64_t rectification_days;
  std::int64_t escalation_days;
  std::optional<std::string> notified_on;
  std::optional<std::string> deadline_on;  // notified_on + rectification_days
  std::optional<std::string> rectifying_on;
  std::optional<std::string> removed_on;
  std::optional<std::string> closed_on;
  std::optional<std::string> close_reason;
  std::int64_t recorded_level = 0;  // the highest EscalationLevel recorded by the escalation run
  std::string created_at;
  std::string compound_name;
  std::vector<Inspection> inspections;  // oldest first
  ViolationTakers by;
};

// A level of the chain the escalation run recorded for a violation, on the day it reached it.
struct RecordedEscalation {
  std::string level;
  std::string on;                          // YYYY-MM-DD
  std::optional<std::int64_t> by_user_id;  // the person who ran it; none for the daily job
};

// The figures of GET /api/v1/stats/covenant, from the records of one compound.
struct Stats {
  std::optional<std::string> adopted_on;
  std::int64_t violations = 0;
  std::int64_t removed = 0;
  std::int64_t removed_area_centi_m2 = 0;  // 0.01 m²
  std::optional<std::int64_t> days_to_last_removal;
  std::int64_t open = 0;
};

}  // namespace weizhi::covenant
