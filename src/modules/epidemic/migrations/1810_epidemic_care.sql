-- Observation care (docs/rules.md#i-observation-care): each street's check-in hour, the households' daily health
-- check-ins and their help requests, sensitive data sealed with the data key under PIPL Art. 13(4) and purged
-- 30 days after the observation ends, and the counts each observation keeps of them once purged.
CREATE TABLE epidemic_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  -- households without a check-in by this hour (0-23, the street's time) are missed
  check_in_by_hour BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

ALTER TABLE epidemic_observations ADD COLUMN check_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE epidemic_observations ADD COLUMN help_requests BIGINT NOT NULL DEFAULT 0;
ALTER TABLE epidemic_observations ADD COLUMN purged_at TEXT;

-- One check-in per household (part) and day; a second the same day replaces the first.
CREATE TABLE epidemic_check_ins (
  id {{id}},
  observation_id BIGINT NOT NULL REFERENCES epidemic_observations(id),
  part_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- YYYY-MM-DD, the street's day
  on_date TEXT NOT NULL,
  -- h5 or phone
  channel TEXT NOT NULL,
  -- 37.3 or more, or a symptom: kept beside the sealed values so that the daily work lists it without the key
  abnormal BIGINT NOT NULL,
  -- encrypted JSON {temperature_tenths, symptoms, note}
  health TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  recorded_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (observation_id, part_node_id, on_date)
);

-- A household's request for supplies, medicine or counselling, worked as a case.
CREATE TABLE epidemic_help_requests (
  id {{id}},
  observation_id BIGINT NOT NULL REFERENCES epidemic_observations(id),
  part_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- supplies, medicine or counselling
  kind TEXT NOT NULL,
  -- encrypted; NULL once purged
  detail TEXT,
  legal_basis TEXT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  -- the resident's account; NULL when the staff took the request down for the household by phone
  requester_user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX epidemic_help_requests_observation ON epidemic_help_requests(observation_id);
CREATE INDEX epidemic_help_requests_requester ON epidemic_help_requests(requester_user_id);
