// The access module's permission names, written once for its descriptor's grants, its route files and its hooks.
#pragma once

namespace weizhi::access {

inline constexpr const char* kRead = "access.read";
inline constexpr const char* kManage = "access.manage";
// Checking a code or a visitor pass at a gate: a guard's phone or an online terminal.
inline constexpr const char* kCheck = "access.check";

}  // namespace weizhi::access
