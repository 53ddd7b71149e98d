// Structured logging: every line is one JSON object (time, level, then the event's fields),
// written through spdlog so that log shippers can parse it.
#pragma once
#include "core/json.hpp"

namespace weizhi::log {

// Sets spdlog's default logger to JSON lines on stderr.
void init();
// Writes out what is queued; call before the process exits.
void shutdown();
// Routine lines, dropped at the default level (info).
void debug(const Json& fields);
void info(const Json& fields);
void warn(const Json& fields);
void error(const Json& fields);
// An info line whose time is cut to the minute: for events whose exact moment could tell who
// acted (the cast of a secret ballot right after its voter's token was issued).
void info_to_the_minute(const Json& fields);

}  // namespace weizhi::log
