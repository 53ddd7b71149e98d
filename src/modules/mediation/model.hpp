// The mediation module's types: a dispute in a compound with its parties, its gold mediator and
// state, the sessions held, the follow-up visits after an agreement and the timeline of events.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/timeline_event.hpp"
#include "modules/org/org.hpp"

namespace weizhi::mediation {

// open → in_mediation → agreed | not_agreed | withdrawn; an agreement found broken on a follow-up
// visit may go back to in_mediation once.
enum class State { Open, InMediation, Agreed, NotAgreed, Withdrawn };

enum class Role { Applicant, Respondent, Other };

// A party as entered: a person of the registry, or a free name (a label such as "402 室住户").
struct PartyInput {
  std::optional<std::int64_t> person_id;
  std::string name;
  Role role = Role::Applicant;
};

// A party as shown: registry people by their masked name.
struct Party {
  std::int64_t index;  // 0-based, the order given; sessions name attendees by it
  std::optional<std::int64_t> person_id;
  std::string name;
  Role role;
};

struct Details {
  std::int64_t compound_node_id = 0;
  std::optional<std::int64_t> building_node_id;
  std::optional<std::int64_t> part_node_id;
  std::string category;  // a code of categories()
  std::string summary;
  std::vector<PartyInput> parties;
  std::int64_t mediator_person_id = 0;
  std::optional<std::int64_t> case_id;  // the service case the dispute came from
};

// What a dispute's details refer to, as the store finds it.
struct DetailFacts {
  std::optional<org::Node> compound;
  std::optional<org::Node> building;       // when the details name one
  std::optional<org::Node> part;           // when the details name one
  std::vector<bool> party_person_found;    // per party: no person named, or one that exists
  std::vector<std::string> mediator_tags;  // empty when the mediator is not registered
  std::optional<std::string> mediator_home_path;
  std::string community_path;                    // of the compound's community
  std::optional<std::int64_t> case_compound_id;  // the linked case's compound; nullopt without one
};

struct Mediation {
  std::int64_t id = 0;
  Details details;
  std::string compound_name;
  std::string mediator_name;  // masked
  State state = State::Open;
  std::optional<std::string> agreement;
  std::optional<std::string> signed_on;
  std::optional<std::string> reason;  // why it ended not agreed or withdrawn
  bool reopened = false;
  std::int64_t created_by_user_id = 0;
  std::string created_at;
  std::string updated_at;
};

struct SessionInput {
  std::string held_on;  // YYYY-MM-DD
  std::string place;
  std::vector<std::int64_t> attendees;  // party indexes
  std::string notes;
  std::string next_step;
};

struct Session {
  std::int64_t id;
  SessionInput input;
  std::int64_t user_id;
  std::string created_at;
};

struct FollowUpInput {
  std::string visited_on;  // YYYY-MM-DD
  std::string note;
  bool kept = true;  // whether the agreement holds
};

struct FollowUp {
  std::int64_t id;
  FollowUpInput input;
  std::int64_t user_id;
  std::string created_at;
};

// A step of the dispute's timeline, of the kinds created, updated, transition, session, follow_up, reopen.
using Event = TimelineEvent;

// A share as two integers, so clients round as they like and an empty denominator stays visible.
struct Ratio {
  std::int64_t num = 0;
  std::int64_t den = 0;
};

// The records GET /api/v1/stats/mediation is computed from.
struct Counts {
  std::map<State, std::int64_t> by_state;
  std::map<std::string, std::int64_t> by_category;
  // For each agreed dispute that has been visited: whether its latest visit found it kept.
  std::vector<bool> latest_visit_kept;
};

}  // namespace weizhi::mediation
