import { z } from 'zod';
import { participantRole, uuid } from '../common';
import {
  apiKeyCreate, enrollmentCreate, manualMatchCreate, matchDecline, matchEnd, matchingRunCreate, programCreate, programPatch,
  rematchCreate, sessionReschedule, surveyResponseCreate, tenantCreate,
} from '../rest';
import { endpoint, type AnyEndpoint } from './endpoint';
import {
  apiKeyCreated, apiKeyView, dashboardView, enrollmentStatus, enrollmentView, importResult, matchingRunSummary, matchingRunView,
  matchView, page, programView, sessionView, suggestionsView, surveyAssignmentDetail, surveyAssignmentView, surveyResponseView,
  tenantCreated, tenantView,
} from './views';

/**
 * Every public endpoint, once (DESIGN.md §11). Add an endpoint here and the gateway routes it,
 * checks its roles, documents it and the generated isolation and bad-input suites probe it; its
 * service must register a handler for it or it will not start.
 */
const id = z.object({ id: uuid });

// Examples: valid bodies, shown in the docs and sent by the generated isolation suite.
const someone = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const someoneElse = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const programExample = {
  name: 'Product leads mentoring', format: 'mentoring', objectives: ['grow product leadership'],
  startsAt: '2031-01-13T00:00:00Z', endsAt: '2031-06-30T00:00:00Z', cadence: { every: 2, unit: 'week' }, sessionMinutes: 45,
  matching: { objective: 'optimal', weights: { skills: 3, goals: 2, availability: 1 } },
};
const enrollmentExample = {
  participant: { email: 'ada@example.org', name: 'Ada Lovelace', department: 'engineering', level: 2, timeZone: 'Europe/London', languages: ['en'] },
  role: 'mentee', skillsSought: [{ skill: 'negotiation', level: 2 }], goals: ['lead a team'], interests: ['chess'],
  availability: [{ day: 'tue', from: '09:00', to: '12:00' }],
};
const ofProgram = { id: 'program' } as const;
const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('items per page'),
  cursor: uuid.optional().describe('the `nextCursor` of the previous page'),
};
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
const paged = <S extends z.ZodRawShape = {}>(shape?: S) => z.strictObject({ ...pageQuery, ...shape } as typeof pageQuery & S);
const tenantRoles = ['admin', 'participant'] as const;
/** Rows are checked one by one (each bad row is reported, the good ones enrolled), so the body takes any array. */
const importRows = z.array(z.unknown().describe('an enrollment body, as createEnrollment takes'))
  .min(1).max(5000).describe('enrollment bodies; `row` in the answer counts them from 1');

