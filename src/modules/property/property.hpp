// The property module's published header: what the street's map asks of it (docs/modules/map.md) — the cluster each
// compound's community is in, named with its lead, and the score of the compound's contract's newest closed month —
// and the company serving a compound, which the gates' rosters name.
// Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/property/evaluation.hpp"

namespace weizhi::store {
class Connection;
}  // namespace weizhi::store

namespace weizhi::property {

// A cluster as a map's legend names it.
struct ClusterName {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> lead;  // the company leading it on the day asked about, if one does
};

// The cluster the compound's community is in now, if it is in one.
std::optional<std::int64_t> cluster_of_compound(store::Connection& connection, std::int64_t compound_id);
// The clusters with these ids, by id, each with the company leading it on the street's day at `now`.
std::vector<ClusterName> cluster_names(store::Connection& connection, const std::set<std::int64_t>& ids, TimePoint now);
// The month's score (0–100) of the newest closed month of the contract in force at the compound; none without a
// contract in force, before its first month closes, or when that month had no sheet to count.
std::optional<Rational> latest_month_score(store::Connection& connection, std::int64_t compound_id);

// The company serving a compound under its contract in force, with that contract.
struct ServingCompany {
  std::int64_t contract_id = 0;
  std::string name;
};
std::optional<ServingCompany> company_in_force(store::Connection& connection, std::int64_t compound_id);

}  // namespace weizhi::property
