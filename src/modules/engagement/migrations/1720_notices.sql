-- Notices and publicity (docs/modules/engagement.md#notices, docs/rules.md#h-notice-period). Dates are the
-- street's YYYY-MM-DD, both ends shown; times are ISO-8601 UTC text (iso_utc).

-- kind: notice or publicity; audience: residents, owners or staff; attachment_ids: the JSON list of media ids.
-- A withdrawn notice keeps its row, with when and why.
CREATE TABLE notices (
  id {{id}},
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  audience TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  needs_ack BIGINT NOT NULL DEFAULT 0,
  attachment_ids TEXT NOT NULL DEFAULT '[]',
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdraw_reason TEXT
);
CREATE INDEX notices_node ON notices(node_id, ends_on);
CREATE INDEX notices_period ON notices(ends_on, starts_on);

-- Who read a notice, and when they acknowledged it: one row per person (per account, for an account that is no
-- registered person), the first read kept. A person's read counts for the households they are registered in.
CREATE TABLE notice_receipts (
  id {{id}},
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  person_id BIGINT REFERENCES people(id),
  user_id BIGINT REFERENCES users(id),
  read_at TEXT NOT NULL,
  acked_at TEXT
);
CREATE UNIQUE INDEX notice_receipts_person ON notice_receipts(notice_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX notice_receipts_account ON notice_receipts(notice_id, user_id) WHERE person_id IS NULL;
CREATE INDEX notice_receipts_user ON notice_receipts(user_id);
