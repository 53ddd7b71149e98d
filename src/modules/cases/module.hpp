// The cases capability: the street's catalogue of compound public service items (57 in the demo
// street) and the cases worked through the three-step method, with due times and ratings.
#pragma once
#include "modules/module.hpp"

namespace weizhi::cases {
modules::Module module();
}  // namespace weizhi::cases
