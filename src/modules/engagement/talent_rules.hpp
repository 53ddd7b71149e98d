// Pure rules of the talent pool (能人库, docs/rules.md#h-talent-pool): what the pool adds to a person's talent
// tags (skills, availability, the node they serve, active), its checks, and whether someone is available at a
// moment. Who is a mediator or a building leader stays the people registry's tag, typed once there.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/time.hpp"

namespace weizhi::engagement {

// A weekly window: on `days` (1 Monday … 7 Sunday) from `from` to `to`, HH:MM in the street's time.
struct Window {
  std::vector<int> days;
  std::string from;
  std::string to;
};

struct TalentInput {
  std::int64_t node_id = 0;  // the node they serve: their compound, or the community or street above it
  std::string skills;        // at most 100 characters
  std::vector<Window> availability;
  bool active = true;
};

// A person of the pool: the registry's tags and, once filled in, what the pool adds.
struct Talent {
  std::int64_t person_id = 0;
  std::string name_masked;
  std::int64_t home_node_id = 0;
  std::vector<std::string> tags;
  std::optional<TalentInput> pool;  // nullopt until someone fills it in
  std::string node_name;            // of the node they serve (their home node until filled in)
  std::optional<std::string> updated_at;
};

inline constexpr std::size_t kMaxSkills = 100;
inline constexpr std::size_t kMaxWindows = 14;

// The availability in the body field `key` (a JSON list of {weekdays, from, to}); 400 naming
// `key[i]` for a window that does not fit: weekdays 1–7 without repeats, from and to HH:MM with to later.
std::vector<Window> read_availability(const Json& value, const std::string& key);
Json availability_json(const std::vector<Window>& windows);
// 400 naming the field: skills at most 100 characters, at most kMaxWindows windows.
void check_talent(const TalentInput& input);
// Whether the pool marks the person active and one of their windows holds `moment` (street time).
bool available_at(const TalentInput& pool, TimePoint moment);
// 1 Monday … 7 Sunday and HH:MM of a moment in the street's time.
int street_weekday(TimePoint moment);

}  // namespace weizhi::engagement
