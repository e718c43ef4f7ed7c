-- The missed-session check looks for scheduled sessions by end time.
CREATE INDEX sessions_overdue ON sessions (ends_at) WHERE status = 'scheduled';
