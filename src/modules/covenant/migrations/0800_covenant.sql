-- Management covenants (管理规约, Civil Code Art. 278 matter 2, docs/rules.md#a-covenant-adoption;
-- the "self-selected actions"): each street's extra clause types, each compound's covenant
-- versions (one adopted at a time, by a vote of matter 2) with numbered clauses and their
-- enforcement rules, households' acknowledgements, and violations with re-inspections and the
-- escalations recorded up the chain.
-- Dates are YYYY-MM-DD; areas in 0.01 m².
CREATE TABLE covenant_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  extra_clause_types TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE covenant_versions (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  number BIGINT NOT NULL,
  title TEXT NOT NULL,
  -- draft, adopted or superseded
  state TEXT NOT NULL,
  vote_id BIGINT REFERENCES votes(id),
  vote_item BIGINT,
  adopted_on TEXT,
  superseded_on TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (compound_node_id, number)
);
CREATE UNIQUE INDEX covenant_versions_in_force ON covenant_versions(compound_node_id) WHERE state = 'adopted';

CREATE TABLE covenant_clauses (
  id {{id}},
  version_id BIGINT NOT NULL REFERENCES covenant_versions(id),
  number BIGINT NOT NULL,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  rectification_days BIGINT NOT NULL,
  escalation_days BIGINT NOT NULL,
  UNIQUE (version_id, number)
);

-- person_id is the resident who signed; NULL when staff recorded a paper acknowledgement.
CREATE TABLE covenant_acknowledgements (
  id {{id}},
  version_id BIGINT NOT NULL REFERENCES covenant_versions(id),
  part_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  person_id BIGINT REFERENCES people(id),
  recorded_by_user_id BIGINT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  UNIQUE (version_id, part_node_id)
);

CREATE TABLE covenant_violations (
  id {{id}},
  version_id BIGINT NOT NULL REFERENCES covenant_versions(id),
  clause_id BIGINT NOT NULL REFERENCES covenant_clauses(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- reported, notified, rectifying, removed or closed
  state TEXT NOT NULL,
  reported_on TEXT NOT NULL,
  location TEXT NOT NULL,
  part_node_id BIGINT REFERENCES org_nodes(id),
  area_centi_m2 BIGINT NOT NULL,
  -- JSON array of photo references
  photos TEXT NOT NULL,
  plate TEXT NOT NULL,
  place TEXT NOT NULL,
  description TEXT NOT NULL,
  notified_on TEXT,
  deadline_on TEXT,
  rectifying_on TEXT,
  removed_on TEXT,
  closed_on TEXT,
  close_reason TEXT,
  -- the highest chain level recorded by the escalation run: 0 none … 4 street
  recorded_level BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX covenant_violations_compound ON covenant_violations(compound_node_id, state);
CREATE INDEX covenant_violations_version ON covenant_violations(version_id);

CREATE TABLE covenant_inspections (
  id {{id}},
  violation_id BIGINT NOT NULL REFERENCES covenant_violations(id),
  inspected_on TEXT NOT NULL,
  passed BIGINT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX covenant_inspections_violation ON covenant_inspections(violation_id);

CREATE TABLE covenant_escalations (
  violation_id BIGINT NOT NULL REFERENCES covenant_violations(id),
  -- commissioner, tripartite_director, community_secretary or street
  level TEXT NOT NULL,
  escalated_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (violation_id, level)
);
