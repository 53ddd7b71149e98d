-- Notifications (issue 8 item 5): each user's in-app inbox, the WeCom group robots of compounds and
-- communities (the URL holds the robot's key: a secret), and the outbox of posts to those robots
-- with their attempts. Times are UTC ISO-8601 text.
CREATE TABLE notifications (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  -- what happened, such as case.escalated
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  -- an app path such as /cases/12, or empty
  link TEXT NOT NULL,
  node_id BIGINT REFERENCES org_nodes(id),
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_inbox ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);

CREATE TABLE notification_webhooks (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  url TEXT NOT NULL,
  enabled BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE notification_deliveries (
  id {{id}},
  -- the node of the webhook posted to
  node_id BIGINT NOT NULL REFERENCES notification_webhooks(node_id),
  kind TEXT NOT NULL,
  -- the robot's text, already cut to 2048 bytes
  content TEXT NOT NULL,
  -- pending, delivered or failed
  state TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  delivered_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX notification_deliveries_due ON notification_deliveries(state, next_attempt_at);
CREATE INDEX notification_deliveries_node ON notification_deliveries(node_id, id);
