-- A contract's own scoring of the monthly evaluation (docs/rules.md#g-contract-policy): the weights, floor and full
-- the street set for one contract in place of its street's; the due day stays the street's. One row at most per
-- contract; removing it returns the contract to the street's policy. Months closed before keep the policy they
-- closed on in their export.
CREATE TABLE property_contract_scorings (
  contract_id BIGINT PRIMARY KEY REFERENCES property_contracts(id),
  street_weight BIGINT NOT NULL,
  community_weight BIGINT NOT NULL,
  committee_weight BIGINT NOT NULL,
  floor BIGINT NOT NULL,
  full_score BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  updated_at TEXT NOT NULL
);
