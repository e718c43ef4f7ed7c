/** Request bodies shaped like API.md, with overridable fields. */
export const programBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Product leads mentoring',
  format: 'mentoring',
  objectives: ['grow product leadership'],
  startsAt: '2027-01-11T00:00:00Z',
  endsAt: '2027-06-30T00:00:00Z',
  cadence: { every: 2, unit: 'week' },
  sessionMinutes: 45,
  matching: { objective: 'optimal', weights: { skills: 3, goals: 2 } },
  ...overrides,
});

export const enrollmentBody = (i: number, role: 'mentor' | 'mentee' | 'peer', overrides: Record<string, unknown> = {}) => ({
  participant: {
    email: `person${i}@example.org`,
    name: `Person ${i}`,
    department: i % 2 ? 'engineering' : 'sales',
    level: role === 'mentor' ? 4 : 2,
    timeZone: i % 3 ? 'Europe/Berlin' : 'America/New_York',
    languages: ['en'],
  },
  role,
  capacity: role === 'mentor' ? 2 : 1,
  skillsOffered: role === 'mentor' ? [{ skill: 'negotiation', level: 4 }] : [],
  skillsSought: role === 'mentee' ? [{ skill: 'negotiation', level: 2 }] : [],
  goals: ['lead a team'],
  interests: ['chess'],
  availability: [{ day: 'tue', from: '08:00', to: '20:00' }, { day: 'thu', from: '08:00', to: '20:00' }],
  ...overrides,
});
