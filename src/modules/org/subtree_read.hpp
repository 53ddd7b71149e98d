// Reading the org subtree a list route is asked about: `?node=ID`, or the street when absent.
#pragma once
#include "http/context.hpp"
#include "http/router.hpp"
#include "modules/org/model.hpp"
#include "store/db.hpp"

namespace weizhi::org {

// The access scope of such routes: the queried node, or the street.
const http::ScopeResolver& node_query_scope();

struct SubtreeRead {
  store::Db::Lease lease;
  Node node;
};

// The queried node (404 when unknown) and a lease to read under it. The node id is resolved
// before a connection is leased: finding the street leases one of its own, and handlers holding
// one while waiting for another could starve the pool.
SubtreeRead read_queried_subtree(http::Context& context);

}  // namespace weizhi::org
