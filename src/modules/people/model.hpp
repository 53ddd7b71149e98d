// The people registry's types beside those of people.hpp: a new link of a person to a part.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/people.hpp"

namespace weizhi::people {

struct LinkInput {
  std::int64_t part_node_id;
  std::int64_t person_id;
  Relation relation;
  bool designated_voter = false;
  std::optional<std::string> proxy_reference;  // the co-owners' proxy letter on file
};

}  // namespace weizhi::people
