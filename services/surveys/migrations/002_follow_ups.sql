-- The follow-up survey goes out a while after a program closes: when it is due, and when it went out.
ALTER TABLE programs ADD COLUMN follow_up_due_at timestamptz, ADD COLUMN follow_up_sent_at timestamptz;
CREATE INDEX programs_follow_up_due ON programs (follow_up_due_at) WHERE follow_up_sent_at IS NULL;
