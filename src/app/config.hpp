// Where settings come from, lowest precedence first: defaults, the TOML config file
// (`--config FILE` or WEIZHI_CONFIG), WEIZHI_* environment variables, command-line flags.
#pragma once
#include <optional>
#include <string>

#include "core/settings.hpp"

namespace weizhi::app {

// Applies the config file (if any) and the environment to the defaults. Throws
// std::runtime_error naming the key or variable that is wrong.
Settings load_settings(const std::optional<std::string>& config_file);

}  // namespace weizhi::app
