// Pure rules of the talent pool (see talent_rules.hpp; docs/rules.md#h-talent-pool).
#include "modules/engagement/talent_rules.hpp"

#include <algorithm>
#include <chrono>

#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/engagement/rules.hpp"

namespace weizhi::engagement {

std::vector<Window> read_availability(const Json& value, const std::string& key) {
  if (!value.is_array()) fail_invalid(key, "空闲时间应为时段列表");
  if (value.size() > kMaxWindows) fail_invalid(key, "空闲时段不超过 14 个");
  std::vector<Window> windows;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string field = key + "[" + std::to_string(i) + "]";
    const Json& item = value[i];
    if (!item.is_object() || !item.contains("weekdays") || !item["weekdays"].is_array() || !item.contains("from") ||
        !item["from"].is_string() || !item.contains("to") || !item["to"].is_string())
      fail_invalid(field, "空闲时段应含 weekdays（1–7）、from 与 to（HH:MM）");
    Window window{.days = {}, .from = item["from"].get<std::string>(), .to = item["to"].get<std::string>()};
    for (const auto& day : item["weekdays"]) {
      if (!day.is_number_integer() || day.get<std::int64_t>() < 1 || day.get<std::int64_t>() > 7)
        fail_invalid(field, "星期应为 1（周一）至 7（周日）");
      int number = day.get<int>();
      if (std::find(window.days.begin(), window.days.end(), number) != window.days.end())
        fail_invalid(field, "星期不能重复");
      window.days.push_back(number);
    }
    if (window.days.empty()) fail_invalid(field, "空闲时段至少包含一天");
    if (!is_clock_time(window.from) || !is_clock_time(window.to) || window.to <= window.from)
      fail_invalid(field, "空闲时段应为 HH:MM 至 HH:MM，结束晚于开始");
    std::sort(window.days.begin(), window.days.end());
    windows.push_back(std::move(window));
  }
  return windows;
}

Json availability_json(const std::vector<Window>& windows) {
  Json list = Json::array();
  for (const auto& window : windows)
    list.push_back({{"weekdays", window.days}, {"from", window.from}, {"to", window.to}});
  return list;
}

void check_talent(const TalentInput& input) {
  if (characters(input.skills) > kMaxSkills) fail_invalid("skills", "专长不超过 100 个字");
  if (input.availability.size() > kMaxWindows) fail_invalid("availability", "空闲时段不超过 14 个");
}

int street_weekday(TimePoint moment) {
  auto day = std::chrono::floor<std::chrono::days>(moment + std::chrono::hours(8));
  return static_cast<int>(std::chrono::weekday(day).iso_encoding());
}

bool available_at(const TalentInput& pool, TimePoint moment) {
  if (!pool.active) return false;
  int weekday = street_weekday(moment);
  std::string minute = street_minute(moment).substr(11);
  return std::any_of(pool.availability.begin(), pool.availability.end(), [&](const Window& window) {
    bool on_day = std::find(window.days.begin(), window.days.end(), weekday) != window.days.end();
    return on_day && window.from <= minute && minute < window.to;
  });
}

}  // namespace weizhi::engagement
