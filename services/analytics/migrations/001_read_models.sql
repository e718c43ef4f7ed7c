-- KPI read models, one row per entity of another service, built from its events. Every row keeps
-- the time and id of the event that last set it, so an older event arriving late changes nothing.

CREATE TABLE programs (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- A closed program is over: its matches are no longer checked for risk.
  status text NOT NULL,
  -- One cadence period (e.g. 2 weeks): the at-risk check allows two of them without a session.
  cadence interval NOT NULL,
  event_time timestamptz NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, program_id)
);
SELECT isolate_by_tenant('programs');

CREATE TABLE enrollments (
  tenant_id uuid NOT NULL,
  enrollment_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  role text NOT NULL,
  status text NOT NULL,
  event_time timestamptz NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, enrollment_id)
);
SELECT isolate_by_tenant('enrollments');
CREATE INDEX enrollments_by_program ON enrollments (tenant_id, program_id, status);
CREATE INDEX enrollments_by_participant ON enrollments (tenant_id, participant_id);

CREATE TABLE matches (
  tenant_id uuid NOT NULL,
  match_id uuid NOT NULL,
  program_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'ended')),
  event_time timestamptz NOT NULL,
  event_id uuid NOT NULL,
  -- Set when the at-risk check flags the match, cleared when the risk is gone: one episode.
  at_risk_since timestamptz,
  at_risk_reasons text[],
  PRIMARY KEY (tenant_id, match_id)
);
SELECT isolate_by_tenant('matches');
CREATE INDEX matches_by_program ON matches (tenant_id, program_id, status);

CREATE TABLE match_members (
  tenant_id uuid NOT NULL,
  match_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, match_id, participant_id)
);
SELECT isolate_by_tenant('match_members');
CREATE INDEX match_members_by_participant ON match_members (tenant_id, participant_id);

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  match_id uuid NOT NULL,
  program_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'needs-time', 'completed', 'missed', 'cancelled')),
  starts_at timestamptz NOT NULL,
  event_time timestamptz NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, session_id)
);
SELECT isolate_by_tenant('sessions');
CREATE INDEX sessions_by_program ON sessions (tenant_id, program_id);
CREATE INDEX sessions_by_match ON sessions (tenant_id, match_id);

CREATE TABLE survey_assignments (
  tenant_id uuid NOT NULL,
  assignment_id uuid NOT NULL,
  program_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('assigned', 'answered')),
  -- The session a pulse answer was about: how a rating reaches its match.
  session_id uuid,
  rating int,
  nps int,
  satisfaction int,
  event_time timestamptz NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, assignment_id)
);
SELECT isolate_by_tenant('survey_assignments');
CREATE INDEX survey_assignments_by_program ON survey_assignments (tenant_id, program_id);
CREATE INDEX survey_assignments_by_session ON survey_assignments (tenant_id, session_id) WHERE session_id IS NOT NULL;
CREATE INDEX survey_assignments_by_participant ON survey_assignments (tenant_id, participant_id);

CREATE TABLE matching_runs (
  tenant_id uuid NOT NULL,
  run_id uuid NOT NULL,
  program_id uuid NOT NULL,
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, run_id)
);
SELECT isolate_by_tenant('matching_runs');
CREATE INDEX matching_runs_by_program ON matching_runs (tenant_id, program_id, completed_at);

-- Erased participants: a hash that only someone holding the original id can recognise (so a
-- late event about them is anonymised too) and the random stand-in their rows now carry, which
-- keeps the counts (match rate, response rate) whole without naming anyone.
CREATE TABLE erased_participants (
  tenant_id uuid NOT NULL,
  id_hash bytea NOT NULL,
  stand_in uuid NOT NULL,
  PRIMARY KEY (tenant_id, id_hash)
);
SELECT isolate_by_tenant('erased_participants');
