// Device names from User-Agent headers: the first known app and the first known system it mentions.
#include "auth/devices.hpp"

#include <utility>

namespace weizhi::auth {

namespace {

using Marker = std::pair<std::string_view, std::string_view>;

// In-app browsers first: they also claim Chrome or Safari. Edge and Opera claim Chrome, and Chrome
// claims Safari, so each comes before what it imitates.
constexpr Marker kApps[] = {
    {"MicroMessenger", "微信"}, {"DingTalk", "钉钉"},  {"AlipayClient", "支付宝"},
    {"Edg/", "Edge"},           {"OPR/", "Opera"},     {"Firefox/", "Firefox"},
    {"CriOS/", "Chrome"},       {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
};

// Android and iPhone before Linux and Mac: their headers also say "Linux" and "Mac OS X".
constexpr Marker kSystems[] = {
    {"HarmonyOS", "鸿蒙"},  {"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"},
    {"Windows", "Windows"}, {"Macintosh", "Mac"},   {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
};

std::string_view first_known(std::string_view user_agent, const auto& markers) {
  for (const auto& [marker, name] : markers) {
    if (user_agent.find(marker) != std::string_view::npos) return name;
  }
  return {};
}

}  // namespace

std::string device_label(std::string_view user_agent) {
  std::string_view app = first_known(user_agent, kApps);
  std::string_view system = first_known(user_agent, kSystems);
  if (app.empty() && system.empty()) return "未知设备";
  if (app.empty()) return std::string(system);
  if (system.empty()) return std::string(app);
  return std::string(app) + " · " + std::string(system);
}

}  // namespace weizhi::auth
