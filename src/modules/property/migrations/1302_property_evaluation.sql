-- The monthly three-in-one evaluation (docs/modules/property.md#the-monthly-evaluation): each street's sheet
-- templates per party, versioned, and its evaluation policy; the sheets the street, the community and the
-- committee fill for a contract's month, the street's vetoes, who closed each month and each reopening, and the
-- reviews that two low months in a row open. Months are YYYY-MM; points in hundredths; times ISO-8601 UTC.

-- items: JSON array of {code, name, max (a decimal string), source (null, cases_on_time, resident_rating or
-- violations_overdue: an item the system fills from records)}. A new version replaces none: sheets keep theirs.
CREATE TABLE property_evaluation_templates (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- street, community or committee
  party TEXT NOT NULL,
  version BIGINT NOT NULL,
  items TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (street_node_id, party, version)
);

-- The street's weights (street, community, committee; summing to 100), floor and full (0–100, floor < full), and
-- the day of the next month by which the month's sheets are due.
CREATE TABLE property_evaluation_policies (
  street_node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  street_weight BIGINT NOT NULL,
  community_weight BIGINT NOT NULL,
  committee_weight BIGINT NOT NULL,
  floor BIGINT NOT NULL,
  full_score BIGINT NOT NULL,
  due_day BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

-- items: JSON array of {code, points (hundredths)}, in the template's order; the template gives names and maxima.
CREATE TABLE property_evaluation_sheets (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES property_contracts(id),
  month TEXT NOT NULL,
  party TEXT NOT NULL,
  template_id BIGINT NOT NULL REFERENCES property_evaluation_templates(id),
  items TEXT NOT NULL,
  filled_by BIGINT REFERENCES users(id),
  filled_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (contract_id, month, party)
);

-- photos: JSON array of photo ids.
CREATE TABLE property_evaluation_vetoes (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES property_contracts(id),
  month TEXT NOT NULL,
  code TEXT NOT NULL,
  note TEXT NOT NULL,
  photos TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX property_evaluation_vetoes_month ON property_evaluation_vetoes(contract_id, month);

-- The export the close evaluated (docs/rules.md#g-recount), so that anyone can recount what was published.
ALTER TABLE property_evaluations ADD COLUMN input TEXT;
ALTER TABLE property_evaluations ADD COLUMN closed_by BIGINT REFERENCES users(id);
CREATE INDEX property_evaluations_month ON property_evaluations(month, state);

CREATE TABLE property_evaluation_reopenings (
  id {{id}},
  evaluation_id BIGINT NOT NULL REFERENCES property_evaluations(id),
  reason TEXT NOT NULL,
  -- the result the reopening withdrew
  result TEXT NOT NULL,
  reopened_by BIGINT REFERENCES users(id),
  reopened_at TEXT NOT NULL
);
CREATE INDEX property_evaluation_reopenings_evaluation ON property_evaluation_reopenings(evaluation_id);

-- A contract on review after its months `first_month` and `second_month` both scored below the floor; opened once
-- for that pair.
CREATE TABLE property_evaluation_reviews (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES property_contracts(id),
  first_month TEXT NOT NULL,
  second_month TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  -- open or closed
  state TEXT NOT NULL,
  note TEXT,
  closed_by BIGINT REFERENCES users(id),
  closed_at TEXT,
  UNIQUE (contract_id, second_month)
);
CREATE INDEX property_evaluation_reviews_state ON property_evaluation_reviews(state);
