// What the command line uses of the elections capability: `weizhi count-election`, the offline
// count anyone can run on the returned ballots of one round, and the ballot boxes' check of
// `weizhi verify`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/elections/count.hpp"
#include "store/db.hpp"

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

// A counted round whose ballots no longer give the count and running hash sealed when it closed.
struct BallotBoxMismatch {
  std::int64_t election_id;
  std::int64_t round;
  std::int64_t sealed_count;
  std::int64_t found_count;
};

// Recomputes every sealed ballot box from the ballots stored; empty when every one still matches.
std::vector<BallotBoxMismatch> verify_ballot_boxes(store::Connection& connection);

}  // namespace weizhi::elections
