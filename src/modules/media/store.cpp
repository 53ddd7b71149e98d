// Photo files and their records.
#include "modules/media/store.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/media/rules.hpp"

namespace weizhi::media {

namespace {

namespace fs = std::filesystem;

// Two-character sub-folders keep any one folder small.
fs::path photo_path(const std::string& folder, const std::string& id) {
  return fs::path(folder) / id.substr(0, 2) / id;
}

// Writes to a temporary name and renames, so a reader never sees half a file.
void write_file_atomically(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::random_device random;
  fs::path temporary = path.parent_path() / ("." + path.filename().string() + "." + std::to_string(random()) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error("cannot write photo file " + temporary.string());
    }
  }
  fs::rename(temporary, path);
}

}  // namespace

StoredPhoto store_photo(store::Tx& tx, const std::string& folder, std::string_view bytes,
                        const std::string& content_type, const std::string& uploaded_by) {
  Photo photo{crypto::sha256_hex(bytes), content_type, static_cast<std::int64_t>(bytes.size())};
  if (auto existing = find_photo(tx.connection(), photo.id)) return {*existing, false};
  fs::path path = photo_path(folder, photo.id);
  if (!fs::exists(path)) write_file_atomically(path, bytes);
  tx.exec(
      "INSERT INTO photos (sha256, content_type, size_bytes, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (sha256) DO NOTHING",
      {photo.id, photo.content_type, photo.size_bytes, uploaded_by, iso_utc(tx.now())});
  return {photo, true};
}

std::optional<Photo> find_photo(store::Connection& connection, const std::string& id) {
  if (!is_photo_id(id)) return std::nullopt;
  auto row = connection.query_one("SELECT sha256, content_type, size_bytes FROM photos WHERE sha256 = ?", {id});
  if (!row) return std::nullopt;
  return Photo{row->text(0), row->text(1), row->i64(2)};
}

void require_stored_photos(store::Connection& connection, const std::vector<std::string>& ids,
                           const std::string& field) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!find_photo(connection, ids[i])) {
      fail_invalid(field + "[" + std::to_string(i) + "]", "找不到该照片，请先上传照片再提交");
    }
  }
}

std::string read_photo_file(const std::string& folder, const std::string& id) {
  std::ifstream in(photo_path(folder, id), std::ios::binary);
  if (!in) throw std::runtime_error("photo file of " + id + " is missing from " + folder);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace weizhi::media
