-- Property service (微服务, docs/modules/property.md): the companies a street works with and their linked
-- staff accounts, who operates each property cluster (a lead, and partners where a big company leads a small
-- one), how communities moved between clusters, each compound's service contracts (one in force at a time,
-- adopted and ended by votes of matter 4, docs/rules.md#a-property-contract) and the transactional tasks
-- moved from the community to the companies.
-- Dates are YYYY-MM-DD; money in fen; lists of texts are JSON arrays.
CREATE TABLE property_companies (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  -- 统一社会信用代码 (GB 32100-2015), unique across streets as it is across the country
  credit_code TEXT NOT NULL UNIQUE,
  -- local or external
  origin TEXT NOT NULL,
  specialities TEXT NOT NULL,
  -- JSON array of {name, title, phone}
  contacts TEXT NOT NULL,
  -- JSON array of photo ids
  licence_photos TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX property_companies_street ON property_companies(street_node_id);

-- A property_manager or property_staff account works for one company at a time.
CREATE TABLE property_company_staff (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  company_id BIGINT NOT NULL REFERENCES property_companies(id),
  linked_at TEXT NOT NULL
);
CREATE INDEX property_company_staff_company ON property_company_staff(company_id);

-- until is the last day of the term, NULL while it runs; the users are who recorded each end (NULL: the seed).
CREATE TABLE property_cluster_operators (
  id {{id}},
  cluster_id BIGINT NOT NULL REFERENCES property_clusters(id),
  company_id BIGINT NOT NULL REFERENCES property_companies(id),
  -- lead or partner
  role TEXT NOT NULL,
  since TEXT NOT NULL,
  until TEXT,
  started_by_user_id BIGINT REFERENCES users(id),
  ended_by_user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_cluster_operators_cluster ON property_cluster_operators(cluster_id);
CREATE INDEX property_cluster_operators_company ON property_cluster_operators(company_id);
CREATE UNIQUE INDEX property_cluster_operators_open_lead ON property_cluster_operators(cluster_id)
  WHERE role = 'lead' AND until IS NULL;

-- Each move of a community between clusters; where it is now is org's property_cluster_communities.
CREATE TABLE property_cluster_moves (
  id {{id}},
  community_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  from_cluster_id BIGINT REFERENCES property_clusters(id),
  to_cluster_id BIGINT NOT NULL REFERENCES property_clusters(id),
  moved_on TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_cluster_moves_from ON property_cluster_moves(from_cluster_id);
CREATE INDEX property_cluster_moves_to ON property_cluster_moves(to_cluster_id);

CREATE TABLE property_contracts (
  id {{id}},
  compound_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  company_id BIGINT NOT NULL REFERENCES property_companies(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  -- per month
  base_fen BIGINT NOT NULL,
  pool_fen BIGINT NOT NULL,
  -- JSON arrays: service item codes or names; gate tiers main, middle, small
  services TEXT NOT NULL,
  gate_tiers TEXT NOT NULL,
  -- draft, in_force or ended
  state TEXT NOT NULL,
  adopted_vote_id BIGINT REFERENCES votes(id),
  adopted_vote_item BIGINT,
  adopted_on TEXT,
  ended_vote_id BIGINT REFERENCES votes(id),
  ended_vote_item BIGINT,
  ended_on TEXT,
  end_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX property_contracts_in_force ON property_contracts(compound_node_id) WHERE state = 'in_force';
CREATE INDEX property_contracts_compound ON property_contracts(compound_node_id, state);
CREATE INDEX property_contracts_company ON property_contracts(company_id, state);

CREATE TABLE property_tasks (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  -- community or property
  holder TEXT NOT NULL,
  since TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (street_node_id, code)
);

-- The case catalogue's service items (case_items.code) a task covers.
CREATE TABLE property_task_items (
  task_id BIGINT NOT NULL REFERENCES property_tasks(id),
  item_code TEXT NOT NULL,
  PRIMARY KEY (task_id, item_code)
);
CREATE INDEX property_task_items_item ON property_task_items(item_code);

CREATE TABLE property_task_moves (
  id {{id}},
  task_id BIGINT NOT NULL REFERENCES property_tasks(id),
  moved_on TEXT NOT NULL,
  from_holder TEXT NOT NULL,
  to_holder TEXT NOT NULL,
  note TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX property_task_moves_task ON property_task_moves(task_id);
