// The demo street's terminals: each pilot compound's small gate has an ISAPI face terminal whose address is in
// TEST-NET-1 (192.0.2.0/24, never routed), so that the console shows plainly what a terminal that is down looks
// like; the sync job tries it off the request path with a 2 s connect timeout.
#include "modules/access/devices.hpp"
#include "modules/access/devices_rules.hpp"
#include "modules/access/devices_store.hpp"

namespace weizhi::access {

void seed_devices(modules::SeedContext& seed, std::int64_t compound_id) {
  if (seed.size != modules::SeedSize::Demo) return;
  auto gate = seed.tx.query_one(
      "SELECT id FROM access_gates WHERE compound_node_id = ? AND tier = 'small' ORDER BY id LIMIT 1", {compound_id});
  if (!gate) return;
  insert_device(seed.tx, DeviceInput{gate->i64(0), "北小门人脸机", kIsapiVendor, "http://192.0.2.10", "admin",
                                     seed.data_key.encrypt("demo-terminal")});
}

}  // namespace weizhi::access
