// The elevators module's types: a stairwell unit's elevator retrofit (加装电梯, docs/rules.md#e-elevators) with
// its eligibility, working group, consent vote, cost agreement and split, maintenance contract
// and mediation records. Money is in fen, areas in 0.01 m², dates YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::elevators {

// A project moves one stage at a time; before construction it may be withdrawn, which ends it.
enum class Stage { Proposal, Consent, Design, Approval, Construction, Acceptance, InService, Withdrawn };
enum class Method { Floor, Area };
enum class MediationOutcome { Agreed, NotAgreed, Pending };
// Order 324: disputes go to community mediation, then to the street.
enum class MediationLevel { Community, Street };

// A street's elevator policy ([policy], docs/rules.md#e-elevators).
struct Policy {
  std::int64_t min_floors = 4;       // a building needs at least this many floors
  std::int64_t group_size = 5;       // members of a working group (西四苑's five, docs/rules.md#figures)
  std::int64_t publicity_days = 10;  // the design is publicised this long before approval
};

// What the registry says of a stairwell unit.
struct UnitFacts {
  std::optional<std::int64_t> floors;  // of its building; none when not registered
  bool has_elevator = false;
  std::int64_t owners = 0;       // distinct owner persons of the unit's parts
  bool state_owned_land = true;  // as the building's registry says; state-owned unless recorded otherwise
};

struct Eligibility {
  bool eligible = false;
  std::vector<std::string> reasons;  // one per failed condition, in Chinese
};

// A unit with its place and facts, as the eligibility list shows it.
struct UnitRecord {
  std::int64_t unit_id;
  std::string unit_name;
  std::int64_t building_id;
  std::string building_name;
  std::int64_t compound_id;
  std::string compound_name;
  UnitFacts facts;
  std::int64_t residential_parts = 0;
  std::optional<std::int64_t> project_id;  // the unit's project that is not withdrawn
};

// A weight kept exactly: `scaled` / 10^`decimals`, as the decimal text it was given in.
struct Weight {
  std::string text;
  std::int64_t scaled = 0;
  int decimals = 0;
};

struct CostAgreement {
  std::int64_t total_fen = 0;
  std::optional<std::map<std::int64_t, Weight>> floor_weights;  // floor → weight; none: by area
  std::string updated_at;
};

// A part sharing the cost: the unit's residential parts.
struct SharePart {
  std::int64_t part_id;
  std::string room_number;
  std::int64_t floor;
  std::int64_t area_centi_m2;  // 0.01 m²
};

struct Share {
  SharePart part;
  std::optional<std::string> weight;  // the floor's weight, by the floor method
  std::int64_t share_fen;
};

struct Split {
  Method method;
  std::int64_t total_fen;
  std::vector<Share> shares;  // by part id; the shares sum exactly to total_fen
};

struct Member {
  std::optional<std::int64_t> person_id;
  std::string name;  // as given, for a member outside the registry; masked name of the person otherwise
  std::string role;
};

struct StageEvent {
  Stage stage;
  std::string on;  // YYYY-MM-DD
  std::int64_t by_user_id;
  std::string by_name;
  std::string recorded_at;
};

struct Contract {
  std::string provider;
  std::string signed_on;
  std::int64_t maintenance_years = 0;  // 维保
  std::int64_t warranty_years = 0;     // 质保
  std::int64_t annual_fee_fen = 0;
  std::optional<std::int64_t> response_minutes;  // rescue response time promised
  std::string note;
  std::string updated_at;
};

struct MediationInput {
  std::string held_on;
  MediationLevel level = MediationLevel::Community;
  std::vector<std::string> parties;
  std::optional<std::int64_t> mediator_person_id;
  std::optional<std::string> mediator_name;
  std::string issue;
  MediationOutcome outcome = MediationOutcome::Pending;
  std::optional<std::string> agreement;
};

struct Mediation {
  std::int64_t id;
  MediationInput input;
  std::int64_t recorded_by_user_id;
  std::string created_at;
};

struct Project {
  std::int64_t id;
  std::int64_t unit_id;
  std::int64_t compound_id;
  std::string title;
  Stage stage;
  std::optional<std::int64_t> vote_id;  // the consent vote of matter 7
  std::string created_at;
  // The design's publicity: first and last day, both included; none until it is started.
  std::optional<std::string> publicity_starts_on;
  std::optional<std::string> publicity_ends_on;
};

// What the consent vote decides, read from the voting module.
struct ConsentFacts {
  bool counted = false;  // closed or published
  bool passed = false;   // counted and its item passed
};

}  // namespace weizhi::elevators
