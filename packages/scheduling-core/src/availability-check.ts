import type { AvailabilityViolation } from '@tandem/contracts';
import { availabilityInUtc } from './availability';
import type { Member } from './free-slots';
import type { Slot } from './intervals';
import { offsetSpans, WallClock } from './zone-offsets';

export interface ProposedTime extends Slot {
  members: readonly Member[];
}

/**
 * The members for whom [startsAt, endsAt) is not wholly inside their weekly availability, in
 * the order given; empty when the time suits everyone. A booking answers 422 with these, or,
 * forced by an admin, keeps them as the session's `violations`. Reasons: `no-availability` (the
 * member has no weekly windows at all) or `outside-availability` (some of the time lies outside
 * them); `local` is the proposed start and end on the member's own clock, 'YYYY-MM-DDTHH:mm'.
 */
export function availabilityViolations({ members, startsAt, endsAt }: ProposedTime): AvailabilityViolation[] {
  const start = startsAt.getTime();
  const end = endsAt.getTime();
  if (!(end > start)) throw new RangeError('endsAt must be after startsAt');
  const violations: AvailabilityViolation[] = [];
  for (const member of members) {
    // Clipped to the proposal, the availability covers it exactly when one interval is left, the whole of it.
    const inside = availabilityInUtc(member, start, end);
    if (inside.length === 1 && inside[0]!.start === start && inside[0]!.end === end) continue;
    const clock = new WallClock(offsetSpans(member.timeZone, start, end + 1));
    violations.push({
      participantId: member.participantId,
      reason: member.availability.length === 0 ? 'no-availability' : 'outside-availability',
      timeZone: member.timeZone,
      local: { startsAt: clock.read(start), endsAt: clock.read(end) },
    });
  }
  return violations;
}
