import {
  enrollmentCreate, manualMatchCreate, matchDecline, matchEnd, matchingRunCreate, programCreate, programPatch, rematchCreate,
  sessionReschedule, surveyResponseCreate,
} from '@tandem/contracts';
import type { z } from 'zod';

export type Upstream = 'enrollment' | 'matching' | 'scheduling' | 'surveys' | 'analytics';
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: Method;
  /** OpenAPI-style path; `{x}` matches one path segment. */
  path: string;
  upstream: Upstream;
  summary: string;
  body?: z.ZodType;
}

/**
 * The public API served by other services, in one table: it drives request routing and the
 * OpenAPI document, so the two cannot drift apart.
 */
export const routes: RouteSpec[] = [
  { method: 'POST', path: '/v1/programs', upstream: 'enrollment', summary: 'Create a program', body: programCreate },
  { method: 'GET', path: '/v1/programs', upstream: 'enrollment', summary: 'List programs' },
  { method: 'GET', path: '/v1/programs/{id}', upstream: 'enrollment', summary: 'Get a program' },
  { method: 'PATCH', path: '/v1/programs/{id}', upstream: 'enrollment', summary: 'Update a program (with version)', body: programPatch },
  { method: 'POST', path: '/v1/programs/{id}/open', upstream: 'enrollment', summary: 'Open enrollment' },
  { method: 'POST', path: '/v1/programs/{id}/start', upstream: 'enrollment', summary: 'Start the program' },
  { method: 'POST', path: '/v1/programs/{id}/close', upstream: 'enrollment', summary: 'Close the program' },
  { method: 'POST', path: '/v1/programs/{id}/enrollments', upstream: 'enrollment', summary: 'Enroll a participant', body: enrollmentCreate },
  { method: 'POST', path: '/v1/programs/{id}/enrollments/import', upstream: 'enrollment', summary: 'Import enrollments (JSON array)' },
  { method: 'GET', path: '/v1/programs/{id}/enrollments', upstream: 'enrollment', summary: 'List enrollments' },
  { method: 'GET', path: '/v1/enrollments/{id}', upstream: 'enrollment', summary: 'Get an enrollment' },
  { method: 'POST', path: '/v1/enrollments/{id}/approve', upstream: 'enrollment', summary: 'Approve an enrollment' },
  { method: 'POST', path: '/v1/enrollments/{id}/waitlist', upstream: 'enrollment', summary: 'Waitlist an enrollment' },
  { method: 'POST', path: '/v1/enrollments/{id}/reject', upstream: 'enrollment', summary: 'Reject an enrollment' },
  { method: 'POST', path: '/v1/enrollments/{id}/withdraw', upstream: 'enrollment', summary: 'Withdraw an enrollment' },
  { method: 'DELETE', path: '/v1/participants/{id}', upstream: 'enrollment', summary: 'Erase a participant everywhere' },
  { method: 'POST', path: '/v1/programs/{id}/matching-runs', upstream: 'matching', summary: 'Run matching', body: matchingRunCreate },
  { method: 'GET', path: '/v1/programs/{id}/matching-runs', upstream: 'matching', summary: 'List matching runs' },
  { method: 'GET', path: '/v1/matching-runs/{id}', upstream: 'matching', summary: 'Get a matching run' },
  { method: 'GET', path: '/v1/programs/{id}/matches', upstream: 'matching', summary: 'List matches' },
  { method: 'POST', path: '/v1/programs/{id}/matches', upstream: 'matching', summary: 'Create a manual match', body: manualMatchCreate },
  { method: 'POST', path: '/v1/programs/{id}/rematch', upstream: 'matching', summary: 'Rematch people without an active match', body: rematchCreate },
  { method: 'GET', path: '/v1/programs/{id}/participants/{participantId}/suggestions', upstream: 'matching', summary: 'Top candidates for one participant' },
  { method: 'GET', path: '/v1/matches/{id}', upstream: 'matching', summary: 'Get a match with its explanation' },
  { method: 'POST', path: '/v1/matches/{id}/accept', upstream: 'matching', summary: 'Accept a match' },
  { method: 'POST', path: '/v1/matches/{id}/decline', upstream: 'matching', summary: 'Decline a match', body: matchDecline },
  { method: 'POST', path: '/v1/matches/{id}/end', upstream: 'matching', summary: 'End a match (no blame)', body: matchEnd },
  { method: 'GET', path: '/v1/matches/{id}/sessions', upstream: 'scheduling', summary: 'Sessions of a match' },
  { method: 'GET', path: '/v1/sessions/{id}', upstream: 'scheduling', summary: 'Get a session' },
  { method: 'POST', path: '/v1/sessions/{id}/complete', upstream: 'scheduling', summary: 'Mark a session completed' },
  { method: 'POST', path: '/v1/sessions/{id}/cancel', upstream: 'scheduling', summary: 'Cancel a session' },
  { method: 'POST', path: '/v1/sessions/{id}/reschedule', upstream: 'scheduling', summary: 'Reschedule a session', body: sessionReschedule },
  { method: 'GET', path: '/v1/programs/{id}/survey-assignments', upstream: 'surveys', summary: 'Survey assignments of a program' },
  { method: 'GET', path: '/v1/survey-assignments/{id}', upstream: 'surveys', summary: 'Get a survey assignment' },
  { method: 'POST', path: '/v1/survey-assignments/{id}/responses', upstream: 'surveys', summary: 'Answer a survey', body: surveyResponseCreate },
  { method: 'GET', path: '/v1/programs/{id}/dashboard', upstream: 'analytics', summary: 'Program dashboard' },
];

const compiled = routes.map((r) => ({
  spec: r,
  pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route a request goes to, or undefined (then 404 or 405). */
export function findRoute(method: string, path: string): { spec?: RouteSpec; pathKnown: boolean } {
  const matching = compiled.filter((c) => c.pattern.test(path));
  return { spec: matching.find((c) => c.spec.method === method)?.spec, pathKnown: matching.length > 0 };
}
