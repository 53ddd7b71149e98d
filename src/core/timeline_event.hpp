// A step of a record's timeline as it is read back (store::Timeline): a case's or a dispute's
// events, each module naming its own kinds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi {

struct TimelineEvent {
  std::int64_t id = 0;
  std::string kind;
  std::optional<std::string> from_state;
  std::optional<std::string> to_state;
  std::string note;
  std::optional<std::int64_t> user_id;  // absent for a step the system took
  std::string created_at;
};

}  // namespace weizhi
