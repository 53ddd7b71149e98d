-- The audit log filtered by action reads newest first: an index on (action, seq) keeps that a short
-- range read however long the log grows.
CREATE INDEX audit_log_action ON audit_log(action, seq);
