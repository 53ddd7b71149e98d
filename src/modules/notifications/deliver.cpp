// Posting to the group robots (see deliver.hpp). Sending happens after the job's claim has
// committed: a robot that takes seconds to answer must not hold the group-commit writer.
#include "modules/notifications/deliver.hpp"

#include <chrono>
#include <stdexcept>

#include "http/outbound.hpp"
#include "modules/notifications/rules.hpp"
#include "modules/notifications/store.hpp"

namespace weizhi::notifications {

namespace {

constexpr std::int64_t kBatch = 50;
constexpr auto kBudget = std::chrono::seconds(20);

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
  http::OutboundReply reply = http::post(url, {"Content-Type: application/json"}, payload, "http,https");
  return interpret_reply(reply.status, reply.body, reply.failure.value_or(""));
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
