// The governance module's published header, what other modules use of it: a compound's
// responsibility chain, the levels an escalation climbs with their codes and who it reaches on the
// chain, and masked names of people. Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/time.hpp"

namespace weizhi::store {
class Connection;
}

namespace weizhi::governance {

// The links of a compound's responsibility chain, top down: 挂帅 → 牵头 → 兜底.
enum class ChainPosition { CommunitySecretary, TripartiteDirector, Commissioner };

// How far up a compound's chain an overdue matter (a service case, a covenant violation) has been
// reported, bottom up: the commissioner backstops first, the street is the last resort.
enum class EscalationLevel { None, Commissioner, TripartiteDirector, CommunitySecretary, Street };

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<EscalationLevel> kEscalationLevels = {{EscalationLevel::None, "none"},
                                                          {EscalationLevel::Commissioner, "commissioner"},
                                                          {EscalationLevel::TripartiteDirector, "tripartite_director"},
                                                          {EscalationLevel::CommunitySecretary, "community_secretary"},
                                                          {EscalationLevel::Street, "street"}};

// One person holding one position for a period; no `until` means still in office.
struct Term {
  std::int64_t person_id;
  TimePoint since;
  std::optional<TimePoint> until;
};

// Every term, current or not, of each chain position of one compound.
struct ChainTerms {
  std::vector<Term> community_secretary;
  std::vector<Term> tripartite_director;
  std::vector<Term> commissioner;
};

struct ChainLink {
  ChainPosition position;
  std::optional<std::int64_t> person_id;  // the current holder
};

struct ChainStatus {
  std::vector<ChainLink> links;  // in chain order
  bool complete = false;
  std::vector<ChainPosition> missing;
};

ChainStatus check_chain(const ChainTerms& terms, TimePoint now);

// The level reached after climbing `steps` links from nothing, the street being the top.
EscalationLevel escalation_after(std::int64_t steps);

// Masked names of the people with these ids (missing ids are left out).
std::map<std::int64_t, std::string> masked_names(store::Connection& connection, const std::vector<std::int64_t>& ids);

struct SubtreeChains {
  std::map<std::int64_t, std::string> compound_names;  // every compound of the subtree
  std::map<std::int64_t, ChainTerms> terms;            // an entry for every compound
};
// The compounds in the subtree at `path` with the chain terms not ended before `now`.
SubtreeChains chains_under(store::Connection& connection, const std::string& path, TimePoint now);

// Who an escalation to `level` reaches in the compound's chain now: the holder of the position
// (none when the link is missing) and the enabled accounts linked to that person; for the street,
// the street administrators' accounts.
struct EscalationTarget {
  std::optional<std::int64_t> person_id;
  std::string person_name;  // masked; empty for the street or a missing link
  std::vector<std::int64_t> user_ids;
};
EscalationTarget escalation_target(store::Connection& connection, std::int64_t compound_node_id, EscalationLevel level,
                                   TimePoint now);

}  // namespace weizhi::governance
