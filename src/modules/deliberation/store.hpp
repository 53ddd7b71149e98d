// SQL of the deliberation module: topics and their steps, comments and moderation, meetings,
// plan versions, the votes a topic goes to (created through the voting module), the resolution
// and its actions. Writers check the step (409), what they refer to (404/422) and their input
// (400 naming the field), so the routes and the demo seed go through the same checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/deliberation/model.hpp"
#include "store/db.hpp"

namespace weizhi::deliberation {

// --- Topics ---

// Checks the input (400), the compound (404 compound_id) and the scope's nodes (404, or 422 when
// of another kind or outside the compound) and inserts a proposed topic; returns its id.
std::int64_t create_topic(store::Tx& tx, const TopicInput& input, ProposerKind proposer_kind,
                          std::int64_t proposer_user_id);
std::optional<Topic> find_topic(store::Connection& connection, std::int64_t id);
std::optional<std::int64_t> topic_compound(store::Connection& connection, std::int64_t id);
// Topics of the compound, newest first; only those at `step` when given.
std::vector<Topic> topics_of_compound(store::Connection& connection, std::int64_t compound_node_id,
                                      std::optional<Step> step);
// Moves the topic to the next step, one of commenting, consulting or drafting: 409 otherwise.
void advance(store::Tx& tx, const Topic& topic, Step to);

// Whether the person owns, rents or lives in a part of the compound.
bool person_linked_to_compound(store::Connection& connection, std::int64_t person_id, std::int64_t compound_node_id);
// The compounds the person owns, rents or lives in, by id.
std::vector<std::int64_t> compounds_of_person(store::Connection& connection, std::int64_t person_id);

// --- Comments ---

// 409 unless the topic is commenting; 400 for an empty or long text.
std::int64_t add_comment(store::Tx& tx, const Topic& topic, std::int64_t author_user_id,
                         std::optional<std::int64_t> author_person_id, ProposerKind author_kind,
                         const std::string& text);
std::vector<Comment> comments_of(store::Connection& connection, std::int64_t topic_id);
std::optional<Comment> find_comment(store::Connection& connection, std::int64_t id);
struct CommentCounts {
  std::int64_t shown = 0;
  std::int64_t hidden = 0;
};
CommentCounts comment_counts(store::Connection& connection, std::int64_t topic_id);
// 409 when already hidden, 400 without a reason.
void hide_comment(store::Tx& tx, const Comment& comment, const std::string& reason, std::int64_t moderator_user_id);

// --- Meetings and plans ---

// 409 unless the topic is consulting.
std::int64_t add_meeting(store::Tx& tx, const Topic& topic, const MeetingInput& input, std::int64_t user_id);
std::vector<Meeting> meetings_of(store::Connection& connection, std::int64_t topic_id);
// 409 unless the topic is drafting; the next version number of the topic.
std::int64_t add_plan(store::Tx& tx, const Topic& topic, const PlanInput& input, std::int64_t user_id);
std::vector<Plan> plans_of(store::Connection& connection, std::int64_t topic_id);

// --- The vote ---

struct VoteRequest {
  std::int64_t plan_id;
  int matter;  // 1–9, Art. 278 para. 1
  std::string opens_at;
  std::string closes_at;
  std::vector<voting::Channel> channels;
};
// Creates a draft vote of the voting module titled after the topic, on its compound and scope,
// asking to agree to the plan, links it and moves the topic to voting: 409 unless the topic is
// drafting and has a meeting, 404 plan_id for an unknown plan, 422 for another topic's plan, and
// the vote's own checks. Returns the vote's id.
std::int64_t send_to_vote(store::Tx& tx, const Topic& topic, const VoteRequest& request,
                          std::int64_t organiser_user_id);
// The votes the topic went to, oldest first.
std::vector<TopicVote> votes_of(store::Connection& connection, std::int64_t topic_id);
// Whether the vote is counted and its (single) item passed, with the item's result when counted.
struct VoteReading {
  voting::Vote vote;
  VoteStatus status;
  std::optional<voting::ItemResult> result;
};
std::optional<VoteReading> read_vote(store::Connection& connection, std::int64_t vote_id);
// Back to drafting after a counted vote that did not pass (409 otherwise).
void return_to_drafting(store::Tx& tx, const Topic& topic);

// --- Resolution and actions ---

// 409 unless the topic is voting and its latest vote is counted and passed; stores the outcome
// and the item's ratios with the summary and moves the topic to resolved.
void resolve(store::Tx& tx, const Topic& topic, const std::string& summary);
std::optional<Resolution> find_resolution(store::Connection& connection, std::int64_t topic_id);
// 409 unless the topic is resolved; 404 owner_person_id for an unknown person.
std::int64_t add_action(store::Tx& tx, const Topic& topic, const ActionInput& input);
std::vector<Action> actions_of(store::Connection& connection, std::int64_t topic_id);
std::optional<Action> find_action(store::Connection& connection, std::int64_t id);

// An action not done yet, with the topic and compound it belongs to.
struct OpenAction {
  Action action;
  std::string topic_title;
  std::int64_t compound_node_id;
  std::string compound_name;
};
// The actions under the compounds at `path` not done and due on `due_by` (YYYY-MM-DD) or before,
// the soonest due first, at most `limit`.
std::vector<OpenAction> open_actions_due_under(store::Connection& connection, const std::string& path,
                                               const std::string& due_by, std::int64_t limit);
// 409 when already done; 400 for a bad day or a note over 2000 bytes. The topic becomes done when
// every one of its actions is; returns whether it did.
bool complete_action(store::Tx& tx, const Action& action, const std::string& done_on, const std::string& note);

}  // namespace weizhi::deliberation
