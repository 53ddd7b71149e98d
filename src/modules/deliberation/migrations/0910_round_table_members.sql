-- A round table's members picked from the talent pool (docs/rules.md#j-round-table): person ids as a JSON
-- array, besides the attendees' typed names. Earlier meetings had none.
ALTER TABLE deliberation_meetings ADD COLUMN members TEXT NOT NULL DEFAULT '[]';
