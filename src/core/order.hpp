// Values that follow one another in a fixed order (a project's stages, the levels of the org tree),
// listed once as an array rather than spelled as a switch from each value to the next.
#pragma once
#include <cstddef>
#include <optional>

namespace weizhi {

// The value after `value` in `order`; nullopt for the last one and for a value `order` lacks.
template <class Value, std::size_t N>
constexpr std::optional<Value> next_in(const Value (&order)[N], Value value) {
  for (std::size_t i = 0; i + 1 < N; ++i) {
    if (order[i] == value) return order[i + 1];
  }
  return std::nullopt;
}

}  // namespace weizhi
