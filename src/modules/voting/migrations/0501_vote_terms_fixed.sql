-- A vote started by another procedure (an elevator consent) has its matter and scope fixed by that
-- procedure: the text names it, and editing the draft may not change them.
ALTER TABLE votes ADD COLUMN terms_fixed_by TEXT;
