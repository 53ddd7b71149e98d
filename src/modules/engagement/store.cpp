// SQL of events with sign-ups and venues (see store.hpp). Only portable SQL; times are iso_utc text.
#include "modules/engagement/store.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::engagement {

TimePoint stored_moment(const std::string& text) { return parse_iso(text).value_or(TimePoint{}); }

namespace {

constexpr const char* kVenueColumns =
    "SELECT v.id, v.node_id, v.name, v.address, v.partner_unit_id, v.opens_at, v.closes_at, v.created_at, n.name, "
    "n.path, u.name FROM venues v JOIN org_nodes n ON n.id = v.node_id LEFT JOIN partner_units u ON u.id = "
    "v.partner_unit_id ";

Venue to_venue(const store::Row& row) {
  return Venue{.id = row.i64(0),
               .input = {.node_id = row.i64(1),
                         .name = row.text(2),
                         .address = row.text(3),
                         .partner_unit_id = row.optional_i64(4),
                         .opens_at = row.text(5),
                         .closes_at = row.text(6)},
               .node_name = row.text(8),
               .node_path = row.text(9),
               .partner_unit_name = row.optional_text(10),
               .served_paths = {},
               .created_at = row.text(7)};
}

// A partner's venue with the paths of the nodes it is sunk to.
Venue with_served(store::Connection& connection, Venue venue) {
  if (!venue.input.partner_unit_id) return venue;
  venue.served_paths = store::map_rows(
      connection.query("SELECT n.path FROM partner_resources r JOIN partner_resource_nodes rn ON rn.resource_id = "
                       "r.id JOIN org_nodes n ON n.id = rn.node_id WHERE r.venue_id = ? ORDER BY n.path",
                       {venue.id}),
      [](const store::Row& row) { return row.text(0); });
  return venue;
}

constexpr const char* kEventColumns =
    "SELECT e.id, e.node_id, e.title, e.kind, e.venue_id, e.starts_at, e.ends_at, e.capacity, e.audience, "
    "e.signup_opens_at, e.signup_closes_at, e.created_by_user_id, e.created_at, e.updated_at, n.name, n.path, "
    "v.name, e.cancelled_at, e.cancel_reason FROM events e JOIN org_nodes n ON n.id = e.node_id LEFT JOIN venues v ON v.id = e.venue_id ";

Event to_event(const store::Row& row) {
  return Event{.id = row.i64(0),
               .input = {.node_id = row.i64(1),
                         .title = row.text(2),
                         .kind = parse_code(kEventKinds, row.text(3)).value_or(Kind::Other),
                         .venue_id = row.optional_i64(4),
                         .starts_at = stored_moment(row.text(5)),
                         .ends_at = stored_moment(row.text(6)),
                         .capacity = row.i64(7),
                         .audience = parse_code(kEventAudiences, row.text(8)).value_or(Audience::Residents),
                         .signup_opens_at = stored_moment(row.text(9)),
                         .signup_closes_at = stored_moment(row.text(10))},
               .node_name = row.text(14),
               .node_path = row.text(15),
               .venue_name = row.optional_text(16),
               .created_by_user_id = row.i64(11),
               .created_at = row.text(12),
               .updated_at = row.text(13),
               .cancelled_at = row.optional_text(17),
               .cancel_reason = row.optional_text(18)};
}

constexpr const char* kSignupColumns =
    "SELECT s.id, s.event_id, s.person_id, s.status, s.code, s.signed_up_by_user_id, s.created_at, s.promoted_at, "
    "s.cancelled_at, s.checked_in_at, p.name_masked FROM event_signups s JOIN people p ON p.id = s.person_id ";

Signup to_signup(const store::Row& row) {
  return Signup{.id = row.i64(0),
                .event_id = row.i64(1),
                .person_id = row.i64(2),
                .status = parse_code(kSignupStatuses, row.text(3)).value_or(SignupStatus::Cancelled),
                .code = row.text(4),
                .signed_up_by_user_id = row.i64(5),
                .created_at = row.text(6),
                .promoted_at = row.optional_text(7),
                .cancelled_at = row.optional_text(8),
                .checked_in_at = row.optional_text(9),
                .person_name = row.text(10)};
}

// Ten characters an attendee can read out and staff can type: digits and upper-case letters.
std::string new_code() {
  std::string code = crypto::random_hex(5);
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
  return code;
}

}  // namespace

// --- Venues ---

std::int64_t insert_venue(store::Tx& tx, const VenueInput& input, std::int64_t user_id) {
  return tx
      .query_one(
          "INSERT INTO venues (node_id, name, address, partner_unit_id, opens_at, closes_at, created_by_user_id, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {input.node_id, input.name, input.address, input.partner_unit_id, input.opens_at, input.closes_at, user_id,
           iso_utc(tx.now())})
      ->i64(0);
}

std::optional<Venue> find_venue(store::Connection& connection, std::int64_t id) {
  auto venue = store::map_row(connection.query_one(std::string(kVenueColumns) + "WHERE v.id = ?", {id}), to_venue);
  if (!venue) return venue;
  return with_served(connection, std::move(*venue));
}

