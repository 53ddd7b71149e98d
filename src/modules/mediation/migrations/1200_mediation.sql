-- Dispute mediation by the communities' gold mediators (金牌调解, one of the "three extensions",
-- docs/modules/mediation.md): disputes of a compound with their parties, sessions, the follow-up visits after
-- an agreement and the timeline of events. Dates are YYYY-MM-DD text, times ISO-8601 UTC text (iso_utc).
CREATE TABLE mediations (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  building_node_id BIGINT REFERENCES org_nodes(id),
  part_node_id BIGINT REFERENCES org_nodes(id),
  -- neighbour_noise, water_leak, parking, pets, shared_space, elevator_retrofit, property_fee or other
  category TEXT NOT NULL,
  summary TEXT NOT NULL,
  mediator_person_id BIGINT NOT NULL REFERENCES people(id),
  case_id BIGINT REFERENCES cases(id),
  -- open, in_mediation, agreed, not_agreed or withdrawn
  state TEXT NOT NULL,
  agreement TEXT,
  signed_on TEXT,
  reason TEXT,
  -- a broken agreement has been taken back to mediation (only once)
  reopened BIGINT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX mediations_compound ON mediations(compound_node_id, id);

-- A party is a person of the registry (shown masked) or a free name, in the order given.
-- role: applicant, respondent or other
CREATE TABLE mediation_parties (
  id {{id}},
  mediation_id BIGINT NOT NULL REFERENCES mediations(id),
  party_index BIGINT NOT NULL,
  person_id BIGINT REFERENCES people(id),
  name TEXT,
  role TEXT NOT NULL,
  UNIQUE (mediation_id, party_index)
);

-- attendees: JSON array of party indexes
CREATE TABLE mediation_sessions (
  id {{id}},
  mediation_id BIGINT NOT NULL REFERENCES mediations(id),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL,
  attendees TEXT NOT NULL,
  notes TEXT NOT NULL,
  next_step TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX mediation_sessions_mediation ON mediation_sessions(mediation_id, id);

CREATE TABLE mediation_follow_ups (
  id {{id}},
  mediation_id BIGINT NOT NULL REFERENCES mediations(id),
  visited_on TEXT NOT NULL,
  note TEXT NOT NULL,
  kept BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX mediation_follow_ups_mediation ON mediation_follow_ups(mediation_id, id);

-- kind: created, updated, transition, session, follow_up or reopen
CREATE TABLE mediation_events (
  id {{id}},
  mediation_id BIGINT NOT NULL REFERENCES mediations(id),
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  note TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX mediation_events_mediation ON mediation_events(mediation_id, id);
