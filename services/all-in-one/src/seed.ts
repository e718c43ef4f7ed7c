/**
 * Seeds a demo tenant through the public API, as an operator and then its admin would: a
 * mentoring program, open for enrollment, with a dozen approved participants ready to match.
 */
export async function seedDemoTenant(baseUrl: string, operatorKey: string) {
  const slug = 'demo';
  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as Record<string, unknown>;
    return { status: r.status, json };
  };
  const tenant = await call('POST', '/v1/tenants', operatorKey, { name: 'Demo Organisation', slug });
  if (tenant.status === 409) return { slug, adminApiKey: undefined, programId: undefined };
  if (tenant.status !== 201) throw new Error(`seeding the demo tenant failed: ${JSON.stringify(tenant.json)}`);
  const adminApiKey = tenant.json.adminApiKey as string;
  const year = new Date().getUTCFullYear() + 1;
  const program = await call('POST', '/v1/programs', adminApiKey, {
    name: 'Demo mentoring program',
    format: 'mentoring',
    objectives: ['grow first-time managers'],
    startsAt: `${year}-01-11T00:00:00Z`,
    endsAt: `${year}-06-30T00:00:00Z`,
    cadence: { every: 2, unit: 'week' },
    sessionMinutes: 45,
    matching: { objective: 'optimal', weights: { skills: 3, goals: 2, availability: 2, experience: 1 } },
  });
  const programId = program.json.id as string;
  await call('POST', `/v1/programs/${programId}/open`, adminApiKey);
  const skills = ['negotiation', 'public-speaking', 'hiring', 'roadmapping'];
  const zones = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Singapore'];
  for (let i = 0; i < 12; i += 1) {
    const mentor = i < 4;
    const enrollment = await call('POST', `/v1/programs/${programId}/enrollments`, adminApiKey, {
      participant: {
        email: `demo${i}@example.org`, name: `Demo Person ${i}`, department: i % 2 ? 'product' : 'engineering',
        level: mentor ? 4 : 2, timeZone: zones[i % zones.length], languages: ['en'],
      },
      role: mentor ? 'mentor' : 'mentee',
      capacity: mentor ? 2 : 1,
      skillsOffered: mentor ? [{ skill: skills[i % 4], level: 4 }] : [],
      skillsSought: mentor ? [] : [{ skill: skills[i % 4], level: 2 }],
      goals: ['lead a team'],
      interests: [i % 2 ? 'design' : 'data'],
      availability: ['mon', 'tue', 'wed', 'thu'].map((day) => ({ day, from: '07:00', to: '21:00' })),
    });
    await call('POST', `/v1/enrollments/${enrollment.json.id as string}/approve`, adminApiKey);
  }
  return { slug, adminApiKey, programId };
}
