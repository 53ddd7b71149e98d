// `weizhi count-election`: the first-round count (docs/rules.md#d-elections) over a ballots file, by the same
// count_round as the server.
#include "modules/elections/cli.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/file.hpp"

namespace weizhi::elections {

namespace {

std::vector<std::string> split_candidates(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream stream(list);
  std::string name;
  while (std::getline(stream, name, ',')) {
    if (name.empty()) throw std::runtime_error("--candidates: empty name in \"" + list + "\"");
    names.push_back(name);
  }
  return names;
}

}  // namespace

std::string count_election_file(const CountCommand& command) {
  auto base = parse_code(kMajorityBases, command.majority_base);
  if (!base) throw std::runtime_error("--majority-base should be returned, valid or registered");
  CountInput input;
  input.seats = command.seats;
  input.candidates = split_candidates(command.candidates);
  input.issued = command.issued;
  input.voters = command.voters;
  input.majority_base = *base;
  std::string file_name = std::filesystem::path(command.ballots_path).filename().string();
  try {
    input.ballots = parse_count_ballots(read_file(command.ballots_path), input.candidates);
    return count_json(count_round(input));
  } catch (const voting::InvalidLine& error) {
    if (error.line() == 0) throw std::runtime_error(error.what());
    throw std::runtime_error(file_name + " line " + std::to_string(error.line()) + ": " + error.what());
  }
}

}  // namespace weizhi::elections
