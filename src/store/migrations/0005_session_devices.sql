-- Sessions keep the limits they were opened with (a resident's lasts weeks, staff's hours) and the
-- browser that opened them, for 我的设备. idle_minutes is NULL only for sessions opened before it existed,
-- which keep the setting's idle limit.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN idle_minutes BIGINT;
