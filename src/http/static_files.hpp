// The built web app served from a folder: content types, cache headers (hashed assets are
// immutable, pages are revalidated) and the single-page-app fallback to index.html
// (`/m/…` falls back to the resident H5's own index when it has one). Only regular files whose
// real path lies inside the web root are served.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace weizhi::http {

class StaticFiles {
 public:
  // The root is resolved (symlinks included) once, here.
  explicit StaticFiles(const std::string& root);
  // nullopt when the path is unsafe, names something outside the root, or nothing (not even an
  // index.html) can answer it: the caller answers 404.
  std::optional<Response> serve(const Request& request) const;

 private:
  enum class Found { File, Nothing, Refused };
  Found locate(const std::string& relative_path, std::filesystem::path& real_path) const;
  std::optional<Response> file(const std::string& relative_path) const;
  std::filesystem::path root_;
};

// Whether a decoded URL path may name something in the web root: it starts with `/`, has no empty
// segment (`//`) but a trailing one, no `.` or `..` segment, no backslash, NUL or other control
// character. Checked before the file system is touched.
bool safe_static_path(std::string_view path);

std::string content_type_for(const std::string& path);

}  // namespace weizhi::http
