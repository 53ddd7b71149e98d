// The media module's published header: what other modules use to take, check and serve the photos
// their records cite. Store and HTTP types are only named here, so pure rules may include it.
#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"

namespace weizhi::store {
class Connection;
}

namespace weizhi::http {
class Context;
struct Response;
}  // namespace weizhi::http

namespace weizhi::media {

// The photo's bytes with its type, cacheable by the browser that was allowed to fetch it; 404
// when it is not a stored photo.
http::Response photo_reply(http::Context& context, store::Connection& connection, const std::string& id);

// The photo the path parameter `photo` names, served as photo_reply serves it, when it is one of
// `cited` (the photos of a record the caller may read); 404 with `missing` otherwise, so that a
// record lends its readers no photo it does not cite.
http::Response cited_photo_reply(http::Context& context, store::Connection& connection,
                                 const std::vector<std::string>& cited, const std::string& missing);

// The photo ids in the body's field `key` (absent or null: none), each with the shape of an id
// returned by POST /api/v1/photos; 400 naming `key` or `key[i]` otherwise. Whether they are
// stored is require_stored_photos's check, inside the writing transaction.
std::vector<std::string> photo_ids_field(JsonObject& body, const std::string& key);

// Throws 400 naming `field[i]` for the first reference that is not a stored photo.
void require_stored_photos(store::Connection& connection, const std::vector<std::string>& ids,
                           const std::string& field);

}  // namespace weizhi::media
