-- Projection of enrollment's programs: what planning needs of each.
CREATE TABLE programs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  status text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  cadence jsonb NOT NULL,
  session_minutes int NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('programs');

-- Projection of approved enrollments: each participant's weekly windows in their own time zone.
CREATE TABLE availability (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  time_zone text NOT NULL,
  windows jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, participant_id)
);
SELECT isolate_by_tenant('availability');
CREATE INDEX availability_by_participant ON availability (participant_id);

-- One plan per accepted match: the unique match id is what makes a redelivered acceptance harmless.
CREATE TABLE meeting_plans (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  match_id uuid NOT NULL,
  program_id uuid NOT NULL,
  members jsonb NOT NULL,
  cadence jsonb NOT NULL,
  session_minutes int NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, match_id)
);
SELECT isolate_by_tenant('meeting_plans');
CREATE INDEX meeting_plans_by_program ON meeting_plans (program_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES meeting_plans (id),
  match_id uuid NOT NULL,
  program_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'needs-time', 'completed', 'cancelled', 'missed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
SELECT isolate_by_tenant('sessions');
CREATE INDEX sessions_by_match ON sessions (match_id, id);
CREATE INDEX sessions_by_plan ON sessions (plan_id, status);
