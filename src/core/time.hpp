// Time: stored and compared in UTC as ISO-8601 text ("2026-11-27T09:46:18.123Z", which sorts
// correctly), read from a Clock so that rules and jobs can be tested at any instant.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace weizhi {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// The years a time or date is taken in. A TimePoint counts nanoseconds in 64 bits, from 1677 to 2262;
// a date much further off would overflow it, and no record of a street is dated there.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;

// UTC ISO-8601 with milliseconds and a trailing Z.
std::string iso_utc(TimePoint t);
// Parses what iso_utc writes (milliseconds optional) and offsets like +08:00; nullopt if malformed or
// outside kFirstYear to kLastYear.
std::optional<TimePoint> parse_iso(std::string_view text);

// Calendar dates as "YYYY-MM-DD" (terms, publicity periods): parse (nullopt if malformed, not a real
// day or outside kFirstYear to kLastYear) and write.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string date_text(std::chrono::year_month_day date);

// The calendar date in the street's time zone (Asia/Shanghai, UTC+8, no daylight saving): the
// day publicity periods, deadlines and ballots are counted in.
std::string street_date(TimePoint now);
// The moment a street day (YYYY-MM-DD) is over, midnight after it in the street's time zone: a due
// day is met until then. Nullopt when `day` is not a date.
std::optional<TimePoint> street_day_end(std::string_view day);

}  // namespace weizhi
