// What a module adds to the monthly report (GET /api/v1/reports/monthly): its hook in the Module
// descriptor is given a node and a month and answers sections counted from its records.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include "core/time.hpp"
#include "store/db.hpp"

namespace weizhi::modules {

// A table cell: empty, a text, a count, or a decimal such as m² or a share.
using ReportValue = std::variant<std::monostate, std::string, std::int64_t, double>;

struct ReportFigure {
  std::string label;  // in Chinese
  ReportValue value;
  std::string unit;  // "件", "m²", "%", or empty
};

struct ReportTable {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<ReportValue>> rows;
};

struct ReportSection {
  std::string key;    // "<module>.<what>", e.g. "cases.handling"
  std::string title;  // in Chinese
  std::vector<ReportFigure> figures;
  std::vector<ReportTable> tables;
};

// The node whose subtree the report covers and the month, [start, end) in the street's time
// (Asia/Shanghai): as moments for the times stored in UTC, and as street days for the dates.
struct ReportAsk {
  store::Connection& connection;
  std::int64_t node_id;
  std::string node_path;
  std::string month;      // YYYY-MM
  TimePoint start;        // the month's first midnight in the street's time
  TimePoint end;          // the next month's
  std::string first_day;  // YYYY-MM-01
  std::string day_after;  // the next month's YYYY-MM-01

  // The bounds to bind after a condition `column >= ? AND column < ?`: on a UTC time, and on a street day.
  store::Params moments() const { return {iso_utc(start), iso_utc(end)}; }
  store::Params days() const { return {first_day, day_after}; }
};

// The values of a query's placeholders, bound in the order its conditions are written.
inline store::Params joined(std::initializer_list<store::Params> parts) {
  store::Params all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

using ReportHook = std::function<std::vector<ReportSection>(const ReportAsk&)>;

// A share as a percentage with one decimal, or empty when there is nothing to share.
inline ReportValue percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::monostate{};
  return std::round(static_cast<double>(part) * 1000.0 / static_cast<double>(whole)) / 10.0;
}

}  // namespace weizhi::modules
