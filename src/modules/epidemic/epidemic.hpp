// The epidemic module's published header, what others use of it: how many observation points run in a compound
// now. Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>

namespace weizhi::store {
class Connection;
}

namespace weizhi::epidemic {

std::int64_t observations_active(store::Connection& connection, std::int64_t compound_node_id);

}  // namespace weizhi::epidemic
