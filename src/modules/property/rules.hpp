// Pure decisions on property companies, clusters, contracts and the task catalogue (docs/rules.md#a-property-contract).
// No SQL, no HTTP, no clock: days are passed in as YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/property/model.hpp"

namespace weizhi::property {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Origin> kOrigins = {{Origin::Local, "local"}, {Origin::External, "external"}};
constexpr CodeTable<OperatorRole> kOperatorRoles = {{OperatorRole::Lead, "lead"}, {OperatorRole::Partner, "partner"}};
constexpr CodeTable<ContractState> kContractStates = {
    {ContractState::Draft, "draft"}, {ContractState::InForce, "in_force"}, {ContractState::Ended, "ended"}};
constexpr CodeTable<GateTier> kGateTiers = {
    {GateTier::Main, "main"}, {GateTier::Middle, "middle"}, {GateTier::Small, "small"}};
constexpr CodeTable<Holder> kHolders = {{Holder::Community, "community"}, {Holder::Property, "property"}};

// GB 32100-2015: the 18th character of a 统一社会信用代码 computed from its first 17, each of the code set
// 0-9 A-H J-N P-R T-U W-Y (I, O, S, V and Z are left out); nullopt when `first_seventeen` is not 17 of them.
std::optional<char> credit_code_check_character(std::string_view first_seventeen);
// 18 characters of the code set whose last is the check character of the others (upper case only).
bool credit_code_valid(std::string_view code);

// 400 naming the field: a name of 1–100 characters, a valid credit code, at most 20 specialities of 1–20
// characters each, at most 10 contacts each with a name and a phone (title optional), at most 10 licence photos.
void check_company(const CompanyInput& input);

// The vote of a step of a contract (its adoption or its early end, docs/rules.md#a-property-contract): an owners'
// vote of the contract's compound on matter 4 (选聘和解聘物业服务企业), counted, whose item passed. 422 naming
// vote_id or vote_item otherwise.
void check_contract_vote(const VoteFacts& vote, std::int64_t compound_node_id, std::int64_t item);
// 400 naming the field: days starts_on before ends_on, base_fen and pool_fen of 0 to 10^10, at most 30
// services of 1–30 characters none repeated, gate tiers none repeated.
void check_contract_terms(const ContractTerms& terms);
// 409 naming state unless the contract is a draft (only a draft is edited or adopted).
void check_draft(const Contract& contract);
// Adoption on `adopted_on` of a draft: check_draft, check_contract_vote, then 400 naming adopted_on unless a day
// within the term and not before the day the contract in force (which it ends) came into force.
void check_adoption(const Contract& contract, const VoteFacts& vote, std::int64_t item, const std::string& adopted_on,
                    const std::optional<Contract>& in_force);
// An early end (解聘) on `ended_on`: 409 naming state unless in force, check_contract_vote, 400 naming ended_on
// unless a day not before adoption, 400 naming reason unless 1–500 bytes.
void check_ending(const Contract& contract, const VoteFacts& vote, std::int64_t item, const std::string& ended_on,
                  const std::string& reason);

// Whether the operator's term covers `day`.
bool operating_on(const Operator& op, const std::string& day);
// A company starting to operate a cluster on `since`, beside its `operators` (all terms, ended or not):
// 400 naming since unless a day; 409 naming company_id when the company's own term runs then; a new lead ends
// the running lead's term the day before (422 naming since unless after that lead's first day).
OperatorChange check_new_operator(const std::vector<Operator>& operators, std::int64_t company_id, OperatorRole role,
                                  const std::string& since);
// 409 unless the term runs; 400 naming until unless a day not before its first.
void check_operator_end(const Operator& op, const std::string& until);

// A community moving into cluster `to` on `on` from the cluster it is in: 409 naming community_id when already in
// it; 400 naming on unless a day not before its last move.
void check_community_move(std::optional<std::int64_t> from, std::int64_t to,
                          const std::optional<std::string>& last_move_on, const std::string& on);

// 400 naming the field: a code of 1–40 of a–z, 0–9 and -, a name of 1–40 characters, a day since, at most 20
// service items, none repeated.
void check_task(const TaskInput& input);
// 409 naming holder when the task is already so held; 400 naming on unless a day not before it came to its
// holder, note above 500 bytes.
void check_task_move(const Task& task, Holder to, const std::string& on, const std::string& note);

// The day before a day (YYYY-MM-DD); nullopt when it is not one.
std::optional<std::string> day_before(const std::string& day);

// Who held the task on `day`, from its holder now and its moves (oldest first): the side a later move left, else its
// holder now; nullopt when it came to its first holder only after that day.
std::optional<Holder> holder_on(const Task& task, const std::vector<TaskMove>& moves, const std::string& day);

}  // namespace weizhi::property
