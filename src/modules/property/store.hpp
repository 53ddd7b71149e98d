// SQL of companies, clusters and their operators, contracts and the task catalogue: loading and saving only,
// the routes ask the rules in between.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/property/model.hpp"
#include "store/db.hpp"

namespace weizhi::property {

// --- Companies ---

std::vector<Company> companies_of_street(store::Connection& connection, std::int64_t street_node_id);
std::optional<Company> find_company(store::Connection& connection, std::int64_t id);
// Whether a company other than `except_id` has the credit code.
bool credit_code_taken(store::Connection& connection, const std::string& credit_code,
                       std::optional<std::int64_t> except_id);
std::int64_t insert_company(store::Tx& tx, std::int64_t street_node_id, const CompanyInput& input);
void update_company(store::Tx& tx, std::int64_t id, const CompanyInput& input);
// The compounds whose contract in force is with the company.
std::int64_t compounds_under_contract(store::Connection& connection, std::int64_t company_id);

// The company's linked accounts, named as every timeline names staff.
std::vector<StaffMember> staff_of(store::Connection& connection, std::int64_t company_id, TimePoint now);
// The company's enabled linked accounts whose property role now covers the compound at `compound_path` (held at it or
// at a node above it), its property managers first.
std::vector<std::int64_t> staff_serving(store::Connection& connection, std::int64_t company_id,
                                        const std::string& compound_path, TimePoint now);
// The enabled accounts holding `role` now at the node at `path` or at a node inside it, such as a compound's
// committee members.
std::vector<std::int64_t> role_holders_under(store::Connection& connection, const std::string& role,
                                             const std::string& path, TimePoint now);
// The company a property account works for, if it is linked to one.
std::optional<std::int64_t> company_of_user(store::Connection& connection, std::int64_t user_id);
// The roles the account holds now, and the street of each role's scope.
struct HeldRole {
  std::string role;
  std::string scope_path;
};
std::vector<HeldRole> roles_of_user(store::Connection& connection, std::int64_t user_id, TimePoint now);
// Links the account to the company, moving it from any company it worked for.
void link_staff(store::Tx& tx, std::int64_t company_id, std::int64_t user_id);
// False when the account was not linked to the company.
bool unlink_staff(store::Tx& tx, std::int64_t company_id, std::int64_t user_id);

// --- Clusters ---

struct ClusterCommunity {
  std::int64_t id;
  std::string name;
  std::string path;
};

struct Cluster {
  std::int64_t id;
  std::string name;
  std::optional<std::string> code;
  std::vector<ClusterCommunity> communities;
};

// The clusters holding a community of the street, or holding none at all, by id.
std::vector<Cluster> clusters_of_street(store::Connection& connection, std::int64_t street_node_id);
std::optional<Cluster> find_cluster(store::Connection& connection, std::int64_t id);
// The cluster a community is in now (org's membership), and the day of its last move, if any.
std::optional<std::int64_t> cluster_of_community(store::Connection& connection, std::int64_t community_node_id);
std::optional<std::string> last_move_of_community(store::Connection& connection, std::int64_t community_node_id);
// Records the move of a community into a cluster from the one it was in (org keeps where it is now).
void record_community_move(store::Tx& tx, std::int64_t community_node_id, std::optional<std::int64_t> from,
                           std::int64_t to, const std::string& on, std::int64_t user_id);

// Every term of the cluster's operators, the oldest first.
std::vector<Operator> operators_of(store::Connection& connection, std::int64_t cluster_id);
std::optional<Operator> find_operator(store::Connection& connection, std::int64_t id);
std::int64_t insert_operator(store::Tx& tx, std::int64_t cluster_id, std::int64_t company_id, OperatorRole role,
                             const std::string& since, std::optional<std::int64_t> user_id);
void end_operator(store::Tx& tx, std::int64_t id, const std::string& until, std::optional<std::int64_t> user_id);

// A line of a cluster's history; the company or community it concerns.
struct ClusterEvent {
  std::string on;
  std::string kind;  // operator_started, operator_ended, community_joined or community_left
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> community_node_id;
  std::optional<std::int64_t> user_id;
};
// Oldest first; events of one day in the order they were recorded.
std::vector<ClusterEvent> cluster_history(store::Connection& connection, std::int64_t cluster_id);

// --- Contracts ---

std::optional<Contract> find_contract(store::Connection& connection, std::int64_t id);
std::optional<Contract> contract_in_force(store::Connection& connection, std::int64_t compound_node_id);
// The contracts of compounds under `path`, of the company and state when given, newest first.
std::vector<Contract> contracts_under(store::Connection& connection, const std::string& path,
                                      std::optional<std::int64_t> company_id, std::optional<ContractState> state);
std::int64_t insert_contract(store::Tx& tx, const ContractTerms& terms);
void update_contract_terms(store::Tx& tx, std::int64_t id, const ContractTerms& terms);
// In force from `adopted_on` by the vote; a contract signed before the platform is recorded without one.
void put_in_force(store::Tx& tx, std::int64_t id, const std::optional<VoteItem>& vote, const std::string& adopted_on);
void end_contract(store::Tx& tx, std::int64_t id, const VoteItem& vote, const std::string& ended_on,
                  const std::string& reason);

// --- Tasks ---

std::vector<Task> tasks_of_street(store::Connection& connection, std::int64_t street_node_id);
std::optional<Task> find_task(store::Connection& connection, std::int64_t id);
bool task_code_taken(store::Connection& connection, std::int64_t street_node_id, const std::string& code);
std::int64_t insert_task(store::Tx& tx, std::int64_t street_node_id, const TaskInput& input);
void move_task(store::Tx& tx, const Task& task, const TaskMove& move);
std::vector<TaskMove> task_moves(store::Connection& connection, std::int64_t task_id);

// The title of a vote a contract names.
std::optional<std::string> vote_title(store::Connection& connection, std::int64_t vote_id);

}  // namespace weizhi::property
