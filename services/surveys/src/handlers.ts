import { on, type EventHandler, type ServiceContext } from '@tandem/platform';
import { assignSurvey } from './assignment-store';
import { setFollowUpDue } from './follow-ups';
import { enrolleesOf, findProgram, forgetEnrollee, rememberEnrollee, upsertProgram } from './projections';

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

/** How long people have to answer, counted from when a survey is assigned after the fact. */
const BASELINE_DAYS_ONCE_STARTED = 7;
const PULSE_DAYS = 3;
const END_DAYS = 14;

/**
 * Surveys go out at set moments: a baseline when someone is approved, a pulse to every member
 * after each completed session, and the end-of-program survey when the program closes, which also
 * sets when the follow-up falls due (sent by follow-ups.ts). Each is assigned once however often
 * its event arrives (see assignSurvey).
 */
export function surveyHandlers(ctx: ServiceContext, followUpAfterDays: number): EventHandler[] {
  const programEvents = ['enrollment.program.created', 'enrollment.program.updated', 'enrollment.program.opened', 'enrollment.program.started'] as const;
  return [
    ...programEvents.map((type) => on(type, (sql, event) => upsertProgram(sql, event.tenantId, event.data))),
    on('enrollment.program.closed', async (sql, event) => {
      await upsertProgram(sql, event.tenantId, event.data);
      await setFollowUpDue(sql, event.data.programId, new Date(event.time), followUpAfterDays);
      const dueAt = inDays(END_DAYS);
      for (const enrollee of await enrolleesOf(sql, event.data.programId)) {
        await assignSurvey(sql, ctx.name, event.tenantId, {
          programId: event.data.programId, participantId: enrollee.participant_id, kind: 'end', skills: enrollee.skills_sought, dueAt,
        });
      }
    }),
    on('enrollment.enrollment.approved', async (sql, event) => {
      const { programId, participantId, profile } = event.data;
      // The program's snapshot precedes its enrollments; when it has not arrived yet, failing lets the consumer retry.
      const program = await findProgram(sql, programId);
      if (!program) throw new Error(`program ${programId} is not known yet`);
      const skills = profile.skillsSought.map((s) => s.skill);
      await rememberEnrollee(sql, event.tenantId, programId, participantId, skills);
      // The baseline is due when the program starts; someone approved later gets a week.
      const dueAt = program.starts_at.getTime() > Date.now() ? program.starts_at : inDays(BASELINE_DAYS_ONCE_STARTED);
      await assignSurvey(sql, ctx.name, event.tenantId, { programId, participantId, kind: 'baseline', skills, dueAt });
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
        await assignSurvey(sql, ctx.name, event.tenantId, { programId, participantId, kind: 'pulse', sessionId, dueAt });
      }
    }),
    // Erasure: answers are personal, so the participant's surveys go with them (analytics keeps its counts).
    on('enrollment.participant.erased', async (sql, event) => {
      await sql.query(`DELETE FROM enrollees WHERE participant_id = $1`, [event.data.participantId]);
      await sql.query(`DELETE FROM assignments WHERE participant_id = $1`, [event.data.participantId]);
    }),
  ];
}
