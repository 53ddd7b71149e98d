-- Votes of the owners (Civil Code Art. 278): the vote with its policies and published result,
-- the roll frozen at opening, ballots (one per voter across channels), the two clerks' paper
-- entries, proxies with their letter reference, and the answers kept for Idempotency-Key retries.
CREATE TABLE votes (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  matter BIGINT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_node_ids TEXT NOT NULL,
  items TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  channels TEXT NOT NULL,
  follow_majority TEXT NOT NULL,
  extension TEXT NOT NULL,
  extended BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  organiser_user_id BIGINT NOT NULL REFERENCES users(id),
  roll_fingerprint TEXT,
  ballots_fingerprint TEXT,
  result_fingerprint TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT,
  published_at TEXT
);
CREATE INDEX votes_compound ON votes(compound_node_id);

-- owner_id is the person casting the part's vote, NULL while the part has none; area in 0.01 m².
CREATE TABLE vote_roll (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  part_id BIGINT NOT NULL REFERENCES org_nodes(id),
  owner_id BIGINT REFERENCES people(id),
  owner_kind TEXT NOT NULL,
  area_centi_m2 BIGINT NOT NULL,
  use TEXT NOT NULL,
  PRIMARY KEY (vote_id, part_id)
);
CREATE INDEX vote_roll_owner ON vote_roll(vote_id, owner_id);

CREATE TABLE vote_proxies (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  voter_id BIGINT NOT NULL REFERENCES people(id),
  proxy_person_id BIGINT NOT NULL REFERENCES people(id),
  letter_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (vote_id, voter_id)
);
CREATE INDEX vote_proxies_proxy ON vote_proxies(proxy_person_id);

CREATE TABLE vote_ballots (
  id {{id}},
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  voter_id BIGINT NOT NULL REFERENCES people(id),
  channel TEXT NOT NULL,
  choices TEXT NOT NULL,
  receipt_code TEXT NOT NULL UNIQUE,
  recorded_by_user_id BIGINT REFERENCES users(id),
  proxy_person_id BIGINT REFERENCES people(id),
  recorded_at TEXT NOT NULL,
  UNIQUE (vote_id, voter_id)
);

CREATE TABLE vote_paper_entries (
  id {{id}},
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  voter_id BIGINT NOT NULL REFERENCES people(id),
  clerk_user_id BIGINT NOT NULL REFERENCES users(id),
  choices TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  UNIQUE (vote_id, voter_id, clerk_user_id)
);
CREATE INDEX vote_paper_entries_voter ON vote_paper_entries(vote_id, voter_id);

CREATE TABLE vote_idempotency (
  user_id BIGINT NOT NULL REFERENCES users(id),
  idempotency_key TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  status BIGINT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
