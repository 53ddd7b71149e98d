// The SMS adapters (see sms.hpp). A vendor's call is one signed HTTPS POST with short timeouts: the
// resident waits for it, and a provider that does not answer must not hold a worker for long.
#include "modules/residents/sms.hpp"

#include <cstdio>
#include <mutex>

#include <curl/curl.h>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "modules/residents/signing.hpp"

namespace weizhi::residents {

namespace {

constexpr std::size_t kMaxReplyBytes = 16 * 1024;

struct Reply {
  long status = 0;
  std::string body;
  std::optional<std::string> failure;  // the connection's, when there was no reply
};

std::size_t keep_reply(char* data, std::size_t size, std::size_t count, void* target) {
  auto& body = *static_cast<std::string*>(target);
  std::size_t bytes = size * count;
  body.append(data, std::min(bytes, kMaxReplyBytes - std::min(kMaxReplyBytes, body.size())));
  return bytes;
}

Reply post(const std::string& url, const Pairs& headers, const std::string& body) {
  Reply reply;
  CURL* curl = curl_easy_init();
  if (!curl) return Reply{0, "", "无法初始化 HTTP 客户端"};
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers) list = curl_slist_append(list, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are multi-threaded
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_reply);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  else
    reply.failure = std::string("连接失败：") + curl_easy_strerror(code);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return reply;
}

// Appends "phone<TAB>message" lines, for the demo and the tests.
class FileSender final : public SmsSender {
 public:
  FileSender(std::string path, std::string message) : path_(std::move(path)), message_(std::move(message)) {}
  std::optional<std::string> send(const std::string& phone, const std::string& code, TimePoint) override {
    std::string text = message_;
    if (auto at = text.find("{code}"); at != std::string::npos) text.replace(at, 6, code);
    std::string line = phone + "\t" + text + "\n";
    static std::mutex writing;  // one line at a time, whole
    std::lock_guard lock(writing);
    std::FILE* file = std::fopen(path_.c_str(), "a");
    if (!file) return "无法打开 " + path_;
    bool written = std::fwrite(line.data(), 1, line.size(), file) == line.size();
    bool closed = std::fclose(file) == 0;
    if (!written || !closed) return "无法写入 " + path_;
    return std::nullopt;
  }

 private:
  std::string path_;
  std::string message_;
};

// Alibaba Cloud SMS, SendSms of API version 2017-05-25, signed with the V3 method.
class AliyunSender final : public SmsSender {
 public:
  explicit AliyunSender(const Settings& settings) : settings_(settings) {}
  std::optional<std::string> send(const std::string& phone, const std::string& code, TimePoint now) override {
    AliyunCall call{.access_key_id = settings_.sms_access_key_id,
                    .access_key_secret = settings_.sms_access_key_secret,
                    .host = "dysmsapi.aliyuncs.com",
                    .action = "SendSms",
                    .version = "2017-05-25",
                    .query = {{"PhoneNumbers", phone},
                              {"SignName", settings_.sms_sign_name},
                              {"TemplateCode", settings_.sms_template},
                              {"TemplateParam", Json{{"code", code}}.dump()}},
                    .body = "",
                    .date = iso_utc(now).substr(0, 19) + "Z",
                    .nonce = crypto::random_hex(16)};
    Reply reply = post("https://" + call.host + "/?" + aliyun_query(call), aliyun_headers(call), call.body);
    if (reply.failure) return reply.failure;
    return aliyun_refusal(reply.status, reply.body);
  }

 private:
  const Settings& settings_;
};

// Tencent Cloud SMS, SendSms of API version 2021-01-11 in the ap-guangzhou region, signed with TC3-HMAC-SHA256.
class TencentSender final : public SmsSender {
 public:
  explicit TencentSender(const Settings& settings) : settings_(settings) {}
  std::optional<std::string> send(const std::string& phone, const std::string& code, TimePoint now) override {
    std::int64_t timestamp = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    TencentCall call{.secret_id = settings_.sms_access_key_id,
                     .secret_key = settings_.sms_access_key_secret,
                     .service = "sms",
                     .host = "sms.tencentcloudapi.com",
                     .content_type = "application/json; charset=utf-8",
                     .payload = Json{{"PhoneNumberSet", {"+86" + phone}},
                                     {"SmsSdkAppId", settings_.sms_app_id},
                                     {"SignName", settings_.sms_sign_name},
                                     {"TemplateId", settings_.sms_template},
                                     {"TemplateParamSet", {code}}}
                                    .dump(),
                     .timestamp = timestamp};
    Pairs headers{{"Authorization", tencent_authorization(call)},
                  {"Content-Type", call.content_type},
                  {"Host", call.host},
                  {"X-TC-Action", "SendSms"},
                  {"X-TC-Timestamp", std::to_string(timestamp)},
                  {"X-TC-Version", "2021-01-11"},
                  {"X-TC-Region", "ap-guangzhou"}};
    Reply reply = post("https://" + call.host + "/", headers, call.payload);
    if (reply.failure) return reply.failure;
    return tencent_refusal(reply.status, reply.body);
  }

 private:
  const Settings& settings_;
};

}  // namespace

std::unique_ptr<SmsSender> sms_sender(const Settings& settings) {
  const std::string& provider = settings.sms_provider;
  if (provider == "aliyun") return std::make_unique<AliyunSender>(settings);
  if (provider == "tencent") return std::make_unique<TencentSender>(settings);
  if (provider.rfind("file:", 0) == 0 && provider.size() > 5)
    return std::make_unique<FileSender>(provider.substr(5),
                                        "【" + settings.sms_sign_name + "】" + settings.sms_message);
  return nullptr;
}

}  // namespace weizhi::residents
