-- Access (门禁, docs/modules/access.md): each compound's gates in the street's three tiers with their weekly
-- opening hours and status, the guard roster of the main gates, and the credentials that open them — a card,
-- a rotating QR code whose TOTP secret is kept encrypted, or a face enrolled on the device (no image here).
-- Dates are YYYY-MM-DD, times of day minutes after midnight in the street's time.
CREATE TABLE access_gates (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  -- main, middle or small
  tier TEXT NOT NULL,
  -- JSON: {"always": true} or {"always": false, "windows": [{"weekdays": [1..7], "from": min, "to": min}]}
  hours TEXT NOT NULL,
  -- open, closed or fault
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (compound_node_id, name)
);

-- The guard roster of a main gate, in the order given.
CREATE TABLE access_gate_shifts (
  id {{id}},
  gate_id BIGINT NOT NULL REFERENCES access_gates(id),
  guard_name TEXT NOT NULL,
  from_minute BIGINT NOT NULL,
  to_minute BIGINT NOT NULL,
  -- JSON array of ISO weekdays
  weekdays TEXT NOT NULL
);
CREATE INDEX access_gate_shifts_gate ON access_gate_shifts(gate_id);

CREATE TABLE access_credentials (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- a resident of the compound, or a staff account with a role on it
  person_id BIGINT REFERENCES people(id),
  user_id BIGINT REFERENCES users(id),
  -- card, qr or face
  kind TEXT NOT NULL,
  -- the card number or the face enrolment's employee code on the device
  number TEXT,
  -- the QR code's TOTP secret, encrypted with the data key
  secret_enc TEXT,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  -- active, suspended or revoked
  state TEXT NOT NULL,
  reason TEXT,
  -- what suspended it: manual, or the kind of record (and its id) that did
  suspended_by_kind TEXT,
  suspended_by_id BIGINT,
  -- the committee's approval for the small gates
  approval_person_id BIGINT REFERENCES people(id),
  approval_reference TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX access_credentials_compound ON access_credentials(compound_node_id, state);
CREATE INDEX access_credentials_person ON access_credentials(person_id);
CREATE INDEX access_credentials_user ON access_credentials(user_id);
-- A card or face code opens one holder's credential at a time in a compound.
CREATE UNIQUE INDEX access_credentials_number ON access_credentials(compound_node_id, kind, number)
  WHERE number IS NOT NULL AND state <> 'revoked';
