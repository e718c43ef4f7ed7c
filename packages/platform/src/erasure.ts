import { lockFor, type Sql } from './db';

/**
 * Erasure against late events (DESIGN.md §6). An event about a participant (an approval with
 * their profile, a session with them) has another key than their erasure, so it may arrive after
 * it and would store their data again. A service that erases someone records it here, by a hash
 * of the id that only someone holding the id can recognise, and its handlers skip what arrives
 * about them afterwards. Both take a lock per participant until their transaction ends, so an
 * erasure and an approval applied at the same moment see each other.
 */
const idHash = `sha256(convert_to($1::text, 'UTF8'))`;

const lockParticipant = (sql: Sql, participantId: string) => lockFor(sql, `tandem.erasure:${participantId}`);

export async function recordErasure(sql: Sql, tenantId: string, participantId: string): Promise<void> {
  await lockParticipant(sql, participantId);
  await sql.query(`INSERT INTO erasures (tenant_id, id_hash) VALUES ($2, ${idHash}) ON CONFLICT DO NOTHING`, [participantId, tenantId]);
}

export async function wasErased(sql: Sql, participantId: string): Promise<boolean> {
  await lockParticipant(sql, participantId);
  const r = await sql.query(`SELECT 1 FROM erasures WHERE id_hash = ${idHash}`, [participantId]);
  return r.rowCount > 0;
}
