// GET /api/v1/audit: the audit log for supervisors and street admins, newest first,
// filterable by entity and actor, with cursor pagination.
#pragma once
#include "modules/module.hpp"

namespace weizhi::audit {
modules::Module module();
}
