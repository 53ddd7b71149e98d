// What the monthly evaluation tells people through the notifications module, inside the transaction of the change:
// the month's result published by the close or withdrawn by a reopening, to the compound's committee members and the
// company's staff who serve it, and the evaluators' reminders of the sheets still to fill on the due day's eve and on
// the day.
#pragma once
#include <cstdint>
#include <string>

#include "modules/property/evaluation.hpp"
#include "modules/property/evaluation_month.hpp"
#include "store/db.hpp"

namespace weizhi::property {

void notify_published(store::Tx& tx, const ContractMonth& at, std::int64_t evaluation_id,
                      const EvaluationResult& result);
void notify_withdrawn(store::Tx& tx, const ContractMonth& at, std::int64_t evaluation_id, const std::string& reason);

// The reminders of street day `today` (YYYY-MM-DD): each evaluator whose party's sheets of a month due tomorrow or
// today are still missing in their scopes is told how many, once per month. Returns how many people were told.
std::int64_t remind_sheets_due(store::Tx& tx, const std::string& today);

}  // namespace weizhi::property
