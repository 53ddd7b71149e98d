// roll.csv and ballots.csv. The fields are numbers and fixed codes, never quoted, so lines are
// split on commas directly: a million-line export parses in a fraction of a second.
#include "modules/voting/files.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>

#include "core/text.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/rules.hpp"

namespace weizhi::voting {

namespace {

// Calls `each(line_number, fields)` for every non-blank line after the header, which must match.
template <std::size_t N, class Each>
void for_each_record(std::string_view text, std::string_view header, Each&& each) {
  bool header_seen = false;
  for_each_line(text, [&](std::int64_t line_number, std::string_view line) {
    if (!header_seen) {
      if (line != header) throw InvalidLine(line_number, "第一行应为表头 " + std::string(header));
      header_seen = true;
      return;
    }
    if (line.empty()) return;
    std::array<std::string_view, N> fields;
    std::size_t count = 0;
    while (true) {
      auto comma = line.find(',');
      if (count == N) throw InvalidLine(line_number, "应有 " + std::to_string(N) + " 列");
      fields[count++] = line.substr(0, comma);
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
    if (count != N) throw InvalidLine(line_number, "应有 " + std::to_string(N) + " 列");
    each(line_number, fields);
  });
  if (!header_seen) throw InvalidLine(1, "文件为空：第一行应为表头 " + std::string(header));
}

std::int64_t positive_integer(std::string_view field, std::int64_t line, const char* name) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || error != std::errc() || end != field.data() + field.size() || value <= 0) {
    throw InvalidLine(line, std::string(name) + " 应为正整数，此处为「" + std::string(field) + "」");
  }
  return value;
}

// Square metres with up to two decimals ("87", "87.3", "87.35") as 0.01 m², positive and below
// 10^9 m². The same format as the registry's CSV import accepts, read here without allocating.
std::optional<std::int64_t> parse_area(std::string_view text) {
  auto point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  auto digits = [](std::string_view part, std::int64_t& value) {
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size() &&
           part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::int64_t metres = 0, hundredths = 0;
  if (whole.empty() || whole.size() > 9 || !digits(whole, metres)) return std::nullopt;
  if (point != std::string_view::npos) {
    if (fraction.empty() || fraction.size() > 2 || !digits(fraction, hundredths)) return std::nullopt;
    if (fraction.size() == 1) hundredths *= 10;
  }
  std::int64_t area = metres * 100 + hundredths;
  if (area <= 0) return std::nullopt;
  return area;
}

// Appends a record of `fields` and its line end; the fields need no quoting (see above).
void append_record(std::string& text, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) text += ',';
    text += field;
    first = false;
  }
  text += '\n';
}

// An upper bound of the records in `text`, to allocate once.
std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

}  // namespace

std::string roll_csv(const std::vector<RollEntry>& roll) {
  std::string text;
  append_record(text, {kRollHeader});
  for (const auto& entry : roll) {
    append_record(text, {std::to_string(entry.part_id), entry.owner_id ? std::to_string(entry.owner_id) : "",
                         code_of(kOwnerKinds, entry.owner_kind), org::area_m2_text(entry.area_centi_m2),
                         code_of(kPartUses, entry.use)});
  }
  return text;
}

std::string ballots_csv(const std::vector<BallotEntry>& ballots) {
  std::string text;
  append_record(text, {kBallotsHeader});
  for (const auto& ballot : ballots) {
    append_record(text,
                  {std::to_string(ballot.owner_id), std::to_string(ballot.item), code_of(kChoices, ballot.choice)});
  }
  return text;
}

std::vector<RollEntry> parse_roll_csv(std::string_view text) {
  std::vector<RollEntry> roll;
  roll.reserve(line_count(text));
  for_each_record<5>(text, kRollHeader, [&](std::int64_t line, const auto& fields) {
    RollEntry entry{positive_integer(fields[0], line, "part_id"), 0, OwnerKind::Person, 0, PartUse::Residential, line};
    if (!fields[1].empty()) entry.owner_id = positive_integer(fields[1], line, "owner_id");
    auto kind = parse_code(kOwnerKinds, fields[2]);
    if (!kind) throw InvalidLine(line, "owner_kind 应为 person 或 developer，此处为「" + std::string(fields[2]) + "」");
    entry.owner_kind = *kind;
    auto area = parse_area(fields[3]);
    if (!area)
      throw InvalidLine(line, "area 应为不超过两位小数的面积（平方米），此处为「" + std::string(fields[3]) + "」");
    entry.area_centi_m2 = *area;
    auto use = parse_code(kPartUses, fields[4]);
    if (!use) {
      throw InvalidLine(line,
                        "use 应为 residential、commercial、parking 或 other，此处为「" + std::string(fields[4]) + "」");
    }
    entry.use = *use;
    roll.push_back(entry);
  });
  return roll;
}

std::vector<BallotEntry> parse_ballots_csv(std::string_view text) {
  std::vector<BallotEntry> ballots;
  ballots.reserve(line_count(text));
  for_each_record<3>(text, kBallotsHeader, [&](std::int64_t line, const auto& fields) {
    BallotEntry ballot{positive_integer(fields[0], line, "owner_id"), positive_integer(fields[1], line, "item"),
                       Choice::Invalid, line};
    auto choice = parse_code(kChoices, fields[2]);
    if (!choice) {
      throw InvalidLine(
          line, "choice 应为 agree、oppose、abstain、follow 或 invalid，此处为「" + std::string(fields[2]) + "」");
    }
    ballot.choice = *choice;
    ballots.push_back(ballot);
  });
  return ballots;
}

}  // namespace weizhi::voting
