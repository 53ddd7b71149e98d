// What the engagement module publishes to others: the figures of a compound's monthly property
// satisfaction survey, which the property evaluation scores (docs/rules.md#g-system-items). Store types are
// only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace weizhi::store {
class Connection;
}

namespace weizhi::engagement {

// The month's satisfaction survey of a compound and the answers to its (first) scale question, 1–5.
struct SatisfactionFigures {
  std::optional<std::int64_t> survey_id;  // none held: no satisfaction survey closing in the month
  std::int64_t answers = 0;               // households that rated
  std::int64_t rating_sum = 0;            // their ratings summed
};

// The satisfaction survey of the compound (its node) that closes within [from, until) (ISO-8601 UTC), the
// latest if several, leaving out drafts; its ratings as counted now.
SatisfactionFigures month_satisfaction(store::Connection& connection, std::int64_t compound_id, const std::string& from,
                                       const std::string& until);

}  // namespace weizhi::engagement
