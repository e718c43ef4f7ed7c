import { endpoints } from '@tandem/contracts';
import {
  conflict, createEvent, implement, notFound, toPage, writeToOutbox, type ServiceContext, type Sql, type TenantContext,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { findMatch, matchRef, matchView, type MatchRow, type MatchStatus } from './matches';
import { findProgram } from './programs';

interface MatchChange {
  status: MatchStatus;
  responses: MatchRow['responses'];
  closedBy?: string;
  reason?: string;
}

async function saveChange(sql: Sql, row: MatchRow, change: MatchChange): Promise<MatchRow> {
  const closing = change.status === 'declined' || change.status === 'ended';
  const r = await sql.query<MatchRow>(
    `UPDATE matches SET status = $2, responses = $3, closed_by = $4, close_reason = $5,
       closed_at = CASE WHEN $6 THEN now() ELSE closed_at END, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [row.id, change.status, JSON.stringify(change.responses), change.closedBy ?? row.closed_by,
      change.reason ?? row.close_reason, closing],
  );
  return r.rows[0]!;
}

/** Who acts: 'admin', or the member acting for themself; to anyone else the match does not exist. */
function actorOf(caller: TenantContext, row: MatchRow): string {
  if (caller.role === 'admin') return 'admin';
  const member = row.members.find((m) => m.participantId === caller.participantId);
  if (!member) throw notFound('match');
  return member.participantId;
}

/**
 * A member's own response, recorded beside the match's status. Only the actor changes: admins act for
 * the whole match and leave members' responses as they were.
 */
function respond(row: MatchRow, actor: string, response: 'accepted' | 'declined'): MatchRow['responses'] {
  if (actor === 'admin') return row.responses;
  return { ...row.responses, [actor]: { response, at: new Date().toISOString() } };
}

export function matchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  implement(app, endpoints.listMatches, async ({ params: { id: programId }, query: q, caller }) => {
    const rows = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      await findProgram(sql, programId);
      // Participants see only the matches they are in.
      return sql.query<MatchRow>(
        `SELECT * FROM matches WHERE program_id = $1 AND ($2::uuid IS NULL OR id > $2) AND ($3::text IS NULL OR status = $3)
           AND ($4::boolean OR member_ids @> ARRAY[$5::uuid])
         ORDER BY id LIMIT $6`,
        [programId, q.cursor ?? null, q.status ?? null, caller.role === 'admin', caller.participantId ?? null, q.limit + 1],
      );
    });
    return toPage(rows.rows, q.limit, (row) => matchView(row, caller));
  });

  implement(app, endpoints.getMatch, async ({ params: { id }, caller }) => {
    const row = await ctx.db.withTenant(caller.tenantId, (sql) => findMatch(sql, id, caller));
    return matchView(row, caller);
  });

  /** Accepted once every member has accepted, or at once when an admin accepts for everyone. */
  implement(app, endpoints.acceptMatch, async ({ params: { id }, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await findMatch(sql, id, caller, true);
      if (current.status !== 'proposed') throw conflict(`cannot accept a match that is ${current.status}`);
      const actor = actorOf(caller, current);
      if (current.responses[actor]?.response === 'accepted') {
        throw conflict('you have accepted this match already; it waits for the other members');
      }
      const responses = respond(current, actor, 'accepted');
      const everyone = current.members.every((m) => responses[m.participantId]?.response === 'accepted');
      const status = actor === 'admin' || everyone ? 'accepted' : 'proposed';
      const updated = await saveChange(sql, current, { status, responses });
      if (status === 'accepted') {
        await writeToOutbox(sql, [createEvent(ctx.name, caller.tenantId, 'matching.match.accepted', id, matchRef(updated))]);
      }
      return updated;
    });
    return matchView(row, caller);
  });

  // Free-text reasons stay here (shown to admins and their author); the events carry none.
  implement(app, endpoints.declineMatch, async ({ params: { id }, body, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await findMatch(sql, id, caller, true);
      if (current.status !== 'proposed') {
        throw conflict(`cannot decline a match that is ${current.status}${current.status === 'accepted' ? '; end it instead' : ''}`);
      }
      const actor = actorOf(caller, current);
      const updated = await saveChange(sql, current, {
        status: 'declined', responses: respond(current, actor, 'declined'), closedBy: actor, ...(body.reason ? { reason: body.reason } : {}),
      });
      await writeToOutbox(sql, [createEvent(ctx.name, caller.tenantId, 'matching.match.declined', id, matchRef(updated))]);
      return updated;
    });
    return matchView(row, caller);
  });

  implement(app, endpoints.endMatch, async ({ params: { id }, body, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await findMatch(sql, id, caller, true);
      if (current.status !== 'accepted') throw conflict(`cannot end a match that is ${current.status}`);
      const updated = await saveChange(sql, current, {
        status: 'ended', responses: current.responses, closedBy: actorOf(caller, current), reason: body.reason,
      });
      await writeToOutbox(sql, [createEvent(ctx.name, caller.tenantId, 'matching.match.ended', id, matchRef(updated))]);
      return updated;
    });
    return matchView(row, caller);
  });
}
