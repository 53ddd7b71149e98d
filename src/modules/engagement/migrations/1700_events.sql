-- Events with sign-ups (活动预约) and the venues they are held at (docs/modules/engagement.md).
-- Times are ISO-8601 UTC text (iso_utc); a venue's opening hours are HH:MM in the street's time.

-- A venue belongs to a community or a compound (node_id, its scope); a partner unit's venue names
-- the unit and still lies under the node it serves.
CREATE TABLE venues (
  id {{id}},
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  partner_unit TEXT,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX venues_node ON venues(node_id, id);

-- kind: secretary_contest, roundtable, renewal_opinion, party_activity or other
-- audience: residents (everyone living under node_id) or party_members (those of them the registry
-- marks as party members)
CREATE TABLE events (
  id {{id}},
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  venue_id BIGINT REFERENCES venues(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  capacity BIGINT NOT NULL,
  audience TEXT NOT NULL,
  signup_opens_at TEXT NOT NULL,
  signup_closes_at TEXT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX events_node ON events(node_id, starts_at);
CREATE INDEX events_venue ON events(venue_id, starts_at);

-- status: confirmed, waiting or cancelled. The waiting list is in order of id (arrival); code is what
-- the attendee's QR carries for check-in.
CREATE TABLE event_signups (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  code TEXT NOT NULL,
  signed_up_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  promoted_at TEXT,
  cancelled_at TEXT,
  checked_in_at TEXT,
  checked_in_by_user_id BIGINT REFERENCES users(id)
);
CREATE INDEX event_signups_event ON event_signups(event_id, status, id);
CREATE INDEX event_signups_person ON event_signups(person_id, id);
CREATE UNIQUE INDEX event_signups_code ON event_signups(code);
-- One live sign-up per person and event; a cancelled one may be followed by a new one.
CREATE UNIQUE INDEX event_signups_live ON event_signups(event_id, person_id) WHERE status <> 'cancelled';
