-- Elevator retrofits per stairwell unit (加装电梯, docs/rules.md#e-elevators; 西四苑): each street's
-- policy, projects with their stage history, working groups, the consent vote (a matter-7 vote of
-- the voting module), cost agreements, maintenance contracts and mediation records.
-- Dates are YYYY-MM-DD; money in fen.
CREATE TABLE elevator_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  min_floors BIGINT NOT NULL,
  group_size BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE elevator_projects (
  id {{id}},
  unit_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  -- proposal, consent, design, approval, construction, acceptance, in_service or withdrawn
  stage TEXT NOT NULL,
  vote_id BIGINT REFERENCES votes(id),
  created_at TEXT NOT NULL
);
CREATE INDEX elevator_projects_compound ON elevator_projects(compound_node_id);
-- One project per unit that is not withdrawn.
CREATE UNIQUE INDEX elevator_projects_unit_active ON elevator_projects(unit_node_id) WHERE stage <> 'withdrawn';

CREATE TABLE elevator_stage_events (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES elevator_projects(id),
  stage TEXT NOT NULL,
  on_date TEXT NOT NULL,
  by_user_id BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX elevator_stage_events_project ON elevator_stage_events(project_id);

-- person_id for a member in the people registry; name otherwise.
CREATE TABLE elevator_group_members (
  project_id BIGINT NOT NULL REFERENCES elevator_projects(id),
  position BIGINT NOT NULL,
  person_id BIGINT REFERENCES people(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (project_id, position)
);

-- floor_weights: JSON object floor → weight text ("0.5"), NULL when split by exclusive area.
CREATE TABLE elevator_cost_agreements (
  project_id BIGINT PRIMARY KEY REFERENCES elevator_projects(id),
  total_fen BIGINT NOT NULL,
  floor_weights TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE elevator_contracts (
  project_id BIGINT PRIMARY KEY REFERENCES elevator_projects(id),
  provider TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  maintenance_years BIGINT NOT NULL,
  warranty_years BIGINT NOT NULL,
  annual_fee_fen BIGINT NOT NULL,
  response_minutes BIGINT,
  note TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE elevator_mediations (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES elevator_projects(id),
  held_on TEXT NOT NULL,
  -- community or street
  level TEXT NOT NULL,
  -- JSON array of the parties as described
  parties TEXT NOT NULL,
  mediator_person_id BIGINT REFERENCES people(id),
  mediator_name TEXT,
  issue TEXT NOT NULL,
  -- agreed, not_agreed or pending
  outcome TEXT NOT NULL,
  agreement TEXT,
  recorded_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX elevator_mediations_project ON elevator_mediations(project_id);
