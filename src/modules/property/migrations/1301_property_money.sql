-- The property capability's money (docs/modules/property.md#money-and-the-ledger): the street's funding lines per
-- year and what each paid a community in a month, a community's own revenue and its costs per month (each
-- optionally of one compound), and the monthly evaluation records of contracts, whose closing counts in the
-- property figures. Money in fen; months YYYY-MM; recorded_by is who wrote the row (NULL: the seed).
CREATE TABLE property_funding_lines (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  year BIGINT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  budget_fen BIGINT NOT NULL,
  recorded_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (street_node_id, year, code)
);

CREATE TABLE property_funding_payments (
  id {{id}},
  line_id BIGINT NOT NULL REFERENCES property_funding_lines(id),
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  month TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  note TEXT,
  recorded_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_funding_payments_line ON property_funding_payments(line_id);
CREATE INDEX property_funding_payments_community ON property_funding_payments(community_node_id, month);

CREATE TABLE property_revenues (
  id {{id}},
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  compound_node_id BIGINT REFERENCES org_nodes(id),
  month TEXT NOT NULL,
  -- advertising, parking, venue or other
  kind TEXT NOT NULL,
  -- 1 when earned from the compound's common parts (Civil Code Art. 282)
  common_parts BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  note TEXT,
  recorded_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_revenues_community ON property_revenues(community_node_id, month);

CREATE TABLE property_costs (
  id {{id}},
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  compound_node_id BIGINT REFERENCES org_nodes(id),
  month TEXT NOT NULL,
  -- contract_base, contract_performance, maintenance or other
  kind TEXT NOT NULL,
  contract_id BIGINT REFERENCES property_contracts(id),
  -- 1 when spent on the compound's common parts
  common_parts BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  note TEXT,
  recorded_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_costs_community ON property_costs(community_node_id, month);

-- One evaluation per contract and month; result is the closed month's result as JSON.
CREATE TABLE property_evaluations (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES property_contracts(id),
  month TEXT NOT NULL,
  -- open or closed
  state TEXT NOT NULL,
  result TEXT,
  closed_at TEXT,
  UNIQUE (contract_id, month)
);
