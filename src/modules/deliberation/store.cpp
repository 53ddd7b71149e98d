// SQL of the deliberation module (see store.hpp). List-valued fields (scope nodes, attendees,
// positions, attachments) are JSON arrays in text columns; only portable SQL.
#include "modules/deliberation/store.hpp"

#include <algorithm>
#include <functional>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/voting.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::deliberation {

// A meeting's positions and a plan's attachments are kept as JSON objects of their fields.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Position, party, position)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Attachment, name, reference)

namespace {

// The scope's nodes as the vote will need them (rules' check_scope).
void check_scope_in(store::Tx& tx, const voting::VoteScope& scope, const org::Node& compound) {
  std::vector<std::optional<org::Node>> nodes;
  if (scope.kind != voting::ScopeKind::Compound) {
    for (std::int64_t id : scope.node_ids) nodes.push_back(org::find_node(tx, id));
  }
  check_scope(scope, nodes, compound);
}

constexpr const char* kTopicColumns =
    "SELECT t.id, t.compound_node_id, t.scope_kind, t.scope_node_ids, t.category, t.title, t.description, c.name, "
    "t.step, t.proposer_kind, t.proposer_user_id, u.display_name, t.created_at, t.updated_at "
    "FROM deliberation_topics t JOIN org_nodes c ON c.id = t.compound_node_id "
    "JOIN users u ON u.id = t.proposer_user_id ";

Topic to_topic(const store::Row& row) {
  TopicInput input{row.i64(1),
                   voting::VoteScope{parse_code(voting::kScopeKinds, row.text(2)).value_or(voting::ScopeKind::Compound),
                                     parse_json(row.text(3)).get<std::vector<std::int64_t>>()},
                   parse_code(kCategories, row.text(4)).value_or(Category::Other), row.text(5), row.text(6)};
  return Topic{row.i64(0),
               std::move(input),
               row.text(7),
               parse_code(kSteps, row.text(8)).value_or(Step::Proposed),
               parse_code(kProposerKinds, row.text(9)).value_or(ProposerKind::Staff),
               row.i64(10),
               row.text(11),
               row.text(12),
               row.text(13)};
}

void set_step(store::Tx& tx, const Topic& topic, Step to) {
  // The step in the WHERE clause makes a concurrent transition of the same topic lose, not overwrite.
  if (tx.exec("UPDATE deliberation_topics SET step = ?, updated_at = ? WHERE id = ? AND step = ?",
              {code_of(kSteps, to), iso_utc(tx.now()), topic.id, code_of(kSteps, topic.step)}) == 0) {
    fail_conflict("议题已被他人推进，请刷新后重试", "step");
  }
}

std::string masked_name(store::Connection& connection, std::int64_t person_id) {
  auto person = people::find_person(connection, person_id);
  return person ? person->name_masked : "";
}

// The compound's community, whose own people (home at the community) may sit at its round tables.
std::optional<std::string> community_path_of(store::Connection& connection, const org::Node& compound) {
  auto parent = compound.parent_id ? org::find_node(connection, *compound.parent_id) : std::nullopt;
  if (parent && parent->kind == org::NodeKind::Community) return parent->path;
  return std::nullopt;
}

// Each member a person of the topic's compound (rules' check_member), read through the people module.
void check_members_in(store::Tx& tx, const Topic& topic, const std::vector<std::int64_t>& members) {
  if (members.empty()) return;
  store::Connection& connection = tx.connection();
  auto compound = org::find_node(connection, topic.input.compound_node_id);
  auto community_path = community_path_of(connection, *compound);
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto person = people::find_person(connection, members[i]);
    auto home = person ? people::node_path(connection, person->home_node_id) : std::nullopt;
    check_member(i, home, compound->path, community_path,
                 person && person_linked_to_compound(connection, person->id, compound->id));
  }
}

