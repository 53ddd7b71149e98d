-- Surveys with one response per household (docs/modules/engagement.md#surveys, docs/rules.md#h-households).
-- Times are ISO-8601 UTC text (iso_utc). A household is a residential part (parts.use = 'residential').

-- kind: general or satisfaction (the monthly property satisfaction survey of a compound);
-- state: draft, open or closed. questions: the JSON list of questions, frozen once opened.
CREATE TABLE surveys (
  id {{id}},
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  questions TEXT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT
);
CREATE INDEX surveys_node ON surveys(node_id, closes_at);

-- channel: online (by a resident of the household, person_id) or paper (typed in by staff with the
-- form's number). The compound and building of the household are kept for the results' breakdown.
CREATE TABLE survey_responses (
  id {{id}},
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  household_id BIGINT NOT NULL REFERENCES org_nodes(id),
  compound_id BIGINT NOT NULL REFERENCES org_nodes(id),
  building_id BIGINT NOT NULL REFERENCES org_nodes(id),
  channel TEXT NOT NULL,
  person_id BIGINT REFERENCES people(id),
  paper_form_number TEXT,
  entered_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
-- One voice per household: whichever channel comes second, and however many at once, is refused.
CREATE UNIQUE INDEX survey_responses_household ON survey_responses(survey_id, household_id);
CREATE UNIQUE INDEX survey_responses_form ON survey_responses(survey_id, paper_form_number)
  WHERE paper_form_number IS NOT NULL;

-- One row per option chosen, per scale value or per text: results are counted in SQL.
CREATE TABLE survey_answers (
  id {{id}},
  response_id BIGINT NOT NULL REFERENCES survey_responses(id),
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  question BIGINT NOT NULL,
  value BIGINT,
  text TEXT
);
CREATE INDEX survey_answers_survey ON survey_answers(survey_id, question, value);
CREATE INDEX survey_answers_response ON survey_answers(response_id);
