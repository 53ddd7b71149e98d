-- Identity checks before an owner's online ballot (docs/rules.md#c-identity-check) and proxies an owner names
-- on the H5 (docs/rules.md#c-h5-proxy).
-- Each street's voting policy: whether an online ballot needs the ID check first (all, major_matters, off).
CREATE TABLE voting_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  online_ballot_id_check TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The street's policy as it stood when the vote opened, so that a later change never alters an open vote's rules;
-- NULL while a draft. Votes opened before the check existed opened without it.
ALTER TABLE votes ADD COLUMN identity_check TEXT;
UPDATE votes SET identity_check = 'off' WHERE state <> 'draft';

-- One row per person checked in a vote: wrong answers so far and when they passed. The digits are never kept.
CREATE TABLE vote_identity_checks (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  failures BIGINT NOT NULL DEFAULT 0,
  passed_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (vote_id, person_id)
);

-- A proxy is recorded by an organiser from a paper letter ('paper', letter_reference) or named by the owner on
-- the H5 ('h5', the owner's typed statement, encrypted like other personal data).
ALTER TABLE vote_proxies ADD COLUMN source TEXT NOT NULL DEFAULT 'paper';
ALTER TABLE vote_proxies ADD COLUMN statement_enc TEXT;