constexpr const char* kCommentColumns =
    "SELECT m.id, m.topic_id, m.author_kind, m.author_person_id, u.display_name, m.text, m.hidden_reason, "
    "m.hidden_at, m.created_at FROM deliberation_comments m JOIN users u ON u.id = m.author_user_id ";

Comment to_comment(store::Connection& connection, const store::Row& row) {
  auto person_id = row.optional_i64(3);
  // Residents are shown masked, as everywhere personal data is shown by default; staff by their account.
  return Comment{row.i64(0),
                 row.i64(1),
                 parse_code(kProposerKinds, row.text(2)).value_or(ProposerKind::Staff),
                 person_id ? masked_name(connection, *person_id) : row.text(4),
                 row.text(5),
                 row.optional_text(6),
                 row.optional_text(7),
                 row.text(8)};
}

constexpr const char* kActionColumns =
    "SELECT id, topic_id, title, owner_name, owner_person_id, due_on, done_on, note, created_at FROM deliberation_actions ";

Action to_action(store::Connection& connection, const store::Row& row) {
  ActionInput input{row.text(2), row.optional_text(3), row.optional_i64(4), row.text(5)};
  std::string label = input.owner_person_id ? masked_name(connection, *input.owner_person_id) : *input.owner_name;
  return Action{row.i64(0),           row.i64(1),           std::move(input), label,
                row.optional_text(6), row.optional_text(7), row.text(8)};
}

}  // namespace

// --- Topics ---

std::int64_t create_topic(store::Tx& tx, const TopicInput& input, ProposerKind proposer_kind,
                          std::int64_t proposer_user_id) {
  check_topic(input);
  auto compound = org::find_node(tx, input.compound_node_id);
  check_topic_compound(compound);
  check_scope_in(tx, input.scope, *compound);
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO deliberation_topics (compound_node_id, scope_kind, scope_node_ids, category, title, description, "
      "step, proposer_kind, proposer_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {input.compound_node_id, code_of(voting::kScopeKinds, input.scope.kind), Json(input.scope.node_ids).dump(),
       code_of(kCategories, input.category), input.title, input.description, code_of(kSteps, Step::Proposed),
       code_of(kProposerKinds, proposer_kind), proposer_user_id, now, now});
}

std::optional<Topic> find_topic(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kTopicColumns) + "WHERE t.id = ?", {id}), to_topic);
}

std::optional<std::int64_t> topic_compound(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one("SELECT compound_node_id FROM deliberation_topics WHERE id = ?", {id}),
                        store::first_integer);
}

std::vector<Topic> topics_of_compound(store::Connection& connection, std::int64_t compound_node_id,
                                      std::optional<Step> step) {
  store::Select query(kTopicColumns);
  query.where("t.compound_node_id = ?", {compound_node_id});
  if (step) query.where("t.step = ?", {code_of(kSteps, *step)});
  query.newest_first("t.id", std::nullopt, std::nullopt);
  return store::map_rows(query.run(connection), to_topic);
}

void advance(store::Tx& tx, const Topic& topic, Step to) {
  check_manual_advance(topic.step, to);
  set_step(tx, topic, to);
}

bool person_linked_to_compound(store::Connection& connection, std::int64_t person_id, std::int64_t compound_node_id) {
  auto compounds = compounds_of_person(connection, person_id);
  return std::find(compounds.begin(), compounds.end(), compound_node_id) != compounds.end();
}

std::vector<std::int64_t> compounds_of_person(store::Connection& connection, std::int64_t person_id) {
  std::vector<std::int64_t> compounds;
  for (const auto& link : people::links_of_person(connection, person_id)) {
    if (link.compound && std::find(compounds.begin(), compounds.end(), link.compound->id) == compounds.end()) {
      compounds.push_back(link.compound->id);
    }
  }
  return compounds;
}

// --- Comments ---

