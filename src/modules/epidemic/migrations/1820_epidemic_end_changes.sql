-- Changes of an observation's last day (docs/rules.md#i-observation-change): each extension or shortening with the
-- day before and after, the reason and who made it, so the observation's page shows its history.
CREATE TABLE epidemic_observation_changes (
  id {{id}},
  observation_id BIGINT NOT NULL REFERENCES epidemic_observations(id),
  -- YYYY-MM-DD, the last day before and after the change
  from_ends_on TEXT NOT NULL,
  to_ends_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX epidemic_observation_changes_observation ON epidemic_observation_changes(observation_id);
