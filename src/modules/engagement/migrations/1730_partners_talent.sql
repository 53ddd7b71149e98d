-- The talent pool (能人库), partner units (共建单位) of a street's alliance (运河红盟) with their contacts,
-- agreements and the resources they sink to compounds, and calling off an event (docs/modules/engagement.md).
-- Times are ISO-8601 UTC text (iso_utc); dates YYYY-MM-DD.

-- What the pool adds to a person's talent tags (people.tags, typed once there): the skills, when they
-- can help (JSON list of {weekdays: [1..7, Monday 1], from: HH:MM, to: HH:MM} in street time), the node
-- they serve and whether they take part now.
CREATE TABLE talents (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  skills TEXT NOT NULL,
  availability TEXT NOT NULL,
  active BIGINT NOT NULL,
  updated_by_user_id BIGINT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX talents_node ON talents(node_id);

-- A named group of partner units at a street, e.g. 运河红盟.
CREATE TABLE alliances (
  id {{id}},
  street_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX alliances_name ON alliances(street_id, name);

-- kind: government, state_enterprise, enterprise, school, hospital, social_organisation or other.
CREATE TABLE partner_units (
  id {{id}},
  street_id BIGINT NOT NULL REFERENCES org_nodes(id),
  alliance_id BIGINT REFERENCES alliances(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX partner_units_name ON partner_units(street_id, name);

-- A contact's name and phone are personal data: sealed (DataKey) and kept masked for display.
CREATE TABLE partner_contacts (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES partner_units(id),
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  role TEXT NOT NULL,
  phone_sealed TEXT,
  phone_masked TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX partner_contacts_unit ON partner_contacts(unit_id, id);

CREATE TABLE partner_agreements (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES partner_units(id),
  title TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  valid_to TEXT,
  summary TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX partner_agreements_unit ON partner_agreements(unit_id, id);

-- kind: venue, volunteers, expertise, funds or other; a venue resource is the engagement venue venue_id.
CREATE TABLE partner_resources (
  id {{id}},
  unit_id BIGINT NOT NULL REFERENCES partner_units(id),
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  venue_id BIGINT REFERENCES venues(id),
  created_at TEXT NOT NULL
);
CREATE INDEX partner_resources_unit ON partner_resources(unit_id, id);
CREATE UNIQUE INDEX partner_resources_venue ON partner_resources(venue_id);

-- The nodes (street, community or compound) a resource is sunk to (下沉).
CREATE TABLE partner_resource_nodes (
  resource_id BIGINT NOT NULL REFERENCES partner_resources(id),
  node_id BIGINT NOT NULL REFERENCES org_nodes(id),
  PRIMARY KEY (resource_id, node_id)
);
CREATE INDEX partner_resource_nodes_node ON partner_resource_nodes(node_id);

-- A venue lent by a partner links the unit, where it named it as text: each name becomes a unit of its
-- street (kind other), the venue its venue resource serving the venue's own node.
ALTER TABLE venues ADD COLUMN partner_unit_id BIGINT REFERENCES partner_units(id);
INSERT INTO partner_units (street_id, name, kind, created_by_user_id, created_at, updated_at)
SELECT s.id, v.partner_unit, 'other', MIN(v.created_by_user_id), MIN(v.created_at), MIN(v.created_at)
FROM venues v JOIN org_nodes n ON n.id = v.node_id JOIN org_nodes s ON s.parent_id IS NULL AND n.path LIKE s.path || '%'
WHERE v.partner_unit IS NOT NULL
GROUP BY s.id, v.partner_unit;
UPDATE venues SET partner_unit_id = (
  SELECT u.id FROM partner_units u JOIN org_nodes s ON s.id = u.street_id JOIN org_nodes n ON n.id = venues.node_id
  WHERE u.name = venues.partner_unit AND n.path LIKE s.path || '%')
WHERE partner_unit IS NOT NULL;
INSERT INTO partner_resources (unit_id, kind, description, venue_id, created_at)
SELECT partner_unit_id, 'venue', name, id, created_at FROM venues WHERE partner_unit_id IS NOT NULL;
INSERT INTO partner_resource_nodes (resource_id, node_id)
SELECT r.id, v.node_id FROM partner_resources r JOIN venues v ON v.id = r.venue_id;
ALTER TABLE venues DROP COLUMN partner_unit;

-- Calling off an event: when, why and by whom; its sign-ups are cancelled with it.
ALTER TABLE events ADD COLUMN cancelled_at TEXT;
ALTER TABLE events ADD COLUMN cancel_reason TEXT;
ALTER TABLE events ADD COLUMN cancelled_by_user_id BIGINT REFERENCES users(id);
