// The notifications capability: each user's in-app inbox, and the WeCom group robots of compounds
// and communities that the same messages are posted to, with retries and visible failures.
#pragma once
#include "modules/module.hpp"

namespace weizhi::notifications {
modules::Module module();
}  // namespace weizhi::notifications
