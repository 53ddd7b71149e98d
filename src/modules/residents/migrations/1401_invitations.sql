-- Household invitation letters (docs/modules/residents.md#invitation-letters): the batches staff issue per
-- building, one code per household (a part) kept only as a keyed hash, the wrong codes tried from each
-- client address (kept as a keyed hash), and the requests that wait for the community's confirmation
-- when invitation_needs_confirmation is on (the phone sealed, indexed and masked as the registry keeps it).
CREATE TABLE invitation_batches (
  id {{id}},
  building_id BIGINT NOT NULL REFERENCES org_nodes(id),
  issued_by BIGINT NOT NULL REFERENCES users(id),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX invitation_batches_building ON invitation_batches(building_id);

CREATE TABLE invitations (
  id {{id}},
  batch_id BIGINT NOT NULL REFERENCES invitation_batches(id),
  part_id BIGINT NOT NULL REFERENCES org_nodes(id),
  code_hash TEXT NOT NULL UNIQUE,
  used_at TEXT,
  voided_at TEXT
);
CREATE INDEX invitations_batch ON invitations(batch_id);

CREATE TABLE invitation_guesses (
  id {{id}},
  address_index TEXT NOT NULL,
  guessed_at TEXT NOT NULL
);
CREATE INDEX invitation_guesses_address ON invitation_guesses(address_index, guessed_at);

CREATE TABLE invitation_requests (
  id {{id}},
  invitation_id BIGINT NOT NULL REFERENCES invitations(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  phone_enc TEXT NOT NULL,
  phone_index TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_at TEXT,
  decided_by BIGINT REFERENCES users(id)
);
CREATE INDEX invitation_requests_state ON invitation_requests(state);

-- A code sent to redeem a letter answers that letter only, never the sign-in by phone.
ALTER TABLE sms_codes ADD COLUMN invitation_id BIGINT REFERENCES invitations(id);
