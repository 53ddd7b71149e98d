// The deliberation module's types: a topic of the six-step deliberation (六步议事法, docs/rules.md#j-six-steps)
// with its comments, round-table meetings, plan versions, the votes it went to, its resolution
// and the resolution's actions. Money in fen, dates YYYY-MM-DD, instants ISO-8601 UTC.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/voting/voting.hpp"

namespace weizhi::deliberation {

// The six steps in their fixed order, then done once every action of the resolution is done.
enum class Step { Proposed, Commenting, Consulting, Drafting, Voting, Resolved, Done };
enum class Category { Environment, Facilities, Parking, Elevator, Covenant, Property, Safety, Other };
// Who proposed a topic, from the proposer's roles over its compound.
enum class ProposerKind { Resident, CommitteeMember, Commissioner, Staff };

struct TopicInput {
  std::int64_t compound_node_id;
  voting::VoteScope scope;  // as a vote's: the whole compound, or buildings / units / parts in it
  Category category;
  std::string title;        // 1–100 characters: it becomes the vote's title
  std::string description;  // 1–5000 bytes
};

struct Topic {
  std::int64_t id;
  TopicInput input;
  std::string compound_name;
  Step step;
  ProposerKind proposer_kind;
  std::int64_t proposer_user_id;
  std::string proposer_name;  // the account's display name
  std::string created_at;
  std::string updated_at;
};

struct Comment {
  std::int64_t id;
  std::int64_t topic_id;
  ProposerKind author_kind;
  std::string author_name;  // masked for residents
  std::string text;
  std::optional<std::string> hidden_reason;  // set when a moderator hid it
  std::optional<std::string> hidden_at;
  std::string created_at;
};

struct Position {
  std::string party;     // who spoke: 居民代表, 物业, 自管会 …
  std::string position;  // what they said
};

struct MeetingInput {
  std::string held_on;  // YYYY-MM-DD
  std::string place;
  std::vector<std::string> attendees;  // names of those who signed in
  std::int64_t attendee_count;         // at least the names listed
  std::string minutes;
  std::vector<Position> positions;
  // The round table's members picked from the talent pool: people of the topic's community.
  std::vector<std::int64_t> members;
};

// A round-table member as shown: the person with their masked name.
struct Member {
  std::int64_t person_id;
  std::string name;
};

struct Meeting {
  std::int64_t id;
  MeetingInput input;
  std::vector<Member> members;  // input.members with their names, in the order given
  std::string created_at;
};

struct Attachment {
  std::string name;
  std::string reference;  // the stored file's reference
};

struct PlanInput {
  std::string title;  // 1–100 characters: it becomes the vote's item
  std::string body;
  std::int64_t cost_fen;
  std::vector<Attachment> attachments;
};

struct Plan {
  std::int64_t id;
  std::int64_t number;  // 1, 2, … per topic
  PlanInput input;
  std::string created_at;
};

// A vote the topic went to, with the plan it asked about.
struct TopicVote {
  std::int64_t vote_id;
  std::int64_t plan_id;
  std::string created_at;
};

// What the topic needs to know of its vote, read from the voting module.
struct VoteStatus {
  bool counted;  // closed or published: its result is final
  bool passed;   // the item's outcome, when counted
};

struct Resolution {
  std::int64_t vote_id;
  std::string summary;
  std::string outcome;      // the item's code in voting::kOutcomes
  std::string result_json;  // the item's six ratios, as the vote's result gives them
  std::string published_at;
};

struct ActionInput {
  std::string title;
  std::optional<std::string> owner_name;
  std::optional<std::int64_t> owner_person_id;
  std::string due_on;  // YYYY-MM-DD
};

struct Action {
  std::int64_t id;
  std::int64_t topic_id;
  ActionInput input;
  std::string owner_label;  // the name given, or the person's masked name
  std::optional<std::string> done_on;
  std::optional<std::string> note;
  std::string created_at;
};

}  // namespace weizhi::deliberation
