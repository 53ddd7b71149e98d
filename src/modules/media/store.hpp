// Storage of photos: the bytes as a file under the media folder named by their SHA-256, and a row
// saying what the file is and who brought it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/media/media.hpp"
#include "store/db.hpp"

namespace weizhi::media {

struct Photo {
  std::string id;  // SHA-256 of the bytes, lower-case hex
  std::string content_type;
  std::int64_t size_bytes = 0;
};

struct StoredPhoto {
  Photo photo;
  bool is_new = false;  // false when the same bytes were uploaded before
};

// Writes the bytes under `folder` unless a file of that hash is there already, then records them.
// The file is written before the row, so a recorded photo always has its file.
StoredPhoto store_photo(store::Tx& tx, const std::string& folder, std::string_view bytes,
                        const std::string& content_type, const std::string& uploaded_by);

std::optional<Photo> find_photo(store::Connection& connection, const std::string& id);

// The bytes of a stored photo; throws std::runtime_error when its file is gone.
std::string read_photo_file(const std::string& folder, const std::string& id);

}  // namespace weizhi::media
