-- What owners read before voting: the proposal's documents ({name, reference}) and the ids of its stored
-- photos, each a JSON array, read and written with the vote.
ALTER TABLE votes ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
ALTER TABLE votes ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';
