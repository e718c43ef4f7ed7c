import type { EventData } from '@tandem/contracts';
import { on, recordErasure, wasErased, type EventHandler, type ServiceContext, type Sql } from '@tandem/platform';
import { assignSurvey } from './assignment-store';
import { setFollowUpDue } from './follow-ups';
import {
  enrolleesOf, enrolleesWithoutBaseline, findProgram, forgetEnrollee, lockProgram, rememberEnrollee, upsertProgram,
  type ProgramRow,
} from './projections';

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

/** How long people have to answer, counted from when a survey is assigned after the fact. */
const BASELINE_DAYS_ONCE_STARTED = 7;
const PULSE_DAYS = 3;
const END_DAYS = 14;

/** The baseline is due when the program starts; someone approved later gets a week. */
const baselineDue = (program: ProgramRow) =>
  program.starts_at.getTime() > Date.now() ? program.starts_at : inDays(BASELINE_DAYS_ONCE_STARTED);

/**
 * Surveys go out at set moments: a baseline when someone is approved, a pulse to every member
 * after each completed session, and the end-of-program survey when the program closes, which also
 * sets when the follow-up falls due (sent by follow-ups.ts). Each is assigned once however often
 * its event arrives (see assignSurvey).
 *
 * Program and enrollment events have different keys, so they come in any order: an approval whose
 * program is not known yet is remembered, and its baseline goes out when the program's snapshot
 * arrives; an approval that arrives after the program closed gets its end survey too.
 */
export function surveyHandlers(ctx: ServiceContext, followUpAfterDays: number): EventHandler[] {
  const assign = (sql: Sql, tenantId: string, programId: string, participantId: string, kind: 'baseline' | 'end', skills: string[], dueAt: Date) =>
    assignSurvey(sql, ctx.name, tenantId, { programId, participantId, kind, skills, dueAt });
  /** Upserts the program and sends the baselines that waited for it. */
  const programArrived = async (sql: Sql, tenantId: string, snapshot: EventData<'enrollment.program.updated'>) => {
    await lockProgram(sql, snapshot.programId);
    await upsertProgram(sql, tenantId, snapshot);
    const program = (await findProgram(sql, snapshot.programId))!;
    for (const enrollee of await enrolleesWithoutBaseline(sql, program.id)) {
      await assign(sql, tenantId, program.id, enrollee.participant_id, 'baseline', enrollee.skills_sought, baselineDue(program));
    }
  };
  const programEvents = ['enrollment.program.created', 'enrollment.program.updated', 'enrollment.program.opened', 'enrollment.program.started'] as const;
  return [
    ...programEvents.map((type) => on(type, (sql, event) => programArrived(sql, event.tenantId, event.data))),
    on('enrollment.program.closed', async (sql, event) => {
      await programArrived(sql, event.tenantId, event.data);
      await setFollowUpDue(sql, event.data.programId, new Date(event.time), followUpAfterDays);
      const dueAt = inDays(END_DAYS);
      for (const enrollee of await enrolleesOf(sql, event.data.programId)) {
        await assign(sql, event.tenantId, event.data.programId, enrollee.participant_id, 'end', enrollee.skills_sought, dueAt);
      }
    }),
    on('enrollment.enrollment.approved', async (sql, event) => {
      const { programId, participantId, profile } = event.data;
      const skills = profile.skillsSought.map((s) => s.skill);
      await lockProgram(sql, programId);
      if (await wasErased(sql, participantId)) return; // An approval delivered after the erasure.
      await rememberEnrollee(sql, event.tenantId, programId, participantId, skills);
      const program = await findProgram(sql, programId);
      if (!program) return; // Its baseline goes out when the program arrives (programArrived).
      await assign(sql, event.tenantId, programId, participantId, 'baseline', skills, baselineDue(program));
      if (program.status === 'closed') await assign(sql, event.tenantId, programId, participantId, 'end', skills, inDays(END_DAYS));
    }),
    on('enrollment.enrollment.withdrawn', (sql, event) => forgetEnrollee(sql, event.data.programId, event.data.participantId)),
    on('scheduling.session.completed', async (sql, event) => {
      const { sessionId, programId, members } = event.data;
      if (!members) {
        ctx.logger.warn({ sessionId }, 'session.completed without members: no pulse surveys to assign');
        return;
      }
      const dueAt = inDays(PULSE_DAYS);
      for (const participantId of members) {
        if (await wasErased(sql, participantId)) continue;
        await assignSurvey(sql, ctx.name, event.tenantId, { programId, participantId, kind: 'pulse', sessionId, dueAt });
      }
    }),
    // Erasure: answers are personal, so the participant's surveys go with them (analytics keeps its counts).
    on('enrollment.participant.erased', async (sql, event) => {
      await recordErasure(sql, event.tenantId, event.data.participantId);
      await sql.query(`DELETE FROM enrollees WHERE participant_id = $1`, [event.data.participantId]);
      await sql.query(`DELETE FROM assignments WHERE participant_id = $1`, [event.data.participantId]);
    }),
  ];
}
