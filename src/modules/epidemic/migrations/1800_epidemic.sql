-- Epidemic mode (疫情防控, docs/modules/epidemic.md): observation points (整楼居家隔离医学观察) declared on a
-- building or a unit for a period, the staff named on each, and the credentials each holds suspended, so that
-- overlapping observations suspend a credential once and restore it only when the last of them ends.
-- Dates are YYYY-MM-DD in the street's time.
CREATE TABLE epidemic_observations (
  id {{id}},
  -- the building or unit observed, and its compound
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  starts_on TEXT NOT NULL,
  -- the last day observed
  ends_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- planned, active or ended
  state TEXT NOT NULL,
  -- households (parts with people registered) and persons under the node when it started
  households BIGINT NOT NULL,
  persons BIGINT NOT NULL,
  ended_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX epidemic_observations_compound ON epidemic_observations(compound_node_id, state);

-- The staff who work the observation: they keep their access and alone see its households' check-ins.
CREATE TABLE epidemic_observation_staff (
  observation_id BIGINT NOT NULL REFERENCES epidemic_observations(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (observation_id, user_id)
);

-- The credentials an observation holds suspended while it lasts.
CREATE TABLE epidemic_observation_credentials (
  observation_id BIGINT NOT NULL REFERENCES epidemic_observations(id),
  credential_id BIGINT NOT NULL REFERENCES access_credentials(id),
  PRIMARY KEY (observation_id, credential_id)
);
CREATE INDEX epidemic_observation_credentials_credential ON epidemic_observation_credentials(credential_id);
