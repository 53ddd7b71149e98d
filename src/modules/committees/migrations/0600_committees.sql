-- Self-management committees (自管会, docs/modules/committees.md): each street's policy (term, the ten duties,
-- party-member share, how the commissioner joins, publicity days), each compound's committees
-- term after term (the current one has no ended_on), their members (current ones have no
-- left_at) and their ordered alternates.
CREATE TABLE committee_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  term_years BIGINT NOT NULL,
  duties TEXT NOT NULL,
  party_share_percent BIGINT NOT NULL,
  commissioner_joins TEXT NOT NULL,
  publicity_days BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE committees (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  term_starts_on TEXT NOT NULL,
  term_ends_on TEXT NOT NULL,
  -- the day the next term's committee took over
  ended_on TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX committees_current ON committees(compound_node_id) WHERE ended_on IS NULL;

CREATE TABLE committee_members (
  id {{id}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  position TEXT NOT NULL,
  origin TEXT NOT NULL,
  votes BIGINT,
  joined_at TEXT NOT NULL,
  left_at TEXT,
  leaving_reason TEXT
);
CREATE INDEX committee_members_committee ON committee_members(committee_id);
CREATE UNIQUE INDEX committee_members_current ON committee_members(committee_id, person_id) WHERE left_at IS NULL;

-- rank 1 is promoted first; a promoted alternate keeps its row, with promoted_at set, and joins
-- the members with its origin.
CREATE TABLE committee_alternates (
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  origin TEXT NOT NULL,
  rank BIGINT NOT NULL,
  votes BIGINT,
  promoted_at TEXT,
  PRIMARY KEY (committee_id, person_id)
);
