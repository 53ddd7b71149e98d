// Pure deliberation rules: the codes and Chinese names of steps, categories and proposer kinds,
// the fixed step order, the return from a failed vote to drafting, input checks, cost in fen and
// overdue actions. No SQL, no HTTP, no clock: `today` is passed in as YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "modules/deliberation/model.hpp"
#include "modules/org/org.hpp"

namespace weizhi::deliberation {

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<Step> kSteps = {
    {Step::Proposed, "proposed"}, {Step::Commenting, "commenting"}, {Step::Consulting, "consulting"},
    {Step::Drafting, "drafting"}, {Step::Voting, "voting"},         {Step::Resolved, "resolved"},
    {Step::Done, "done"}};
constexpr CodeTable<Category> kCategories = {
    {Category::Environment, "environment"}, {Category::Facilities, "facilities"},
    {Category::Parking, "parking"},         {Category::Elevator, "elevator"},
    {Category::Covenant, "covenant"},       {Category::Property, "property"},
    {Category::Safety, "safety"},           {Category::Other, "other"}};
constexpr CodeTable<ProposerKind> kProposerKinds = {{ProposerKind::Resident, "resident"},
                                                    {ProposerKind::CommitteeMember, "committee_member"},
                                                    {ProposerKind::Commissioner, "commissioner"},
                                                    {ProposerKind::Staff, "staff"}};
// The steps' Chinese names, as the console and messages show them.
constexpr CodeTable<Step> kStepLabels = {{Step::Proposed, "提出议题"},   {Step::Commenting, "广开言路"},
                                         {Step::Consulting, "民主协商"}, {Step::Drafting, "拟定方案"},
                                         {Step::Voting, "居民表决"},     {Step::Resolved, "形成决议"},
                                         {Step::Done, "已办结"}};

// The step after `step`; nullopt after done.
std::optional<Step> next_step(Step step);
// 409 naming both steps in Chinese unless `requested` is the step right after `current`.
void check_advance(Step current, Step requested);
// Voting may return to drafting only once its vote is counted and did not pass: 409 otherwise.
void check_return_to_drafting(Step current, const std::optional<VoteStatus>& vote);
// 409 naming the step the action needs when the topic is not in it.
void check_step(Step current, Step needed, const std::string& action);

// Commissioner before committee member before any other staff role; resident only without a
// staff role. `roles` are the role codes held over the topic's compound.
ProposerKind proposer_kind_of(const std::vector<std::string>& roles);

// 400 naming the field: title 1–100 characters, description 1–5000 bytes.
void check_topic(const TopicInput& input);
// 400 naming the field: text 1–2000 bytes; a moderation reason 1–500 bytes.
void check_comment(const std::string& text);
void check_hide_reason(const std::string& reason);
// 400 naming the field ("positions[1].party"): a real day, place 1–200 bytes, 0–200 attendee
// names of 1–50 bytes, a count from 1 (and not below the names) to 100000, minutes 1–20000 bytes,
// 0–50 positions with party 1–100 and position 1–2000 bytes.
// 0–30 members (400 naming members), each once (400 naming members[i]). Members are not counted in
// attendee_count unless also listed among the attendees.
void check_meeting(const MeetingInput& input);
// 422 naming members[index] unless the person is one of the topic's compound (docs/rules.md#j-round-table):
// their home node lies in it (`home_path` under `compound_path`), or is its community itself (`community_path`:
// the community's workers and helpers, whom the pool offers to its compounds), or they own, rent or live in a
// part of it (`in_compound_parts`). Residents of the community's other compounds are not. An unknown person
// (`home_path` nullopt) is refused alike, so the answer does not tell another street's people from missing ones.
void check_member(std::size_t index, const std::optional<std::string>& home_path, const std::string& compound_path,
                  const std::optional<std::string>& community_path, bool in_compound_parts);
// 400 naming the field: title 1–100 characters, body 1–20000 bytes, 0–20 attachments with name
// and reference of 1–200 bytes. The cost is checked when parsed.
void check_plan(const PlanInput& input);
// 400 naming the field: title 1–200 bytes, exactly one of owner_name (1–50 bytes) and
// owner_person_id, a real due day.
void check_action(const ActionInput& input);
// 422 naming owner_person_id unless the person belongs to the topic's compound: their home node lies
// in it (`home_path` under `compound_path`), or they own, rent or live in a part of it
// (`in_compound_parts`). The right to the topic is no right to people elsewhere, who are given by
// name (owner_name) instead.
void check_action_owner(const std::string& home_path, const std::string& compound_path, bool in_compound_parts);

// A topic is raised in a compound: 404 naming compound_id without the node, 422 when it is not one.
void check_topic_compound(const std::optional<org::Node>& compound);
// The kind of node a vote scope lists: buildings, units or parts.
org::NodeKind scope_node_kind(voting::ScopeKind kind);
// A scope's nodes as the vote will need them (nodes[i] is scope.node_ids[i] as loaded, for a scope
// that lists nodes): none for the whole compound, else some, each once (400 naming
// scope.node_ids[i]), existing (404), of the scope's kind and inside the compound (422).
void check_scope(const voting::VoteScope& scope, const std::vector<std::optional<org::Node>>& nodes,
                 const org::Node& compound);
// check_advance, and 409 naming to for voting, resolved and done, which their own steps reach.
void check_manual_advance(Step current, Step to);
// What sending a topic to the vote needs, loaded by the store.
struct VoteSending {
  std::int64_t meetings = 0;
  std::vector<Plan> plans;
  std::optional<std::int64_t> plan_topic_id;  // the topic of the plan asked for; nullopt without it
};
// The plan put to the vote, in drafting only (check_step), after a meeting and with a plan (409),
// the plan asked for existing (404 naming plan_id) and of this topic (422 naming plan_id).
Plan check_send_to_vote(const Topic& topic, std::int64_t plan_id, const VoteSending& facts);
// In voting only (check_step); 400 naming summary unless 1–5000 bytes and not blank; 409 unless
// the latest vote is counted and passed.
void check_resolution(Step current, const std::string& summary, const std::optional<VoteStatus>& vote);
// 400 naming done_on unless a day, naming note above 2000 bytes.
void check_completion(const std::string& done_on, const std::string& note);

// Yuan as written ("1234", "1234.5", "1234.56") into fen, exactly: nullopt for a sign, more than
// two decimals, anything but digits and one point, or more than 10^11 fen (one billion yuan).
std::optional<std::int64_t> parse_cost_fen(std::string_view yuan);
// "1234.50": fen as yuan with two decimals.
std::string yuan_text(std::int64_t fen);

// Overdue: not done and its due day is before `today`.
bool is_overdue(const std::string& due_on, const std::optional<std::string>& done_on, const std::string& today);

}  // namespace weizhi::deliberation
