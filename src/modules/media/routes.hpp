// What other modules use to serve the photos their records cite.
#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/context.hpp"

namespace weizhi::media {

// The photo's bytes with its type, cacheable by the browser that was allowed to fetch it; 404
// when it is not a stored photo.
http::Response photo_reply(http::Context& context, store::Connection& connection, const std::string& id);

// The photo ids in the body's field `key` (absent or null: none), each with the shape of an id
// returned by POST /api/v1/photos; 400 naming `key` or `key[i]` otherwise. Whether they are
// stored is require_stored_photos's check, inside the writing transaction.
std::vector<std::string> photo_ids_field(JsonObject& body, const std::string& key);

}  // namespace weizhi::media
