// A small HTTP client for tests over real sockets (libcurl): keeps the session cookie and
// sends the CSRF token it was given, like the web app does.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace weizhi::testing {

struct Reply {
  long status = 0;  // 0 when the connection failed or was closed
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  nlohmann::json json() const;
  std::string error_field() const;
  std::string error_code() const;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Reply get(const std::string& path);
  Reply post(const std::string& path, const std::string& body);
  Reply post(const std::string& path, const nlohmann::json& body) { return post(path, body.dump()); }
  Reply patch(const std::string& path, const nlohmann::json& body);
  Reply del(const std::string& path);
  Reply send(const std::string& method, const std::string& path, const std::string& body,
             const std::vector<std::string>& extra_headers = {});

  // Signs in; remembers the cookie and CSRF token. Returns the reply.
  Reply login(const std::string& login, const std::string& password);
  void forget_csrf() { csrf_token_.clear(); }
  void set_csrf(const std::string& token) { csrf_token_ = token; }
  void set_bearer(const std::string& token) { bearer_ = token; }
  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  void* curl_;
  std::string csrf_token_;
  std::string bearer_;
};

}  // namespace weizhi::testing
