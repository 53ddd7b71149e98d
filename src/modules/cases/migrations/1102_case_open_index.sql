-- The inboxes read open cases newest first (overdue, unassigned, escalated): a partial index over
-- the open ones only, carrying what the overdue test needs, so that those reads stay small however
-- many closed cases the years pile up.
CREATE INDEX cases_open ON cases(id, compound_node_id, state, resolve_due_at, response_due_at)
  WHERE state IN ('reported', 'accepted', 'assigned', 'in_progress', 'transferred');