std::vector<Venue> venues_around(store::Connection& connection, const std::string& path) {
  auto params = org::subtree_params(path);
  params.emplace_back(path);
  params.emplace_back(path);
  auto venues = store::map_rows(
      connection.query(std::string(kVenueColumns) + "WHERE (" + org::subtree_condition(connection.dialect(), "n.path") +
                           ") OR ? LIKE n.path || '%' OR v.id IN (SELECT r.venue_id FROM partner_resources r JOIN "
                           "partner_resource_nodes rn ON rn.resource_id = r.id JOIN org_nodes sn ON sn.id = "
                           "rn.node_id WHERE ? LIKE sn.path || '%') ORDER BY v.name, v.id",
                       params),
      to_venue);
  for (auto& venue : venues) venue = with_served(connection, std::move(venue));
  return venues;
}

std::optional<Clash> find_clash(store::Connection& connection, std::int64_t venue_id, TimePoint starts_at,
                                TimePoint ends_at, std::optional<std::int64_t> except_id) {
  return store::map_row(
      connection.query_one("SELECT id, title, starts_at, ends_at FROM events WHERE venue_id = ? AND starts_at < ? "
                           "AND ends_at > ? AND id <> ? AND cancelled_at IS NULL ORDER BY starts_at, id LIMIT 1",
                           {venue_id, iso_utc(ends_at), iso_utc(starts_at), except_id.value_or(0)}),
      [](const store::Row& row) {
        return Clash{row.i64(0), row.text(1), stored_moment(row.text(2)), stored_moment(row.text(3))};
      });
}

// --- Events ---

std::int64_t insert_event(store::Tx& tx, const EventInput& input, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  return tx
      .query_one(
          "INSERT INTO events (node_id, title, kind, venue_id, starts_at, ends_at, capacity, audience, "
          "signup_opens_at, signup_closes_at, created_by_user_id, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {input.node_id, input.title, code_of(kEventKinds, input.kind), input.venue_id, iso_utc(input.starts_at),
           iso_utc(input.ends_at), input.capacity, code_of(kEventAudiences, input.audience),
           iso_utc(input.signup_opens_at), iso_utc(input.signup_closes_at), user_id, now, now})
      ->i64(0);
}

void update_event(store::Tx& tx, std::int64_t id, const EventInput& input) {
  tx.exec(
      "UPDATE events SET title = ?, kind = ?, venue_id = ?, starts_at = ?, ends_at = ?, capacity = ?, audience = ?, "
      "signup_opens_at = ?, signup_closes_at = ?, updated_at = ? WHERE id = ?",
      {input.title, code_of(kEventKinds, input.kind), input.venue_id, iso_utc(input.starts_at), iso_utc(input.ends_at),
       input.capacity, code_of(kEventAudiences, input.audience), iso_utc(input.signup_opens_at),
       iso_utc(input.signup_closes_at), iso_utc(tx.now()), id});
}

std::optional<Event> find_event(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kEventColumns) + "WHERE e.id = ?", {id}), to_event);
}

void lock_event(store::Tx& tx, std::int64_t id) {
  if (tx.dialect() == store::Dialect::Postgres) tx.exec("SELECT id FROM events WHERE id = ? FOR UPDATE", {id});
}

std::vector<Event> events_under(store::Connection& connection, const std::string& path, const EventFilter& filter) {
  store::Select select(kEventColumns);
  select.where(org::subtree_condition(connection.dialect(), "n.path"), org::subtree_params(path));
  if (filter.from) select.where("e.ends_at >= ?", {iso_utc(*filter.from)});
  if (filter.to) select.where("e.starts_at < ?", {iso_utc(*filter.to)});
  return store::map_rows(
      connection.query(select.sql() + " ORDER BY e.starts_at, e.id LIMIT " + std::to_string(filter.limit),
                       select.params()),
      to_event);
}

std::vector<Event> events_over(store::Connection& connection, const std::vector<std::string>& paths, TimePoint from) {
  if (paths.empty()) return {};
  std::string any;
  store::Params params{iso_utc(from)};
  for (const auto& path : paths) {
    any += (any.empty() ? "" : " OR ") + std::string("? LIKE n.path || '%'");
    params.emplace_back(path);
  }
  return store::map_rows(
      connection.query(std::string(kEventColumns) + "WHERE e.ends_at >= ? AND e.cancelled_at IS NULL AND (" + any +
                           ") ORDER BY e.starts_at, e.id",
                       params),
      to_event);
}

std::vector<Event> events_starting(store::Connection& connection, const std::string& path, TimePoint from,
                                   TimePoint to) {
  store::Select select(kEventColumns);
  select.where(org::subtree_condition(connection.dialect(), "n.path"), org::subtree_params(path));
  select.where("e.starts_at >= ? AND e.starts_at < ?", {iso_utc(from), iso_utc(to)});
  select.where("e.cancelled_at IS NULL", {});
  return store::map_rows(connection.query(select.sql() + " ORDER BY e.starts_at, e.id", select.params()), to_event);
}

