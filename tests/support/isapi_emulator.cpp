// The ISAPI terminal emulator (see isapi_emulator.hpp): one connection at a time, each closed after its reply.
#include "support/isapi_emulator.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <cstdio>
#include <random>
#include <sstream>
#include <stdexcept>

namespace weizhi::testing {

namespace {

constexpr const char* kRealm = "DS-K1T671M";

std::string md5_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

// The parameters of a "Digest a=b, c=\"d\"" header.
std::map<std::string, std::string> digest_params(const std::string& header) {
  std::map<std::string, std::string> params;
  if (header.rfind("Digest ", 0) != 0) return params;
  std::size_t at = 7;
  while (at < header.size()) {
    while (at < header.size() && (header[at] == ' ' || header[at] == ',')) ++at;
    auto equals = header.find('=', at);
    if (equals == std::string::npos) break;
    std::string name = header.substr(at, equals - at);
    at = equals + 1;
    std::string value;
    if (at < header.size() && header[at] == '"') {
      auto close = header.find('"', at + 1);
      if (close == std::string::npos) break;
      value = header.substr(at + 1, close - at - 1);
      at = close + 1;
    } else {
      auto comma = header.find(',', at);
      value = header.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      at = comma == std::string::npos ? header.size() : comma;
    }
    params[name] = value;
  }
  return params;
}

std::string reply(int status, const std::string& reason, const std::string& body, const std::string& extra = {}) {
  std::ostringstream out;
  out << "HTTP/1.1 " << status << " " << reason
      << "\r\nContent-Type: application/json\r\nContent-Length: " << body.size() << "\r\nConnection: close\r\n"
      << extra << "\r\n"
      << body;
  return out.str();
}

std::string ok() { return reply(200, "OK", R"({"statusCode":1,"statusString":"OK","subStatusCode":"ok"})"); }

std::string bad(const std::string& sub_status) {
  return reply(
      400, "Bad Request",
      nlohmann::json{{"statusCode", 6}, {"statusString", "Invalid Content"}, {"subStatusCode", sub_status}}.dump());
}

}  // namespace

IsapiEmulator::IsapiEmulator(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0) {
    throw std::runtime_error("isapi emulator: cannot listen");
  }
  socklen_t size = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

IsapiEmulator::~IsapiEmulator() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  thread_.join();
}

std::string IsapiEmulator::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::map<std::string, nlohmann::json> IsapiEmulator::users() const {
  std::lock_guard lock(mutex_);
  return users_;
}

void IsapiEmulator::put_user(const nlohmann::json& info) {
  std::lock_guard lock(mutex_);
  users_[info["employeeNo"].get<std::string>()] = info;
}

void IsapiEmulator::add_event(std::int64_t serial_no, const std::string& time, const std::string& employee_no,
                              int minor) {
  std::lock_guard lock(mutex_);
  events_.push_back(
      {{"major", 5}, {"minor", minor}, {"time", time}, {"employeeNoString", employee_no}, {"serialNo", serial_no}});
}

void IsapiEmulator::serve() {
  while (!stopping_) {
    int socket = ::accept(listener_, nullptr, nullptr);
    if (socket < 0) {
      if (stopping_) return;
      continue;
    }
    if (!down_) answer(socket);
    ::close(socket);
  }
}

void IsapiEmulator::answer(int socket) {
  std::string request;
  char buffer[8192];
  std::size_t header_end = std::string::npos;
  std::size_t wanted = 0;
  for (;;) {
    if (header_end != std::string::npos && request.size() >= header_end + 4 + wanted) break;
    ssize_t got = ::recv(socket, buffer, sizeof buffer, 0);
    if (got <= 0) return;
    request.append(buffer, static_cast<std::size_t>(got));
    if (header_end == std::string::npos && (header_end = request.find("\r\n\r\n")) != std::string::npos) {
      std::string head = request.substr(0, header_end);
      for (auto at = head.find("\r\n"); at != std::string::npos; at = head.find("\r\n", at + 2)) {
        std::string line = head.substr(at + 2, head.find("\r\n", at + 2) - at - 2);
        if (line.size() > 15 && strncasecmp(line.c_str(), "content-length:", 15) == 0) {
          wanted = std::stoul(line.substr(15));
        }
      }
    }
  }
  std::string head = request.substr(0, header_end);
  std::istringstream first(head.substr(0, head.find("\r\n")));
  std::string method, target;
  first >> method >> target;
  std::string authorization;
  for (auto at = head.find("\r\n"); at != std::string::npos; at = head.find("\r\n", at + 2)) {
    std::string line = head.substr(at + 2, head.find("\r\n", at + 2) - at - 2);
    if (line.size() > 14 && strncasecmp(line.c_str(), "authorization:", 14) == 0) {
      authorization = line.substr(line.find_first_not_of(' ', 14));
    }
  }
  std::string answer = handle(method, target, authorization, request.substr(header_end + 4, wanted));
  ::send(socket, answer.data(), answer.size(), MSG_NOSIGNAL);
}

