-- A compound's outline on the street's map: a GeoJSON Polygon or Point as the rules checked it
-- (modules/org/outline_rules.hpp), at most one per node, gone with its node.
CREATE TABLE org_outlines (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id) ON DELETE CASCADE,
  geometry TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
