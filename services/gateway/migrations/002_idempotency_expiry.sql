-- Expired keys are deleted per tenant by age.
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (tenant_id, created_at);
