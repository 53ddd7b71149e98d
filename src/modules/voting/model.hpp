// The voting module's types beside those of voting.hpp: a ballot as the tally reads it. Areas are
// in 0.01 m² throughout, never floating point.
#pragma once
#include <cstdint>

#include "modules/voting/voting.hpp"

namespace weizhi::voting {

// One voter's choice on one item, as ballots.csv holds it.
struct BallotEntry {
  std::int64_t owner_id;
  std::int64_t item;  // from 1
  Choice choice;
  std::int64_t line = 0;  // line of ballots.csv; 0 when not read from a file
};

}  // namespace weizhi::voting
