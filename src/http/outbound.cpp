// Outbound HTTP POSTs (see outbound.hpp).
#include "http/outbound.hpp"

#include <algorithm>

#include <curl/curl.h>

namespace weizhi::http {

namespace {

constexpr std::size_t kMaxReplyBytes = 64 * 1024;

std::size_t keep_reply(char* data, std::size_t size, std::size_t count, void* target) {
  auto& body = *static_cast<std::string*>(target);
  std::size_t bytes = size * count;
  body.append(data, std::min(bytes, kMaxReplyBytes - std::min(kMaxReplyBytes, body.size())));
  return bytes;
}

}  // namespace

OutboundReply post(const std::string& url, const std::vector<std::string>& headers, const std::string& body,
                   const char* protocols) {
  OutboundReply reply;
  CURL* curl = curl_easy_init();
  if (!curl) {
    reply.failure = "无法初始化 HTTP 客户端";
    return reply;
  }
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
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

}  // namespace weizhi::http
