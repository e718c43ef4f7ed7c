-- An answer is replayed only to the API key that asked for it, and is kept as the bytes it was
-- (jsonb cannot hold every JSON text: it refuses \u0000).
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys
  DROP COLUMN response,
  ADD COLUMN api_key_id uuid NOT NULL,
  ADD COLUMN response_headers jsonb,
  ADD COLUMN response_body bytea;
