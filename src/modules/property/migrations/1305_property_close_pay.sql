-- The contract pay a month close writes is marked with the evaluation that wrote it, so that it is told apart from
-- pay typed in by hand: the close voids the pay recorded before it for that contract and month instead of deleting
-- it, a reopening voids the close's own rows, and a close's row is voided only by reopening its month
-- (docs/modules/property.md#the-monthly-evaluation). Rows the close wrote before this mark are found by the
-- closed evaluation of their contract and month.
ALTER TABLE property_costs ADD COLUMN evaluation_id BIGINT REFERENCES property_evaluations(id);
UPDATE property_costs SET evaluation_id = (
  SELECT e.id FROM property_evaluations e
  WHERE e.contract_id = property_costs.contract_id AND e.month = property_costs.month AND e.state = 'closed')
WHERE kind IN ('contract_base', 'contract_performance') AND note = '月度考核结账';
