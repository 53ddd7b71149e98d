// The timeline of a record whose steps are kept in an events table (cases' case_events,
// mediation's mediation_events): one row per step under the record's id, with its kind, the
// states it moved between, a note, who took it and when; and who took them, by name and role.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "core/timeline_event.hpp"
#include "store/db.hpp"
#include "store/rows.hpp"

namespace weizhi::store {

class Timeline {
 public:
  // A step as it is written, named field by field (designated initializers); from_state and
  // to_state stay absent for a step that moves no state, user_id for one the system takes, and
  // `at` for one taken now (a report keeps the time it was made).
  struct Step {
    std::string kind;
    std::optional<std::string> from_state = std::nullopt;
    std::optional<std::string> to_state = std::nullopt;
    std::string note = "";
    std::optional<std::int64_t> user_id = std::nullopt;
    std::optional<TimePoint> at = std::nullopt;
  };

  // The names are the code's own, never a request's: they become part of the SQL.
  constexpr Timeline(std::string_view table, std::string_view record_column)
      : table_(table), record_column_(record_column) {}

  // Writes the step at its time, the transaction's unless given.
  void record(Tx& tx, std::int64_t record_id, const Step& step) const;

  // The record's steps in the order they happened (by time, then as written).
  std::vector<TimelineEvent> read(Connection& connection, std::int64_t record_id) const;

 private:
  std::string_view table_;
  std::string_view record_column_;
};

// Who took a step or holds a record, as any timeline shows them (docs/rules.md#f-masked-display):
// someone working for the street, compound or property by the name of their account and the role
// they hold (the earliest granted still valid); anyone else, a resident, by the masked name of
// their person record (their account's name masked when there is none) and `resident`.
struct Actor {
  std::string name;
  std::string role;
};
std::map<std::int64_t, Actor> actors(Connection& connection, const std::set<std::int64_t>& user_ids, TimePoint now);

}  // namespace weizhi::store