export const endpoints = {
  // Identity: the gateway's own.
  createTenant: endpoint({
    operationId: 'createTenant', method: 'POST', path: '/v1/tenants', service: 'gateway', roles: ['operator'], tag: 'Tenants',
    summary: 'Create a tenant; answers its first admin key once', body: tenantCreate, example: { name: 'Acme', slug: 'acme' }, responses: { 201: tenantCreated }, errors: [409],
  }),
  listTenants: endpoint({
    operationId: 'listTenants', method: 'GET', path: '/v1/tenants', service: 'gateway', roles: ['operator'], tag: 'Tenants',
    summary: 'List tenants', query: paged(), responses: { 200: page(tenantView) },
  }),
  getTenant: endpoint({
    operationId: 'getTenant', method: 'GET', path: '/v1/tenants/{id}', service: 'gateway', roles: ['operator'], tag: 'Tenants',
    summary: 'Get a tenant', params: id, resources: { id: 'tenant' }, responses: { 200: tenantView },
  }),
  suspendTenant: endpoint({
    operationId: 'suspendTenant', method: 'POST', path: '/v1/tenants/{id}/suspend', service: 'gateway', roles: ['operator'],
    tag: 'Tenants', summary: 'Suspend a tenant: its keys stop working', params: id, resources: { id: 'tenant' },
    responses: { 200: tenantView },
  }),
  createApiKey: endpoint({
    operationId: 'createApiKey', method: 'POST', path: '/v1/api-keys', service: 'gateway', roles: ['admin'], tag: 'API keys',
    summary: 'Create an API key; the key is shown once', body: apiKeyCreate,
    example: { name: 'Ada', role: 'participant', participantId: someone }, responses: { 201: apiKeyCreated },
  }),
  listApiKeys: endpoint({
    operationId: 'listApiKeys', method: 'GET', path: '/v1/api-keys', service: 'gateway', roles: ['admin'], tag: 'API keys',
    summary: 'List API keys', query: paged(), responses: { 200: page(apiKeyView) },
  }),
  revokeApiKey: endpoint({
    operationId: 'revokeApiKey', method: 'DELETE', path: '/v1/api-keys/{id}', service: 'gateway', roles: ['admin'], tag: 'API keys',
    summary: 'Revoke an API key', params: id, resources: { id: 'api-key' }, responses: { 204: null },
  }),

  // Programs.
  createProgram: endpoint({
    operationId: 'createProgram', method: 'POST', path: '/v1/programs', service: 'enrollment', roles: ['admin'], tag: 'Programs',
    summary: 'Create a program (draft)', body: programCreate, example: programExample, responses: { 201: programView },
  }),
  listPrograms: endpoint({
    operationId: 'listPrograms', method: 'GET', path: '/v1/programs', service: 'enrollment', roles: tenantRoles, tag: 'Programs',
    summary: 'List programs',
    query: paged({ status: z.enum(['draft', 'enrolling', 'running', 'closed']).optional() }),
    responses: { 200: page(programView) },
  }),
  getProgram: endpoint({
    operationId: 'getProgram', method: 'GET', path: '/v1/programs/{id}', service: 'enrollment', roles: tenantRoles, tag: 'Programs',
    summary: 'Get a program', params: id, resources: ofProgram, responses: { 200: programView },
  }),
  updateProgram: endpoint({
    operationId: 'updateProgram', method: 'PATCH', path: '/v1/programs/{id}', service: 'enrollment', roles: ['admin'], tag: 'Programs',
    summary: 'Change a program (with its current version)', params: id, resources: ofProgram, body: programPatch,
    example: { version: 1, name: 'Product leads mentoring, spring' },
    responses: { 200: programView }, errors: [409],
  }),
  openProgram: endpoint({
    operationId: 'openProgram', method: 'POST', path: '/v1/programs/{id}/open', service: 'enrollment', roles: ['admin'],
    tag: 'Programs', summary: 'Open enrollment (draft → enrolling)', params: id, resources: ofProgram,
    responses: { 200: programView }, errors: [409],
  }),
  startProgram: endpoint({
    operationId: 'startProgram', method: 'POST', path: '/v1/programs/{id}/start', service: 'enrollment', roles: ['admin'],
    tag: 'Programs', summary: 'Start the program (enrolling → running)', params: id, resources: ofProgram,
    responses: { 200: programView }, errors: [409],
  }),
  closeProgram: endpoint({
    operationId: 'closeProgram', method: 'POST', path: '/v1/programs/{id}/close', service: 'enrollment', roles: ['admin'],
    tag: 'Programs', summary: 'Close the program', params: id, resources: ofProgram, responses: { 200: programView }, errors: [409],
  }),

  // Enrollments.
  createEnrollment: endpoint({
    operationId: 'createEnrollment', method: 'POST', path: '/v1/programs/{id}/enrollments', service: 'enrollment', roles: tenantRoles,
    tag: 'Enrollments', summary: 'Enroll a participant (an admin, or the participant themself)', params: id, resources: ofProgram,
    body: enrollmentCreate, example: enrollmentExample, responses: { 201: enrollmentView }, errors: [409],
  }),
  importEnrollments: endpoint({
    operationId: 'importEnrollments', method: 'POST', path: '/v1/programs/{id}/enrollments/import', service: 'enrollment',
    roles: ['admin'], tag: 'Enrollments', summary: 'Import enrollments: every row is checked before any is written',
    params: id, resources: ofProgram, body: importRows, example: [enrollmentExample], responses: { 200: importResult }, errors: [409],
  }),
  listEnrollments: endpoint({
    operationId: 'listEnrollments', method: 'GET', path: '/v1/programs/{id}/enrollments', service: 'enrollment', roles: ['admin'],
    tag: 'Enrollments', summary: 'List enrollments of a program', params: id, resources: ofProgram,
    query: paged({ status: enrollmentStatus.optional(), role: participantRole.optional() }), responses: { 200: page(enrollmentView) },
  }),
  getEnrollment: endpoint({
    operationId: 'getEnrollment', method: 'GET', path: '/v1/enrollments/{id}', service: 'enrollment', roles: tenantRoles,
    tag: 'Enrollments', summary: 'Get an enrollment', params: id, resources: { id: 'enrollment' }, responses: { 200: enrollmentView },
  }),
  ...enrollmentActions(),
  eraseParticipant: endpoint({
    operationId: 'eraseParticipant', method: 'DELETE', path: '/v1/participants/{id}', service: 'enrollment', roles: ['admin'],
    tag: 'Participants', summary: 'Erase a participant everywhere', params: id, resources: { id: 'participant' },
    responses: { 204: null },
  }),

  // Matching.
  runMatching: endpoint({
    operationId: 'runMatching', method: 'POST', path: '/v1/programs/{id}/matching-runs', service: 'matching', roles: ['admin'],
    tag: 'Matching', summary: 'Run matching (preview or publish); large runs answer 202 and go on in the background',
    params: id, resources: ofProgram, body: matchingRunCreate, bodyRequired: false, example: { dryRun: true, seed: 7 },
    responses: { 201: matchingRunView, 202: matchingRunView }, responseHeaders: { 202: { Location: 'where the run can be read' } },
    errors: [409, 422],
  }),
  listMatchingRuns: endpoint({
    operationId: 'listMatchingRuns', method: 'GET', path: '/v1/programs/{id}/matching-runs', service: 'matching', roles: ['admin'],
    tag: 'Matching', summary: 'List matching runs of a program', params: id, resources: ofProgram, query: paged(),
    responses: { 200: page(matchingRunSummary) },
  }),
  getMatchingRun: endpoint({
    operationId: 'getMatchingRun', method: 'GET', path: '/v1/matching-runs/{id}', service: 'matching', roles: ['admin'],
    tag: 'Matching', summary: 'Get a matching run with its matches', params: id, resources: { id: 'matching-run' },
    responses: { 200: matchingRunView },
  }),
  rematch: endpoint({
    operationId: 'rematch', method: 'POST', path: '/v1/programs/{id}/rematch', service: 'matching', roles: ['admin'], tag: 'Matching',
    summary: 'Match again the people without an active match, excluding previous partners', params: id, resources: ofProgram,
    body: rematchCreate, bodyRequired: false, example: { seed: 7 }, responses: { 201: matchingRunView, 202: matchingRunView },
    responseHeaders: { 202: { Location: 'where the run can be read' } }, errors: [409, 422],
  }),
  listMatches: endpoint({
    operationId: 'listMatches', method: 'GET', path: '/v1/programs/{id}/matches', service: 'matching', roles: tenantRoles,
    tag: 'Matches', summary: 'List matches of a program (a participant sees their own)', params: id, resources: ofProgram,
    query: paged({ status: z.enum(['proposed', 'accepted', 'declined', 'ended']).optional() }), responses: { 200: page(matchView) },
  }),
  createManualMatch: endpoint({
    operationId: 'createManualMatch', method: 'POST', path: '/v1/programs/{id}/matches', service: 'matching', roles: ['admin'],
    tag: 'Matches', summary: 'Pair two participants by hand', params: id, resources: ofProgram, body: manualMatchCreate,
    example: { members: [someone, someoneElse] },
    responses: { 201: matchView }, errors: [409, 422],
  }),
  getSuggestions: endpoint({
    operationId: 'getSuggestions', method: 'GET', path: '/v1/programs/{id}/participants/{participantId}/suggestions',
    service: 'matching', roles: tenantRoles, tag: 'Matches', summary: 'The best candidates for one participant',
    params: z.object({ id: uuid, participantId: uuid }), resources: { id: 'program', participantId: 'participant' },
    query: z.strictObject({ k: z.coerce.number().int().min(1).max(50).default(5).describe('how many candidates') }),
    responses: { 200: suggestionsView },
  }),
  getMatch: endpoint({
    operationId: 'getMatch', method: 'GET', path: '/v1/matches/{id}', service: 'matching', roles: tenantRoles, tag: 'Matches',
    summary: 'Get a match with its explanation', params: id, resources: { id: 'match' }, responses: { 200: matchView },
  }),
  acceptMatch: endpoint({
    operationId: 'acceptMatch', method: 'POST', path: '/v1/matches/{id}/accept', service: 'matching', roles: tenantRoles,
    tag: 'Matches', summary: 'Accept a match (a member for themself, or an admin for everyone)', params: id,
    resources: { id: 'match' }, responses: { 200: matchView }, errors: [409],
  }),
  declineMatch: endpoint({
    operationId: 'declineMatch', method: 'POST', path: '/v1/matches/{id}/decline', service: 'matching', roles: tenantRoles,
    tag: 'Matches', summary: 'Decline a proposed match', params: id, resources: { id: 'match' }, body: matchDecline,
    example: { reason: 'our schedules do not overlap' },
    bodyRequired: false, responses: { 200: matchView }, errors: [409],
  }),
  endMatch: endpoint({
    operationId: 'endMatch', method: 'POST', path: '/v1/matches/{id}/end', service: 'matching', roles: tenantRoles, tag: 'Matches',
    summary: 'End an accepted match, without blame', params: id, resources: { id: 'match' }, body: matchEnd,
    example: { reason: 'we reached our goals' },
    responses: { 200: matchView }, errors: [409],
  }),

  // Sessions.
  listMatchSessions: endpoint({
    operationId: 'listMatchSessions', method: 'GET', path: '/v1/matches/{id}/sessions', service: 'scheduling', roles: tenantRoles,
    tag: 'Sessions', summary: 'Sessions of a match', params: id, resources: { id: 'match' }, query: paged(),
    responses: { 200: page(sessionView) },
  }),
  getSession: endpoint({
    operationId: 'getSession', method: 'GET', path: '/v1/sessions/{id}', service: 'scheduling', roles: tenantRoles, tag: 'Sessions',
    summary: 'Get a session', params: id, resources: { id: 'session' }, responses: { 200: sessionView },
  }),
  completeSession: endpoint({
    operationId: 'completeSession', method: 'POST', path: '/v1/sessions/{id}/complete', service: 'scheduling', roles: tenantRoles,
    tag: 'Sessions', summary: 'Mark a session held; the next one is planned', params: id, resources: { id: 'session' },
    responses: { 200: sessionView }, errors: [409],
  }),
  cancelSession: endpoint({
    operationId: 'cancelSession', method: 'POST', path: '/v1/sessions/{id}/cancel', service: 'scheduling', roles: tenantRoles,
    tag: 'Sessions', summary: 'Cancel a session', params: id, resources: { id: 'session' }, responses: { 200: sessionView },
    errors: [409],
  }),
  rescheduleSession: endpoint({
    operationId: 'rescheduleSession', method: 'POST', path: '/v1/sessions/{id}/reschedule', service: 'scheduling', roles: tenantRoles,
    tag: 'Sessions', summary: 'Move a session to another time', params: id, resources: { id: 'session' }, body: sessionReschedule,
    example: { startsAt: '2031-03-04T10:00:00Z' },
    responses: { 200: sessionView }, errors: [409],
  }),

  // Surveys.
  listSurveyAssignments: endpoint({
    operationId: 'listSurveyAssignments', method: 'GET', path: '/v1/programs/{id}/survey-assignments', service: 'surveys',
    roles: tenantRoles, tag: 'Surveys', summary: 'Survey assignments of a program (a participant sees their own)',
    params: id, resources: ofProgram,
    query: paged({ status: z.enum(['assigned', 'answered']).optional(), participantId: uuid.optional() }),
    responses: { 200: page(surveyAssignmentView) },
  }),
  getSurveyAssignment: endpoint({
    operationId: 'getSurveyAssignment', method: 'GET', path: '/v1/survey-assignments/{id}', service: 'surveys', roles: tenantRoles,
    tag: 'Surveys', summary: 'Get a survey assignment with its questions', params: id, resources: { id: 'survey-assignment' },
    responses: { 200: surveyAssignmentDetail },
  }),
  answerSurvey: endpoint({
    operationId: 'answerSurvey', method: 'POST', path: '/v1/survey-assignments/{id}/responses', service: 'surveys',
    roles: tenantRoles, tag: 'Surveys', summary: 'Answer a survey, once', params: id, resources: { id: 'survey-assignment' },
    body: surveyResponseCreate, example: { answers: { rating: 4, comment: 'a good first session' } }, responses: { 201: surveyResponseView },
    errors: [409],
  }),

  // Outcomes.
  getProgramDashboard: endpoint({
    operationId: 'getProgramDashboard', method: 'GET', path: '/v1/programs/{id}/dashboard', service: 'analytics', roles: ['admin'],
    tag: 'Outcomes', summary: 'Program dashboard: enrollment, matching, sessions, surveys, satisfaction, risk', params: id,
    resources: ofProgram, responses: { 200: dashboardView },
  }),
};

