// The covenant module's published header, what other modules use of it: its date checks, which
// the deliberation and elevator modules apply to their own dates, and what a record adopted by an
// owners' vote needs to know of the vote (the property module's contracts are adopted so too).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi::store {
class Connection;
}

namespace weizhi::covenant {

// What adoption needs to know of the vote, read from the voting module.
struct VoteFacts {
  std::int64_t compound_node_id;
  int matter;
  bool counted;  // closed or published: its result is final
  std::int64_t item_count;
  bool item_passed;  // the asked item's outcome is passed
};

// What adoption checks of a vote and its item; nullopt when there is no such vote (store.cpp).
std::optional<VoteFacts> vote_facts(store::Connection& connection, std::int64_t vote_id, std::int64_t item);

// The compound's violations still open at the end of `day` (YYYY-MM-DD) whose rectification deadline passed
// before it: neither removed nor closed by then (the property module's monthly evaluation reads them).
std::int64_t violations_overdue(store::Connection& connection, std::int64_t compound_node_id, const std::string& day);

// Days from `from` to `to` (negative when `to` is earlier); nullopt when either is not a date.
std::optional<std::int64_t> days_between(const std::string& from, const std::string& to);

// "YYYY-MM-DD" after 400 naming the field when it is not a real day.
std::string checked_date(const std::string& text, const std::string& field);
// 400 naming the field when `later` (YYYY-MM-DD) is before `earlier`, whose meaning `earlier_name` gives.
void check_not_before(const std::string& later, const std::string& earlier, const std::string& field,
                      const std::string& earlier_name);

}  // namespace weizhi::covenant
