// SQL of events with sign-ups and venues: events and venues written and read, the sign-ups of an
// event by status in order of arrival, the clash at a venue, and the places a person lives.
// No decisions: routes ask the rules (rules.hpp) between loading and saving.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/engagement/model.hpp"
#include "store/db.hpp"

namespace weizhi::engagement {

// A time column as stored (iso_utc text) read back; the epoch for text that is not one (never written).
TimePoint stored_moment(const std::string& text);

// --- Venues ---

std::int64_t insert_venue(store::Tx& tx, const VenueInput& input, std::int64_t user_id);
std::optional<Venue> find_venue(store::Connection& connection, std::int64_t id);
// The venues of the subtree at `path`, of the nodes above it (a compound's events may use its community's
// hall) and the partners' venues sunk to the node or above it, by name; a venue found carries its served paths.
std::vector<Venue> venues_around(store::Connection& connection, const std::string& path);
// The other event at the venue whose time overlaps [starts_at, ends_at), leaving out `except_id`.
std::optional<Clash> find_clash(store::Connection& connection, std::int64_t venue_id, TimePoint starts_at,
                                TimePoint ends_at, std::optional<std::int64_t> except_id);

// --- Events ---

std::int64_t insert_event(store::Tx& tx, const EventInput& input, std::int64_t user_id);
void update_event(store::Tx& tx, std::int64_t id, const EventInput& input);
std::optional<Event> find_event(store::Connection& connection, std::int64_t id);
// Holds the event's row until the transaction ends, so that sign-ups of one event are decided one after
// another however many instances write (PostgreSQL; SQLite has one writer already).
void lock_event(store::Tx& tx, std::int64_t id);

struct EventFilter {
  std::optional<TimePoint> from;  // events ending at or after
  std::optional<TimePoint> to;    // events starting before
  std::int64_t limit = 200;
};
// Events of the subtree at `path`, the soonest first.
std::vector<Event> events_under(store::Connection& connection, const std::string& path, const EventFilter& filter);
// Events for any of the nodes at `paths` or above them, ending at or after `from` and not called off, the
// soonest first.
std::vector<Event> events_over(store::Connection& connection, const std::vector<std::string>& paths, TimePoint from);
// Events of the subtree at `path` starting within [from, to), not called off.
std::vector<Event> events_starting(store::Connection& connection, const std::string& path, TimePoint from,
                                   TimePoint to);

Counts counts_of(store::Connection& connection, std::int64_t event_id);

// --- Sign-ups ---

std::int64_t insert_signup(store::Tx& tx, std::int64_t event_id, std::int64_t person_id, SignupStatus status,
                           std::int64_t user_id);
std::optional<Signup> find_signup(store::Connection& connection, std::int64_t id);
std::optional<Signup> find_signup_by_code(store::Connection& connection, std::int64_t event_id,
                                          const std::string& code);
// The person's sign-up to the event that is not cancelled.
std::optional<Signup> live_signup(store::Connection& connection, std::int64_t event_id, std::int64_t person_id);
// The event's sign-ups that are not cancelled: the confirmed, then the waiting, each in order of arrival.
std::vector<Signup> live_signups(store::Connection& connection, std::int64_t event_id);
// The ids of the event's waiting sign-ups in order of arrival.
std::vector<std::int64_t> waiting_in_order(store::Connection& connection, std::int64_t event_id);
// The place of a waiting sign-up in the line, from 1.
std::int64_t waiting_position(store::Connection& connection, const Signup& signup);
// The person's sign-ups, the newest first.
std::vector<Signup> signups_of_person(store::Connection& connection, std::int64_t person_id);

// Calls the event off with its reason and cancels its live sign-ups (the venue is free again: clashes leave
// called-off events out).
void cancel_event(store::Tx& tx, std::int64_t id, const std::string& reason, std::int64_t user_id);
void confirm_signup(store::Tx& tx, std::int64_t signup_id);
void cancel_signup(store::Tx& tx, std::int64_t signup_id);
void check_in_signup(store::Tx& tx, std::int64_t signup_id, std::int64_t user_id);

// --- People ---

// The paths of the places a person lives: their home node and the compounds of their parts.
std::vector<std::string> places_of_person(store::Connection& connection, std::int64_t person_id);
// The accounts of a person, to tell them.
std::vector<std::int64_t> accounts_of_person(store::Connection& connection, std::int64_t person_id);

}  // namespace weizhi::engagement
