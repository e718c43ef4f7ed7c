import type { Sql } from '@tandem/platform';

const idHash = `sha256(convert_to($1::text, 'UTF8'))`;

/** The id to store for a participant: their own, or the stand-in once they were erased. */
export async function storedParticipantId(sql: Sql, participantId: string): Promise<string> {
  const r = await sql.query<{ stand_in: string }>(`SELECT stand_in FROM erased_participants WHERE id_hash = ${idHash}`, [
    participantId,
  ]);
  return r.rows[0]?.stand_in ?? participantId;
}

/**
 * Erasure (DESIGN.md §6): every row that named the participant now carries a random stand-in,
 * so counts stay whole and nothing here leads back to the person. Returns the programs touched.
 */
export async function eraseParticipant(sql: Sql, tenantId: string, participantId: string): Promise<string[]> {
  await sql.query(
    `INSERT INTO erased_participants (tenant_id, id_hash, stand_in) VALUES ($2, ${idHash}, gen_random_uuid())
     ON CONFLICT DO NOTHING`,
    [participantId, tenantId],
  );
  const standIn = await storedParticipantId(sql, participantId);
  const touched = await sql.query<{ program_id: string }>(
    `WITH e AS (
       UPDATE enrollments SET participant_id = $2 WHERE participant_id = $1 RETURNING program_id
     ), a AS (
       UPDATE survey_assignments SET participant_id = $2 WHERE participant_id = $1 RETURNING program_id
     ), m AS (
       UPDATE match_members SET participant_id = $2 WHERE participant_id = $1 RETURNING match_id
     )
     SELECT program_id FROM e UNION SELECT program_id FROM a
     UNION SELECT matches.program_id FROM m JOIN matches USING (match_id)`,
    [participantId, standIn],
  );
  return touched.rows.map((r) => r.program_id);
}
