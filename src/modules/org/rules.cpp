// Org tree rules.
#include "modules/org/rules.hpp"

namespace weizhi::org {

namespace {
struct KindName {
  NodeKind kind;
  const char* code;
  const char* chinese;
};
constexpr KindName kKinds[] = {{NodeKind::Street, "street", "街道"},       {NodeKind::Community, "community", "社区"},
                               {NodeKind::Compound, "compound", "小区"},   {NodeKind::Building, "building", "幢"},
                               {NodeKind::Unit, "unit", "单元"},           {NodeKind::Part, "part", "户"}};
}  // namespace

std::string kind_code(NodeKind kind) {
  for (const auto& entry : kKinds) {
    if (entry.kind == kind) return entry.code;
  }
  return "";
}

std::optional<NodeKind> parse_kind(const std::string& code) {
  for (const auto& entry : kKinds) {
    if (code == entry.code) return entry.kind;
  }
  return std::nullopt;
}

std::optional<NodeKind> child_kind(NodeKind parent) {
  switch (parent) {
    case NodeKind::Street: return NodeKind::Community;
    case NodeKind::Community: return NodeKind::Compound;
    case NodeKind::Compound: return NodeKind::Building;
    case NodeKind::Building: return NodeKind::Unit;
    case NodeKind::Unit: return NodeKind::Part;
    case NodeKind::Part: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> name_problem(const std::string& name) {
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) return "名称不能为空";
  if (name.size() > 200) return "名称不能超过 200 字节";
  return std::nullopt;
}

std::string child_path(const std::string& parent_path, std::int64_t id) {
  return (parent_path.empty() ? "/" : parent_path) + std::to_string(id) + "/";
}

}  // namespace weizhi::org
