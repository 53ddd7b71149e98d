// Static file serving for the web app.
#include "http/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace weizhi::http {

namespace {
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The file at `real`, typed and cached by the name it was asked for.
std::optional<Response> read(const std::filesystem::path& real, const std::string& relative_path) {
  std::ifstream in(real, std::ios::binary);
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

}  // namespace

std::string content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {{".html", "text/html; charset=utf-8"},
                                                              {".js", "text/javascript; charset=utf-8"},
                                                              {".mjs", "text/javascript; charset=utf-8"},
                                                              {".css", "text/css; charset=utf-8"},
                                                              {".json", "application/json; charset=utf-8"},
                                                              {".svg", "image/svg+xml"},
                                                              {".png", "image/png"},
                                                              {".jpg", "image/jpeg"},
                                                              {".jpeg", "image/jpeg"},
                                                              {".webp", "image/webp"},
                                                              {".ico", "image/x-icon"},
                                                              {".woff2", "font/woff2"},
                                                              {".woff", "font/woff"},
                                                              {".txt", "text/plain; charset=utf-8"},
                                                              {".map", "application/json; charset=utf-8"},
                                                              {".webmanifest", "application/manifest+json"}};
  for (const auto& [suffix, type] : types) {
    if (ends_with(path, suffix)) return type;
  }
  return "application/octet-stream";
}

bool safe_static_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
  }
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);  // empty after a trailing slash: the folder's index
  }
  return true;
}

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(root, error);
  root_ = std::filesystem::weakly_canonical(absolute, error);
  if (error) root_ = absolute.lexically_normal();
  if (!root_.has_filename()) root_ = root_.parent_path();  // "web/" has an empty last element
}

StaticFiles::Found StaticFiles::locate(const std::string& relative_path, std::filesystem::path& real_path) const {
  std::error_code error;
  // Resolves every symlink that exists on the way, so a link out of the root lands outside it.
  std::filesystem::path real = std::filesystem::weakly_canonical(root_ / relative_path, error);
  if (error) return Found::Refused;
  auto [root_end, real_end] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return Found::Refused;
  auto status = std::filesystem::status(real, error);
  if (std::filesystem::is_regular_file(status)) {
    real_path = std::move(real);
    return Found::File;
  }
  if (!std::filesystem::exists(status) || std::filesystem::is_directory(status)) return Found::Nothing;
  return Found::Refused;  // devices, sockets, pipes
}

std::optional<Response> StaticFiles::file(const std::string& relative_path) const {
  std::filesystem::path real;
  if (locate(relative_path, real) != Found::File) return std::nullopt;
  return read(real, relative_path);
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  const std::string& path = request.path;
  // An unsafe path gets no page either: it is 404, like anything the root does not hold.
  if (!safe_static_path(path)) return std::nullopt;
  std::string relative = path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::filesystem::path real;
  switch (locate(relative, real)) {
    case Found::File:
      return read(real, relative);
    case Found::Refused:
      return std::nullopt;
    case Found::Nothing:
      break;
  }
  // Client-side routes fall back to their app's page; missing assets stay 404.
  if (relative.find("assets/") != std::string::npos) return std::nullopt;
  if (path.rfind("/m/", 0) == 0 || path == "/m") {
    if (auto mobile = file("m/index.html")) return mobile;
  }
  return file("index.html");
}

}  // namespace weizhi::http
