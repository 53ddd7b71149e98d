// What the command line uses of the elections capability: `weizhi count-election`, the offline
// count anyone can run on the returned ballots of one round.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/elections/count.hpp"

namespace weizhi::elections {

struct CountCommand {
  std::int64_t seats = 0;
  std::string candidates;  // "A,B,…"
  std::string ballots_path;
  std::optional<std::int64_t> issued;
  std::optional<std::int64_t> voters;
  std::string majority_base = "returned";
};

// The JSON of count_json for a first round. Throws std::runtime_error naming the flag, or the
// file and line of the first bad input ("ballots.csv line 17: …").
std::string count_election_file(const CountCommand& command);

}  // namespace weizhi::elections
