-- Access terminals (门禁设备, docs/modules/access.md#devices): one per gate or more, reached over the vendor's
-- protocol with a password kept encrypted with the data key, and the state of their sync with the platform.
CREATE TABLE access_devices (
  id {{id}},
  gate_id BIGINT NOT NULL REFERENCES access_gates(id),
  name TEXT NOT NULL,
  -- hikvision_isapi
  vendor TEXT NOT NULL,
  url TEXT NOT NULL,
  username TEXT NOT NULL,
  password_enc TEXT NOT NULL,
  -- the newest credential change (access_credentials.updated_at) the device holds: a later one makes it due
  synced_through TEXT,
  last_sync_at TEXT,
  last_error TEXT,
  -- failed syncs in a row, and when the next try is due
  failures BIGINT NOT NULL,
  next_retry_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX access_devices_gate ON access_devices(gate_id);
