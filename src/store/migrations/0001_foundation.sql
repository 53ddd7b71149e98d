-- The foundation: the org tree (its domain meaning comes from the org module), accounts,
-- role assignments and permissions, sessions, API tokens and the hash-chained audit log.
CREATE TABLE org_nodes (
  id {{id}},
  parent_id BIGINT REFERENCES org_nodes(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT UNIQUE,
  path TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX org_nodes_parent ON org_nodes(parent_id);
CREATE INDEX org_nodes_path ON org_nodes(path);

CREATE TABLE users (
  id {{id}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Filled from the grants the modules declare, on every start (app/grants.cpp), never by a migration.
CREATE TABLE role_permissions (
  role TEXT NOT NULL,
  permission TEXT NOT NULL,
  PRIMARY KEY (role, permission)
);

CREATE TABLE role_assignments (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  scope_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX role_assignments_user ON role_assignments(user_id);

CREATE TABLE sessions (
  id {{id}},
  token_digest TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  summary TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity);
CREATE INDEX audit_log_actor ON audit_log(actor);
