// The SMS adapters (see sms.hpp). A vendor's call is one signed HTTPS POST with short timeouts
// (http/outbound.hpp): the resident waits for it, and a provider that does not answer must not hold
// a worker for long.
#include "modules/residents/sms.hpp"

#include <cstdio>
#include <mutex>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "http/outbound.hpp"
#include "modules/residents/signing.hpp"

namespace weizhi::residents {

namespace {

// The headers as libcurl takes them, "Name: value".
std::vector<std::string> header_lines(const Pairs& headers) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : headers) lines.push_back(name + ": " + value);
  return lines;
}

// nullopt when the vendor took the message, else why not.
std::optional<std::string> refusal_of(const http::OutboundReply& reply,
                                      std::optional<std::string> (*read)(long, const std::string&)) {
  if (reply.failure) return reply.failure;
  return read(reply.status, reply.body);
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
    return refusal_of(
        http::post("https://" + call.host + "/?" + aliyun_query(call), header_lines(aliyun_headers(call)), call.body),
        aliyun_refusal);
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
    return refusal_of(http::post("https://" + call.host + "/", header_lines(headers), call.payload), tencent_refusal);
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
