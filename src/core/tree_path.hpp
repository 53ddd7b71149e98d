// Materialised paths of the org tree ("/1/4/9/": the ids from the root): whether a node lies in a
// subtree, which the permission check and the org tree's own rules both ask.
#pragma once
#include <string>

namespace weizhi {

// True when `node_path` lies in the subtree whose root has `scope_path` (paths like "/1/4/").
inline bool path_within(const std::string& node_path, const std::string& scope_path) {
  return !scope_path.empty() && node_path.compare(0, scope_path.size(), scope_path) == 0;
}

}  // namespace weizhi
