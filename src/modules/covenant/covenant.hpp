// The covenant module's published header, what other modules use of it: its date checks, which
// the deliberation and elevator modules apply to their own dates.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi::covenant {

// Days from `from` to `to` (negative when `to` is earlier); nullopt when either is not a date.
std::optional<std::int64_t> days_between(const std::string& from, const std::string& to);

// "YYYY-MM-DD" after 400 naming the field when it is not a real day.
std::string checked_date(const std::string& text, const std::string& field);
// 400 naming the field when `later` (YYYY-MM-DD) is before `earlier`, whose meaning `earlier_name` gives.
void check_not_before(const std::string& later, const std::string& earlier, const std::string& field,
                      const std::string& earlier_name);

}  // namespace weizhi::covenant
