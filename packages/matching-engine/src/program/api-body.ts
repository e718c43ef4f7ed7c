import { IssueCollector, MatchingInputError } from '../scoring/input-error';
import { type Participant, readParticipant } from '../scoring/participant';
import { type ProgramSettings, resolveProgram } from './settings';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Participant attributes that API.md nests under `participant`; everything else sits on the enrollment. */
const PERSON_FIELDS = new Set(['department', 'location', 'managerId', 'level', 'timeZone', 'languages']);

/**
 * Turns API.md enrollment bodies (each with an `id`) into validated participants. Error paths follow the
 * enrollment shape, e.g. `enrollments[2].participant.timeZone`. Throws MatchingInputError.
 */
export function participantsFromEnrollments(list: unknown, listPath = 'enrollments'): Participant[] {
  const issues = new IssueCollector();
  if (!Array.isArray(list)) {
    issues.add(listPath, 'must be an array of enrollments');
    throw new MatchingInputError(issues.list);
  }
  const participants: Participant[] = [];
  const seen = new Set<string>();
  list.forEach((enrollment: unknown, index) => {
    const at = `${listPath}[${index}]`;
    if (!isRecord(enrollment)) {
      issues.add(at, 'must be an object');
      return;
    }
    const person = isRecord(enrollment.participant) ? enrollment.participant : {};
    const flat: Record<string, unknown> = { ...enrollment };
    for (const field of PERSON_FIELDS) flat[field] = person[field];
    const pathOf = (field: string): string => {
      if (field === '') return at;
      return PERSON_FIELDS.has(field.split(/[.[]/)[0] ?? '') ? `${at}.participant.${field}` : `${at}.${field}`;
    };
    const participant = readParticipant(flat, pathOf, issues);
    if (participant === undefined) return;
    if (seen.has(participant.id)) issues.add(pathOf('id'), `duplicate id "${participant.id}"`);
    seen.add(participant.id);
    participants.push(participant);
  });
  issues.throwIfAny();
  return participants;
}

/**
 * Reads an API.md program body (`format`, `startsAt`, `cadence`, `sessionMinutes`, `circleSize`, `matching`)
 * into validated ProgramSettings. `matching` may also carry the engine's optional knobs (`minOverlapMinutes`,
 * `candidatesPerPerson`, `cardinalityFirst`, `departmentPreference`, `locationPreference`, `experienceGap`).
 */
export function programSettingsFromBody(body: unknown): ProgramSettings {
  if (!isRecord(body)) throw new MatchingInputError([{ path: 'program', message: 'must be an object' }]);
  const matching = isRecord(body.matching) ? body.matching : {};
  const settings = {
    format: body.format,
    objective: matching.objective ?? 'optimal',
    weights: matching.weights,
    startsAt: body.startsAt,
    cadence: body.cadence,
    sessionMinutes: body.sessionMinutes,
    circleSize: body.circleSize,
    minOverlapMinutes: matching.minOverlapMinutes,
    candidatesPerPerson: matching.candidatesPerPerson,
    cardinalityFirst: matching.cardinalityFirst,
    departmentPreference: matching.departmentPreference,
    locationPreference: matching.locationPreference,
    experienceGap: matching.experienceGap,
  };
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined && value !== null));
  // resolveProgram checks every field at runtime, so the shape asserted here is verified before it is returned
  const typed = defined as unknown as ProgramSettings;
  resolveProgram(typed);
  return typed;
}
