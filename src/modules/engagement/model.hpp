// The engagement module's types for events with sign-ups (活动预约): an event of a node with its
// capacity and sign-up window, the venues events are held at, and each person's sign-up with its
// place (confirmed, or waiting in order of arrival) and check-in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace weizhi::engagement {

enum class Kind { SecretaryContest, Roundtable, RenewalOpinion, PartyActivity, Other };

// Who may sign up: every resident living under the event's node, or only those of them the
// registry marks as party members.
enum class Audience { Residents, PartyMembers };

enum class SignupStatus { Confirmed, Waiting, Cancelled };

struct VenueInput {
  std::int64_t node_id = 0;  // a community or a compound
  std::string name;
  std::string address;
  std::optional<std::int64_t> partner_unit_id;  // the partner unit that lends it, when not the node's own
  std::string opens_at;                         // HH:MM, street time
  std::string closes_at;                        // HH:MM, street time, after opens_at
};

struct Venue {
  std::int64_t id = 0;
  VenueInput input;
  std::string node_name;
  std::string node_path;
  std::optional<std::string> partner_unit_name;
  std::vector<std::string> served_paths;  // of the nodes a partner's venue is sunk to (partner_resource_nodes)
  std::string created_at;
};

struct EventInput {
  std::int64_t node_id = 0;  // the street, community or compound the event is for: its scope
  std::string title;
  Kind kind = Kind::Other;
  std::optional<std::int64_t> venue_id;
  TimePoint starts_at;
  TimePoint ends_at;
  std::int64_t capacity = 0;  // places, 1–10000
  Audience audience = Audience::Residents;
  TimePoint signup_opens_at;
  TimePoint signup_closes_at;
};

struct Event {
  std::int64_t id = 0;
  EventInput input;
  std::string node_name;
  std::string node_path;
  std::optional<std::string> venue_name;
  std::int64_t created_by_user_id = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> cancelled_at;  // called off, with the reason
  std::optional<std::string> cancel_reason;
};

// The sign-ups an event holds now, by status (cancelled ones left out).
struct Counts {
  std::int64_t confirmed = 0;
  std::int64_t waiting = 0;
  std::int64_t checked_in = 0;
};

struct Signup {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t person_id = 0;
  SignupStatus status = SignupStatus::Confirmed;
  std::string code;  // what the attendee's QR carries
  std::int64_t signed_up_by_user_id = 0;
  std::string created_at;
  std::optional<std::string> promoted_at;
  std::optional<std::string> cancelled_at;
  std::optional<std::string> checked_in_at;
  std::string person_name;  // masked
};

// Another event at the same venue whose time overlaps.
struct Clash {
  std::int64_t event_id = 0;
  std::string title;
  TimePoint starts_at;
  TimePoint ends_at;
};

}  // namespace weizhi::engagement
