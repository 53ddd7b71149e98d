// The committees module's types beside those of committees.hpp (the street's self-management
// policy): a compound's committee (自管会) with its term, members and ordered alternates, and the
// party-member share check.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/committees/committees.hpp"

namespace weizhi::committees {

struct PartyShare {
  std::int64_t party_members = 0;
  std::int64_t members = 0;
  std::int64_t required_percent = 60;
  bool met = false;            // party_members / members ≥ required_percent / 100
  std::int64_t shortfall = 0;  // party members still needed with the same number of members
};

struct Member {
  std::int64_t id;
  std::int64_t person_id;
  std::string name;  // masked
  bool party_member = false;
  Position position;
  Origin origin;
  std::optional<std::int64_t> votes;
  std::string joined_at;
};

struct Alternate {
  std::int64_t person_id;
  std::string name;  // masked
  bool party_member = false;
  std::int64_t rank;  // 1 is promoted first
  std::optional<std::int64_t> votes;
};

struct Committee {
  std::int64_t id;
  std::int64_t compound_node_id;
  std::string compound_name;
  std::string term_starts_on;  // YYYY-MM-DD
  std::string term_ends_on;
  std::string created_at;
  std::optional<std::string> ended_on;  // set when the next term's committee took over
};

}  // namespace weizhi::committees
