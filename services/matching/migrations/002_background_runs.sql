-- Runs of large pools go on in the background: 'running' until they are 'completed' or 'failed'.
ALTER TABLE matching_runs DROP CONSTRAINT matching_runs_status_check;
ALTER TABLE matching_runs ADD CONSTRAINT matching_runs_status_check CHECK (status IN ('running', 'completed', 'failed'));
ALTER TABLE matching_runs
  ALTER COLUMN total_score DROP NOT NULL,
  ALTER COLUMN stats DROP NOT NULL,
  ALTER COLUMN unmatched DROP NOT NULL,
  ALTER COLUMN warnings DROP NOT NULL,
  -- A failed run's problem (problem+json fields), as the request would have answered had it waited.
  ADD COLUMN error jsonb,
  ADD COLUMN completed_at timestamptz;
UPDATE matching_runs SET completed_at = created_at WHERE completed_at IS NULL;
