// The one error type the API knows: an HTTP status, a stable code, a Chinese message and the
// field it concerns. Anything a client causes is thrown as ApiError and becomes a 4xx reply.
#pragma once
#include <stdexcept>
#include <string>

namespace weizhi {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& field() const noexcept { return field_; }

 private:
  int status_;
  std::string code_;
  std::string message_;
  std::string field_;
};

[[noreturn]] inline void fail_invalid(const std::string& field, const std::string& message) {
  throw ApiError(400, "invalid_field", message, field);
}
[[noreturn]] inline void fail_not_found(const std::string& message) { throw ApiError(404, "not_found", message); }
[[noreturn]] inline void fail_forbidden(const std::string& message = "没有执行此操作的权限") {
  throw ApiError(403, "forbidden", message);
}
[[noreturn]] inline void fail_conflict(const std::string& message, const std::string& field = {}) {
  throw ApiError(409, "conflict", message, field);
}
[[noreturn]] inline void fail_unprocessable(const std::string& message, const std::string& field = {}) {
  throw ApiError(422, "unprocessable", message, field);
}

}  // namespace weizhi
