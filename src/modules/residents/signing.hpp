// Pure parts of the SMS providers: the request signatures of Alibaba Cloud (V3, ACS3-HMAC-SHA256) and
// Tencent Cloud (API 3.0, TC3-HMAC-SHA256), each over the request it signs, and the reading of their
// replies. The time and the nonce are passed in, so the signatures can be checked against the vendors'
// published examples.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace weizhi::residents {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// A call of Tencent Cloud API 3.0 signed with TC3-HMAC-SHA256: POST / with the content type and the
// host signed, as the signature's documentation does.
struct TencentCall {
  std::string secret_id;
  std::string secret_key;
  std::string service;  // "sms"
  std::string host;     // "sms.tencentcloudapi.com"
  std::string content_type;
  std::string payload;
  std::int64_t timestamp = 0;  // seconds since the epoch; its UTC date enters the credential scope
};
// "TC3-HMAC-SHA256 Credential=…/DATE/SERVICE/tc3_request, SignedHeaders=content-type;host, Signature=…".
std::string tencent_authorization(const TencentCall& call);

// A call of an Alibaba Cloud RPC API signed with the V3 method (ACS3-HMAC-SHA256): POST / with the
// parameters in the query string.
struct AliyunCall {
  std::string access_key_id;
  std::string access_key_secret;
  std::string host;     // "dysmsapi.aliyuncs.com"
  std::string action;   // "SendSms"
  std::string version;  // "2017-05-25"
  Pairs query;          // unencoded; encoded and sorted by name when signed
  std::string body;
  std::string date;   // x-acs-date, yyyy-MM-ddTHH:mm:ssZ in UTC
  std::string nonce;  // x-acs-signature-nonce, new for every call
};
// The canonical query string, which is also the query the request is sent with.
std::string aliyun_query(const AliyunCall& call);
// Every header the call is sent with, by name in lower case, Authorization last.
Pairs aliyun_headers(const AliyunCall& call);

// What a vendor's reply to sending one message says: nullopt when it was accepted, else why not
// (the vendor's code and message, for the log).
std::optional<std::string> aliyun_refusal(long status, const std::string& reply);
std::optional<std::string> tencent_refusal(long status, const std::string& reply);

}  // namespace weizhi::residents
