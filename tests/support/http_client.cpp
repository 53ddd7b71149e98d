// libcurl-based test client.
#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <strings.h>

namespace weizhi::testing {

namespace {
std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}
std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* target) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}
}  // namespace

nlohmann::json Reply::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string Reply::error_field() const {
  auto value = json();
  if (value.is_object() && value.contains("error") && value["error"].contains("field")) {
    return value["error"]["field"].get<std::string>();
  }
  return "";
}

std::string Reply::error_code() const {
  auto value = json();
  if (value.is_object() && value.contains("error")) return value["error"]["code"].get<std::string>();
  return "";
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_COOKIEFILE, "");
  // Paths go out as written: libcurl would otherwise fold `..` and `.` segments itself.
  curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_PATH_AS_IS, 1L);
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

Reply HttpClient::send(const std::string& method, const std::string& path, const std::string& body,
                       const std::vector<std::string>& extra_headers) {
  CURL* curl = static_cast<CURL*>(curl_);
  Reply reply;
  std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  if (method == "GET" || method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method == "HEAD" ? "HEAD" : nullptr);
  } else {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_slist* headers = nullptr;
  bool own_content_type = std::any_of(extra_headers.begin(), extra_headers.end(), [](const std::string& header) {
    return strncasecmp(header.c_str(), "content-type:", 13) == 0;
  });
  if (!own_content_type) headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");
  if (!csrf_token_.empty()) headers = curl_slist_append(headers, ("X-CSRF-Token: " + csrf_token_).c_str());
  if (!bearer_.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + bearer_).c_str());
  for (const auto& header : extra_headers) headers = curl_slist_append(headers, header.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  }
  curl_slist_free_all(headers);
  return reply;
}

Reply HttpClient::get(const std::string& path) { return send("GET", path, ""); }
Reply HttpClient::post(const std::string& path, const std::string& body) { return send("POST", path, body); }
Reply HttpClient::patch(const std::string& path, const nlohmann::json& body) {
  return send("PATCH", path, body.dump());
}
Reply HttpClient::del(const std::string& path) { return send("DELETE", path, ""); }

Reply HttpClient::login(const std::string& login, const std::string& password) {
  Reply reply = post("/api/v1/session", nlohmann::json{{"login", login}, {"password", password}});
  auto value = reply.json();
  if (reply.status == 200 && value.contains("csrf_token")) csrf_token_ = value["csrf_token"].get<std::string>();
  return reply;
}

}  // namespace weizhi::testing
