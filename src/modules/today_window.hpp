// The days a today hook (modules/today.hpp) warns of: from the street's date now to so many days
// ahead, for the records due on a day, such as a dispute's follow-up visit or a resolution's action.
#pragma once
#include <chrono>
#include <string>

#include "core/time.hpp"

namespace weizhi::modules {

struct TodayWindow {
  std::string today;     // the street's date now
  std::string last_day;  // the last date warned of

  // Whether something due on the street date `due_on` is due within the window, late included.
  bool holds(const std::string& due_on) const { return due_on <= last_day; }
  bool overdue(const std::string& due_on) const { return due_on < today; }
};

inline TodayWindow today_window(TimePoint now, int days_ahead) {
  return {street_date(now), street_date(now + std::chrono::days(days_ahead))};
}

}  // namespace weizhi::modules
