// The notifications module's part of the demo street (both sizes): a few unread notifications for
// the demo commissioner and community secretary, and 德胜社区's group robot configured but
// switched off, with a placeholder key, so the demo never posts anywhere.
#include "modules/notifications/module.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/notifications/store.hpp"

namespace weizhi::notifications {

void seed_demo(modules::SeedContext& seed) {
  std::int64_t compound = seed.node("desheng-xincun");
  std::int64_t commissioner = modules::demo_user_id(seed.tx, "commissioner");
  std::int64_t secretary = modules::demo_user_id(seed.tx, "secretary");
  notify(seed.tx, {commissioner},
         Message{"covenant.violation.overdue", "违约停车逾期未整改",
                 "德胜新村消防通道违停车辆已逾期 2 天，请跟进处理。", "/covenant", compound});
  notify(seed.tx, {commissioner, secretary},
         Message{"vote.closing", "业主表决即将截止", "德胜新村《管理规约》表决将于 3 日后截止，请提醒未投票业主。",
                 "/votes", compound});
  notify(seed.tx, {secretary},
         Message{"case.escalated", "事项升级至社区", "德胜新村楼道堆物问题已升级至社区书记，请于今日内协调处理。",
                 "/cases", compound});
  save_webhook(seed.tx, seed.node("desheng"),
               "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-demo-0000-0000-placeholder00", false);
}

}  // namespace weizhi::notifications
