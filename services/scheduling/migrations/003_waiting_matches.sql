-- Accepted matches whose program has not arrived yet: events of different topics come in any
-- order, so the acceptance waits here and the plan starts when the program's snapshot arrives.
CREATE TABLE waiting_matches (
  tenant_id uuid NOT NULL,
  match_id uuid NOT NULL,
  program_id uuid NOT NULL,
  members jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, match_id)
);
SELECT isolate_by_tenant('waiting_matches');
CREATE INDEX waiting_matches_by_program ON waiting_matches (program_id);

-- Plans by member: a member's availability arriving re-plans their sessions still waiting for a time.
CREATE INDEX meeting_plans_by_member ON meeting_plans USING gin (members);
