-- When a key's current life began: a claim taken over from a stopped gateway keeps it, so the
-- service that carried the request out can tell its answer from one of an expired key.
ALTER TABLE idempotency_keys ADD COLUMN first_claimed_at timestamptz NOT NULL DEFAULT now();
