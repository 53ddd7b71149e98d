// The cases module's types beside those of cases.hpp: the events and ratings of a case, and the
// figures of a node's cases.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/timeline_event.hpp"
#include "modules/cases/cases.hpp"
#include "modules/governance/governance.hpp"
#include "modules/org/org.hpp"

namespace weizhi::cases {

// Who an overdue case has reached, walking the compound's responsibility chain upward
// (docs/rules.md#j-escalation).
using governance::EscalationLevel;

// A step of the case's timeline, of the kinds transition, note, rating, revisit, reopen.
using Event = TimelineEvent;

struct Rating {
  std::int64_t score = 0;  // 1–5
  std::string comment;
  bool reopened = false;
  std::string created_at;
};

struct TransitionInput {
  State to;
  std::string note;
  std::optional<std::int64_t> assignee_user_id;  // assigned, transferred: required
  std::optional<std::int64_t> original_id;       // duplicate: required
  std::string reason;                            // closed_not_fixed: required
  std::optional<std::int64_t> user_id;           // who did it, none for the system
};

// What a transition's checks need beyond the case and the request, loaded by the store.
struct TransitionFacts {
  bool assignee_enabled = false;  // the assignee named is an account that is not disabled
  std::optional<Case> original;   // the case named as the original, when there is one
};

// Where a new case is reported: its compound, and the part and building it names, when found.
struct CaseSite {
  std::optional<org::Node> compound;
  std::optional<org::Node> part;
  std::optional<org::Node> building;
};

// The figures of GET /api/v1/stats/cases under one node.
struct Stats {
  std::int64_t items = 0;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::optional<double> median_hours_to_resolve;
  std::int64_t satisfied = 0;  // ratings of 4 or 5
  std::int64_t ratings = 0;
  std::int64_t escalated[5] = {0, 0, 0, 0, 0};  // cases by recorded EscalationLevel
  struct TopItem {
    std::string code;
    std::string name;
    std::int64_t count;
  };
  std::vector<TopItem> top_items;
};

}  // namespace weizhi::cases
