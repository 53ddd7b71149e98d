// The epidemic module's permission names and messages, written once for its route files and its hooks.
#pragma once

namespace weizhi::epidemic {

inline constexpr const char* kRead = "epidemic.read";
inline constexpr const char* kManage = "epidemic.manage";
inline constexpr const char* kNoObservation = "找不到该观察点";

}  // namespace weizhi::epidemic
