// What the command line uses of the voting capability: `weizhi export-vote` and `weizhi tally`,
// the offline recount that anyone can run on an export.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "modules/voting/model.hpp"
#include "store/db.hpp"

namespace weizhi::voting {

// Writes roll.csv, ballots.csv and result.json of a closed or published vote into `folder`
// (created when missing). For a published vote the files must match the published fingerprints.
// Throws ApiError (404 no vote, 409 not closed yet) or std::runtime_error (I/O, fingerprint mismatch).
void export_vote(store::Connection& connection, std::int64_t vote_id, const std::string& folder);

// A vote whose stored records no longer give the fingerprint published for them.
struct FingerprintMismatch {
  std::int64_t vote_id;
  std::string file;  // roll.csv, ballots.csv or result.json
};

// Recomputes the fingerprints of every vote from its records: the roll's once opened, the
// ballots' and the result's once published. Empty when every one still matches.
std::vector<FingerprintMismatch> verify_vote_fingerprints(store::Connection& connection);

struct TallyTimings {
  double read_seconds = 0;   // reading and parsing both files
  double tally_seconds = 0;  // the electorate and the tally
};

// The result.json of the two files for matter 1–9. Throws std::runtime_error naming the file and
// line of the first bad input ("ballots.csv line 17: …").
std::string tally_files(const std::string& roll_path, const std::string& ballots_path, int matter,
                        FollowMajority follow_majority, TallyTimings* timings = nullptr);

}  // namespace weizhi::voting
