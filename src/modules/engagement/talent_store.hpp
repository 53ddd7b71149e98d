// SQL of the talent pool: people with a talent tag (people.tags) and what the pool adds to them (talents).
// No decisions: routes ask talent_rules.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/engagement/talent_rules.hpp"
#include "store/db.hpp"

namespace weizhi::engagement {

struct TalentFilter {
  // People serving (or, before the pool names a node, living) in this subtree, or serving a node above it (a
  // community's mediator serves its compounds).
  std::string path;
  std::optional<std::string> tag;  // a code of people::talent_tags()
  std::int64_t limit = 500;
};

// The people of the pool matching the filter, by id.
std::vector<Talent> talents_under(store::Connection& connection, const TalentFilter& filter);
// The person with their tags and pool entry (even without a tag); nullopt when there is no such person.
std::optional<Talent> find_talent(store::Connection& connection, std::int64_t person_id);
// Writes the pool's entry of the person, made or replaced.
void save_talent(store::Tx& tx, std::int64_t person_id, const TalentInput& input, std::int64_t user_id);

}  // namespace weizhi::engagement
