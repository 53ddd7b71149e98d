// What a module puts up for public view (公示): its hook in the Module descriptor is asked for the items
// current on a day that concern a reader — a resident by the homes they live in, or staff by a node —
// so that every 公示 of every module is found in one list (GET /api/v1/me/publicity, /api/v1/publicity).
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/tree_path.hpp"
#include "store/db.hpp"

namespace weizhi::modules {

// One thing in publicity: what it is, over which node, from which day to which (YYYY-MM-DD, both counted),
// and where to read it — the H5 route for residents, the console route for staff.
struct PublicityItem {
  std::string module;  // the module's name, e.g. "voting"
  std::string kind;    // "<module>.<what>", e.g. "voting.result"
  std::string title;   // in Chinese
  std::int64_t node_id = 0;
  std::string node_name;
  std::string starts_on;
  std::string ends_on;
  std::string link;
  std::string console_link;
};

// A resident's home: a part they are linked to, and whether as an owner.
struct PublicityHome {
  std::string path;
  bool owner = false;
};

struct PublicityAsk {
  store::Connection& connection;
  // The reader's homes (a resident), or none (staff).
  std::vector<PublicityHome> homes;
  // The nodes staff ask about, or none (a resident).
  std::vector<std::string> scopes;
  std::string today;  // the street's date, YYYY-MM-DD

  bool staff() const { return homes.empty(); }
  // Whether what is put up over the node at `path` concerns the reader: a resident, when a home lies
  // under it; staff, when the node lies on the line of a node asked about (under it, or above it).
  bool reaches(const std::string& path) const {
    if (!staff()) {
      return std::any_of(homes.begin(), homes.end(),
                         [&](const PublicityHome& home) { return path_within(home.path, path); });
    }
    return std::any_of(scopes.begin(), scopes.end(),
                       [&](const std::string& scope) { return path_within(path, scope) || path_within(scope, path); });
  }
  // Whether the resident owns a home under the node at `path`.
  bool owns_under(const std::string& path) const {
    return std::any_of(homes.begin(), homes.end(),
                       [&](const PublicityHome& home) { return home.owner && path_within(home.path, path); });
  }
  // Whether a period from `starts_on` to `ends_on` runs today.
  bool current(const std::string& starts_on, const std::string& ends_on) const {
    return starts_on <= today && today <= ends_on;
  }
};

// How long an owners' decision stays up once made known — a vote's result, a covenant adopted — the first day
// counted (docs/rules.md#h-result-publicity): no rule sets it, so it is the street's usual week on the board.
inline constexpr int kDecisionPublicityDays = 7;

// The day `days` after `day` (YYYY-MM-DD; negative: before), for a period's last day; "" when `day` is no date.
inline std::string days_after(const std::string& day, int days) {
  auto date = parse_date(day);
  if (!date) return {};
  return date_text(std::chrono::year_month_day(std::chrono::sys_days(*date) + std::chrono::days(days)));
}

using PublicityHook = std::function<std::vector<PublicityItem>(const PublicityAsk&)>;

// The newest first: by first day, latest first, then by last day and title.
inline void order_newest_first(std::vector<PublicityItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const PublicityItem& a, const PublicityItem& b) {
    if (a.starts_on != b.starts_on) return a.starts_on > b.starts_on;
    if (a.ends_on != b.ends_on) return a.ends_on < b.ends_on;
    return a.title < b.title;
  });
}

}  // namespace weizhi::modules
