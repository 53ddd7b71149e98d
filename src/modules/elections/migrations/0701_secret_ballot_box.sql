-- Secret ballots keyed by their random receipt code and, on SQLite, without a rowid: no key,
-- column or storage order follows the order of casting (the shuffled slots of 0700 left SQLite's
-- rowid in that order). Existing ballots move over in key order.
CREATE TABLE election_ballot_box (
  receipt_code TEXT{{bytewise}} PRIMARY KEY,
  election_id BIGINT NOT NULL REFERENCES elections(id),
  round BIGINT NOT NULL,
  channel TEXT NOT NULL,
  choices TEXT NOT NULL,
  cast_on TEXT NOT NULL
){{without_rowid}};
INSERT INTO election_ballot_box (receipt_code, election_id, round, channel, choices, cast_on)
  SELECT receipt_code, election_id, round, channel, choices, cast_on FROM election_ballots ORDER BY receipt_code;
DROP TABLE election_ballots;
ALTER TABLE election_ballot_box RENAME TO election_ballots;
CREATE INDEX election_ballots_round ON election_ballots(election_id, round);

-- The sealed ballot box of a counted round: how many ballots, and the running hash over them in
-- key order, which `weizhi verify` recomputes.
ALTER TABLE election_rounds ADD COLUMN ballot_count BIGINT;
ALTER TABLE election_rounds ADD COLUMN ballot_hash TEXT;