std::int64_t add_comment(store::Tx& tx, const Topic& topic, std::int64_t author_user_id,
                         std::optional<std::int64_t> author_person_id, ProposerKind author_kind,
                         const std::string& text) {
  check_step(topic.step, Step::Commenting, "发表意见");
  check_comment(text);
  return tx.scalar(
      "INSERT INTO deliberation_comments (topic_id, author_user_id, author_person_id, author_kind, text, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {topic.id, author_user_id, author_person_id, code_of(kProposerKinds, author_kind), text, iso_utc(tx.now())});
}

std::vector<Comment> comments_of(store::Connection& connection, std::int64_t topic_id) {
  return store::map_rows(
      connection.query(std::string(kCommentColumns) + "WHERE m.topic_id = ? ORDER BY m.id", {topic_id}),
      std::bind_front(to_comment, std::ref(connection)));
}

std::optional<Comment> find_comment(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCommentColumns) + "WHERE m.id = ?", {id}),
                        std::bind_front(to_comment, std::ref(connection)));
}

CommentCounts comment_counts(store::Connection& connection, std::int64_t topic_id) {
  auto row = connection.query_one(
      "SELECT COALESCE(SUM(CASE WHEN hidden_at IS NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN hidden_at IS NULL THEN 0 ELSE 1 END), 0) FROM deliberation_comments WHERE topic_id = ?",
      {topic_id});
  return CommentCounts{row->i64(0), row->i64(1)};
}

void hide_comment(store::Tx& tx, const Comment& comment, const std::string& reason, std::int64_t moderator_user_id) {
  check_hide_reason(reason);
  if (tx.exec("UPDATE deliberation_comments SET hidden_reason = ?, hidden_by_user_id = ?, hidden_at = ? "
              "WHERE id = ? AND hidden_at IS NULL",
              {reason, moderator_user_id, iso_utc(tx.now()), comment.id}) == 0) {
    fail_conflict("该意见已被屏蔽");
  }
}

// --- Meetings and plans ---

std::int64_t add_meeting(store::Tx& tx, const Topic& topic, const MeetingInput& input, std::int64_t user_id) {
  check_step(topic.step, Step::Consulting, "记录协商会议");
  check_meeting(input);
  check_members_in(tx, topic, input.members);
  return tx.scalar(
      "INSERT INTO deliberation_meetings (topic_id, held_on, place, attendees, attendee_count, minutes, positions, "
      "members, recorded_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {topic.id, input.held_on, input.place, Json(input.attendees).dump(), input.attendee_count, input.minutes,
       Json(input.positions).dump(), Json(input.members).dump(), user_id, iso_utc(tx.now())});
}

std::vector<Meeting> meetings_of(store::Connection& connection, std::int64_t topic_id) {
  return store::map_rows(
      connection.query("SELECT id, held_on, place, attendees, attendee_count, minutes, positions, members, created_at "
                       "FROM deliberation_meetings WHERE topic_id = ? ORDER BY held_on, id",
                       {topic_id}),
      [&](const store::Row& row) {
        MeetingInput input{row.text(1),
                           row.text(2),
                           parse_json(row.text(3)).get<std::vector<std::string>>(),
                           row.i64(4),
                           row.text(5),
                           parse_json(row.text(6)).get<std::vector<Position>>(),
                           parse_json(row.text(7)).get<std::vector<std::int64_t>>()};
        std::vector<Member> members;
        for (std::int64_t person_id : input.members) members.push_back({person_id, masked_name(connection, person_id)});
        return Meeting{row.i64(0), std::move(input), std::move(members), row.text(8)};
      });
}

std::int64_t add_plan(store::Tx& tx, const Topic& topic, const PlanInput& input, std::int64_t user_id) {
  check_step(topic.step, Step::Drafting, "提交方案");
  check_plan(input);
  std::int64_t number =
      tx.scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM deliberation_plans WHERE topic_id = ?", {topic.id});
  return tx.scalar(
      "INSERT INTO deliberation_plans (topic_id, number, title, body, cost_fen, attachments, created_by_user_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {topic.id, number, input.title, input.body, input.cost_fen, Json(input.attachments).dump(), user_id,
       iso_utc(tx.now())});
}

