-- Governance (微组织, parts 3–5 and 7 of the issue): party organisations and how they map to
-- compounds, each compound's party form, commissioners, the community positions of the
-- responsibility chain, grids and third-party social organisations.
CREATE TABLE party_orgs (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  secretary_person_id BIGINT REFERENCES people(id),
  created_at TEXT NOT NULL
);
CREATE INDEX party_orgs_community ON party_orgs(community_node_id);

CREATE TABLE party_branch_compounds (
  branch_id BIGINT NOT NULL REFERENCES party_orgs(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  PRIMARY KEY (branch_id, compound_node_id)
);
CREATE INDEX party_branch_compounds_compound ON party_branch_compounds(compound_node_id);

CREATE TABLE compound_party_settings (
  compound_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  led_by_community_committee BIGINT NOT NULL DEFAULT 0,
  form_override TEXT
);

CREATE TABLE party_memberships (
  person_id BIGINT NOT NULL REFERENCES people(id),
  party_org_id BIGINT NOT NULL REFERENCES party_orgs(id),
  PRIMARY KEY (person_id, party_org_id)
);

CREATE TABLE commissioner_assignments (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  from_two_committees BIGINT NOT NULL DEFAULT 0,
  also_party_secretary BIGINT NOT NULL DEFAULT 0,
  first_secretary BIGINT NOT NULL DEFAULT 0,
  grid_chief BIGINT NOT NULL DEFAULT 0,
  since TEXT NOT NULL,
  until TEXT
);
CREATE INDEX commissioner_assignments_compound ON commissioner_assignments(compound_node_id);
CREATE INDEX commissioner_assignments_person ON commissioner_assignments(person_id);

CREATE TABLE community_positions (
  id {{id}},
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  position TEXT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people(id),
  since TEXT NOT NULL,
  until TEXT
);
CREATE INDEX community_positions_community ON community_positions(community_node_id, position);

CREATE TABLE grids (
  id {{id}},
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  chief_person_id BIGINT REFERENCES people(id)
);
CREATE INDEX grids_community ON grids(community_node_id);

CREATE TABLE grid_buildings (
  grid_id BIGINT NOT NULL REFERENCES grids(id),
  building_node_id BIGINT NOT NULL UNIQUE REFERENCES org_nodes(id)
);
CREATE INDEX grid_buildings_grid ON grid_buildings(grid_id);

CREATE TABLE social_orgs (
  id {{id}},
  name TEXT NOT NULL,
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  service TEXT NOT NULL,
  contact_person_id BIGINT REFERENCES people(id),
  created_at TEXT NOT NULL
);
CREATE INDEX social_orgs_node ON social_orgs(node_id);

-- The organisation statistics count a subtree's nodes by kind and pick its compounds: with kind
-- first and the path beside it, both are answered from this index alone.
CREATE INDEX org_nodes_kind_path ON org_nodes(kind, path);
