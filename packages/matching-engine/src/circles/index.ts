export { formCircles, type CirclesInput, type CirclesResult } from './form-circles';
export { planGroups, type GroupPlan } from './group-plan';