std::vector<Plan> plans_of(store::Connection& connection, std::int64_t topic_id) {
  return store::map_rows(
      connection.query("SELECT id, number, title, body, cost_fen, attachments, created_at FROM deliberation_plans "
                       "WHERE topic_id = ? ORDER BY number",
                       {topic_id}),
      [](const store::Row& row) {
        return Plan{
            row.i64(0), row.i64(1),
            PlanInput{row.text(2), row.text(3), row.i64(4), parse_json(row.text(5)).get<std::vector<Attachment>>()},
            row.text(6)};
      });
}

// --- The vote ---

std::int64_t send_to_vote(store::Tx& tx, const Topic& topic, const VoteRequest& request,
                          std::int64_t organiser_user_id) {
  VoteSending facts;
  facts.meetings = tx.scalar("SELECT COUNT(*) FROM deliberation_meetings WHERE topic_id = ?", {topic.id});
  facts.plans = plans_of(tx.connection(), topic.id);
  if (auto plan_topic = tx.query_one("SELECT topic_id FROM deliberation_plans WHERE id = ?", {request.plan_id})) {
    facts.plan_topic_id = plan_topic->i64(0);
  }
  Plan plan = check_send_to_vote(topic, request.plan_id, facts);
  voting::VoteInput input{topic.input.compound_node_id,
                          topic.input.title,
                          request.matter,
                          topic.input.scope,
                          {"同意第 " + std::to_string(plan.number) + " 版方案：" + plan.input.title},
                          request.opens_at,
                          request.closes_at,
                          request.channels,
                          voting::Policies{}};
  std::int64_t vote_id = voting::create_vote(
      tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), organiser_user_id);
  tx.exec("INSERT INTO deliberation_votes (topic_id, vote_id, plan_id, created_at) VALUES (?, ?, ?, ?)",
          {topic.id, vote_id, plan.id, iso_utc(tx.now())});
  set_step(tx, topic, Step::Voting);
  return vote_id;
}

std::vector<TopicVote> votes_of(store::Connection& connection, std::int64_t topic_id) {
  return store::map_rows(
      connection.query("SELECT vote_id, plan_id, created_at FROM deliberation_votes WHERE topic_id = ? ORDER BY id",
                       {topic_id}),
      [](const store::Row& row) {
        return TopicVote{row.i64(0), row.i64(1), row.text(2)};
      });
}

std::optional<VoteReading> read_vote(store::Connection& connection, std::int64_t vote_id) {
  auto vote = voting::find_vote(connection, vote_id);
  if (!vote) return std::nullopt;
  VoteReading reading{
      *vote, VoteStatus{vote->state == voting::VoteState::Closed || vote->state == voting::VoteState::Published, false},
      std::nullopt};
  if (reading.status.counted) {
    // A published vote's result is what was tallied at publication; recounting the stored roll and
    // ballots gives the same (their fingerprints are published with it).
    for (const auto& result : voting::vote_files(connection, *vote).results) {
      if (result.item != 1) continue;
      reading.result = result;
      reading.status.passed = result.outcome == voting::Outcome::Passed;
    }
  }
  return reading;
}

namespace {
std::optional<VoteReading> latest_vote(store::Connection& connection, std::int64_t topic_id) {
  auto votes = votes_of(connection, topic_id);
  if (votes.empty()) return std::nullopt;
  return read_vote(connection, votes.back().vote_id);
}
}  // namespace

void return_to_drafting(store::Tx& tx, const Topic& topic) {
  auto vote = topic.step == Step::Voting ? latest_vote(tx.connection(), topic.id) : std::nullopt;
  check_return_to_drafting(topic.step, vote ? std::optional<VoteStatus>(vote->status) : std::nullopt);
  set_step(tx, topic, Step::Drafting);
}

// --- Resolution and actions ---

