// SQL of observation care (docs/rules.md#i-observation-care): the street's check-in hour, the households under an
// observation, their sealed check-ins and help requests, and the purge that keeps only their counts.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/epidemic/model.hpp"
#include "store/db.hpp"

namespace weizhi::epidemic {

// The street's hour by which households check in; kDefaultCheckInHour until it sets one.
std::int64_t check_in_hour(store::Connection& connection, std::int64_t street_node_id);
void save_check_in_hour(store::Tx& tx, std::int64_t street_node_id, std::int64_t hour);

// The parts under the node with someone registered, by address.
std::vector<Household> households_under(store::Connection& connection, const std::string& node_path);
// The running observation over the part, the oldest when several overlap.
std::optional<std::int64_t> running_observation_over(store::Connection& connection, const std::string& part_path);
// The running observations naming the account on their staff.
std::vector<std::int64_t> running_observations_of_staff(store::Connection& connection, std::int64_t user_id);
bool on_staff(store::Connection& connection, std::int64_t observation_id, std::int64_t user_id);

std::optional<StoredCheckIn> find_check_in(store::Connection& connection, std::int64_t observation_id,
                                           std::int64_t part_id, const std::string& on_date);
// Records the household's check-in of its day, replacing one it gave that day (the count grows only for a new one).
void save_check_in(store::Tx& tx, const StoredCheckIn& check_in, std::int64_t recorded_by_user_id);
std::vector<StoredCheckIn> check_ins_on(store::Connection& connection, std::int64_t observation_id,
                                        const std::string& on_date);

std::int64_t insert_help_request(store::Tx& tx, const StoredHelpRequest& request,
                                 std::optional<std::int64_t> requester_user_id);
std::vector<StoredHelpRequest> help_requests_of_observation(store::Connection& connection, std::int64_t observation_id);
std::vector<StoredHelpRequest> help_requests_of_user(store::Connection& connection, std::int64_t user_id);

// Ended observations whose care records are not purged yet, with the moment each ended.
struct EndedObservation {
  std::int64_t id = 0;
  std::string ended_at;
};
std::vector<EndedObservation> observations_to_purge(store::Connection& connection);
// Deletes the observation's check-ins and clears its help requests' details; answers how many of each.
struct Purged {
  std::int64_t check_ins = 0;
  std::int64_t help_request_details = 0;
};
Purged purge_care(store::Tx& tx, std::int64_t observation_id);

}  // namespace weizhi::epidemic
