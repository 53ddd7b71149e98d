// Posting queued deliveries to the group robots (WeCom, DingTalk, 浙政钉): the HTTP POST (libcurl,
// short timeouts) and the periodic job that sends what is due, outside the job's claiming transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "modules/module.hpp"
#include "modules/notifications/model.hpp"
#include "store/db.hpp"

namespace weizhi::notifications {

// POSTs the JSON payload to the URL: 2 s to connect, 5 s in all, no redirects, http(s) only.
SendOutcome post_to_robot(const std::string& url, const std::string& payload);

using Sender = std::function<SendOutcome(const std::string& url, const std::string& payload)>;
// Sends the deliveries due at the database clock's now, oldest first, each recorded in its own
// write, a signing robot's request signed at the database clock with its secret opened by
// `data_key`; stops after a batch or a time budget so a slow robot cannot stall the job. Returns
// how many were attempted.
std::int64_t deliver_due(store::Db& db, const crypto::DataKey& data_key, const Sender& send = post_to_robot);

// `notifications.deliveries`: once per minute (UTC), deliver_due after the claim commits.
modules::Job delivery_job();

}  // namespace weizhi::notifications