/** Approve, waitlist, reject and withdraw: one endpoint each, all answering the enrollment. */
function enrollmentActions() {
  const action = <N extends string>(operationId: N, verb: string, summary: string, roles: readonly ('admin' | 'participant')[]) =>
    endpoint({
      operationId, method: 'POST', path: `/v1/enrollments/{id}/${verb}`, service: 'enrollment', roles, tag: 'Enrollments', summary,
      params: id, resources: { id: 'enrollment' }, responses: { 200: enrollmentView }, errors: [409],
    });
  return {
    approveEnrollment: action('approveEnrollment', 'approve', 'Approve an enrollment', ['admin']),
    waitlistEnrollment: action('waitlistEnrollment', 'waitlist', 'Waitlist an enrollment', ['admin']),
    rejectEnrollment: action('rejectEnrollment', 'reject', 'Reject an enrollment', ['admin']),
    withdrawEnrollment: action('withdrawEnrollment', 'withdraw', 'Withdraw an enrollment (the participant themself, or an admin)', tenantRoles),
  };
}

export type Endpoints = typeof endpoints;
export const endpointList: readonly AnyEndpoint[] = Object.values(endpoints);

/** Descriptions of the tags, in the order the docs show them. */
export const tags: readonly { name: string; description: string }[] = [
  { name: 'Tenants', description: 'Organisations on this deployment (operator).' },
  { name: 'API keys', description: "A tenant's keys: admins and participants." },
  { name: 'Programs', description: 'Design a program and move it through its lifecycle.' },
  { name: 'Enrollments', description: 'Who takes part, and the admins\u2019 decisions.' },
  { name: 'Participants', description: 'People of a tenant, across programs.' },
  { name: 'Matching', description: 'Matching runs: optimal or stable, explained.' },
  { name: 'Matches', description: 'Matches and what their members say to them.' },
  { name: 'Sessions', description: 'Check-ins planned on the program cadence.' },
  { name: 'Surveys', description: 'Baseline, pulse, end and follow-up surveys.' },
  { name: 'Outcomes', description: 'Dashboards and KPIs.' },
];
