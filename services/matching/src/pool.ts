import type { MatchingProfile } from '@tandem/contracts';
import type { ExistingMatch, Participant } from '@tandem/matching-engine';
import type { Sql } from '@tandem/platform';

/** An approved enrollment: one person the engine may match. */
export interface PoolRow {
  participant_id: string;
  role: 'mentor' | 'mentee' | 'peer';
  profile: MatchingProfile;
}

/** Enrollment leaves the level out when nobody gave one; the middle of the 1..5 scale favours no one. */
const UNKNOWN_LEVEL = 3;

/** The engine's participant model from an approved enrollment's matching profile. */
export function toParticipant(row: PoolRow, previousPartners: readonly string[] = []): Participant {
  const p = row.profile;
  return {
    id: row.participant_id,
    role: row.role,
    capacity: p.capacity,
    ...(p.department !== undefined ? { department: p.department } : {}),
    ...(p.location !== undefined ? { location: p.location } : {}),
    level: p.level ?? UNKNOWN_LEVEL,
    timeZone: p.timeZone,
    languages: p.languages,
    skillsOffered: p.skillsOffered,
    skillsSought: p.skillsSought,
    goals: p.goals,
    interests: p.interests,
    availability: p.availability,
    preferences: p.preferences,
    previousPartners: [...previousPartners],
  };
}

/** Approved participants in id order, so the engine sees the same input for the same pool. */
export async function loadPool(sql: Sql, programId: string): Promise<PoolRow[]> {
  const r = await sql.query<PoolRow>(
    `SELECT participant_id, role, profile FROM pool WHERE program_id = $1 AND status = 'approved' ORDER BY participant_id`,
    [programId],
  );
  return r.rows;
}

export async function findPoolMember(sql: Sql, programId: string, participantId: string): Promise<PoolRow | undefined> {
  const r = await sql.query<PoolRow>(
    `SELECT participant_id, role, profile FROM pool WHERE program_id = $1 AND participant_id = $2 AND status = 'approved'`,
    [programId, participantId],
  );
  return r.rows[0];
}

/** Proposed and accepted matches: their members keep them, and mentors only their spare capacity. */
export async function activeMatches(sql: Sql, programId: string): Promise<ExistingMatch[]> {
  const r = await sql.query<{ members: { participantId: string }[] }>(
    `SELECT members FROM matches WHERE program_id = $1 AND status IN ('proposed', 'accepted') ORDER BY id`,
    [programId],
  );
  return r.rows.map((row) => ({ members: row.members.map((m) => m.participantId) }));
}

/** Everyone each participant has been matched with in the program. */
export async function previousPartners(sql: Sql, programId: string): Promise<Map<string, string[]>> {
  const r = await sql.query<{ participant_id: string; partners: string[] }>(
    `SELECT participant_id, json_agg(partner_id ORDER BY partner_id) AS partners
     FROM pair_history WHERE program_id = $1 GROUP BY participant_id`,
    [programId],
  );
  return new Map(r.rows.map((row) => [row.participant_id, row.partners]));
}

/**
 * A digest of what a run depends on (approved pool and active matches). A run computed outside a
 * transaction is written only if the digest is the same when it commits.
 */
export async function poolDigest(sql: Sql, programId: string): Promise<string> {
  const r = await sql.query<{ digest: string }>(
    `SELECT md5(
       coalesce((SELECT string_agg(participant_id::text, ',' ORDER BY participant_id) FROM pool
                 WHERE program_id = $1 AND status = 'approved'), '') || '|' ||
       coalesce((SELECT string_agg(id::text, ',' ORDER BY id) FROM matches
                 WHERE program_id = $1 AND status IN ('proposed', 'accepted')), '')) AS digest`,
    [programId],
  );
  return r.rows[0]!.digest;
}
