-- The design's publicity (公示) before approval: its length is the street's policy, and each project
-- records when its publicity ran.
ALTER TABLE elevator_policies ADD COLUMN publicity_days BIGINT NOT NULL DEFAULT 10;
ALTER TABLE elevator_projects ADD COLUMN publicity_starts_on TEXT;
ALTER TABLE elevator_projects ADD COLUMN publicity_ends_on TEXT;
