// The org module's part of the demo street: 大关街道 and the nodes the demo accounts are
// scoped in.
#include "audit/audit.hpp"
#include "modules/org/module.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

void seed_demo(modules::SeedContext& seed) {
  Node street = insert_node(seed.tx, std::nullopt, NodeKind::Street, "大关街道", "street");
  Node community = insert_node(seed.tx, street, NodeKind::Community, "德胜社区", "desheng");
  insert_node(seed.tx, community, NodeKind::Compound, "德胜新村", "desheng-xincun");
  audit::record(seed.tx, "cli:seed", "org.seed", "org_node:" + std::to_string(street.id), {{"street", street.name}});
}

}  // namespace weizhi::org
