-- The registry of the org tree: details by node kind (community offices, building floors, the
-- exclusive parts with their areas) and the property clusters that group communities.
CREATE TABLE communities (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  party_committee_name TEXT,
  tripartite_office_name TEXT
);

CREATE TABLE buildings (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  floors BIGINT NOT NULL,
  has_elevator BIGINT NOT NULL DEFAULT 0
);

-- area_centi_m2 is in 0.01 m²; use and area_source hold the codes of docs/rules.md#b-area-source.
CREATE TABLE parts (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  unit_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  room_number TEXT NOT NULL,
  floor BIGINT NOT NULL,
  use TEXT NOT NULL,
  area_centi_m2 BIGINT NOT NULL,
  area_source TEXT NOT NULL
);
CREATE UNIQUE INDEX parts_unit_room ON parts(unit_node_id, room_number);

CREATE TABLE property_clusters (
  id {{id}},
  name TEXT NOT NULL,
  code TEXT UNIQUE
);

CREATE TABLE property_cluster_communities (
  cluster_id BIGINT REFERENCES property_clusters(id),
  community_node_id BIGINT NOT NULL UNIQUE REFERENCES org_nodes(id)
);
CREATE INDEX property_cluster_communities_cluster ON property_cluster_communities(cluster_id);

-- Communities created before this registry get their (empty) details row.
INSERT INTO communities (node_id) SELECT id FROM org_nodes WHERE kind = 'community';
