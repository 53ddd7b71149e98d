// HTTP routes of the media module: the upload of a photo. Photos are fetched through the record
// that cites them, which decides who may see them (photo_reply, cited_photo_reply).
#include "modules/media/media.hpp"

#include <algorithm>
#include <chrono>
#include <semaphore>

#include "core/error.hpp"
#include "core/json_array.hpp"
#include "http/context.hpp"
#include "modules/media/images.hpp"
#include "modules/media/module.hpp"
#include "modules/media/rules.hpp"
#include "modules/media/store.hpp"

namespace weizhi::media {

namespace {

// A photo being decoded may take a few hundred MB (kMaxPhotoPixels): two at a time bound what a
// burst of uploads can make the server take. A phone's photo takes well under a second.
std::counting_semaphore<> decoding_slots(2);

struct DecodingSlot {
  DecodingSlot() {
    if (!decoding_slots.try_acquire_for(std::chrono::seconds(10))) {
      throw ApiError(503, "busy", "正在处理的照片较多，请稍后重新上传", "photo");
    }
  }
  ~DecodingSlot() { decoding_slots.release(); }
  DecodingSlot(const DecodingSlot&) = delete;
  DecodingSlot& operator=(const DecodingSlot&) = delete;
};

CleanPhoto clean_upload(const http::Request& request) {
  DecodingSlot slot;
  return clean_photo(request.body, request.header("content-type").value_or(""), "photo");
}

// Raw bytes with their Content-Type (image/jpeg, image/png or image/webp), not JSON or multipart:
// phones post the file as it is. What is stored, and named by its hash, is the clean copy.
http::Response upload_route(http::Context& context) {
  const CleanPhoto clean = clean_upload(context.request);
  StoredPhoto stored = context.write([&](store::Tx& tx) {
    StoredPhoto result =
        store_photo(tx, context.services.settings.media_dir, clean.bytes, clean.content_type, context.actor());
    if (result.is_new) {
      context.audit(tx, "media.photo.upload", "photo:" + result.photo.id,
                    Json{{"content_type", result.photo.content_type}, {"size_bytes", result.photo.size_bytes}});
    }
    return result;
  });
  const Photo& photo = stored.photo;
  return http::Response::json(
      stored.is_new ? 201 : 200,
      Json{{"id", photo.id}, {"content_type", photo.content_type}, {"size_bytes", photo.size_bytes}});
}

}  // namespace

void add_routes(http::Router& router) {
  http::Route upload{http::Method::Post, "/api/v1/photos", http::Access::signed_in(), upload_route};
  upload.max_body_bytes = kMaxPhotoBytes + 1;  // one byte over, so an oversize photo gets our own 413
  router.add(std::move(upload));
}

http::Response photo_reply(http::Context& context, store::Connection& connection, const std::string& id) {
  auto photo = find_photo(connection, id);
  if (!photo) fail_not_found("找不到该照片");
  http::Response response;
  response.content_type = photo->content_type;
  response.body = read_photo_file(context.services.settings.media_dir, photo->id);
  // The id is the content's hash, so the bytes behind a URL never change.
  response.header("Cache-Control", "private, max-age=31536000, immutable");
  response.header("ETag", "\"" + photo->id + "\"");
  return response;
}

http::Response cited_photo_reply(http::Context& context, store::Connection& connection,
                                 const std::vector<std::string>& cited, const std::string& missing) {
  const std::string& photo = context.request.path_params.at("photo");
  if (std::find(cited.begin(), cited.end(), photo) == cited.end()) fail_not_found(missing);
  return photo_reply(context, connection, photo);
}

std::vector<std::string> photo_ids_field(JsonObject& body, const std::string& key) {
  const Json* list = body.optional_any(key);
  if (!list || list->is_null()) return {};
  return read_array(*list, key, "字段 " + key + " 应为照片编号数组", [](const Json& photo, const std::string& field) {
    if (!photo.is_string() || !is_photo_id(photo.get<std::string>())) {
      fail_invalid(field, "照片编号应为上传照片（POST /api/v1/photos）时返回的 id");
    }
    return photo.get<std::string>();
  });
}

}  // namespace weizhi::media
