import { IssueCollector } from '../scoring/input-error';
import type { Participant } from '../scoring/participant';
import type { ProgramFormat } from '../scoring/settings';

/** A match already active in the program; incremental runs leave it and its members' used capacity alone. */
export interface ExistingMatch {
  members: string[];
}

export type UnmatchedReason =
  | 'no-feasible-partner'
  | 'capacity-exhausted'
  | 'odd-pool'
  | 'not-chosen'
  | 'role-not-in-format';

export interface UnmatchedParticipant {
  participantId: string;
  reason: UnmatchedReason;
}

/** Who takes part in a run: open participants (mentors with their remaining capacity) and those set aside. */
export interface RunPartition {
  open: Participant[];
  /** Participants that cannot be matched whatever the optimiser does. */
  setAside: UnmatchedParticipant[];
  /** Existing matches per participant id. */
  used: ReadonlyMap<string, number>;
}

/** Counts existing matches per participant id, checking the shape (input may come from JSON). */
export function countExisting(existing: readonly ExistingMatch[] | undefined, issues: IssueCollector): Map<string, number> {
  const used = new Map<string, number>();
  if (existing === undefined) return used;
  if (!Array.isArray(existing)) {
    issues.add('existing', 'must be an array of { members: string[] }');
    return used;
  }
  existing.forEach((match: unknown, index) => {
    const members = typeof match === 'object' && match !== null ? (match as { members?: unknown }).members : undefined;
    if (!Array.isArray(members) || !members.every((id) => typeof id === 'string')) {
      issues.add(`existing[${index}].members`, 'must be an array of participant ids');
      return;
    }
    for (const id of new Set(members as string[])) used.set(id, (used.get(id) ?? 0) + 1);
  });
  return used;
}

/**
 * Splits participants for an incremental run: members of existing matches are not touched, except mentors,
 * who stay open with their remaining capacity. Ids in existing matches that are not participants any more
 * (withdrawn) are ignored.
 */
export function partitionForRun(people: readonly Participant[], format: ProgramFormat, used: ReadonlyMap<string, number>): RunPartition {
  const open: Participant[] = [];
  const setAside: UnmatchedParticipant[] = [];
  for (const person of people) {
    const matches = used.get(person.id) ?? 0;
    if (format === 'mentoring' && person.role === 'peer') {
      setAside.push({ participantId: person.id, reason: 'role-not-in-format' });
    } else if (format === 'mentoring' && person.role === 'mentor') {
      const remaining = (person.capacity ?? 1) - matches;
      if (remaining > 0) open.push({ ...person, capacity: remaining });
      else if (matches === 0) setAside.push({ participantId: person.id, reason: 'capacity-exhausted' });
    } else if (matches === 0) {
      open.push(person);
    }
  }
  return { open, setAside, used };
}