std::string IsapiEmulator::handle(const std::string& method, const std::string& target,
                                  const std::string& authorization, const std::string& body) {
  auto params = digest_params(authorization);
  bool known_nonce;
  {
    std::lock_guard lock(mutex_);
    known_nonce = nonces_.contains(params["nonce"]);
  }
  std::string expected =
      md5_hex(md5_hex(username_ + ":" + kRealm + ":" + password_) + ":" + params["nonce"] + ":" + params["nc"] + ":" +
              params["cnonce"] + ":" + params["qop"] + ":" + md5_hex(method + ":" + params["uri"]));
  bool signed_in = known_nonce && params["username"] == username_ && params["qop"] == "auth" &&
                   params["uri"] == target && params["response"] == expected;
  if (!signed_in) {
    if (!authorization.empty()) ++refused_logins_;
    std::random_device random;
    std::string nonce = md5_hex(std::to_string(random()) + std::to_string(random()));
    {
      std::lock_guard lock(mutex_);
      nonces_.insert(nonce);
    }
    return reply(401, "Unauthorized",
                 R"({"statusCode":4,"statusString":"Invalid Operation","subStatusCode":"notAuthenticated"})",
                 "WWW-Authenticate: Digest realm=\"" + std::string(kRealm) + "\", qop=\"auth\", nonce=\"" + nonce +
                     "\", algorithm=MD5\r\n");
  }
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return bad("badJsonContent");
  std::lock_guard lock(mutex_);
  if (method == "PUT" && target == "/ISAPI/AccessControl/UserInfo/SetUp?format=json") {
    const auto& info = json["UserInfo"];
    if (!info.is_object() || !info.contains("employeeNo") || !info["employeeNo"].is_string()) {
      return bad("employeeNoError");
    }
    users_[info["employeeNo"].get<std::string>()] = info;
    return ok();
  }
  if (method == "PUT" && target == "/ISAPI/AccessControl/UserInfo/Delete?format=json") {
    for (const auto& entry : json["UserInfoDelCond"]["EmployeeNoList"])
      users_.erase(entry["employeeNo"].get<std::string>());
    return ok();
  }
  if (method == "POST" && target == "/ISAPI/AccessControl/UserInfo/Search?format=json") {
    const auto& condition = json["UserInfoSearchCond"];
    std::size_t position = condition.value("searchResultPosition", 0);
    std::size_t most = condition.value("maxResults", 30);
    nlohmann::json found = nlohmann::json::array();
    std::size_t index = 0;
    for (const auto& [number, info] : users_) {
      if (index >= position && found.size() < most) found.push_back(info);
      ++index;
    }
    std::string status = found.empty() ? "NO MATCH" : position + found.size() < users_.size() ? "MORE" : "OK";
    nlohmann::json search{{"searchID", condition.value("searchID", "")},
                          {"responseStatusStrg", status},
                          {"numOfMatches", found.size()},
                          {"totalMatches", users_.size()}};
    if (!found.empty()) search["UserInfo"] = found;
    return reply(200, "OK", nlohmann::json{{"UserInfoSearch", search}}.dump());
  }
  if (method == "POST" && target == "/ISAPI/AccessControl/AcsEvent?format=json") {
    const auto& condition = json["AcsEventCond"];
    std::size_t position = condition.value("searchResultPosition", 0);
    std::size_t most = condition.value("maxResults", 30);
    // The times compare as text: every time here is written with the same +08:00 offset.
    std::string from = condition.value("startTime", ""), to = condition.value("endTime", "");
    nlohmann::json matches = nlohmann::json::array();
    for (const auto& event : events_) {
      std::string time = event["time"];
      if (time >= from && time <= to) matches.push_back(event);
    }
    nlohmann::json page = nlohmann::json::array();
    for (std::size_t i = position; i < matches.size() && page.size() < most; ++i) page.push_back(matches[i]);
    std::string status = page.empty() ? "NO MATCH" : position + page.size() < matches.size() ? "MORE" : "OK";
    nlohmann::json found{{"searchID", condition.value("searchID", "")},
                         {"responseStatusStrg", status},
                         {"numOfMatches", page.size()},
                         {"totalMatches", matches.size()}};
    if (!page.empty()) found["InfoList"] = page;
    return reply(200, "OK", nlohmann::json{{"AcsEvent", found}}.dump());
  }
  return reply(404, "Not Found", R"({"statusCode":4,"statusString":"Invalid Operation","subStatusCode":"notSupport"})");
}

}  // namespace weizhi::testing
