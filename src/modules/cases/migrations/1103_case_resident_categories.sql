-- The plain categories residents report under on the H5 (水电, 楼道, 垃圾, …), each street's own and
-- each standing for a default item of its catalogue until staff at triage pick the item; a case keeps
-- the category it was reported under.
CREATE TABLE case_resident_categories (
  id {{id}},
  street_node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  item_id BIGINT NOT NULL REFERENCES case_items(id),
  position BIGINT NOT NULL,
  active BIGINT NOT NULL,
  UNIQUE (street_node_id, code)
);

ALTER TABLE cases ADD COLUMN resident_category_id BIGINT REFERENCES case_resident_categories(id);
