-- The record a notification is about, beside its console link, so that apps open it without
-- reading the link: its type (case, vote, covenant_violation, …) and id; both empty for a digest.
ALTER TABLE notifications ADD COLUMN entity_type TEXT;
ALTER TABLE notifications ADD COLUMN entity_id BIGINT;
