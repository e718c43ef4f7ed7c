import { isoDurationMs, MAX_REMINDER_OFFSET_MS } from '@tandem/contracts';

export interface ReminderDue {
  /** The offset as the program gives it, e.g. PT24H. */
  offset: string;
  dueAt: Date;
}

/**
 * When each of the program's reminders for a session starting at `startsAt` falls due, earliest
 * first. Offsets are the ones the contracts' `reminders` schema accepts; any other is a RangeError.
 * Due times already past are kept: the caller decides whether a late reminder is still worth sending.
 */
export function reminderDueTimes(startsAt: Date, offsets: readonly string[]): ReminderDue[] {
  return offsets
    .map((offset) => {
      const ms = isoDurationMs(offset);
      if (ms === null || ms <= 0 || ms > MAX_REMINDER_OFFSET_MS) throw new RangeError(`bad reminder offset ${offset}`);
      return { offset, dueAt: new Date(startsAt.getTime() - ms) };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
