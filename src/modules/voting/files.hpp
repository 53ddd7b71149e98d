// The export files of a vote, which anyone can recount with `weizhi tally`: roll.csv
// (part_id,owner_id,owner_kind,area,use) and ballots.csv (owner_id,item,choice). Their bytes are
// the canonical text form whose SHA-256 is published as the roll and ballots fingerprints.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "modules/voting/model.hpp"

namespace weizhi::voting {

inline constexpr std::string_view kRollHeader = "part_id,owner_id,owner_kind,area,use";
inline constexpr std::string_view kBallotsHeader = "owner_id,item,choice";

// LF-terminated lines after the header, in the order given; area in m² with two decimals; an
// empty owner_id for a part with no voter yet.
std::string roll_csv(const std::vector<RollEntry>& roll);
std::string ballots_csv(const std::vector<BallotEntry>& ballots);

// Parse what the writers produce (CRLF line ends and a UTF-8 BOM also accepted; blank lines
// skipped). Each entry keeps its line number. Throws InvalidLine naming the line for a wrong
// header, a wrong number of fields, a malformed id, item or area (up to two decimals), or an
// unknown owner_kind, use or choice.
std::vector<RollEntry> parse_roll_csv(std::string_view text);
std::vector<BallotEntry> parse_ballots_csv(std::string_view text);

}  // namespace weizhi::voting
