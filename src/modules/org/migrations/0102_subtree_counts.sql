-- How many nodes of each kind lie below each node (the node itself not counted), kept up to date by
-- every insert, move and delete of the org tree, so that a street's statistics read a few rows
-- instead of counting its whole registry.
CREATE TABLE org_subtree_counts (
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  kind TEXT NOT NULL,
  nodes BIGINT NOT NULL,
  PRIMARY KEY (node_id, kind)
);

-- The counts of the nodes already registered: every (node, ancestor) pair through the parent links.
WITH RECURSIVE below(node_id, ancestor_id) AS (
  SELECT id, parent_id FROM org_nodes WHERE parent_id IS NOT NULL
  UNION ALL
  SELECT below.node_id, n.parent_id FROM below JOIN org_nodes n ON n.id = below.ancestor_id
  WHERE n.parent_id IS NOT NULL
)
INSERT INTO org_subtree_counts (node_id, kind, nodes)
SELECT below.ancestor_id, d.kind, COUNT(*) FROM below JOIN org_nodes d ON d.id = below.node_id
GROUP BY below.ancestor_id, d.kind;
