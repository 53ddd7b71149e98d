// Sending sign-in codes by SMS: one interface, and the adapter the sms_provider setting names —
// Alibaba Cloud SMS (短信服务), Tencent Cloud SMS, or a file the demo and the tests read.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/settings.hpp"
#include "core/time.hpp"

namespace weizhi::residents {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Sends the code to the phone (a normalised mainland mobile number) at `now`; nullopt when the
  // provider took the message, else why not, for the log.
  virtual std::optional<std::string> send(const std::string& phone, const std::string& code, TimePoint now) = 0;
};

// The sender the settings name: "aliyun", "tencent" or "file:PATH"; nullptr when sms_provider is empty
// or names no provider.
std::unique_ptr<SmsSender> sms_sender(const Settings& settings);

}  // namespace weizhi::residents
