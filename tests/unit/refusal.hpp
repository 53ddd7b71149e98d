// The refusal a check throws, for tests to compare in one string: "409 state" (the ApiError's
// status and field), or `accepted` when the check throws none.
#pragma once
#include <functional>
#include <string>

#include "core/error.hpp"

inline std::string refusal_of(const std::function<void()>& check, const std::string& accepted = "") {
  try {
    check();
  } catch (const weizhi::ApiError& error) {
    return std::to_string(error.status()) + " " + error.field();
  }
  return accepted;
}
