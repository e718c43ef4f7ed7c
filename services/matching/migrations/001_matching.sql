-- Projection of enrollment's programs: what a run needs to know of its program.
CREATE TABLE programs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  format text NOT NULL,
  status text NOT NULL,
  starts_at timestamptz NOT NULL,
  cadence jsonb NOT NULL,
  session_minutes int NOT NULL,
  circle_size int,
  matching jsonb NOT NULL,
  -- Time of the snapshot event applied last, so a replayed older snapshot cannot win.
  as_of timestamptz NOT NULL
);
SELECT isolate_by_tenant('programs');

-- Projection of enrollments: approved ones are the pool; the others stay as tombstones without a profile.
CREATE TABLE pool (
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  enrollment_id uuid NOT NULL,
  role text NOT NULL,
  status text NOT NULL CHECK (status IN ('approved', 'withdrawn', 'rejected', 'erased')),
  profile jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, participant_id)
);
SELECT isolate_by_tenant('pool');

CREATE TABLE matching_runs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('run', 'rematch')),
  status text NOT NULL CHECK (status IN ('completed')),
  objective text NOT NULL,
  dry_run boolean NOT NULL,
  -- As requested: { seed, dryRun, objective?, weights? }.
  parameters jsonb NOT NULL,
  total_score double precision NOT NULL,
  -- { meanScore, minScore, matched, unmatched, unmatchedByReason, durationMs, candidates }.
  stats jsonb NOT NULL,
  unmatched jsonb NOT NULL,
  warnings jsonb NOT NULL,
  -- A dry run's proposals (nothing else keeps them); published runs' matches live in matches.
  preview jsonb,
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('matching_runs');
CREATE INDEX matching_runs_by_program ON matching_runs (program_id, id);

CREATE TABLE matches (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  run_id uuid REFERENCES matching_runs (id),
  origin text NOT NULL CHECK (origin IN ('run', 'rematch', 'manual')),
  members jsonb NOT NULL,
  member_ids uuid[] NOT NULL,
  score double precision NOT NULL,
  explanation jsonb NOT NULL,
  constraints jsonb NOT NULL,
  -- Hard constraints an admin overrode with force on a manual match.
  violations jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'ended')),
  -- { <participantId>: { response: 'accepted' | 'declined', at } }
  responses jsonb NOT NULL DEFAULT '{}',
  -- Who declined or ended it ('admin' or a participant id) and why: shown to admins and the author only.
  closed_by text,
  close_reason text,
  closed_at timestamptz,
  at_risk jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('matches');
CREATE INDEX matches_by_program ON matches (program_id, id);
CREATE INDEX matches_by_run ON matches (run_id);
CREATE INDEX matches_by_member ON matches USING gin (member_ids);

-- Everyone a participant has been matched with in a program, both directions: rematches exclude them.
CREATE TABLE pair_history (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  partner_id uuid NOT NULL,
  match_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, participant_id, partner_id)
);
SELECT isolate_by_tenant('pair_history');
