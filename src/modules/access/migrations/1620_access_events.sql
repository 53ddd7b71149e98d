-- Access events (通行记录) pulled from the terminals: who passed which gate when, or was refused, kept 180 days.
-- A terminal numbers its events (serialNo), so a pull that overlaps the last one stores nothing twice.
CREATE TABLE access_events (
  id {{id}},
  -- no reference: a device removed leaves its gate's history
  device_id BIGINT NOT NULL,
  serial_no BIGINT NOT NULL,
  gate_id BIGINT NOT NULL REFERENCES access_gates(id),
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  occurred_at TEXT NOT NULL,
  -- the code the terminal knew the person by, and the credential it is, if the platform knows it
  employee_no TEXT,
  credential_id BIGINT REFERENCES access_credentials(id),
  -- granted or denied
  result TEXT NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (device_id, serial_no)
);
CREATE INDEX access_events_compound ON access_events(compound_node_id, occurred_at);
CREATE INDEX access_events_credential ON access_events(credential_id);

-- The time of the newest event pulled from the device.
ALTER TABLE access_devices ADD COLUMN last_event_at TEXT;
