// JSON-lines logging on spdlog.
#include "core/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace weizhi::log {

namespace {
// The event's members without the surrounding braces, to follow the pattern's own fields.
std::string members(const Json& fields) {
  std::string text = fields.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() <= 2) return "\"event\":\"\"";
  return text.substr(1, text.size() - 2);
}

constexpr const char* kMinuteLogger = "weizhi-minute";
}  // namespace

void init() {
  // Asynchronous, so request threads hand lines to one writer instead of queuing on a lock;
  // a full queue makes them wait rather than drop lines.
  spdlog::init_thread_pool(8192, 1);
  auto logger = spdlog::stderr_logger_mt<spdlog::async_factory>("weizhi");
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%v})");
  spdlog::set_default_logger(logger);
  auto to_the_minute = spdlog::stderr_logger_mt<spdlog::async_factory>(kMinuteLogger);
  to_the_minute->set_pattern(R"({"time":"%Y-%m-%dT%H:%M%z","level":"%l",%v})");
}

void shutdown() { spdlog::shutdown(); }

void debug(const Json& fields) { spdlog::debug(members(fields)); }
void info(const Json& fields) { spdlog::info(members(fields)); }
void warn(const Json& fields) { spdlog::warn(members(fields)); }
void error(const Json& fields) { spdlog::error(members(fields)); }

void info_to_the_minute(const Json& fields) {
  // Without init() (tests, tools) there is no such logger, and no line rather than a precise one.
  if (auto logger = spdlog::get(kMinuteLogger)) logger->info(members(fields));
}

}  // namespace weizhi::log
