// Structured logging: every line is one JSON object (time, level, then the event's fields),
// written through spdlog so that log shippers can parse it.
#pragma once
#include "core/json.hpp"

namespace weizhi::log {

// Sets spdlog's default logger to JSON lines on stderr.
void init();
// Writes out what is queued; call before the process exits.
void shutdown();
void info(const Json& fields);
void warn(const Json& fields);
void error(const Json& fields);

}  // namespace weizhi::log
