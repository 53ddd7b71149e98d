// The access module's permission names, written once for its descriptor's grants, its route files and its hooks.
#pragma once

namespace weizhi::access {

inline constexpr const char* kRead = "access.read";
inline constexpr const char* kManage = "access.manage";

}  // namespace weizhi::access
