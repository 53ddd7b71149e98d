// The epidemic module's types: an observation point (整楼居家隔离医学观察) on a building or unit, its staff, and
// the credentials it holds suspended.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::epidemic {

// Planned until its first day, active through its last, ended when lifted or once its last day has passed.
enum class ObservationState { Planned, Active, Ended };

struct ObservationInput {
  std::int64_t node_id = 0;  // a building or a unit
  std::string starts_on;     // YYYY-MM-DD
  std::string ends_on;       // YYYY-MM-DD, the last day observed
  std::string reason;
  std::vector<std::int64_t> staff_user_ids;
};

// A staff account named on an observation, by its display name.
struct StaffMember {
  std::int64_t user_id;
  std::string display_name;
};

struct Observation {
  std::int64_t id;
  ObservationInput input;
  std::vector<StaffMember> staff;  // input.staff_user_ids with their names
  std::string node_name;
  std::int64_t compound_node_id;
  std::string compound_name;
  ObservationState state = ObservationState::Planned;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t credentials_held = 0;  // suspended for it now
  std::optional<std::string> ended_at;
  std::string created_at;
};

// Who lives under the observed node: the households (parts with someone registered) and the persons.
struct Residents {
  std::int64_t households = 0;
  std::vector<std::int64_t> person_ids;
};

}  // namespace weizhi::epidemic
