-- Sign-in codes sent by SMS (docs/modules/residents.md): one row for every code asked for, so that
-- the limits per phone and per address count requests for phones outside the registry too. The
-- phone and the client's address are kept only as blind indexes, the code only as a keyed hash;
-- code_hash is NULL when nothing was sent. Rows older than two days are purged daily.
CREATE TABLE sms_codes (
  id {{id}},
  phone_index TEXT NOT NULL,
  address_index TEXT NOT NULL,
  code_hash TEXT,
  requested_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  failures BIGINT NOT NULL DEFAULT 0,
  used_at TEXT
);
CREATE INDEX sms_codes_phone ON sms_codes(phone_index, requested_at);
CREATE INDEX sms_codes_address ON sms_codes(address_index, requested_at);
CREATE INDEX sms_codes_requested ON sms_codes(requested_at);
