// The property module's types: the companies a street works with, who operates each cluster, the
// contracts each compound's owners choose, and the transactional tasks moved from the community to the companies.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/covenant/covenant.hpp"

namespace weizhi::property {

// Local companies grew up in the street; an external one is a professional company brought in.
enum class Origin { Local, External };
// A cluster's lead company runs it; partners work under it (以大带小).
enum class OperatorRole { Lead, Partner };
// A contract is drafted, comes into force by an owners' vote and ends at its term, by a later contract
// or by a vote to dismiss the company.
enum class ContractState { Draft, InForce, Ended };
// 大门 professional security, 中门 smart dynamic management, 小门 residents' own access control.
enum class GateTier { Main, Middle, Small };
// Who does a transactional task: the community's social workers or the property company.
enum class Holder { Community, Property };

struct Contact {
  std::string name;
  std::string title;
  std::string phone;
};

struct CompanyInput {
  std::string name;
  std::string credit_code;  // 统一社会信用代码
  Origin origin = Origin::Local;
  std::vector<std::string> specialities;
  std::vector<Contact> contacts;
  std::vector<std::string> licence_photos;  // stored photo ids
};

struct Company {
  std::int64_t id;
  std::int64_t street_node_id;
  std::string street_name;
  CompanyInput input;
  std::string created_at;
};

struct StaffMember {
  std::int64_t user_id;
  std::string name;
  std::string role;
};

struct Operator {
  std::int64_t id;
  std::int64_t cluster_id;
  std::int64_t company_id;
  OperatorRole role;
  std::string since;                 // YYYY-MM-DD, the first day
  std::optional<std::string> until;  // the last day; none while the term runs
  std::optional<std::int64_t> started_by_user_id;
  std::optional<std::int64_t> ended_by_user_id;
};

// How an operator changes when a new one starts: the lead whose term the new lead ends, on which day.
struct OperatorChange {
  std::optional<std::int64_t> ended_lead_id;
  std::string ended_until;
};

struct ContractTerms {
  std::int64_t compound_node_id = 0;
  std::int64_t company_id = 0;
  std::string starts_on;
  std::string ends_on;
  std::int64_t base_fen = 0;  // per month
  std::int64_t pool_fen = 0;  // per month, the performance pool the evaluation pays out of
  std::vector<std::string> services;
  std::vector<GateTier> gate_tiers;
};

// The item of a vote that decided a step of a contract.
struct VoteItem {
  std::int64_t vote_id;
  std::int64_t item;
};

struct Contract {
  std::int64_t id;
  ContractTerms terms;
  ContractState state;
  std::optional<VoteItem> adopted_by;
  std::optional<std::string> adopted_on;
  std::optional<VoteItem> ended_by;
  std::optional<std::string> ended_on;
  std::optional<std::string> end_reason;
  std::string created_at;
};

using covenant::VoteFacts;

struct TaskInput {
  std::string code;
  std::string name;
  Holder holder = Holder::Community;
  std::string since;
  std::vector<std::string> service_items;  // codes of the street's case catalogue
};

struct Task {
  std::int64_t id;
  std::int64_t street_node_id;
  TaskInput input;
  std::int64_t moves;
  std::string created_at;
};

struct TaskMove {
  std::string on;
  Holder from;
  Holder to;
  std::string note;
  std::optional<std::int64_t> user_id;
};

}  // namespace weizhi::property
