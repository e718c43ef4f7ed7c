-- Projection of enrollment's programs: survey due dates follow the program's timeline.
CREATE TABLE programs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  status text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('programs');

-- Projection of approved enrollments: who gets the end-of-program survey, and on which skills.
CREATE TABLE enrollees (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  skills_sought jsonb NOT NULL,
  PRIMARY KEY (program_id, participant_id)
);
SELECT isolate_by_tenant('enrollees');
CREATE INDEX enrollees_by_participant ON enrollees (participant_id);

CREATE TABLE assignments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('baseline', 'pulse', 'end', 'follow-up')),
  -- Pulse surveys are about one session; the others about the program.
  session_id uuid,
  -- The skills the questions ask about, fixed when the survey is assigned.
  skills jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('assigned', 'answered')),
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz
);
SELECT isolate_by_tenant('assignments');
-- At most one survey of a kind per participant and program, and one pulse per session and participant:
-- a redelivered or repeated event assigns nothing new.
CREATE UNIQUE INDEX assignments_once_per_program ON assignments (tenant_id, program_id, participant_id, kind)
  WHERE session_id IS NULL;
CREATE UNIQUE INDEX assignments_once_per_session ON assignments (tenant_id, session_id, participant_id)
  WHERE session_id IS NOT NULL;
CREATE INDEX assignments_by_program ON assignments (program_id, id);
CREATE INDEX assignments_by_participant ON assignments (participant_id);

CREATE TABLE responses (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  assignment_id uuid NOT NULL UNIQUE REFERENCES assignments (id) ON DELETE CASCADE,
  answers jsonb NOT NULL,
  submitted_by text NOT NULL CHECK (submitted_by IN ('participant', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('responses');
