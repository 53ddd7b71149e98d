// Signing the SMS providers' requests and reading their replies (see signing.hpp).
#include "modules/residents/signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/percent_encode.hpp"
#include "core/time.hpp"

namespace weizhi::residents {

namespace {

std::string hmac_sha256(const std::string& key, const std::string& message) {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  return std::string(mac.begin(), mac.end());
}

std::string hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

// The reply as JSON, or nullopt when it is none (a proxy's HTML page, a cut connection).
std::optional<Json> reply_json(const std::string& reply) {
  Json parsed = Json::parse(reply, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

std::string text_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string http_refusal(long status) { return "短信服务答复 HTTP " + std::to_string(status); }

}  // namespace

std::string tencent_authorization(const TencentCall& call) {
  std::string date = iso_utc(TimePoint(std::chrono::seconds(call.timestamp))).substr(0, 10);
  std::string canonical_request = "POST\n/\n\ncontent-type:" + call.content_type + "\nhost:" + call.host +
                                  "\n\ncontent-type;host\n" + crypto::sha256_hex(call.payload);
  std::string scope = date + "/" + call.service + "/tc3_request";
  std::string to_sign = "TC3-HMAC-SHA256\n" + std::to_string(call.timestamp) + "\n" + scope + "\n" +
                        crypto::sha256_hex(canonical_request);
  std::string key = hmac_sha256(hmac_sha256(hmac_sha256("TC3" + call.secret_key, date), call.service), "tc3_request");
  return "TC3-HMAC-SHA256 Credential=" + call.secret_id + "/" + scope +
         ", SignedHeaders=content-type;host, Signature=" + hex(hmac_sha256(key, to_sign));
}

std::string aliyun_query(const AliyunCall& call) {
  Pairs encoded;
  for (const auto& [name, value] : call.query) encoded.emplace_back(percent_encode(name), percent_encode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string query;
  for (const auto& [name, value] : encoded) query += (query.empty() ? "" : "&") + name + "=" + value;
  return query;
}

Pairs aliyun_headers(const AliyunCall& call) {
  // Sorted by name, as the canonical request lists them.
  Pairs headers{{"host", call.host},
                {"x-acs-action", call.action},
                {"x-acs-content-sha256", crypto::sha256_hex(call.body)},
                {"x-acs-date", call.date},
                {"x-acs-signature-nonce", call.nonce},
                {"x-acs-version", call.version}};
  std::string canonical_headers;
  std::string signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  std::string canonical_request = "POST\n/\n" + aliyun_query(call) + "\n" + canonical_headers + "\n" + signed_headers +
                                  "\n" + crypto::sha256_hex(call.body);
  std::string to_sign = "ACS3-HMAC-SHA256\n" + crypto::sha256_hex(canonical_request);
  headers.emplace_back("authorization", "ACS3-HMAC-SHA256 Credential=" + call.access_key_id +
                                            ",SignedHeaders=" + signed_headers +
                                            ",Signature=" + hex(hmac_sha256(call.access_key_secret, to_sign)));
  return headers;
}

std::optional<std::string> aliyun_refusal(long status, const std::string& reply) {
  auto parsed = reply_json(reply);
  if (parsed && text_at(*parsed, "Code") == "OK" && status == 200) return std::nullopt;
  if (!parsed) return http_refusal(status);
  return text_at(*parsed, "Code") + " " + text_at(*parsed, "Message");
}

std::optional<std::string> tencent_refusal(long status, const std::string& reply) {
  auto parsed = reply_json(reply);
  if (!parsed || !parsed->contains("Response") || !(*parsed)["Response"].is_object()) return http_refusal(status);
  const Json& response = (*parsed)["Response"];
  if (auto error = response.find("Error"); error != response.end() && error->is_object())
    return text_at(*error, "Code") + " " + text_at(*error, "Message");
  auto statuses = response.find("SendStatusSet");
  if (statuses == response.end() || !statuses->is_array() || statuses->empty() || !(*statuses)[0].is_object())
    return http_refusal(status);
  const Json& first = (*statuses)[0];
  if (text_at(first, "Code") == "Ok" && status == 200) return std::nullopt;
  return text_at(first, "Code") + " " + text_at(first, "Message");
}

}  // namespace weizhi::residents
