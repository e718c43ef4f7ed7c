export {
  hospitalsResidents,
  isStableHR,
  type HospitalsResidentsInput,
  type HospitalsResidentsResult,
} from './hospitals-residents';
export { stableRoommates, isStableRoommates, type RoommatesResult } from './stable-roommates';
