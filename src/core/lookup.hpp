// Turning a lookup that may find nothing into the record or a 404, for routes that load by id.
#pragma once
#include <optional>
#include <string>

#include "core/error.hpp"

namespace weizhi {

// The value of a lookup, or 404 with `message` when there is none.
template <class T>
T found_or_404(std::optional<T> value, const std::string& message) {
  if (!value) fail_not_found(message);
  return std::move(*value);
}

}  // namespace weizhi
