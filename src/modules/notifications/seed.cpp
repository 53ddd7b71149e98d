// The notifications module's part of the demo street (both sizes): 德胜社区's group robot configured
// but switched off, with a placeholder key, so the demo never posts anywhere. The demo's
// notifications are those the other modules' seeds produce about their own records.
#include "modules/notifications/module.hpp"
#include "modules/notifications/store.hpp"

namespace weizhi::notifications {

void seed_demo(modules::SeedContext& seed) {
  save_webhook(seed.tx, seed.node("desheng"), Channel::WeCom,
               "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-demo-0000-0000-placeholder00",
               std::nullopt, false);
}

}  // namespace weizhi::notifications
