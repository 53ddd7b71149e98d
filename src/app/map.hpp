// GET /api/v1/map: the compounds under a node with their outlines and one figure each, the street's map.
#pragma once
#include "modules/module.hpp"

namespace weizhi::app {

modules::Module map_module();

}  // namespace weizhi::app
