// The elections capability: seven-step differential elections of self-management committees
// with supervisor sign-off, visits and candidates, secret online and paper ballots, the count of
// docs/rules.md#d-elections, and the result filed into the committee; plus the self-management statistics.
#pragma once
#include "modules/module.hpp"

namespace weizhi::elections {
modules::Module module();
}
