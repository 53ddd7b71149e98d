// The terminals' adapters: what the platform asks of an access terminal whatever its vendor (list its persons,
// add or rewrite one, delete some), and the Hikvision ISAPI adapter that speaks it over HTTP with digest
// authentication. A second vendor is another Terminal and one more case in make_terminal.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "modules/access/devices_rules.hpp"

namespace weizhi::access {

// A call the terminal did not answer, refused or answered with nonsense; the message is for the console, in
// Chinese (连接失败 …, 设备拒绝登录 …).
class DeviceFailure : public std::runtime_error {
 public:
  // `answered`: the terminal answered and refused this one call (a record it rejects), rather than being out of
  // reach or refusing the platform's login; a sync then goes on with the other records.
  explicit DeviceFailure(const std::string& message, bool answered = false)
      : std::runtime_error(message), answered(answered) {}
  bool answered;
};

class Terminal {
 public:
  virtual ~Terminal() = default;
  // Every person the terminal holds. Throws DeviceFailure.
  virtual std::vector<DeviceUser> users() = 0;
  // Adds the person or rewrites the one with the same code. Throws DeviceFailure.
  virtual void upsert(const DeviceUser& user) = 0;
  // Deletes the persons with these codes. Throws DeviceFailure.
  virtual void remove(const std::vector<std::string>& employee_nos) = 0;
  // The access events from `from` to `to`, oldest first as the terminal lists them. Throws DeviceFailure.
  virtual std::vector<DeviceEvent> events(TimePoint from, TimePoint to) = 0;
};

struct DeviceAddress {
  std::string vendor;
  std::string url;  // http(s)://host[:port], without the ISAPI paths
  std::string username;
  std::string password;
};

// The adapter of the address's vendor; nullptr for a vendor there is none for.
std::unique_ptr<Terminal> make_terminal(const DeviceAddress& address);

}  // namespace weizhi::access
