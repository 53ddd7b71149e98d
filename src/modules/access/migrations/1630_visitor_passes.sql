-- Visitor passes (访客通行证, docs/modules/access.md#visitor-passes): a household's pass for a visitor, checked at the
-- gate through a token signed with the platform's Ed25519 key, whose secret half is kept encrypted with the data key.
-- The visitor's name and phone are kept encrypted with their masked forms beside them; kept 180 days past expiry.
CREATE TABLE access_signing_keys (
  id {{id}},
  -- what the key signs: visitor_pass; one key each, made on first need
  purpose TEXT NOT NULL UNIQUE,
  -- base64 of the 32-byte Ed25519 public key, handed to the terminals
  public_key TEXT NOT NULL,
  -- the 64-byte Ed25519 secret key as hex, encrypted with the data key; never returned
  secret_enc TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE access_visitor_passes (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- the household that issued it, and the account that did
  part_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  issued_by BIGINT NOT NULL REFERENCES users(id),
  name_enc TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_enc TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  -- once or many
  uses TEXT NOT NULL,
  -- JSON array of the gate tiers it opens
  tiers TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- the first passage, and how many there were
  used_at TEXT,
  use_count BIGINT NOT NULL,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX access_visitor_passes_part ON access_visitor_passes(part_node_id, created_at);
CREATE INDEX access_visitor_passes_compound ON access_visitor_passes(compound_node_id, expires_at);

-- A passage is pulled from a terminal (device) or answered by the platform's check (check: a guard's phone or a
-- terminal online), which numbers it by its audit entry and names the visitor pass it checked, if any.
ALTER TABLE access_events ADD COLUMN source TEXT NOT NULL DEFAULT 'device';
ALTER TABLE access_events ADD COLUMN visitor_pass_id BIGINT;
