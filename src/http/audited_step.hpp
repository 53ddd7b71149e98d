// One audited step on one record: the record is loaded inside the write, so that the step decides on
// the state it changes, and the answer shows the record as the step left it.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/json.hpp"
#include "http/context.hpp"
#include "http/message.hpp"
#include "store/db.hpp"

namespace weizhi::http {

// The record a step works on: `load` fails with 404 when it is absent, the audit log names it
// "<entity>:<id>", and `show` is the answer's body.
template <class Record>
struct StepTarget {
  std::int64_t id;
  std::string entity;
  std::function<Record(store::Connection&, std::int64_t)> load;
  std::function<Json(store::Tx&, const Record&)> show;
};

// Runs `step` (tx, record) → audit summary in one transaction with its audit record `action`, and
// answers `status` with the record reloaded after the step. The answer is made inside the write, so
// that an Idempotency-Key's answer is kept in the step's own transaction.
template <class Record, class Step>
Response audited_step(Context& context, const StepTarget<Record>& target, const std::string& action, int status,
                      Step&& step) {
  return context.write([&](store::Tx& tx) {
    Record record = target.load(tx.connection(), target.id);
    Json summary = step(tx, record);
    context.audit(tx, action, target.entity + ":" + std::to_string(target.id), summary);
    return Response::json(status, target.show(tx, target.load(tx.connection(), target.id)));
  });
}

}  // namespace weizhi::http
