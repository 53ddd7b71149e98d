// The Hikvision ISAPI adapter (docs/modules/access.md#the-isapi-adapter): the access-control calls in JSON
// (?format=json) over HTTP with digest authentication, 2 s to connect and 10 s a call, so that a terminal that
// is down costs a sync little and never a request.
#include "modules/access/isapi.hpp"

#include <algorithm>

#include <curl/curl.h>

#include "core/crypto.hpp"

namespace weizhi::access {

namespace {

constexpr std::size_t kMaxReplyBytes = 1024 * 1024;
constexpr std::int64_t kPageSize = 30;    // what Hikvision terminals return at most per search page
constexpr std::size_t kDeleteBatch = 50;  // codes per UserInfo/Delete
constexpr int kMaxPages = 10000;          // a terminal holds at most some tens of thousands of persons

std::size_t keep_reply(char* data, std::size_t size, std::size_t count, void* target) {
  auto& body = *static_cast<std::string*>(target);
  std::size_t bytes = size * count;
  if (body.size() + bytes > kMaxReplyBytes) return 0;  // aborts the transfer: no terminal answers that much
  body.append(data, bytes);
  return bytes;
}

// Why a call got no reply, as the console says it: the common cases in plain Chinese, the rest as libcurl names them.
std::string transport_failure(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return "连接超时，设备可能不在线或地址有误";
    case CURLE_COULDNT_CONNECT:
      return "设备拒绝连接，请检查设备是否开机、端口是否正确";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "找不到设备地址中的主机名";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return "HTTPS 证书或加密连接有误";
    case CURLE_WRITE_ERROR:
      return "设备的应答过长";
    default:
      return curl_easy_strerror(code);
  }
}

class IsapiTerminal final : public Terminal {
 public:
  explicit IsapiTerminal(DeviceAddress address) : address_(std::move(address)) {
    while (!address_.url.empty() && address_.url.back() == '/') address_.url.pop_back();
  }

  std::vector<DeviceUser> users() override {
    std::vector<DeviceUser> found;
    search("/ISAPI/AccessControl/UserInfo/Search?format=json", "UserInfoSearchCond", Json::object(), "UserInfoSearch",
           "UserInfo", [&](const Json& info) {
             if (auto user = read_isapi_user(info)) found.push_back(std::move(*user));
           });
    return found;
  }

  std::vector<DeviceEvent> events(TimePoint from, TimePoint to) override {
    std::vector<DeviceEvent> found;
    Json condition{{"major", 5}, {"minor", 0}, {"startTime", isapi_time(from)}, {"endTime", isapi_time(to)}};
    search("/ISAPI/AccessControl/AcsEvent?format=json", "AcsEventCond", condition, "AcsEvent", "InfoList",
           [&](const Json& info) {
             if (auto event = read_isapi_event(info)) found.push_back(std::move(*event));
           });
    return found;
  }

  void upsert(const DeviceUser& user) override {
    call("PUT", "/ISAPI/AccessControl/UserInfo/SetUp?format=json", isapi_user_info(user));
  }

  void remove(const std::vector<std::string>& employee_nos) override {
    for (std::size_t from = 0; from < employee_nos.size(); from += kDeleteBatch) {
      Json list = Json::array();
      for (std::size_t i = from; i < std::min(employee_nos.size(), from + kDeleteBatch); ++i) {
        list.push_back({{"employeeNo", employee_nos[i]}});
      }
      call("PUT", "/ISAPI/AccessControl/UserInfo/Delete?format=json",
           {{"UserInfoDelCond", {{"EmployeeNoList", list}}}});
    }
  }

 private:
  // A paged ISAPI search: `condition` with the search's id and position, page after page while the terminal
  // says MORE, each record of the reply's `list` handed to `each`.
  template <class Each>
  void search(const std::string& path, const char* condition_name, Json condition, const char* reply_name,
              const char* list, Each&& each) {
    condition["searchID"] = crypto::random_hex(8);
    condition["maxResults"] = kPageSize;
    SearchPage page;
    for (int pages = 0; !page.done; ++pages) {
      if (pages == kMaxPages) throw DeviceFailure("设备返回的记录过多");
      condition["searchResultPosition"] = page.position;
      Json reply = call("POST", path, {{condition_name, condition}});
      const Json& result = reply.contains(reply_name) ? reply[reply_name] : Json();
      std::string status = result.is_object() ? result.value("responseStatusStrg", "") : "";
      std::int64_t returned = 0;
      if (result.is_object() && result.contains(list) && result[list].is_array()) {
        for (const auto& record : result[list]) {
          ++returned;
          each(record);
        }
      }
      auto next = next_page(page, status, returned);
      if (!next) throw DeviceFailure("设备的查询应答无法识别：" + status);
      page = *next;
    }
  }

  // One call; the reply's JSON, or DeviceFailure saying in Chinese what went wrong.
  Json call(const char* method, const std::string& path, const Json& body) {
    std::string payload = body.dump();
    std::string reply;
    long status = 0;
    CURL* curl = curl_easy_init();
    if (!curl) throw DeviceFailure("无法初始化 HTTP 客户端");
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    std::string url = address_.url + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_DIGEST));
    curl_easy_setopt(curl, CURLOPT_USERNAME, address_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, address_.password.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_reply);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) throw DeviceFailure("连接设备失败：" + transport_failure(code));
    if (status == 401) throw DeviceFailure("设备拒绝登录：用户名或密码错误");
    Json parsed = Json::parse(reply, nullptr, false);
    if (status < 200 || status >= 300) {
      std::string said = parsed.is_object() ? parsed.value("statusString", "") + " " + parsed.value("subStatusCode", "")
                                            : std::string();
      throw DeviceFailure("设备返回错误：HTTP " + std::to_string(status) + " " + said, true);
    }
    if (parsed.is_discarded() || !parsed.is_object()) throw DeviceFailure("设备的应答不是 JSON");
    return parsed;
  }

  DeviceAddress address_;
};

}  // namespace

std::unique_ptr<Terminal> make_terminal(const DeviceAddress& address) {
  if (address.vendor == kIsapiVendor) return std::make_unique<IsapiTerminal>(address);
  return nullptr;
}

}  // namespace weizhi::access
