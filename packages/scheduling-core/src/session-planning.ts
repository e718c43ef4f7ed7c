import type { Person } from './availability';
import { DEFAULT_HORIZON_DAYS, firstCommonSlot } from './first-slot';
import { alignToSlotStep } from './free-slots';
import type { Slot } from './intervals';
import { nextOccurrence, type Cadence } from './next-occurrence';

/** Why a session has no time yet: a member gave no availability, or the members share none within the horizon. */
export type NeedsTimeReason = 'no-availability' | 'no-common-slot';

/** A session's planned time, or none yet and why (the session then waits for someone to book it). */
export type PlannedTime = Slot | { startsAt: null; endsAt: null; reason: NeedsTimeReason };

export interface SessionTimeSearch {
  members: readonly Person[];
  minutes: number;
  /** The members' other sessions; the planned one does not overlap them. */
  busy?: readonly Slot[];
  /** Never before this, e.g. now or the program's start. */
  notBefore?: Date;
  /** The whole session ends by this, e.g. the program's end. */
  notAfter?: Date;
  /** How far ahead to look for a common slot; default 28 days. */
  horizonDays?: number;
}

const DAY_MS = 86_400_000;

/**
 * The earliest common slot at or after `earliest` (and `notBefore`), or a needs-time answer
 * with its reason; null when not even an unplaced session of this length fits before `notAfter`.
 */
export function planSessionTime(earliest: Date, search: SessionTimeSearch): PlannedTime | null {
  const origin = alignToSlotStep(new Date(Math.max(earliest.getTime(), search.notBefore?.getTime() ?? -Infinity)));
  const roomMs = (search.notAfter?.getTime() ?? Infinity) - origin.getTime();
  if (roomMs < search.minutes * 60_000) return null;
  if (search.members.some((m) => m.availability.length === 0)) return { startsAt: null, endsAt: null, reason: 'no-availability' };
  const slot = firstCommonSlot(search.members, {
    after: origin,
    minutes: search.minutes,
    horizonDays: Math.min(search.horizonDays ?? DEFAULT_HORIZON_DAYS, roomMs / DAY_MS),
    busy: search.busy,
  });
  return slot ?? { startsAt: null, endsAt: null, reason: 'no-common-slot' };
}

/** The session after one due at `previous`: one cadence period on, then as planSessionTime. */
export function planNextSessionTime(previous: Date, cadence: Cadence, search: SessionTimeSearch): PlannedTime | null {
  return planSessionTime(nextOccurrence(previous, cadence), search);
}
