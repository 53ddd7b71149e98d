// Pure notification rules: delivery state codes, the retry schedule, robot channels, webhook URL
// checks and masking, DingTalk's request signature, the robots' payload and the reading of their
// reply. No SQL, no HTTP, no clock.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/code_table.hpp"
#include "modules/notifications/model.hpp"

namespace weizhi::notifications {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Channel> kChannels = {
    {Channel::WeCom, "wecom"}, {Channel::DingTalk, "dingtalk"}, {Channel::Zhengding, "zhengding"}};
constexpr CodeTable<DeliveryState> kDeliveryStates = {
    {DeliveryState::Pending, "pending"}, {DeliveryState::Delivered, "delivered"}, {DeliveryState::Failed, "failed"}};
// Whether the channel's robots may require each request signed with a secret (DingTalk's and 浙政钉's).
bool channel_signs(Channel channel);

// 400 naming `secret` unless it is at most 200 bytes of printable ASCII without spaces, as
// DingTalk's secrets ("SEC…") are.
void check_robot_secret(const std::string& secret);
// DingTalk's signature of a request at `timestamp_ms` (milliseconds since the epoch):
// Base64(HMAC-SHA256(key: secret, message: timestamp + "\n" + secret)), URL-encoded.
std::string dingtalk_sign(const std::string& secret, std::int64_t timestamp_ms);
// The address to post to: for a channel that signs and a secret, the webhook URL with
// `&timestamp=…&sign=…` appended (the robot refuses a timestamp over an hour off its clock);
// else the URL as it is.
std::string request_url(Channel channel, const std::string& url, const std::string& secret, std::int64_t timestamp_ms);

// A robot's text is at most 2048 bytes (WeCom's limit for msgtype text).
inline constexpr std::size_t kMaxContentBytes = 2048;
// Attempts before a delivery is failed: the first and five retries.
inline constexpr std::int64_t kMaxAttempts = 6;

// The wait after `attempts` failed attempts (1 → 1 min, 2 → 2, 3 → 4, 4 → 8, 5 → 16); nullopt
// once kMaxAttempts have failed: the delivery is then failed.
std::optional<std::chrono::minutes> retry_delay(std::int64_t attempts);

// 400 naming `field` unless the URL is https://HOST… or, for tests and development, plain http to
// the loopback (127.0.0.1 or localhost); at most 1000 bytes, no spaces, no user@ part.
void check_webhook_url(const std::string& url, const std::string& field = "url");
// The URL with the value of its `key` (WeCom) or `access_token` (DingTalk) query parameter hidden
// but for its last 4 characters ("…/send?key=****9f3a"), for answers and the audit log.
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
