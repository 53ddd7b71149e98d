// A small Hikvision ISAPI access terminal for the tests and the bench: an HTTP server on a free loopback port
// that asks for digest authentication (RFC 7616 with MD5, qop=auth) and answers the UserInfo SetUp, Delete and
// Search calls in JSON over a list of persons it keeps, and AcsEvent over a list of events. It can be switched down (it then drops every
// connection unanswered).
#pragma once
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace weizhi::testing {

class IsapiEmulator {
 public:
  IsapiEmulator(std::string username, std::string password);
  ~IsapiEmulator();
  IsapiEmulator(const IsapiEmulator&) = delete;
  IsapiEmulator& operator=(const IsapiEmulator&) = delete;

  // http://127.0.0.1:<port>
  std::string url() const;
  void set_down(bool down) { down_ = down; }
  // The persons held, by employeeNo, as UserInfo objects.
  std::map<std::string, nlohmann::json> users() const;
  void put_user(const nlohmann::json& info);
  // Records an access event (major 5) as the terminal would: `time` local "YYYY-MM-DDTHH:MM:SS+08:00".
  void add_event(std::int64_t serial_no, const std::string& time, const std::string& employee_no, int minor);
  // Requests answered with a 401 that carried credentials, i.e. wrong ones.
  int refused_logins() const { return refused_logins_; }

 private:
  void serve();
  void answer(int socket);
  std::string handle(const std::string& method, const std::string& target, const std::string& authorization,
                     const std::string& body);

  std::string username_;
  std::string password_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> down_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<int> refused_logins_{0};
  mutable std::mutex mutex_;
  std::map<std::string, nlohmann::json> users_;
  nlohmann::json events_ = nlohmann::json::array();
  std::set<std::string> nonces_;
  std::thread thread_;
};

}  // namespace weizhi::testing
