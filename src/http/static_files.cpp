// Static file serving for the web app.
#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace weizhi::http {

namespace {
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

std::string content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  for (const auto& [suffix, type] : types) {
    if (ends_with(path, suffix)) return type;
  }
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::file(const std::string& relative_path) const {
  std::filesystem::path full = std::filesystem::path(root_) / relative_path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(full, error)) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  Response response;
  response.content_type = content_type_for(relative_path);
  response.body = content.str();
  bool hashed_asset = relative_path.find("assets/") != std::string::npos;
  response.header("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  std::string path = request.path;
  if (path.empty() || path.front() != '/') return std::nullopt;
  for (const auto& segment : std::filesystem::path(path)) {
    if (segment == "..") return std::nullopt;
  }
  std::string relative = path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  if (auto found = file(relative)) return found;
  // Client-side routes fall back to their app's page; missing assets stay 404.
  if (relative.find("assets/") != std::string::npos) return std::nullopt;
  if (path.rfind("/m/", 0) == 0 || path == "/m") {
    if (auto mobile = file("m/index.html")) return mobile;
  }
  return file("index.html");
}

}  // namespace weizhi::http
