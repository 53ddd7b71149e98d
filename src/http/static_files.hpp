// The built web app served from a folder: content types, cache headers (hashed assets are
// immutable, pages are revalidated) and the single-page-app fallback to index.html
// (`/m/…` falls back to the resident H5's own index when it has one).
#pragma once
#include <optional>
#include <string>

#include "http/message.hpp"

namespace weizhi::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // nullopt when the path is unsafe or nothing (not even an index.html) can answer it.
  std::optional<Response> serve(const Request& request) const;

 private:
  std::optional<Response> file(const std::string& relative_path) const;
  std::string root_;
};

std::string content_type_for(const std::string& path);

}  // namespace weizhi::http
