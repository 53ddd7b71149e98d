-- A recorded payment, revenue or cost is never edited or deleted: a wrong one is voided with a reason
-- (docs/modules/property.md#money-and-the-ledger). A voided row stays listed and counts nowhere; voided_at is
-- NULL while it counts, voided_by is who voided it.
ALTER TABLE property_funding_payments ADD COLUMN voided_at TEXT;
ALTER TABLE property_funding_payments ADD COLUMN voided_by BIGINT REFERENCES users(id);
ALTER TABLE property_funding_payments ADD COLUMN void_reason TEXT;

ALTER TABLE property_revenues ADD COLUMN voided_at TEXT;
ALTER TABLE property_revenues ADD COLUMN voided_by BIGINT REFERENCES users(id);
ALTER TABLE property_revenues ADD COLUMN void_reason TEXT;

ALTER TABLE property_costs ADD COLUMN voided_at TEXT;
ALTER TABLE property_costs ADD COLUMN voided_by BIGINT REFERENCES users(id);
ALTER TABLE property_costs ADD COLUMN void_reason TEXT;
