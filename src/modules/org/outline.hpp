// Compounds' outlines on the street's map: kept per compound (outline_store.cpp), set and removed over
// HTTP (outline.cpp), read by the map of the street's compounds (app/map.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "modules/module.hpp"

namespace weizhi::org {

// A compound under some node, with its outline when it has one.
struct CompoundOutline {
  std::int64_t id = 0;
  std::string name;
  std::string path;
  std::optional<Json> geometry;
};

std::optional<Json> find_outline(store::Connection& connection, std::int64_t node_id);
// Keeps `geometry`, as checked_outline answered it, in place of the node's outline if it had one.
void save_outline(store::Tx& tx, std::int64_t node_id, const Json& geometry);
// Whether there was an outline to remove.
bool remove_outline(store::Tx& tx, std::int64_t node_id);
// The compounds of the subtree at `path`, by id.
std::vector<CompoundOutline> compound_outlines(store::Connection& connection, const std::string& path);

// GET, PUT and DELETE /api/v1/org/nodes/{id}/outline.
void add_outline_routes(http::Router& router);
// Outlines of the demo street's compounds around the Grand Canal in Gongshu, Hangzhou.
void seed_outlines(modules::SeedContext& seed);

}  // namespace weizhi::org
