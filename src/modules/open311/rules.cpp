// Open311 rules: documents, fields, locations, statuses and search windows.
#include "modules/open311/rules.hpp"

#include <charconv>
#include <cmath>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/cases/cases.hpp"

namespace weizhi::open311 {

using cases::State;

namespace {

// Every state of a case with what a resident reads of it; a duplicate adds the case it joined, a case
// closed unfixed the reason.
constexpr CodeTable<State> kStatusNotes = {{State::Reported, "已上报，等待受理"},
                                           {State::Accepted, "已受理"},
                                           {State::Assigned, "已派单"},
                                           {State::InProgress, "处理中"},
                                           {State::Resolved, "已处置，待核验"},
                                           {State::Verified, "已核验"},
                                           {State::Closed, "已办结"},
                                           {State::Returned, "已退回：不属于小区公共服务事项或信息不足"},
                                           {State::Transferred, "已转办"},
                                           {State::Duplicate, "重复上报"},
                                           {State::ClosedNotFixed, "未解决关闭"}};

}  // namespace

Status status_of(State state) {
  return cases::state_type(state) == cases::StateType::Open ? Status::Open : Status::Closed;
}

std::vector<Status> parse_statuses(std::string_view text) {
  std::vector<Status> statuses;
  while (true) {
    std::size_t comma = text.find(',');
    auto status = parse_code(kStatuses, text.substr(0, comma));
    if (!status) fail_invalid("status", "status 应为 open 或 closed（可用逗号分隔）");
    statuses.push_back(*status);
    if (comma == std::string_view::npos) return statuses;
    text.remove_prefix(comma + 1);
  }
}

std::vector<State> states_of(Status status) {
  std::vector<State> states;
  for (const auto& [state, note] : kStatusNotes) {
    if (status_of(state) == status) states.push_back(state);
  }
  return states;
}

std::string status_notes(State state, const std::optional<std::string>& close_reason,
                         std::optional<std::int64_t> original_id) {
  std::string note = code_of(kStatusNotes, state);
  if (state == State::Duplicate && original_id) note += "，已并入案件 " + std::to_string(*original_id);
  if (state == State::ClosedNotFixed && close_reason) note += "：" + *close_reason;
  return note;
}

std::string json_document(std::string_view segment) {
  std::size_t dot = segment.rfind('.');
  std::string_view format = dot == std::string_view::npos ? std::string_view{} : segment.substr(dot + 1);
  if (format != "json" || dot == 0) {
    fail_invalid("format", "只支持 JSON 格式：请在地址末尾使用 .json（不提供 .xml）");
  }
  return std::string(segment.substr(0, dot));
}

namespace {

void add_json_field(Fields& fields, const std::string& key, const Json& value) {
  if (value.is_null()) return;
  if (value.is_string()) {
    fields[key] = value.get<std::string>();
  } else if (value.is_number() || value.is_boolean()) {
    fields[key] = value.dump();
  } else {
    fail_invalid(key, "字段 " + key + " 应为文字或数字");
  }
}

}  // namespace

Fields json_fields(std::string_view body) {
  Fields fields;
  Json object = parse_json_object(body);
  for (const auto& [key, value] : object.items()) {
    // {"attribute": {"compound": 5}} is the JSON spelling of attribute[compound]=5.
    if (key == "attribute" && value.is_object()) {
      for (const auto& [name, inner] : value.items()) add_json_field(fields, "attribute[" + name + "]", inner);
    } else {
      add_json_field(fields, key, value);
    }
  }
  return fields;
}

std::vector<std::int64_t> parse_id_list(std::string_view text, const std::string& field, std::size_t limit) {
  std::vector<std::int64_t> ids;
  while (true) {
    std::size_t comma = text.find(',');
    std::string_view one = text.substr(0, comma);
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(one.data(), one.data() + one.size(), id);
    if (one.empty() || error != std::errc() || end != one.data() + one.size() || id <= 0) {
      fail_invalid(field, "字段 " + field + " 应为逗号分隔的案件编号");
    }
    ids.push_back(id);
    if (ids.size() > limit) fail_invalid(field, "字段 " + field + " 最多 " + std::to_string(limit) + " 个编号");
    if (comma == std::string_view::npos) return ids;
    text.remove_prefix(comma + 1);
  }
}

namespace {

std::optional<double> coordinate(const Fields& fields, const std::string& key, double bound) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.empty()) return std::nullopt;
  const std::string& text = it->second;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || std::fabs(value) > bound) {
    fail_invalid(key, "字段 " + key + " 应为 -" + std::to_string(static_cast<int>(bound)) + " 至 " +
                          std::to_string(static_cast<int>(bound)) + " 之间的十进制度数");
  }
  return value;
}

}  // namespace

Location parse_location(const Fields& fields) {
  Location location;
  location.lat = coordinate(fields, "lat", 90);
  location.lon = coordinate(fields, "long", 180);
  if (location.lat.has_value() != location.lon.has_value()) {
    std::string missing = location.lat ? "long" : "lat";
    fail_invalid(missing, "坐标须同时提供 lat 和 long，缺少 " + missing);
  }
  if (auto it = fields.find("address_string"); it != fields.end()) location.address_string = it->second;
  if (location.address_string.size() > 200) fail_invalid("address_string", "address_string 不超过 200 字节");
  if (!location.lat && location.address_string.empty()) {
    fail_invalid("address_string", "请提供位置：lat 和 long，或 address_string");
  }
  return location;
}

std::optional<std::int64_t> compound_named_in(const std::string& address, const std::vector<NamedNode>& compounds) {
  std::optional<std::int64_t> found;
  for (const auto& compound : compounds) {
    if (compound.name.empty() || address.find(compound.name) == std::string::npos) continue;
    if (found) return std::nullopt;
    found = compound.id;
  }
  return found;
}

void check_address_compound(const std::string& address, std::int64_t compound_id,
                            const std::vector<NamedNode>& compounds) {
  auto named = compound_named_in(address, compounds);
  if (named && *named != compound_id) {
    fail_invalid("address_string",
                 "address_string 中的小区与请求的小区（attribute[compound] 或 api_key 的范围）不一致");
  }
}

namespace {

std::optional<TimePoint> bound(const std::optional<std::string>& text, const std::string& field) {
  if (!text) return std::nullopt;
  auto time = parse_iso(*text);
  if (!time) fail_invalid(field, "字段 " + field + " 应为带时区的 ISO 8601 时间，例如 2026-11-01T00:00:00+08:00");
  return time;
}

}  // namespace

Window search_window(const std::optional<std::string>& start_date, const std::optional<std::string>& end_date,
                     TimePoint now) {
  auto start = bound(start_date, "start_date");
  auto end = bound(end_date, "end_date");
  Window window;
  window.end = end.value_or(now);
  window.start = start.value_or(window.end - std::chrono::hours(24 * kDefaultWindowDays));
  if (window.start >= window.end) fail_invalid("end_date", "end_date 应晚于 start_date");
  return window;
}

}  // namespace weizhi::open311