Counts counts_of(store::Connection& connection, std::int64_t event_id) {
  Counts counts;
  for (const auto& row :
       connection.query("SELECT status, COUNT(*), COUNT(checked_in_at) FROM event_signups WHERE event_id = ? "
                        "AND status <> 'cancelled' GROUP BY status",
                        {event_id})) {
    auto status = parse_code(kSignupStatuses, row.text(0));
    if (status == SignupStatus::Confirmed) counts.confirmed = row.i64(1);
    if (status == SignupStatus::Waiting) counts.waiting = row.i64(1);
    counts.checked_in += row.i64(2);
  }
  return counts;
}

// --- Sign-ups ---

std::int64_t insert_signup(store::Tx& tx, std::int64_t event_id, std::int64_t person_id, SignupStatus status,
                           std::int64_t user_id) {
  return tx
      .query_one(
          "INSERT INTO event_signups (event_id, person_id, status, code, signed_up_by_user_id, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {event_id, person_id, code_of(kSignupStatuses, status), new_code(), user_id, iso_utc(tx.now())})
      ->i64(0);
}

std::optional<Signup> find_signup(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kSignupColumns) + "WHERE s.id = ?", {id}), to_signup);
}

std::optional<Signup> find_signup_by_code(store::Connection& connection, std::int64_t event_id,
                                          const std::string& code) {
  return store::map_row(
      connection.query_one(std::string(kSignupColumns) + "WHERE s.event_id = ? AND s.code = ?", {event_id, code}),
      to_signup);
}

std::optional<Signup> live_signup(store::Connection& connection, std::int64_t event_id, std::int64_t person_id) {
  return store::map_row(connection.query_one(std::string(kSignupColumns) +
                                                 "WHERE s.event_id = ? AND s.person_id = ? AND s.status <> 'cancelled'",
                                             {event_id, person_id}),
                        to_signup);
}

std::vector<Signup> live_signups(store::Connection& connection, std::int64_t event_id) {
  return store::map_rows(
      connection.query(
          std::string(kSignupColumns) + "WHERE s.event_id = ? AND s.status <> 'cancelled' ORDER BY s.status, s.id",
          {event_id}),
      to_signup);
}

std::vector<std::int64_t> waiting_in_order(store::Connection& connection, std::int64_t event_id) {
  return store::map_rows(
      connection.query("SELECT id FROM event_signups WHERE event_id = ? AND status = 'waiting' ORDER BY id",
                       {event_id}),
      store::first_integer);
}

std::int64_t waiting_position(store::Connection& connection, const Signup& signup) {
  return 1 +
         connection.scalar("SELECT COUNT(*) FROM event_signups WHERE event_id = ? AND status = 'waiting' AND id < ?",
                           {signup.event_id, signup.id});
}

std::vector<Signup> signups_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(
      connection.query(std::string(kSignupColumns) + "WHERE s.person_id = ? ORDER BY s.id DESC", {person_id}),
      to_signup);
}

void cancel_event(store::Tx& tx, std::int64_t id, const std::string& reason, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  tx.exec(
      "UPDATE events SET cancelled_at = ?, cancel_reason = ?, cancelled_by_user_id = ?, updated_at = ? WHERE id = ?",
      {now, reason, user_id, now, id});
  tx.exec(
      "UPDATE event_signups SET status = 'cancelled', cancelled_at = ? WHERE event_id = ? AND status <> 'cancelled'",
      {now, id});
}

void confirm_signup(store::Tx& tx, std::int64_t signup_id) {
  tx.exec("UPDATE event_signups SET status = 'confirmed', promoted_at = ? WHERE id = ? AND status = 'waiting'",
          {iso_utc(tx.now()), signup_id});
}

void cancel_signup(store::Tx& tx, std::int64_t signup_id) {
  tx.exec("UPDATE event_signups SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
          {iso_utc(tx.now()), signup_id});
}

void check_in_signup(store::Tx& tx, std::int64_t signup_id, std::int64_t user_id) {
  tx.exec("UPDATE event_signups SET checked_in_at = ?, checked_in_by_user_id = ? WHERE id = ?",
          {iso_utc(tx.now()), user_id, signup_id});
}

// --- People ---

std::vector<std::string> places_of_person(store::Connection& connection, std::int64_t person_id) {
  std::vector<std::string> paths;
  auto person = people::find_person(connection, person_id);
  if (!person) return paths;
  if (auto path = people::node_path(connection, person->home_node_id)) paths.push_back(*path);
  for (const auto& link : people::links_of_person(connection, person_id)) {
    if (!link.compound) continue;
    if (auto path = people::node_path(connection, link.compound->id)) {
      if (std::find(paths.begin(), paths.end(), *path) == paths.end()) paths.push_back(*path);
    }
  }
  return paths;
}

std::vector<std::int64_t> accounts_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_rows(connection.query("SELECT id FROM users WHERE person_id = ? ORDER BY id", {person_id}),
                         store::first_integer);
}

}  // namespace weizhi::engagement
