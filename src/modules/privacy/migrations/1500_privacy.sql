-- A person's rights over their own data (docs/modules/privacy.md): the versions of the privacy notice,
-- each person's consents to them, and the requests to correct what the registry holds. Times are
-- ISO-8601 UTC text (iso_utc).

-- A version is published once and never edited; the current one is the highest.
CREATE TABLE privacy_notices (
  id {{id}},
  version BIGINT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  -- NULL for version 1, written when the database was first prepared
  published_by_user_id BIGINT REFERENCES users(id),
  published_at TEXT NOT NULL
);

-- The person consents (the account is who clicked); no client address is kept.
CREATE TABLE privacy_consents (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL REFERENCES privacy_notices(version),
  consented_at TEXT NOT NULL,
  UNIQUE (person_id, version)
);

-- field: name, phone, id_number, home or other; status: open, corrected or rejected. The proposed value,
-- the note and staff's reply are personal data, sealed with the data key like the registry's columns.
-- home_node_id: the person's home node when asked, which scopes the staff who answer.
CREATE TABLE privacy_corrections (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  home_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  field TEXT NOT NULL,
  proposed_enc TEXT NOT NULL,
  note_enc TEXT,
  status TEXT NOT NULL,
  reply_enc TEXT,
  resolved_by_user_id BIGINT REFERENCES users(id),
  resolved_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX privacy_corrections_person ON privacy_corrections(person_id, status);
CREATE INDEX privacy_corrections_home ON privacy_corrections(home_node_id, status, id);
