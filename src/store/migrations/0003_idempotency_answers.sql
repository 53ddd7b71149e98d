-- The answers kept for Idempotency-Key retries of POST routes (docs/api.md#idempotency-key), for
-- every route alike. A row tells whoever holds the database neither whose it is nor what it says:
-- its key is a keyed hash of the caller and the client's key, the answer (with the exact moment
-- and the request's digest) is sealed with a key derived from the client's key, and only the day
-- is in clear, for the purge. Stored by its key, without SQLite's rowid, so no column and no
-- storage order follows the order requests came in (a secret ballot's answer is one of them).
CREATE TABLE idempotency_answers (
  key_hash TEXT{{bytewise}} PRIMARY KEY,
  kept_on TEXT NOT NULL,
  sealed TEXT NOT NULL
){{without_rowid}};
CREATE INDEX idempotency_answers_day ON idempotency_answers(kept_on);
