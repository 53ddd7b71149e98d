-- Compound public service cases (the 57 items and the three-step method, docs/modules/cases.md): each
-- street's catalogue of items with their SLAs, the cases reported against it with their due
-- times, the events of their timeline, residents' ratings and the chain level reached. Times are
-- ISO-8601 UTC text (iso_utc), which sorts correctly on both engines.
CREATE TABLE case_items (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  -- property_company, committee, commissioner, community, street, utility or social_org
  party TEXT NOT NULL,
  pre BIGINT NOT NULL,
  in_process BIGINT NOT NULL,
  follow_up BIGINT NOT NULL,
  response_hours BIGINT NOT NULL,
  resolution_days BIGINT NOT NULL,
  revisit_required BIGINT NOT NULL,
  active BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (street_node_id, code)
);

CREATE TABLE cases (
  id {{id}},
  item_id BIGINT NOT NULL REFERENCES case_items(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  part_node_id BIGINT REFERENCES org_nodes(id),
  building_node_id BIGINT REFERENCES org_nodes(id),
  address TEXT NOT NULL,
  description TEXT NOT NULL,
  -- JSON array of photo ids
  photos TEXT NOT NULL,
  -- resident_h5, hotline, patrol or open311
  channel TEXT NOT NULL,
  -- reported, accepted, assigned, in_progress, resolved, verified, closed, returned,
  -- transferred, duplicate or closed_not_fixed
  state TEXT NOT NULL,
  reporter_user_id BIGINT REFERENCES users(id),
  assignee_user_id BIGINT REFERENCES users(id),
  original_id BIGINT REFERENCES cases(id),
  close_reason TEXT,
  reported_at TEXT NOT NULL,
  response_due_at TEXT NOT NULL,
  resolve_due_at TEXT NOT NULL,
  accepted_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  reopened BIGINT NOT NULL,
  revisited_on TEXT,
  -- the highest chain level recorded by an escalation run: 0 none … 4 street
  escalation_level BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX cases_compound ON cases(compound_node_id, id);
CREATE INDEX cases_reporter ON cases(reporter_user_id, id);
CREATE INDEX cases_state_due ON cases(state, resolve_due_at);

-- kind: transition, note, rating, revisit or reopen
CREATE TABLE case_events (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  note TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE case_ratings (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  score BIGINT NOT NULL,
  comment TEXT NOT NULL,
  reopened BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX case_ratings_case ON case_ratings(case_id);
