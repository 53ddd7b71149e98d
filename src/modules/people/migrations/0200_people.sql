-- The people registry: residents and workers with their personal data encrypted (names, phones
-- and ID numbers as ciphertext, blind indexes for exact look-up, masks for display), their links
-- to parts, and the person behind an account.
CREATE TABLE people (
  id {{id}},
  home_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name_enc TEXT NOT NULL,
  name_index TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_enc TEXT,
  phone_index TEXT,
  phone_masked TEXT,
  id_number_enc TEXT,
  id_number_masked TEXT,
  birth_year BIGINT,
  party_member BIGINT NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]',
  is_developer BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_name_index ON people(name_index);
CREATE INDEX people_phone_index ON people(phone_index);
CREATE INDEX people_home_node ON people(home_node_id);

CREATE TABLE part_links (
  id {{id}},
  part_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  relation TEXT NOT NULL,
  designated_voter BIGINT NOT NULL DEFAULT 0,
  proxy_reference TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (part_node_id, person_id, relation)
);
CREATE INDEX part_links_part ON part_links(part_node_id);
CREATE INDEX part_links_person ON part_links(person_id);

ALTER TABLE users ADD COLUMN person_id BIGINT REFERENCES people(id);
