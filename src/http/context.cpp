// Handler helpers: principal, ids, body, permission checks, audited writes.
#include "http/context.hpp"

#include <charconv>

#include "audit/audit.hpp"
#include "auth/permissions.hpp"
#include "core/error.hpp"

namespace weizhi::http {

const auth::Principal& Context::user() const {
  if (!principal_) throw ApiError(401, "unauthorized", "请先登录");
  return *principal_;
}

std::string Context::actor() const { return principal_ ? principal_->login : "anonymous"; }

const Json& Context::json_body() {
  if (!body_) body_ = parse_json_object(request.body);
  return *body_;
}

namespace {
std::optional<std::int64_t> positive_id(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}
}  // namespace

std::int64_t Context::path_id(const std::string& name) const {
  auto it = request.path_params.find(name);
  auto id = it == request.path_params.end() ? std::nullopt : positive_id(it->second);
  if (!id) fail_not_found("找不到该记录：编号无效");
  return *id;
}

std::int64_t Context::parse_id(const std::string& text, const std::string& field) const {
  auto id = positive_id(text);
  if (!id) fail_invalid(field, "字段 " + field + " 应为正整数编号");
  return *id;
}

std::optional<std::string> Context::query(const std::string& name) const {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

std::int64_t Context::root_node_id() {
  auto lease = read();
  auto row = lease->query_one("SELECT id FROM org_nodes WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (!row) fail_not_found("组织架构为空：尚未创建街道");
  return row->i64(0);
}

void Context::audit(store::Tx& tx, const std::string& action, const std::string& entity, const Json& summary) const {
  audit::record(tx, actor(), action, entity, summary);
}

bool Context::can(const std::string& permission, std::optional<std::int64_t> node) {
  if (!principal_) return false;
  auto lease = read();
  return auth::can(*lease, *principal_, permission, node);
}

void Context::require(const std::string& permission, std::optional<std::int64_t> node) {
  user();
  if (can(permission, node)) return;
  if (node) {
    auto lease = read();
    if (!lease->query_one("SELECT id FROM org_nodes WHERE id = ?", {*node})) fail_not_found("找不到该组织节点");
  }
  fail_forbidden();
}

}  // namespace weizhi::http
