import { endpoints } from '@tandem/contracts';
import { scoreManualMatch } from '@tandem/matching-engine';
import { AppError, badRequest, implement, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { callEngine, programSettings } from './engine';
import { createMatches, matchView } from './matches';
import { activeMatches, findPoolMember, previousPartners, toParticipant, type PoolRow } from './pool';
import { assertMatchable, findProgram } from './programs';

/**
 * An admin pairs two approved participants by hand. The engine scores and explains the pair and
 * checks the hard constraints (capacity and previous partners included); a violation is refused
 * unless the admin forces it, and a forced match keeps the violations it was made with.
 */
export function manualMatchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  implement(app, endpoints.createManualMatch, async ({ params: { id: programId }, body, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      // The lock serialises match creation in the program, so capacity is checked against settled matches.
      const program = await findProgram(sql, programId, true);
      assertMatchable(program);
      const people: PoolRow[] = [];
      for (const [index, participantId] of body.members.entries()) {
        const member = await findPoolMember(sql, programId, participantId);
        if (!member) {
          throw badRequest('invalid body', [
            { path: `members.${index}`, message: `${participantId} is not an approved participant of this program` },
          ]);
        }
        people.push(member);
      }
      const [a, b] = people as [PoolRow, PoolRow];
      const history = await previousPartners(sql, programId);
      const existing = await activeMatches(sql, programId);
      const report = await callEngine(() =>
        scoreManualMatch(
          programSettings(program),
          toParticipant(a, history.get(a.participant_id)),
          toParticipant(b, history.get(b.participant_id)),
          { existing },
        ));
      if (report.violations.length > 0 && !body.force) {
        throw new AppError(
          422,
          'constraint-violations',
          `the pair violates hard constraints: ${report.violations.join(', ')}; send force: true to match them anyway`,
          report.violations.map((v) => ({ path: 'members', message: `violates ${v}` })),
        );
      }
      const [created] = await createMatches(sql, ctx.name, caller.tenantId, programId, { origin: 'manual', runId: null }, [{
        members: people.map((p) => ({ participantId: p.participant_id, role: p.role })),
        score: report.score,
        explanation: report.explanation,
        constraints: report.constraints,
        violations: report.violations,
      }]);
      return created!;
    });
    return matchView(row, caller);
  });
}
