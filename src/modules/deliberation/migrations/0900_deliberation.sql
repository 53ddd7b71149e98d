-- Six-step deliberation (六步议事法, docs/rules.md#j-six-steps): topics with their scope and step, residents'
-- comments with moderation, round-table meetings with minutes and the positions heard, plan
-- versions with cost and attachments, the votes a topic went to, its resolution and the
-- resolution's actions. Dates are YYYY-MM-DD; money in fen.
CREATE TABLE deliberation_topics (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  -- compound, buildings, units or parts, as a vote's scope; node ids as a JSON array
  scope_kind TEXT NOT NULL,
  scope_node_ids TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  -- proposed, commenting, consulting, drafting, voting, resolved or done
  step TEXT NOT NULL,
  -- resident, committee_member, commissioner or staff
  proposer_kind TEXT NOT NULL,
  proposer_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deliberation_topics_compound ON deliberation_topics(compound_node_id, step);

-- author_person_id is the resident's person; hidden_reason replaces the text for readers once hidden.
CREATE TABLE deliberation_comments (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES deliberation_topics(id),
  author_user_id BIGINT NOT NULL REFERENCES users(id),
  author_person_id BIGINT REFERENCES people(id),
  author_kind TEXT NOT NULL,
  text TEXT NOT NULL,
  hidden_reason TEXT,
  hidden_by_user_id BIGINT REFERENCES users(id),
  hidden_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX deliberation_comments_topic ON deliberation_comments(topic_id);

-- attendees and positions ([{"party","position"}]) as JSON arrays.
CREATE TABLE deliberation_meetings (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES deliberation_topics(id),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL,
  attendees TEXT NOT NULL,
  attendee_count BIGINT NOT NULL,
  minutes TEXT NOT NULL,
  positions TEXT NOT NULL,
  recorded_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX deliberation_meetings_topic ON deliberation_meetings(topic_id);

-- attachments ([{"name","reference"}]) as a JSON array.
CREATE TABLE deliberation_plans (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES deliberation_topics(id),
  number BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  cost_fen BIGINT NOT NULL,
  attachments TEXT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (topic_id, number)
);

-- Every vote a topic went to, oldest first; the latest is the one that counts.
CREATE TABLE deliberation_votes (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES deliberation_topics(id),
  vote_id BIGINT NOT NULL UNIQUE REFERENCES votes(id),
  plan_id BIGINT NOT NULL REFERENCES deliberation_plans(id),
  created_at TEXT NOT NULL
);
CREATE INDEX deliberation_votes_topic ON deliberation_votes(topic_id);

-- result is the vote item's six ratios as JSON, kept with the resolution it supports.
CREATE TABLE deliberation_resolutions (
  topic_id BIGINT PRIMARY KEY REFERENCES deliberation_topics(id),
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  summary TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result TEXT NOT NULL,
  published_at TEXT NOT NULL
);

CREATE TABLE deliberation_actions (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES deliberation_topics(id),
  title TEXT NOT NULL,
  owner_name TEXT,
  owner_person_id BIGINT REFERENCES people(id),
  due_on TEXT NOT NULL,
  done_on TEXT,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX deliberation_actions_topic ON deliberation_actions(topic_id);
