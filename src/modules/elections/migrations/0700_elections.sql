-- Seven-step differential elections of self-management committees (docs/rules.md#d-elections):
-- the election, each step's opening and supervisor sign-off, visits, candidates, the frozen
-- roll of voters, complaints, secret ballots, paper accounting and double entry, and counts.
CREATE TABLE elections (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  seats BIGINT NOT NULL,
  roll_policy TEXT NOT NULL,
  majority_base TEXT NOT NULL,
  step_names TEXT NOT NULL,
  current_step BIGINT NOT NULL,
  state TEXT NOT NULL,
  committee_id BIGINT REFERENCES committees(id),
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX elections_compound ON elections(compound_node_id);

-- publicity_ends_on is the last day of the step's publicity period (YYYY-MM-DD), when it has one.
CREATE TABLE election_steps (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  step BIGINT NOT NULL,
  opened_at TEXT NOT NULL,
  publicity_ends_on TEXT,
  signed_off_by_user_id BIGINT REFERENCES users(id),
  signed_off_at TEXT,
  sign_off_note TEXT,
  PRIMARY KEY (election_id, step)
);

CREATE TABLE election_visits (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  election_id BIGINT REFERENCES elections(id),
  visitor_person_id BIGINT NOT NULL REFERENCES people(id),
  visited_person_id BIGINT NOT NULL REFERENCES people(id),
  visited_on TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX election_visits_election ON election_visits(election_id);
CREATE INDEX election_visits_compound ON election_visits(compound_node_id);

CREATE TABLE election_candidates (
  id {{id}},
  election_id BIGINT NOT NULL REFERENCES elections(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  nomination TEXT NOT NULL,
  nominated_by TEXT NOT NULL,
  origin TEXT NOT NULL,
  vetting TEXT NOT NULL,
  vetting_reason TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (election_id, person_id)
);

-- The frozen roll: who may vote and, without any time, the last round they took part in (0 for
-- none). token_hash holds the hash of an unused one-time ballot token, only until it is used.
CREATE TABLE election_voters (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  token_hash TEXT UNIQUE,
  token_round BIGINT NOT NULL DEFAULT 0,
  voted_round BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (election_id, person_id)
);

-- Secret ballots, online and paper alike: no voter, no time finer than the day. Each new ballot
-- swaps contents with a randomly chosen slot, so slot order is a random permutation of casting.
CREATE TABLE election_ballots (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  round BIGINT NOT NULL,
  slot BIGINT NOT NULL,
  channel TEXT NOT NULL,
  choices TEXT NOT NULL,
  receipt_code TEXT NOT NULL UNIQUE,
  cast_on TEXT NOT NULL,
  PRIMARY KEY (election_id, round, slot)
);

CREATE TABLE election_paper_accounts (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  round BIGINT NOT NULL,
  issued BIGINT NOT NULL,
  returned BIGINT NOT NULL,
  spoiled BIGINT NOT NULL,
  recorded_by_user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (election_id, round)
);

-- Paper ballots are numbered, never named; each number is typed by two clerks.
CREATE TABLE election_paper_entries (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  round BIGINT NOT NULL,
  ballot_number TEXT NOT NULL,
  clerk_user_id BIGINT NOT NULL REFERENCES users(id),
  choices TEXT NOT NULL,
  settled BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (election_id, round, ballot_number, clerk_user_id)
);

CREATE TABLE election_complaints (
  id {{id}},
  election_id BIGINT NOT NULL REFERENCES elections(id),
  step BIGINT NOT NULL,
  text TEXT NOT NULL,
  answer TEXT,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX election_complaints_election ON election_complaints(election_id);

-- One row per round counted: its kind, candidates and the count as JSON; lot drawings recorded.
CREATE TABLE election_rounds (
  election_id BIGINT NOT NULL REFERENCES elections(id),
  round BIGINT NOT NULL,
  kind TEXT NOT NULL,
  seats BIGINT NOT NULL,
  candidate_ids TEXT NOT NULL,
  result TEXT,
  lot_drawing TEXT,
  PRIMARY KEY (election_id, round)
);
