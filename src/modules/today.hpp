// What a module adds to a person's work for today (GET /api/v1/me/today): its hook in the Module
// descriptor is given who asks, where they hold which permissions, and the time, and answers items.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "auth/principal.hpp"
#include "core/time.hpp"
#include "core/tree_path.hpp"
#include "store/db.hpp"

namespace weizhi::modules {

// One thing to do, or one group of alike things under a node (then `count` says how many).
struct TodayItem {
  std::string kind;   // "<module>.<what>", e.g. "cases.overdue"
  std::string title;  // what to do, in Chinese
  std::optional<std::int64_t> node_id;
  std::string node_name;
  std::optional<TimePoint> due_at;
  bool overdue = false;
  std::string link;  // the console route of the record, or of the list filtered to the group
  std::optional<std::int64_t> count;
};

// A node where the caller holds roles, with everything those roles allow over its subtree.
struct TodayScope {
  std::int64_t node_id;
  std::string path;
  std::string name;
  std::vector<std::string> permissions;  // sorted
};

struct TodayAsk {
  store::Connection& connection;
  const auth::Principal& caller;
  TimePoint now;
  std::vector<TodayScope> scopes;

  // The scopes where the caller holds `permission`, leaving out any inside another of them, so that
  // nothing is counted twice.
  std::vector<TodayScope> scopes_with(const std::string& permission) const {
    std::vector<TodayScope> holding;
    for (const auto& scope : scopes) {
      if (std::binary_search(scope.permissions.begin(), scope.permissions.end(), permission)) holding.push_back(scope);
    }
    std::vector<TodayScope> outermost;
    for (const auto& scope : holding) {
      bool inside_another = std::any_of(holding.begin(), holding.end(), [&](const TodayScope& other) {
        return other.node_id != scope.node_id && path_within(scope.path, other.path);
      });
      bool listed = std::any_of(outermost.begin(), outermost.end(),
                                [&](const TodayScope& other) { return other.node_id == scope.node_id; });
      if (!inside_another && !listed) outermost.push_back(scope);
    }
    return outermost;
  }
};

using TodayHook = std::function<std::vector<TodayItem>(const TodayAsk&)>;

// Overdue first; then by deadline, soonest first, those without one last; then by kind and node.
inline void order_by_urgency(std::vector<TodayItem>& items) {
  auto key = [](const TodayItem& item) {
    return std::make_tuple(!item.overdue, !item.due_at.has_value(), item.due_at.value_or(TimePoint{}), item.kind,
                           item.node_name);
  };
  std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

}  // namespace weizhi::modules
