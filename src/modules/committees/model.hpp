// The committees module's types: the street's self-management policy, a compound's committee
// (自管会) with its term, members and ordered alternates, and the party-member share check.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::committees {

enum class Position { Director, Deputy, Member };
// Where a member comes from (docs/modules/committees.md).
enum class Origin { SocialWorker, ResidentGroupLeader, BuildingLeader, EnthusiasticResident, Commissioner };
// docs/rules.md#d-commissioner-joins [policy]: the compound's commissioner sits on the committee ex officio,
// or only if elected.
enum class CommissionerJoins { ExOfficio, IfElected };

// A street's self-management policy; a street without one uses these defaults.
struct Policy {
  std::int64_t term_years = 5;
  std::vector<std::string> duties;        // the ten duties (十大工作职责), shown on every committee
  std::int64_t party_share_percent = 60;  // party members among members, at least
  CommissionerJoins commissioner_joins = CommissionerJoins::ExOfficio;
  std::int64_t publicity_days = 10;  // publicity of candidates and of the result
};

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
