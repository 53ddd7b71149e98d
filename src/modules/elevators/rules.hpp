// Pure elevator-retrofit rules (docs/rules.md#e-elevators): a unit's eligibility, the policy's bounds, money
// and weight texts read exactly, the cost split by floor weights or by area (Art. 283) in whole fen, the
// stage order and the checks of the group, contract and mediation. No SQL, no HTTP, no clock.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/elevators/model.hpp"

namespace weizhi::elevators {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Stage> kStages = {
    {Stage::Proposal, "proposal"},    {Stage::Consent, "consent"},           {Stage::Design, "design"},
    {Stage::Approval, "approval"},    {Stage::Construction, "construction"}, {Stage::Acceptance, "acceptance"},
    {Stage::InService, "in_service"}, {Stage::Withdrawn, "withdrawn"}};
constexpr CodeTable<Method> kMethods = {{Method::Floor, "floor"}, {Method::Area, "area"}};
constexpr CodeTable<MediationOutcome> kOutcomes = {{MediationOutcome::Agreed, "agreed"},
                                                   {MediationOutcome::NotAgreed, "not_agreed"},
                                                   {MediationOutcome::Pending, "pending"}};
constexpr CodeTable<MediationLevel> kLevels = {{MediationLevel::Community, "community"},
                                               {MediationLevel::Street, "street"}};
// The stages' Chinese names, as the console shows them.
constexpr CodeTable<Stage> kStageNames = {{Stage::Proposal, "立项"},      {Stage::Consent, "意见征询"},
                                          {Stage::Design, "设计"},        {Stage::Approval, "审批"},
                                          {Stage::Construction, "施工"},  {Stage::Acceptance, "验收"},
                                          {Stage::InService, "投入使用"}, {Stage::Withdrawn, "已撤销"}};

// 400 naming the field: min_floors 2–30, group_size 1–20, publicity_days 1–60.
void check_policy(const Policy& policy);

// Eligible when the building has at least policy.min_floors floors, no elevator and stands on
// state-owned land, and the unit has more than one owner; each failed condition gives its reason.
Eligibility eligibility(const UnitFacts& facts, const Policy& policy);

// Yuan as a JSON string "1234.5" / "1234.56" or a whole number, in fen; 400 naming the field for
// anything else, a negative amount or more than 10^12 fen.
std::int64_t parse_yuan(const std::string& text, const std::string& field);
// Fen as yuan with two decimals: 123456 → "1234.56".
std::string yuan_text(std::int64_t fen);

// A weight "0", "0.5", "1.25": digits with at most 6 decimals, at most 1000; 400 naming the field.
Weight parse_weight(const std::string& text, const std::string& field);
// 400 naming "floor_weights": a weight for each floor a part is on, some part's weight above
// zero, and no weight for a floor outside 1..building_floors.
void check_floor_weights(const std::map<std::int64_t, Weight>& weights, const std::vector<SharePart>& parts,
                         std::int64_t building_floors);

// Splits `total_fen` among the parts: with floor weights each part bears its floor's weight
// (two homes on a floor both bear it in full), otherwise each its exclusive area (Art. 283).
// Every part gets the floor of its exact share; the fen left over go one each to the largest
// remainders, ties to the smaller part id, so the shares sum to the total. 409 when there is no
// part or the weights (areas) sum to zero.
Split split_cost(std::int64_t total_fen, const std::optional<std::map<std::int64_t, Weight>>& floor_weights,
                 std::vector<SharePart> parts);

// The stage after `stage` on the way to in service; nullopt for in service and withdrawn.
std::optional<Stage> next_stage(Stage stage);
// The day a stage begun on `since` is expected to be over. The workflow sets no deadline on a stage,
// so each is given the days it usually takes ([practice]): proposal 30, consent 30, design 60,
// approval 30, construction 90, acceptance 30. Nullopt for in service and withdrawn, which end the
// way, and for a malformed day.
std::optional<std::string> stage_due_on(Stage stage, const std::string& since);
// The last day of a publicity of `days` days starting on `starts_on` (that day counts as the first).
std::string publicity_last_day(const std::string& starts_on, std::int64_t days);
// 409 naming "stage": the design is publicised only while the project is at the design stage.
void check_publicity(Stage stage);
// 409 naming "to": a project moves to the next stage only, or is withdrawn before construction;
// it enters consent only by starting the consent vote, design only once that vote passed, and
// approval (on the day `on`) only after the design's publicity has ended.
void check_advance(Stage from, Stage to, const ConsentFacts& consent, const Project& project, const std::string& on);
// 400 naming on unless a day, and not before `last_stage_day` (the day of the stage it follows).
void check_stage_day(const std::string& on, const std::optional<std::string>& last_stage_day);
// 400 naming on unless a day; 400 naming title when given blank or above 200 bytes.
void check_project_request(const std::optional<std::string>& title, const std::string& on);
// 409 naming unit_id when the unit is not eligible (the reasons joined) or already has a project.
void check_unit_free(const UnitRecord& unit, const Eligibility& eligibility);
// 409 naming stage: the consent vote starts from the proposal stage only.
void check_consent_start(Stage stage);
// 400 naming starts_on when the publicity would start before the day the design stage began.
void check_publicity_start(const std::string& starts_on, const std::string& design_day);
// 409 naming "stage" when the project is withdrawn (writes to its group, cost and contract).
void check_open(Stage stage);

// 400 naming the field: 1–20 members, each with a role of 1–40 bytes and either a person id or a
// name of up to 150 bytes (50 Chinese characters), not both; no person twice.
void check_members(const std::vector<Member>& members);
// 422 naming members[i].person_id when a member given by person id owns no part of the unit
// (`unit_owners`, the owner people of its parts): the group acts for the unit's owners, and the
// right to the project is no right to people elsewhere. Neighbours outside are given by name.
void check_member_owners(const std::vector<Member>& members, const std::vector<std::int64_t>& unit_owners);
// "15+2": maintenance years + warranty years, the form the article names the contract by.
std::string contract_label(const Contract& contract);
// 400 naming the field: provider 1–100 bytes, maintenance 1–50 years, warranty 0–20 years,
// response 1–1440 minutes, note up to 2000 bytes.
void check_contract(const Contract& contract);
// 400 naming the field: 1–20 parties of 1–100 bytes, an issue of 1–2000 bytes, a mediator by
// person or by name (not both), and the agreement's text when the parties agreed.
void check_mediation(const MediationInput& input);
// 422 naming mediator_person_id unless the mediator's home node (`home_path`) lies in the project's
// community (`community_path`), whose people the project's staff work with; a mediator from
// elsewhere (the street's committee, a lawyer) is given by name.
void check_mediator_home(const std::string& home_path, const std::string& community_path);

}  // namespace weizhi::elevators
