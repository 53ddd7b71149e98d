-- Open311 GeoReport v2: what a request carries that a case has no column for. One row per case
-- filed through /open311/v2/requests.json (channel open311); contact details (email, names,
-- phone) are not stored at all. Coordinates are the spot of the reported problem, in degrees.
CREATE TABLE open311_requests (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  address_string TEXT NOT NULL,
  media_url TEXT NOT NULL,
  -- the client's own ids, as sent (empty when not)
  device_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  -- the machine account whose api_key filed it
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
