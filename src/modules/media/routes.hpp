// What other modules use to serve the photos their records cite.
#pragma once
#include <string>

#include "http/context.hpp"

namespace weizhi::media {

// The photo's bytes with its type, cacheable by the browser that was allowed to fetch it; 404
// when it is not a stored photo.
http::Response photo_reply(http::Context& context, store::Connection& connection, const std::string& id);

}  // namespace weizhi::media
