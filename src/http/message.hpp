// Our own HTTP request and response types: what handlers see instead of RESTinio's, so that
// modules compile fast and can be tested without a server.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"

namespace weizhi::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };
// The methods' names, as the access log, the metrics and the Allow header spell them (read with code_of).
constexpr CodeTable<Method> kMethodNames = {
    {Method::Get, "GET"},     {Method::Head, "HEAD"},     {Method::Post, "POST"},       {Method::Put, "PUT"},
    {Method::Patch, "PATCH"}, {Method::Delete, "DELETE"}, {Method::Options, "OPTIONS"}, {Method::Other, "OTHER"}};

struct Request {
  Method method = Method::Get;
  std::string path;                                          // decoded, without the query
  std::map<std::string, std::string> query;                  // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string client_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router

  std::optional<std::string_view> header(std::string_view lower_case_name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The access log leaves out the client's address and the request id, and keeps the time only to
  // the minute: set by the dispatcher on every answer of a route whose path and moment together
  // could say who did what (casting a secret ballot).
  bool discreet_access_log = false;

  static Response json(int status, const Json& value);
  static Response error(int status, const std::string& code, const std::string& message, const std::string& field = {});
  static Response no_content();
  Response& header(std::string name, std::string value);
};

// The fields of a request's access log line; a discreet response's line has no client address and
// no request id.
Json access_log_fields(const Request& request, const Response& response, std::size_t bytes, double ms);

// Percent-decoding of a URL component; `+` means space only in query strings.
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space);
// Splits `a=1&b=2`, decoding each part; malformed escapes make it nullopt.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

}  // namespace weizhi::http
