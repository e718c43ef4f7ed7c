export { availabilityViolations, type ProposedTime } from './availability-check';
export { availabilityInUtc, type AvailabilityWindow, type Person, type Weekday } from './availability';
export { calendarUid, DEFAULT_SESSION_SUMMARY, renderCalendar, type CalendarFeed, type CalendarSession } from './calendar-feed';
export { DEFAULT_HORIZON_DAYS, firstCommonSlot, firstSlot, type FirstSlotInput, type SlotSearch } from './first-slot';
export {
  alignToSlotStep, findFreeSlots, SLOT_STEP_MS, sharedFreeTime, slotStarts, type FreeSlotPage, type FreeSlotSearch, type Member,
} from './free-slots';
export { intersectIntervals, mergeIntervals, subtractIntervals, toInterval, type Interval, type Slot } from './intervals';
export { journeyStepFor, type JourneySession } from './journey';
export { nextOccurrence, type Cadence } from './next-occurrence';
export { reminderDueTimes, type ReminderDue } from './reminders';
export {
  planNextSessionTime, planSessionTime, type NeedsTimeReason, type PlannedTime, type SessionTimeSearch,
} from './session-planning';
export { offsetSpans, wallTime, type OffsetSpan } from './zone-offsets';
