// The org tree's types: street → community → compound → building → stairwell unit → part.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi::org {

enum class NodeKind { Street, Community, Compound, Building, Unit, Part };

struct Node {
  std::int64_t id;
  std::optional<std::int64_t> parent_id;
  NodeKind kind;
  std::string name;
  std::optional<std::string> code;
  std::string path;  // ids from the root, e.g. "/1/4/9/"
  std::string created_at;
};

}  // namespace weizhi::org
