// An observation's start and end (docs/rules.md#i-observations): starting suspends the credentials of those living
// under its node (its staff's left alone) and holds them; ending restores those no other running observation still
// holds. The daily job starts and ends observations by their dates, telling the compound when one ends.
#include <set>

#include "audit/audit.hpp"
#include "modules/access/access.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/epidemic/rules.hpp"
#include "modules/epidemic/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::epidemic {

namespace {

access::SuspendedBy by(std::int64_t observation_id) { return access::SuspendedBy{kObservationKind, observation_id}; }

void run_day(store::Tx& tx, const std::string& today) {
  auto step = [&](std::int64_t id, const char* action, Json (*change)(store::Tx&, const Observation&)) {
    auto observation = find_observation(tx.connection(), id);
    if (!observation) return;
    audit::record(tx, "system", action, "epidemic_observation:" + std::to_string(id), change(tx, *observation));
  };
  for (std::int64_t id : observations_to_end(tx.connection(), today)) {
    step(id, "epidemic.observation.end", end_observation);
    if (auto ended = find_observation(tx.connection(), id)) tell_compound(tx, *ended, Notice::Ended);
  }
  for (std::int64_t id : observations_to_start(tx.connection(), today)) {
    step(id, "epidemic.observation.start", start_observation);
  }
}

}  // namespace

Json start_observation(store::Tx& tx, const Observation& observation) {
  auto& connection = tx.connection();
  auto node = org::find_node(tx, observation.input.node_id);
  if (!node) throw std::runtime_error("observation " + std::to_string(observation.id) + " has no node");
  std::set<std::int64_t> staff_persons;
  for (std::int64_t user : observation.input.staff_user_ids) {
    if (auto person = people::person_of_user(connection, user)) staff_persons.insert(*person);
  }
  auto residents = residents_under(connection, node->path);
  std::int64_t suspended = 0, held = 0, left = 0;
  for (const auto& credential :
       access::credentials_of_people(connection, observation.compound_node_id, residents.person_ids)) {
    switch (on_start(credential, staff_persons)) {
      case OnStart::Suspend:
        access::change_state(tx, credential.id, access::CredentialState::Suspended, kSuspensionReason,
                             by(observation.id));
        hold_credential(tx, observation.id, credential.id);
        ++suspended;
        break;
      case OnStart::Hold:
        hold_credential(tx, observation.id, credential.id);
        ++held;
        break;
      case OnStart::Leave:
        ++left;
        break;
    }
  }
  set_observation_state(tx, observation.id, ObservationState::Active);
  return Json{{"suspended", suspended}, {"held_with_another", held}, {"left", left}};
}

Json end_observation(store::Tx& tx, const Observation& observation) {
  auto& connection = tx.connection();
  set_observation_state(tx, observation.id, ObservationState::Ended);
  std::int64_t restored = 0, handed_over = 0, left = 0;
  for (std::int64_t id : credentials_held(connection, observation.id)) {
    auto credential = access::held_credential(connection, id);
    if (!credential) continue;
    auto other = other_holder(connection, id, observation.id);
    switch (on_end(*credential, other)) {
      case OnEnd::Restore:
        access::change_state(tx, id, access::CredentialState::Active, std::nullopt, std::nullopt);
        ++restored;
        break;
      case OnEnd::HandOver:
        access::change_state(tx, id, access::CredentialState::Suspended, kSuspensionReason, by(*other));
        ++handed_over;
        break;
      case OnEnd::Leave:
        ++left;
        break;
    }
  }
  return Json{{"restored", restored}, {"still_held", handed_over}, {"left", left}};
}

modules::Job lifecycle_job() {
  return modules::Job{"epidemic.observations.lifecycle", [](TimePoint now) { return street_date(now); },
                      [](store::Tx& tx, const std::string& today) { run_day(tx, today); }};
}

}  // namespace weizhi::epidemic
