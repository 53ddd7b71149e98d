-- Subtree counts compare paths in byte order (a range from a node's path): the index must sort the
-- same way, which on PostgreSQL means the "C" collation.
DROP INDEX org_nodes_kind_path;
CREATE INDEX org_nodes_kind_path ON org_nodes(kind, path{{bytewise}});
