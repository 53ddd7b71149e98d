// Outbound HTTP, for the modules that call other services (group robots, SMS vendors): one POST with
// short timeouts and a capped reply, made with libcurl.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace weizhi::http {

struct OutboundReply {
  long status = 0;  // 0 when no reply came
  std::string body;
  std::optional<std::string> failure;  // why no reply came, in Chinese
};

// POSTs `body` with `headers` ("Name: value") to `url`: 2 s to connect, 5 s in all, no redirects,
// only the `protocols` named ("https", or "http,https" where tests post to the loopback), at most
// 64 KiB of the reply kept. It waits for the reply: call it outside the writer's transactions.
OutboundReply post(const std::string& url, const std::vector<std::string>& headers, const std::string& body,
                   const char* protocols = "https");

}  // namespace weizhi::http
