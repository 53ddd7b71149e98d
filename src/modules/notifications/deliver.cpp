// Posting to the group robots (see deliver.hpp). Sending happens after the job's claim has
// committed: a robot that takes seconds to answer must not hold the group-commit writer.
#include "modules/notifications/deliver.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <curl/curl.h>

#include "modules/notifications/rules.hpp"
#include "modules/notifications/store.hpp"

namespace weizhi::notifications {

namespace {

constexpr std::int64_t kBatch = 50;
constexpr auto kBudget = std::chrono::seconds(20);
constexpr std::size_t kMaxReplyBytes = 64 * 1024;

std::size_t keep_reply(char* data, std::size_t size, std::size_t count, void* target) {
  auto& body = *static_cast<std::string*>(target);
  std::size_t bytes = size * count;
  body.append(data, std::min(bytes, kMaxReplyBytes - std::min(kMaxReplyBytes, body.size())));
  return bytes;
}

// Milliseconds since the epoch, as DingTalk's signature counts time.
std::int64_t epoch_milliseconds(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

SendOutcome send_to(const DueDelivery& delivery, const crypto::DataKey& data_key, TimePoint now, const Sender& send) {
  if (!delivery.enabled) return {false, "群机器人已停用，未发送"};
  std::string secret;
  if (delivery.sealed_secret) {
    try {
      secret = data_key.decrypt(*delivery.sealed_secret);
    } catch (const std::runtime_error&) {
      return {false, "无法解开加签密钥（数据密钥已更换？），请重新填写"};
    }
  }
  return send(request_url(delivery.channel, delivery.url, secret, epoch_milliseconds(now)),
              robot_payload(delivery.content));
}

}  // namespace

SendOutcome post_to_robot(const std::string& url, const std::string& payload) {
  CURL* curl = curl_easy_init();
  if (!curl) return {false, "无法初始化 HTTP 客户端"};
  std::string body;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are multi-threaded
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_reply);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return interpret_reply(status, body, code == CURLE_OK ? "" : std::string("连接失败：") + curl_easy_strerror(code));
}

std::int64_t deliver_due(store::Db& db, const crypto::DataKey& data_key, const Sender& send) {
  auto started = std::chrono::steady_clock::now();
  std::vector<DueDelivery> due;
  {
    auto lease = db.read();
    due = due_deliveries(*lease, db.clock().now(), kBatch);
  }
  std::int64_t attempted = 0;
  for (const auto& delivery : due) {
    if (std::chrono::steady_clock::now() - started > kBudget) break;  // the rest waits for the next minute
    SendOutcome outcome = send_to(delivery, data_key, db.clock().now(), send);
    db.write([&](store::Tx& tx) { record_attempt(tx, delivery, outcome); });
    ++attempted;
  }
  return attempted;
}

modules::Job delivery_job() {
  return modules::Job{
      "notifications.deliveries", [](TimePoint now) { return iso_utc(now).substr(0, 16); },  // the UTC minute
      [](store::Tx&, const std::string&) {},
      [](store::Db& db, const crypto::DataKey& data_key, const std::string&) { deliver_due(db, data_key); }};
}

}  // namespace weizhi::notifications
