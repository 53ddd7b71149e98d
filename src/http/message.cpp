// Request and response helpers: headers, cookies, URL decoding, JSON replies.
#include "http/message.hpp"

#include <cctype>
#include <cmath>

namespace weizhi::http {

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view wanted) const {
  auto all = header("cookie");
  if (!all) return std::nullopt;
  std::string_view rest = *all;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (pair.substr(0, equals) == wanted) return std::string(pair.substr(equals + 1));
  }
  return std::nullopt;
}

Response Response::json(int status, const Json& value) {
  Response response;
  response.status = status;
  response.body = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response Response::error(int status, const std::string& code, const std::string& message, const std::string& field) {
  Json error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return json(status, Json{{"error", error}});
}

Response Response::no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response& Response::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::optional<std::string> url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
        return std::nullopt;
      }
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::map<std::string, std::string>> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    std::size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view{} : query.substr(end + 1);
    if (pair.empty()) continue;
    std::size_t equals = pair.find('=');
    auto key = url_decode(pair.substr(0, equals), true);
    auto value = url_decode(equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1), true);
    if (!key || !value) return std::nullopt;
    out[*key] = *value;
  }
  return out;
}

Json access_log_fields(const Request& request, const Response& response, std::size_t bytes, double ms) {
  Json fields = {{"event", "access"},    {"method", code_of(kMethodNames, request.method)},
                 {"path", request.path}, {"status", response.status},
                 {"bytes", bytes},       {"ms", std::round(ms * 1000) / 1000}};
  if (!response.discreet_access_log) {
    fields["request_id"] = request.request_id;
    fields["client"] = request.client_address;
  }
  return fields;
}

}  // namespace weizhi::http
