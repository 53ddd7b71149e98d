// `weizhi export-vote` and `weizhi tally`: the export is computed by the same functions as the
// published fingerprints, and the recount by the same tally as the server.
#include "modules/voting/cli.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/file.hpp"
#include "core/error.hpp"
#include "modules/voting/files.hpp"
#include "modules/voting/rules.hpp"
#include "modules/voting/store.hpp"

namespace weizhi::voting {

namespace {

bool differs(const std::optional<std::string>& published, const std::string& text) {
  return published && *published != crypto::sha256_hex(text);
}

void check_fingerprint(const std::optional<std::string>& published, const std::string& text, const char* file) {
  if (differs(published, text)) {
    throw std::runtime_error(std::string(file) + " no longer matches the published fingerprint " + *published);
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `parse`, naming `file` and the line in the error it throws.
template <class Parse>
auto with_file_name(const std::string& file, Parse&& parse) {
  try {
    return parse();
  } catch (const InvalidLine& error) {
    throw std::runtime_error(file + " line " + std::to_string(error.line()) + ": " + error.what());
  }
}

}  // namespace

void export_vote(store::Connection& connection, std::int64_t vote_id, const std::string& folder) {
  auto vote = find_vote(connection, vote_id);
  if (!vote) fail_not_found("找不到表决 " + std::to_string(vote_id));
  if (vote->state != VoteState::Closed && vote->state != VoteState::Published) {
    fail_conflict("表决截止后才能导出");
  }
  VoteFiles files = vote_files(connection, *vote);
  check_fingerprint(vote->roll_fingerprint, files.roll_csv, "roll.csv");
  check_fingerprint(vote->ballots_fingerprint, files.ballots_csv, "ballots.csv");
  check_fingerprint(vote->result_fingerprint, files.result_json, "result.json");
  std::filesystem::path path(folder);
  std::filesystem::create_directories(path);
  write_file((path / "roll.csv").string(), files.roll_csv);
  write_file((path / "ballots.csv").string(), files.ballots_csv);
  write_file((path / "result.json").string(), files.result_json);
}

std::vector<FingerprintMismatch> verify_vote_fingerprints(store::Connection& connection) {
  std::vector<FingerprintMismatch> mismatches;
  std::vector<std::int64_t> ids;
  for (const auto& row : connection.query("SELECT id FROM votes WHERE roll_fingerprint IS NOT NULL ORDER BY id")) {
    ids.push_back(row.i64(0));
  }
  for (std::int64_t id : ids) {
    auto vote = find_vote(connection, id);
    VoteFiles files = vote_files(connection, *vote);
    if (differs(vote->roll_fingerprint, files.roll_csv)) mismatches.push_back({id, "roll.csv"});
    if (differs(vote->ballots_fingerprint, files.ballots_csv)) mismatches.push_back({id, "ballots.csv"});
    if (differs(vote->result_fingerprint, files.result_json)) mismatches.push_back({id, "result.json"});
  }
  return mismatches;
}

std::string tally_files(const std::string& roll_path, const std::string& ballots_path, int matter,
                        FollowMajority follow_majority, TallyTimings* timings) {
  auto threshold = threshold_of(matter);
  if (!threshold) throw std::runtime_error("--matter should be 1–9 (Civil Code Art. 278)");
  auto start = std::chrono::steady_clock::now();
  std::string roll_text = read_file(roll_path);
  std::string ballots_text = read_file(ballots_path);
  auto roll = with_file_name(roll_path, [&] { return parse_roll_csv(roll_text); });
  auto ballots = with_file_name(ballots_path, [&] { return parse_ballots_csv(ballots_text); });
  if (timings) timings->read_seconds = seconds_since(start);
  start = std::chrono::steady_clock::now();
  auto electorate = with_file_name(roll_path, [&] { return electorate_of(roll); });
  // The items are those the ballots name; a vote holds at most kMaxItems.
  std::int64_t items = 1;
  for (const auto& ballot : ballots) {
    if (ballot.item > kMaxItems) {
      throw std::runtime_error(ballots_path + " line " + std::to_string(ballot.line) + ": item should be 1–" +
                               std::to_string(kMaxItems));
    }
    items = std::max(items, ballot.item);
  }
  auto results =
      with_file_name(ballots_path, [&] { return tally(electorate, ballots, *threshold, follow_majority, items); });
  if (timings) timings->tally_seconds = seconds_since(start);
  return result_json(results);
}

}  // namespace weizhi::voting
