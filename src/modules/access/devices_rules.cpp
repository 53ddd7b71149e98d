// Pure rules of the access terminals (see devices_rules.hpp).
#include "modules/access/devices_rules.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "modules/access/rules.hpp"

namespace weizhi::access {

std::string employee_no_of(const Credential& credential) {
  if (credential.input.kind == CredentialKind::Qr || !credential.input.number) {
    return "QR" + std::to_string(credential.id);
  }
  return *credential.input.number;
}

bool belongs_on(const Credential& credential, Tier tier) {
  if (credential.state == CredentialState::Revoked) return false;
  auto tiers = tiers_covered(credential.input.approval.has_value());
  return std::find(tiers.begin(), tiers.end(), tier) != tiers.end();
}

DeviceUser device_user_of(const Credential& credential) {
  return DeviceUser{employee_no_of(credential), credential.holder_name, credential.state == CredentialState::Active,
                    credential.input.valid_from, credential.input.valid_to};
}

SyncPlan plan_sync(const std::vector<DeviceUser>& desired, const std::vector<DeviceUser>& held) {
  std::map<std::string, const DeviceUser*> on_device;
  for (const auto& user : held) on_device[user.employee_no] = &user;
  SyncPlan plan;
  std::map<std::string, bool> wanted;
  for (const auto& user : desired) {
    wanted[user.employee_no] = true;
    auto found = on_device.find(user.employee_no);
    if (found == on_device.end() || !(*found->second == user)) plan.upserts.push_back(user);
  }
  for (const auto& user : held) {
    if (!wanted.contains(user.employee_no)) plan.deletes.push_back(user.employee_no);
  }
  return plan;
}

Json isapi_user_info(const DeviceUser& user) {
  return {{"UserInfo",
           {{"employeeNo", user.employee_no},
            {"name", user.name},
            {"userType", "normal"},
            {"Valid",
             {{"enable", user.enabled},
              {"beginTime", user.begin + "T00:00:00"},
              {"endTime", user.end + "T23:59:59"},
              {"timeType", "local"}}},
            {"doorRight", "1"},
            {"RightPlan", Json::array({{{"doorNo", 1}, {"planTemplateNo", "1"}}})}}}};
}

std::optional<DeviceUser> read_isapi_user(const Json& info) {
  if (!info.is_object() || !info.contains("employeeNo") || !info["employeeNo"].is_string()) return std::nullopt;
  DeviceUser user;
  user.employee_no = info["employeeNo"].get<std::string>();
  user.name = info.value("name", "");
  if (info.contains("Valid") && info["Valid"].is_object()) {
    const Json& valid = info["Valid"];
    user.enabled = valid.value("enable", true);
    // The device's times are "YYYY-MM-DDTHH:MM:SS"; only the days are the platform's.
    user.begin = valid.value("beginTime", "").substr(0, 10);
    user.end = valid.value("endTime", "").substr(0, 10);
  }
  return user;
}

std::optional<SearchPage> next_page(const SearchPage& page, std::string_view status, std::int64_t returned) {
  if (status == "NO MATCH") return SearchPage{page.position, true};
  if (status == "OK") return SearchPage{page.position + returned, true};
  if (status == "MORE" && returned > 0) return SearchPage{page.position + returned, false};
  return std::nullopt;
}

std::optional<DeviceEvent> read_isapi_event(const Json& info) {
  if (!info.is_object() || !info.contains("serialNo") || !info["serialNo"].is_number_integer() ||
      !info.contains("time") || !info["time"].is_string()) {
    return std::nullopt;
  }
  DeviceEvent event;
  event.serial_no = info["serialNo"].get<std::int64_t>();
  event.time = info["time"].get<std::string>();
  event.employee_no = info.value("employeeNoString", "");
  event.minor = info.value("minor", 0);
  return event;
}

EventOutcome event_outcome(int minor) {
  // ISAPI access-control minor types of major 5 (事件) the terminals of the pilot compounds report.
  switch (minor) {
    case 1:
      return {true, "刷卡通过"};
    case 38:
      return {true, "指纹通过"};
    case 75:
      return {true, "人脸通过"};
    case 6:
      return {false, "卡号不在有效期"};
    case 9:
      return {false, "未登记的卡"};
    case 10:
      return {false, "卡已停用"};
    case 76:
      return {false, "人脸认证失败"};
    default:
      return {false, "设备事件 5/" + std::to_string(minor)};
  }
}

std::optional<std::string> event_time_utc(const std::string& device_time) {
  bool has_offset =
      device_time.size() > 19 && (device_time.back() == 'Z' || device_time[19] == '+' || device_time[19] == '-');
  auto moment = parse_iso(has_offset ? device_time : device_time + "+08:00");
  if (!moment) return std::nullopt;
  return iso_utc(*moment);
}

std::string isapi_time(TimePoint moment) {
  std::string local = iso_utc(moment + std::chrono::hours(8));
  return local.substr(0, 19) + "+08:00";
}

void check_device_url(const std::string& url) {
  constexpr const char* kField = "url";
  auto scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") fail_invalid(kField, "设备地址应以 http:// 或 https:// 开头");
  if (url.size() > 200) fail_invalid(kField, "设备地址不超过 200 个字符");
  std::string rest = url.substr(scheme_end + 3);
  std::string authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string::npos) {
    fail_invalid(kField, "设备地址中不能含用户名或密码，请填写在用户名、密码两栏");
  }
  if (authority.empty() || authority.front() == ':') fail_invalid(kField, "设备地址缺少主机名");
  for (char c : url) {
    if (c <= ' ' || c == '?' || c == '#' || c == '\\' || static_cast<unsigned char>(c) >= 0x7f) {
      fail_invalid(kField, "设备地址只含主机、端口和路径，不含空格、查询或片段");
    }
  }
}

int retry_delay_seconds(int failures) {
  int delay = 30;
  for (int i = 1; i < failures && delay < 3600; ++i) delay *= 2;
  return std::min(delay, 3600);
}

}  // namespace weizhi::access
