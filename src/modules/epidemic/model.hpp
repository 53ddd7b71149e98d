// The epidemic module's types: an observation point (整楼居家隔离医学观察) on a building or unit, its staff, the
// credentials it holds suspended, and its care: the households' daily health check-ins and their help requests.
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
  // Kept when the care records are purged (docs/rules.md#i-observation-care).
  std::int64_t check_ins = 0;
  std::int64_t help_requests = 0;
  std::optional<std::string> purged_at;
};

// A change of an observation's last day, as its page shows it (docs/rules.md#i-observation-change).
struct EndChangeRecord {
  std::string from_ends_on;
  std::string ends_on;
  std::string reason;
  std::string changed_by;  // the staff account's display name
  std::string changed_at;
};

// Who lives under the observed node: the households (parts with someone registered) and the persons.
struct Residents {
  std::int64_t households = 0;
  std::vector<std::int64_t> person_ids;
};

// --- Care (docs/rules.md#i-observation-care) ---

// The symptoms a household reports; None excludes the others.
enum class Symptom { Fever, Cough, Fatigue, SoreThroat, None };
// How a check-in came in: from the resident's H5, or typed by staff during a phone call.
enum class CheckInChannel { H5, Phone };
// What a household under observation asks for; each is an item of the street's case catalogue.
enum class HelpKind { Supplies, Medicine, Counselling };

// A day's health report as the household gives it.
struct HealthInput {
  std::int64_t temperature_tenths = 0;  // 0.1 °C: 365 is 36.5 °C
  std::vector<Symptom> symptoms;
  std::string note;
};

// A household under an observation: a part under its node with someone registered.
struct Household {
  std::int64_t part_id = 0;
  std::string address;  // building, unit and room, e.g. 12幢1单元301
};

// A check-in as stored: the health values only sealed with the data key.
struct StoredCheckIn {
  std::int64_t id = 0;
  std::int64_t observation_id = 0;
  std::int64_t part_id = 0;
  std::string on_date;  // YYYY-MM-DD, the street's day
  CheckInChannel channel = CheckInChannel::H5;
  bool abnormal = false;
  std::string sealed_health;  // encrypted JSON {temperature_tenths, symptoms, note}
  std::string legal_basis;
  std::string recorded_at;
};

struct StoredHelpRequest {
  std::int64_t id = 0;
  std::int64_t observation_id = 0;
  std::int64_t part_id = 0;
  std::string address;
  HelpKind kind = HelpKind::Supplies;
  std::optional<std::string> sealed_detail;  // encrypted; none once purged
  std::int64_t case_id = 0;
  std::string created_at;
};

// A street's setting: households not checked in by this hour (0–23, the street's time) are missed.
inline constexpr std::int64_t kDefaultCheckInHour = 10;

}  // namespace weizhi::epidemic
