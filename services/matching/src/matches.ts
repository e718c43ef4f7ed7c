import { createEvent, notFound, uuidv7, writeToOutbox, type Sql, type TenantContext } from '@tandem/platform';

export type MatchStatus = 'proposed' | 'accepted' | 'declined' | 'ended';
export type MatchOrigin = 'run' | 'rematch' | 'manual';

export interface MatchMember {
  participantId: string;
  role: 'mentor' | 'mentee' | 'peer';
}

interface MemberResponse {
  response: 'accepted' | 'declined';
  at: string;
}

export interface MatchRow {
  id: string;
  program_id: string;
  run_id: string | null;
  origin: MatchOrigin;
  members: MatchMember[];
  score: number;
  explanation: Record<string, number>;
  constraints: string[];
  violations: string[];
  status: MatchStatus;
  responses: Record<string, MemberResponse>;
  closed_by: string | null;
  close_reason: string | null;
  closed_at: Date | null;
  at_risk: { reasons: string[]; at: string } | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** What the engine (or an admin by hand) proposes; stored as a match in status 'proposed'. */
export interface MatchProposal {
  members: MatchMember[];
  score: number;
  explanation: Partial<Record<string, number>>;
  constraints: readonly string[];
  violations?: readonly string[];
}

export const isMember = (row: Pick<MatchRow, 'members'>, participantId: string | undefined) =>
  participantId !== undefined && row.members.some((m) => m.participantId === participantId);

/**
 * A match as its viewer may see it. Leaving is without blame: why a match was declined or ended is
 * shown to admins and to whoever closed it, never to the other members.
 */
export function matchView(r: MatchRow, viewer: TenantContext) {
  const mayReadReason = viewer.role === 'admin' || r.closed_by === viewer.participantId;
  return {
    id: r.id,
    programId: r.program_id,
    runId: r.run_id,
    origin: r.origin,
    members: r.members,
    score: r.score,
    explanation: r.explanation,
    constraints: r.constraints,
    ...(r.violations.length > 0 ? { violations: r.violations } : {}),
    status: r.status,
    responses: r.members.map((m) => ({ participantId: m.participantId, response: r.responses[m.participantId]?.response ?? null })),
    ...(r.closed_at ? { closedAt: r.closed_at.toISOString() } : {}),
    ...(r.close_reason !== null && mayReadReason ? { reason: r.close_reason } : {}),
    ...(r.at_risk && viewer.role === 'admin' ? { atRisk: r.at_risk } : {}),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A match the caller may see: admins see every one of the tenant's, participants only their own. */
export async function findMatch(sql: Sql, id: string, caller: TenantContext, lock = false): Promise<MatchRow> {
  const r = await sql.query<MatchRow>(`SELECT * FROM matches WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  const row = r.rows[0];
  if (!row || (caller.role !== 'admin' && !isMember(row, caller.participantId))) throw notFound('match');
  return row;
}

export const matchRef = (r: Pick<MatchRow, 'id' | 'program_id' | 'members'>) => ({
  matchId: r.id, programId: r.program_id, members: r.members,
});

/** Rows per INSERT when a run stores its matches: large runs write tens of thousands. */
const WRITE_CHUNK = 1000;

/**
 * Stores proposals as matches in status 'proposed', remembers every pair for later rematches and
 * writes matching.match.proposed for each, all in the caller's transaction, a chunk of rows per
 * statement (one statement per match made a 100k-person run spend minutes on round trips).
 */
export async function createMatches(
  sql: Sql,
  service: string,
  tenantId: string,
  programId: string,
  source: { origin: MatchOrigin; runId: string | null },
  proposals: readonly MatchProposal[],
): Promise<MatchRow[]> {
  const rows: MatchRow[] = [];
  for (let from = 0; from < proposals.length; from += WRITE_CHUNK) {
    const chunk = proposals.slice(from, from + WRITE_CHUNK);
    const ids = chunk.map(() => uuidv7());
    const members = chunk.map((p) => JSON.stringify(p.members));
    const inserted = await sql.query<MatchRow>(
      `INSERT INTO matches (id, tenant_id, program_id, run_id, origin, members, member_ids, score, explanation,
         constraints, violations, status)
       SELECT t.id, $1, $2, $3, $4, t.members,
         ARRAY(SELECT (m->>'participantId')::uuid FROM jsonb_array_elements(t.members) m), t.score, t.explanation,
         t.constraints, t.violations, 'proposed'
       FROM unnest($5::uuid[], $6::jsonb[], $7::float8[], $8::jsonb[], $9::jsonb[], $10::jsonb[])
         AS t(id, members, score, explanation, constraints, violations)
       RETURNING *`,
      [tenantId, programId, source.runId, source.origin, ids, members, chunk.map((p) => p.score),
        chunk.map((p) => JSON.stringify(p.explanation)), chunk.map((p) => JSON.stringify(p.constraints)),
        chunk.map((p) => JSON.stringify(p.violations ?? []))],
    );
    await sql.query(
      `INSERT INTO pair_history (tenant_id, program_id, participant_id, partner_id, match_id)
       SELECT $1, $2, (a->>'participantId')::uuid, (b->>'participantId')::uuid, t.id
       FROM unnest($3::uuid[], $4::jsonb[]) AS t(id, members),
         jsonb_array_elements(t.members) a, jsonb_array_elements(t.members) b
       WHERE a->>'participantId' <> b->>'participantId'
       ON CONFLICT DO NOTHING`,
      [tenantId, programId, ids, members],
    );
    // RETURNING promises no order: give the rows back in the proposals' order.
    const byId = new Map(inserted.rows.map((row) => [row.id, row]));
    const ordered = ids.map((id) => byId.get(id)!);
    await writeToOutbox(sql, ordered.map((row) =>
      createEvent(service, tenantId, 'matching.match.proposed', row.id, { ...matchRef(row), runId: row.run_id, score: row.score })));
    rows.push(...ordered);
  }
  return rows;
}
