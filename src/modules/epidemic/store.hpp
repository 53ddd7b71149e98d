// SQL of the epidemic module: observations, their staff and the credentials they hold, and the facts the rules
// decide on (who lives under a node; whether an account works on a compound is access's question).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/epidemic/model.hpp"
#include "store/db.hpp"

namespace weizhi::epidemic {

std::int64_t insert_observation(store::Tx& tx, const ObservationInput& input, std::int64_t compound_node_id,
                                ObservationState state, const Residents& residents);
std::optional<Observation> find_observation(store::Connection& connection, std::int64_t id);
// The compound's observations, newest first.
std::vector<Observation> observations_of_compound(store::Connection& connection, std::int64_t compound_node_id);
void set_observation_state(store::Tx& tx, std::int64_t id, ObservationState state);
// Moves the observation's last day and records the change with its reason and who made it.
void change_ends_on(store::Tx& tx, const Observation& observation, const std::string& ends_on,
                    const std::string& reason, std::int64_t user_id);
// The changes of its last day, oldest first.
std::vector<EndChangeRecord> end_changes(store::Connection& connection, std::int64_t observation_id);
// Observations the day `today` starts (planned, first day reached) or ends (active, last day passed).
std::vector<std::int64_t> observations_to_start(store::Connection& connection, const std::string& today);
std::vector<std::int64_t> observations_to_end(store::Connection& connection, const std::string& today);

// The people registered as owner, tenant or resident of a part under the node, and the households they make.
Residents residents_under(store::Connection& connection, const std::string& node_path);
void insert_staff(store::Tx& tx, std::int64_t observation_id, const std::vector<std::int64_t>& user_ids);

void hold_credential(store::Tx& tx, std::int64_t observation_id, std::int64_t credential_id);
std::vector<std::int64_t> credentials_held(store::Connection& connection, std::int64_t observation_id);
// Another observation still running (not ended) that holds the credential, the oldest, if any.
std::optional<std::int64_t> other_holder(store::Connection& connection, std::int64_t credential_id,
                                         std::int64_t observation_id);

}  // namespace weizhi::epidemic
