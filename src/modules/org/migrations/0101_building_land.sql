-- The land a building stands on (state_owned or collective): elevator retrofits need state-owned land.
ALTER TABLE buildings ADD COLUMN land TEXT NOT NULL DEFAULT 'state_owned';
