export { availabilityInUtc, type AvailabilityWindow, type Person, type Weekday } from './availability';
export {
  alignToSlotStep, DEFAULT_HORIZON_DAYS, firstCommonSlot, firstSlot, SLOT_STEP_MS, type FirstSlotInput, type Slot, type SlotSearch,
} from './first-slot';
export { intersectIntervals, mergeIntervals, type Interval } from './intervals';
export { nextOccurrence, type Cadence } from './next-occurrence';
