// Pure notification rules (see rules.hpp).
#include "modules/notifications/rules.hpp"

#include <sodium.h>

#include <array>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/percent_encode.hpp"

namespace weizhi::notifications {

bool channel_signs(Channel channel) { return channel != Channel::WeCom; }

void check_robot_secret(const std::string& secret) {
  if (secret.size() > 200) fail_invalid("secret", "加签密钥不能超过 200 字节");
  for (unsigned char c : secret) {
    if (c <= 0x20 || c >= 0x7F) fail_invalid("secret", "加签密钥只能含字母、数字和符号，不能有空格");
  }
}

std::string dingtalk_sign(const std::string& secret, std::int64_t timestamp_ms) {
  std::string message = std::to_string(timestamp_ms) + "\n" + secret;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::string base64(sodium_base64_ENCODED_LEN(mac.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(base64.data(), base64.size(), mac.data(), mac.size(), sodium_base64_VARIANT_ORIGINAL);
  base64.resize(base64.find('\0'));
  return percent_encode(base64);
}

std::string request_url(Channel channel, const std::string& url, const std::string& secret, std::int64_t timestamp_ms) {
  if (!channel_signs(channel) || secret.empty()) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "timestamp=" + std::to_string(timestamp_ms) +
         "&sign=" + dingtalk_sign(secret, timestamp_ms);
}

std::optional<std::chrono::minutes> retry_delay(std::int64_t attempts) {
  if (attempts < 1) return std::chrono::minutes(0);
  if (attempts >= kMaxAttempts) return std::nullopt;
  return std::chrono::minutes(std::int64_t{1} << (attempts - 1));
}

namespace {

// The authority of an absolute URL after its scheme ("host:port" of "https://host:port/path").
std::string_view authority_of(std::string_view rest) { return rest.substr(0, rest.find_first_of("/?#")); }

std::string_view host_of(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

}  // namespace

void check_webhook_url(const std::string& url, const std::string& field) {
  if (url.empty()) fail_invalid(field, "请填写群机器人地址");
  if (url.size() > 1000) fail_invalid(field, "群机器人地址不能超过 1000 字节");
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F) fail_invalid(field, "群机器人地址不能含空格或控制字符");
  }
  std::string_view text(url);
  bool https = text.rfind("https://", 0) == 0;
  bool http = text.rfind("http://", 0) == 0;
  if (!https && !http) fail_invalid(field, "群机器人地址应以 https:// 开头");
  std::string_view authority = authority_of(text.substr(https ? 8 : 7));
  if (authority.find('@') != std::string_view::npos) fail_invalid(field, "群机器人地址不能含用户名或密码");
  std::string_view host = host_of(authority);
  if (host.empty()) fail_invalid(field, "群机器人地址缺少主机名");
  // Plain http would carry the robot's key in the clear; only the loopback is spared, for tests.
  if (http && host != "127.0.0.1" && host != "localhost") {
    fail_invalid(field, "群机器人地址应以 https:// 开头（http 只允许本机 127.0.0.1 或 localhost）");
  }
}

std::string mask_url(const std::string& url) {
  std::string masked = url;
  std::size_t query = masked.find('?');
  if (query == std::string::npos) return masked;
  std::size_t at = query;
  while (at != std::string::npos && at < masked.size()) {
    std::size_t start = at + 1;
    std::size_t end = masked.find_first_of("&#", start);
    if (end == std::string::npos) end = masked.size();
    std::size_t name = masked.compare(start, 4, "key=") == 0             ? 4
                       : masked.compare(start, 13, "access_token=") == 0 ? 13
                                                                         : 0;
    if (name > 0) {
      std::size_t value = start + name;
      std::size_t length = end - value;
      std::string shown = length > 8 ? masked.substr(end - 4, 4) : "";
      std::string replacement = "****" + shown;
      masked.replace(value, length, replacement);
      end = value + replacement.size();
    }
    if (end >= masked.size() || masked[end] == '#') break;
    at = end;
  }
  return masked;
}

std::string valid_utf8(const std::string& text) {
  return Json::parse(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace)).get<std::string>();
}

std::string truncate_utf8(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string robot_content(const Message& message) {
  std::string content = "【" + valid_utf8(message.title) + "】";
  if (!message.body.empty()) content += "\n" + valid_utf8(message.body);
  if (!message.link.empty()) content += "\n" + valid_utf8(message.link);
  return truncate_utf8(content, kMaxContentBytes);
}

std::string robot_payload(const std::string& content) {
  Json payload{{"msgtype", "text"}, {"text", {{"content", content}}}};
  return payload.dump(-1, ' ', false, Json::error_handler_t::replace);
}

SendOutcome interpret_reply(long status, const std::string& body, const std::string& transport_error) {
  if (status == 0) return {false, transport_error.empty() ? "无法连接群机器人" : valid_utf8(transport_error)};
  if (status < 200 || status > 299) {
    return {false,
            "HTTP " + std::to_string(status) + (body.empty() ? "" : ": " + truncate_utf8(valid_utf8(body), 200))};
  }
  Json reply;
  try {
    reply = parse_json(body);  // depth-capped: the receiver is not trusted either
  } catch (const ApiError&) {
    return {true, ""};  // a 2xx without JSON carries no errcode
  }
  if (!reply.is_object() || !reply.contains("errcode")) return {true, ""};
  const Json& code = reply["errcode"];
  if (code.is_number_integer() && code.get<std::int64_t>() == 0) return {true, ""};
  std::string error = "errcode " + (code.is_primitive() ? code.dump() : std::string("?"));
  if (reply.contains("errmsg") && reply["errmsg"].is_string()) error += ": " + reply["errmsg"].get<std::string>();
  return {false, truncate_utf8(valid_utf8(error), 200)};
}

}  // namespace weizhi::notifications
