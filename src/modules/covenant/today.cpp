// What the covenant module adds to a person's work for today: each violation under their scopes
// whose rectification deadline has passed, for those who manage the covenant (督促整改).
#include "modules/covenant/model.hpp"
#include "modules/covenant/module.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/covenant/store.hpp"

namespace weizhi::covenant {

namespace {

// What the violation is about, in one line.
std::string subject_of(const Violation& violation) {
  switch (violation.kind) {
    case ViolationKind::IllegalStructure:
      return "违建 " + violation.input.location;
    case ViolationKind::Parking:
      return "违停 " + violation.input.plate + " " + violation.input.place;
    case ViolationKind::Other:
      break;
  }
  return violation.input.description;
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  std::string today = street_date(ask.now);
  for (const auto& scope : ask.scopes_with("covenant.manage")) {
    for (ViolationState state : {ViolationState::Notified, ViolationState::Rectifying}) {
      for (const auto& violation : violations_under(ask.connection, scope.path, state)) {
        if (!violation.deadline_on || days_overdue(*violation.deadline_on, today) == 0) continue;
        items.push_back({.kind = "covenant.overdue",
                         .title = "督促整改：" + subject_of(violation),
                         .node_id = violation.input.compound_node_id,
                         .node_name = violation.compound_name,
                         .due_at = street_day_end(*violation.deadline_on),
                         .overdue = true,
                         .link = "/covenant/violations/" + std::to_string(violation.id)});
      }
    }
  }
  return items;
}

}  // namespace weizhi::covenant
