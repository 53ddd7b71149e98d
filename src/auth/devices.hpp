// A short readable name for a signed-in device, made from its browser's User-Agent header, so a person
// can tell their phone from their office computer in 我的设备 without reading the header itself.
#pragma once
#include <string>
#include <string_view>

namespace weizhi::auth {

// "微信 · iPhone", "Chrome · Windows", "Safari · Mac"; the app alone or the system alone when only one
// is recognised, and "未知设备" when neither is.
std::string device_label(std::string_view user_agent);

}  // namespace weizhi::auth
