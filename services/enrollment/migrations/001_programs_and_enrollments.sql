CREATE TABLE programs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  name text NOT NULL,
  format text NOT NULL,
  status text NOT NULL,
  objectives jsonb NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  cadence jsonb NOT NULL,
  session_minutes int NOT NULL,
  circle_size int,
  matching jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT isolate_by_tenant('programs');

CREATE TABLE participants (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  department text,
  location text,
  level int,
  time_zone text NOT NULL,
  languages jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, email)
);
SELECT isolate_by_tenant('participants');

CREATE TABLE enrollments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL REFERENCES programs (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  role text NOT NULL,
  status text NOT NULL,
  capacity int NOT NULL,
  skills_offered jsonb NOT NULL,
  skills_sought jsonb NOT NULL,
  goals jsonb NOT NULL,
  interests jsonb NOT NULL,
  availability jsonb NOT NULL,
  preferences jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, participant_id)
);
SELECT isolate_by_tenant('enrollments');
CREATE INDEX enrollments_by_program ON enrollments (program_id, id);
