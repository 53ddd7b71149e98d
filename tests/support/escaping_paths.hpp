// Request paths that try to reach a file outside the web root, as an attacker sends them:
// absolute paths, empty and dot segments, their percent-encoded forms, NUL and backslashes.
#pragma once
#include <string>
#include <vector>

namespace weizhi::testing {

// Every shape aimed at the absolute path `target`, climbing two levels (the shapes of the report
// that found the hole, for /etc/passwd) and sixteen (enough to reach `/` from any web root).
inline std::vector<std::string> paths_escaping_to(const std::string& target) {
  auto repeat = [](const std::string& part, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += part;
    return out;
  };
  auto replace_all = [](std::string text, char from, const std::string& to) {
    std::string out;
    for (char c : text) out += c == from ? to : std::string(1, c);
    return out;
  };
  std::string relative = target.substr(1);
  std::vector<std::string> paths = {"/" + target, "/" + replace_all(target, '/', "%2F")};
  for (int levels : {2, 16}) {
    paths.push_back("/" + repeat("..%2F", levels) + replace_all(relative, '/', "%2F"));
    paths.push_back("/" + repeat("../", levels) + relative);
    paths.push_back("/assets/" + repeat("../", levels) + relative);
    paths.push_back("/m/" + repeat("..//", levels) + relative);
    paths.push_back("/" + repeat("%2e%2e/", levels) + relative);
    paths.push_back("/" + repeat(".%00./", levels) + relative);
    paths.push_back("/" + repeat("\\..", levels) + "\\" + replace_all(relative, '/', "\\"));
    paths.push_back("/./" + repeat("./../", levels) + relative);
  }
  return paths;
}

}  // namespace weizhi::testing
