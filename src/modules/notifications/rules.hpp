// Pure notification rules: delivery state codes, the retry schedule, webhook URL checks and
// masking, the WeCom robot's payload and the reading of its reply. No SQL, no HTTP, no clock.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modules/notifications/model.hpp"

namespace weizhi::notifications {

// A robot's text is at most 2048 bytes (WeCom's limit for msgtype text).
inline constexpr std::size_t kMaxContentBytes = 2048;
// Attempts before a delivery is failed: the first and five retries.
inline constexpr std::int64_t kMaxAttempts = 6;

std::string delivery_state_code(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view code);

// The wait after `attempts` failed attempts (1 → 1 min, 2 → 2, 3 → 4, 4 → 8, 5 → 16); nullopt
// once kMaxAttempts have failed: the delivery is then failed.
std::optional<std::chrono::minutes> retry_delay(std::int64_t attempts);

// 400 naming `field` unless the URL is https://HOST… or, for tests and development, plain http to
// the loopback (127.0.0.1 or localhost); at most 1000 bytes, no spaces, no user@ part.
void check_webhook_url(const std::string& url, const std::string& field = "url");
// The URL with the value of its `key` query parameter hidden but for its last 4 characters
// ("…/send?key=****9f3a"), for answers and the audit log.
std::string mask_url(const std::string& url);

// `text` with every byte sequence that is not UTF-8 replaced by U+FFFD (PostgreSQL refuses it).
std::string valid_utf8(const std::string& text);
// `text` cut to at most `max_bytes` bytes without splitting a UTF-8 character.
std::string truncate_utf8(const std::string& text, std::size_t max_bytes);
// The robot's text for a message: the title in 【】, the body, then the link on its own line;
// cut to kMaxContentBytes.
std::string robot_content(const Message& message);
// The robot's JSON: {"msgtype":"text","text":{"content":…}}, escaped by the JSON writer (bytes
// that are not UTF-8 become U+FFFD).
std::string robot_payload(const std::string& content);

// Whether an HTTP reply means delivered: a 2xx whose body has errcode 0 or no errcode (or is not
// JSON). `status` 0 means no reply; `transport_error` then says why.
SendOutcome interpret_reply(long status, const std::string& body, const std::string& transport_error = {});

}  // namespace weizhi::notifications
