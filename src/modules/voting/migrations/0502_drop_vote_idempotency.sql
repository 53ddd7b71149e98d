-- Idempotency-Key answers are kept by the HTTP layer for every POST route alike, in
-- idempotency_answers (src/store/migrations/0003): the voting module's own table goes.
DROP TABLE vote_idempotency;