void resolve(store::Tx& tx, const Topic& topic, const std::string& summary) {
  auto vote = topic.step == Step::Voting ? latest_vote(tx.connection(), topic.id) : std::nullopt;
  check_resolution(topic.step, summary, vote ? std::optional<VoteStatus>(vote->status) : std::nullopt);
  tx.exec(
      "INSERT INTO deliberation_resolutions (topic_id, vote_id, summary, outcome, result, published_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {topic.id, vote->vote.id, summary, code_of(voting::kOutcomes, vote->result->outcome),
       voting::result_json({*vote->result}), iso_utc(tx.now())});
  set_step(tx, topic, Step::Resolved);
}

std::optional<Resolution> find_resolution(store::Connection& connection, std::int64_t topic_id) {
  return store::map_row(
      connection.query_one(
          "SELECT vote_id, summary, outcome, result, published_at FROM deliberation_resolutions WHERE topic_id = ?",
          {topic_id}),
      [](const store::Row& row) {
        return Resolution{row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4)};
      });
}

std::int64_t add_action(store::Tx& tx, const Topic& topic, const ActionInput& input) {
  check_step(topic.step, Step::Resolved, "分解决议事项");
  check_action(input);
  if (input.owner_person_id) {
    auto owner = people::find_person(tx.connection(), *input.owner_person_id);
    if (!owner) throw ApiError(404, "not_found", "找不到该责任人", "owner_person_id");
    auto compound = org::find_node(tx.connection(), topic.input.compound_node_id);
    check_action_owner(people::node_path(tx.connection(), owner->home_node_id).value_or(""), compound->path,
                       person_linked_to_compound(tx.connection(), owner->id, compound->id));
  }
  return tx.scalar(
      "INSERT INTO deliberation_actions (topic_id, title, owner_name, owner_person_id, due_on, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {topic.id, input.title, input.owner_name, input.owner_person_id, input.due_on, iso_utc(tx.now())});
}

std::vector<Action> actions_of(store::Connection& connection, std::int64_t topic_id) {
  return store::map_rows(
      connection.query(std::string(kActionColumns) + "WHERE topic_id = ? ORDER BY due_on, id", {topic_id}),
      std::bind_front(to_action, std::ref(connection)));
}

std::optional<Action> find_action(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kActionColumns) + "WHERE id = ?", {id}),
                        std::bind_front(to_action, std::ref(connection)));
}

std::vector<OpenAction> open_actions_due_under(store::Connection& connection, const std::string& path,
                                               const std::string& due_by, std::int64_t limit) {
  auto params = org::subtree_params(path);
  params.insert(params.begin(), due_by);
  params.push_back(limit);
  return store::map_rows(
      connection.query("SELECT a.id, t.title, t.compound_node_id, c.name FROM deliberation_actions a "
                       "JOIN deliberation_topics t ON t.id = a.topic_id JOIN org_nodes c ON c.id = t.compound_node_id "
                       "WHERE a.done_on IS NULL AND a.due_on <= ? AND " +
                           org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY a.due_on, a.id LIMIT ?",
                       params),
      [&](const store::Row& row) {
        return OpenAction{*find_action(connection, row.i64(0)), row.text(1), row.i64(2), row.text(3)};
      });
}

bool complete_action(store::Tx& tx, const Action& action, const std::string& done_on, const std::string& note) {
  check_completion(done_on, note);
  if (tx.exec("UPDATE deliberation_actions SET done_on = ?, note = ? WHERE id = ? AND done_on IS NULL",
              {done_on, note, action.id}) == 0) {
    fail_conflict("该事项已办结");
  }
  if (tx.scalar("SELECT COUNT(*) FROM deliberation_actions WHERE topic_id = ? AND done_on IS NULL", {action.topic_id}) >
      0) {
    return false;
  }
  auto topic = find_topic(tx.connection(), action.topic_id);
  set_step(tx, *topic, Step::Done);
  return true;
}

}  // namespace weizhi::deliberation
