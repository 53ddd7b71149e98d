// The engagement module's permission names, written once for its descriptor's grants, its route files and its
// today hooks.
#pragma once

namespace weizhi::engagement {

inline constexpr const char* kRead = "engagement.read";
inline constexpr const char* kManage = "engagement.manage";

}  // namespace weizhi::engagement
