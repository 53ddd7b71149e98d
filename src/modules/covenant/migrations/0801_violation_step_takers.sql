-- Who took each step of a covenant violation, by user account: reported, notified, rectifying,
-- removed, closed, each re-inspection and each escalation a person ran. NULL for the daily job's
-- escalations and for steps recorded before this was kept.
ALTER TABLE covenant_violations ADD COLUMN reported_by_user_id BIGINT;
ALTER TABLE covenant_violations ADD COLUMN notified_by_user_id BIGINT;
ALTER TABLE covenant_violations ADD COLUMN rectifying_by_user_id BIGINT;
ALTER TABLE covenant_violations ADD COLUMN removed_by_user_id BIGINT;
ALTER TABLE covenant_violations ADD COLUMN closed_by_user_id BIGINT;
ALTER TABLE covenant_inspections ADD COLUMN inspected_by_user_id BIGINT;
ALTER TABLE covenant_escalations ADD COLUMN escalated_by_user_id BIGINT;
