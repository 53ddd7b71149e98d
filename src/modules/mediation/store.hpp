// SQL of the mediation module: disputes with their parties, sessions, follow-up visits and events,
// the listing, the community's gold mediators and the statistics. Writers check what they refer to
// (400/404/409/422 naming the field), so routes and the demo seed share the checks; every write
// keeps an event on the dispute's timeline.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/mediation/model.hpp"
#include "modules/people/people.hpp"
#include "store/db.hpp"

namespace weizhi::mediation {

// Checks the details (400), the place (404 for an unknown compound, 422 for a building or part
// elsewhere), the parties (400; 422 for an unknown person), the mediator (422 naming
// mediator_person_id unless a gold mediator whose home lies in the compound's community, and not a
// party) and the case (422 unless a case of the same compound); records an open dispute. Returns its id.
std::int64_t create_mediation(store::Tx& tx, const Details& details, std::int64_t user_id);
// The same checks; 409 naming state unless the dispute is still open.
void update_mediation(store::Tx& tx, const Mediation& record, const Details& details, std::int64_t user_id);

std::optional<Mediation> find_mediation(store::Connection& connection, std::int64_t id);
std::vector<Party> parties_of(store::Connection& connection, std::int64_t mediation_id);
std::vector<Session> sessions_of(store::Connection& connection, std::int64_t mediation_id);
std::vector<FollowUp> follow_ups_of(store::Connection& connection, std::int64_t mediation_id);
std::vector<Event> events_of(store::Connection& connection, std::int64_t mediation_id);

struct Filter {
  std::optional<State> state;
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 50;
};
// Disputes of the compounds under `path`, the newest first.
std::vector<Mediation> list_mediations(store::Connection& connection, const std::string& path, const Filter& filter);
// Agreed disputes of the compounds under `path` not visited since their agreement was signed, the
// earliest signed first.
std::vector<Mediation> unvisited_agreements_under(store::Connection& connection, const std::string& path);

struct TransitionInput {
  State to;
  std::optional<std::string> agreement;
  std::optional<std::string> signed_on;
  std::optional<std::string> reason;
  std::int64_t user_id;
};
// Checks the step and its outcome (rules.hpp: 409 naming `to`, 400 naming the field) and moves the
// dispute, losing (409) to a concurrent change; a reopening clears the agreement and is kept as a
// `reopen` event.
void transition(store::Tx& tx, const Mediation& record, const TransitionInput& input);
// Records a session (400 naming the field, 409 once the mediation is over); the first session of an
// open dispute moves it to in_mediation. Returns the session id.
std::int64_t add_session(store::Tx& tx, const Mediation& record, const SessionInput& input, std::int64_t user_id);
// Records a follow-up visit of an agreed dispute (409 otherwise). Returns its id.
std::int64_t add_follow_up(store::Tx& tx, const Mediation& record, const FollowUpInput& input, std::int64_t user_id);

// The community a node lies in (the node itself for a community); nullopt for the street or an
// unknown node.
std::optional<std::int64_t> community_of(store::Connection& connection, std::int64_t node_id);
// People tagged gold_mediator whose home lies in the community, by id.
std::vector<people::Person> mediators_of(store::Connection& connection, std::int64_t community_id);

Counts counts_under(store::Connection& connection, const std::string& path);

}  // namespace weizhi::mediation
