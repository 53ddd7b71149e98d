// SQL of the elevators module: street policies, units' eligibility from the registry, projects
// with their stage history, working group, consent vote, cost agreement and split, contract and
// mediations. Writers check what they refer to (400/404/409 naming the field) so that the routes
// and the demo seed go through the same checks; dates are passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/elevators/model.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"
#include "store/db.hpp"

namespace weizhi::elevators {

// The policy of the street the node lies in (the default when none is saved); 404 for an unknown node.
Policy policy_for_node(store::Connection& connection, std::int64_t node_id);
void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy);

// The stairwell units under `node` (any kind) with their facts, by id.
std::vector<UnitRecord> units_under(store::Connection& connection, const org::Node& node);
// One unit; 404 when there is no such unit.
UnitRecord unit_record(store::Connection& connection, std::int64_t unit_id);
// The unit's residential parts, which share the cost.
std::vector<SharePart> residential_parts(store::Connection& connection, std::int64_t unit_id);

// Starts a project on the unit in stage proposal on `on`: 404 for an unknown unit, 409 naming
// unit_id with the reasons when it is not eligible or already has a project that is not withdrawn.
std::int64_t create_project(store::Tx& tx, std::int64_t unit_id, const std::optional<std::string>& title,
                            std::int64_t user_id, const std::string& on);
std::optional<Project> find_project(store::Connection& connection, std::int64_t id);
// The compound's projects, newest first; 404 when the node is not a compound.
std::vector<Project> projects_of_compound(store::Connection& connection, std::int64_t compound_id);
// The projects of the compounds under `path` still on their way to service (neither in service nor
// withdrawn), by id.
std::vector<Project> projects_under_way(store::Connection& connection, const std::string& path);
std::vector<StageEvent> stage_history(store::Connection& connection, std::int64_t project_id);

// Replaces the working group: the checks of check_members, 404 naming the field for an unknown person.
void save_group(store::Tx& tx, const Project& project, const std::vector<Member>& members);
std::vector<Member> group_of(store::Connection& connection, std::int64_t project_id);

// Creates the matter-7 vote of the voting module on exactly the project's unit, as a draft
// organised by `user_id`, and moves the project to consent on `on`: 409 unless in proposal, and
// the voting module's checks of the window and channels (400 naming the field).
std::int64_t start_consent_vote(store::Tx& tx, const Project& project, const std::string& opens_at,
                                const std::string& closes_at, const std::vector<voting::Channel>& channels,
                                std::int64_t user_id, const std::string& on);
ConsentFacts consent_facts(store::Connection& connection, const Project& project);
// Moves the project to `to` on `on` (not before its last stage's day): check_advance's 409s.
void advance(store::Tx& tx, const Project& project, Stage to, const std::string& on, std::int64_t user_id);
// Publicises the design from `starts_on` for the street's publicity days (again after a revised
// design, which restarts the period); returns the last day. 409 outside the design stage.
std::string start_publicity(store::Tx& tx, const Project& project, const std::string& starts_on);

// Saves the cost agreement: 409 when withdrawn, 400 naming floor_weights when they do not fit the unit.
void save_cost(store::Tx& tx, const Project& project, const CostAgreement& agreement);
std::optional<CostAgreement> cost_of(store::Connection& connection, std::int64_t project_id);
// The split of the agreed cost among the unit's residential parts: 409 when no cost is agreed.
Split cost_split(store::Connection& connection, const Project& project);

// 409 when withdrawn; check_contract's 400s.
void save_contract(store::Tx& tx, const Project& project, const Contract& contract);
std::optional<Contract> contract_of(store::Connection& connection, std::int64_t project_id);

// check_mediation's 400s, 404 naming mediator_person_id for an unknown person; returns the id.
std::int64_t add_mediation(store::Tx& tx, const Project& project, const MediationInput& input, std::int64_t user_id);
std::vector<Mediation> mediations_of(store::Connection& connection, std::int64_t project_id);

}  // namespace weizhi::elevators
