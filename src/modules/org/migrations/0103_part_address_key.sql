-- The key a part's address is searched by (core/address.hpp: building, unit and room as "3-2-501"),
-- kept on every write of a part and every rename or move above it. Parts registered before it get
-- theirs when the database is next prepared, which fills every key still NULL. Compared byte by byte
-- on both engines, so that a query's prefix is an index range.
ALTER TABLE parts ADD COLUMN address_key TEXT{{bytewise}};
CREATE INDEX parts_address_key ON parts(address_key);
