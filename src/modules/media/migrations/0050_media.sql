-- Photos kept outside the database, named by the SHA-256 of their bytes; this table records what
-- each stored file is, so a reference can be checked and served with its type.
CREATE TABLE photos (
  sha256 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
