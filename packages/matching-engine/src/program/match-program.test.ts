import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Participant } from '../scoring/participant';
import { person, poolArbitrary } from '../scoring/test-people';
import { type MatchResult, matchProgram } from './match-program';
import { scoreManualMatch } from './manual';
import type { ProgramSettings } from './settings';
import { syntheticParticipants } from './synthetic';

const mentoring: ProgramSettings = { format: 'mentoring', objective: 'optimal' };
const peer: ProgramSettings = { format: 'peer', objective: 'optimal' };

/** Pair score as the engine computes it, or undefined when the pair is infeasible. */
function pairScore(settings: ProgramSettings, a: Participant, b: Participant): number | undefined {
  const report = scoreManualMatch(settings, a, b);
  return report.violations.length === 0 ? report.score : undefined;
}

function withoutTiming(result: MatchResult): MatchResult {
  return { ...result, stats: { ...result.stats, durationMs: 0 } };
}

/** Best total over all capacity-respecting mentee→mentor assignments (brute force). */
function bestMentoringTotal(settings: ProgramSettings, people: Participant[]): number {
  const mentees = people.filter((p) => p.role === 'mentee');
  const mentors = people.filter((p) => p.role === 'mentor');
  const left = mentors.map((m) => m.capacity ?? 1);
  const search = (i: number): number => {
    if (i === mentees.length) return 0;
    let best = search(i + 1);
    mentors.forEach((mentor, j) => {
      const score = pairScore(settings, mentees[i] as Participant, mentor);
      if (score === undefined || (left[j] ?? 0) === 0) return;
      left[j] = (left[j] ?? 0) - 1;
      best = Math.max(best, score + search(i + 1));
      left[j] = (left[j] ?? 0) + 1;
    });
    return best;
  };
  return search(0);
}

/** Best total over all matchings of peers (brute force). */
function bestPeerTotal(settings: ProgramSettings, people: Participant[]): number {
  const search = (rest: Participant[]): number => {
    const [first, ...others] = rest;
    if (first === undefined) return 0;
    let best = search(others);
    others.forEach((partner, i) => {
      const score = pairScore(settings, first, partner);
      if (score !== undefined) best = Math.max(best, score + search(others.filter((_, j) => j !== i)));
    });
    return best;
  };
  return search(people);
}

function partnersOf(result: MatchResult): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  for (const match of result.matches) {
    for (const member of match.members) {
      const others = match.members.filter((m) => m !== member).map((m) => m.participantId);
      partners.set(member.participantId, [...(partners.get(member.participantId) ?? []), ...others]);
    }
  }
  return partners;
}

describe('matchProgram: optimal objectives against brute force', () => {
  it('mentoring: the capacitated assignment reaches the best total (property)', () => {
    fc.assert(
      fc.property(poolArbitrary(8), fc.integer(), (people, seed) => {
        const result = matchProgram(mentoring, people, { seed });
        expect(result.totalScore).toBeCloseTo(bestMentoringTotal(mentoring, people), 9);
        const load = new Map<string, number>();
        for (const match of result.matches) {
          const mentor = match.members.find((m) => m.role === 'mentor')?.participantId ?? '';
          load.set(mentor, (load.get(mentor) ?? 0) + 1);
        }
        for (const p of people) if (p.role === 'mentor') expect(load.get(p.id) ?? 0).toBeLessThanOrEqual(p.capacity ?? 1);
      }),
      { numRuns: 60 },
    );
  });

  it('peer: the general matching reaches the best total (property)', () => {
    fc.assert(
      fc.property(poolArbitrary(8), fc.integer(), (people, seed) => {
        const peers = people.map((p) => ({ ...p, role: 'peer' as const }));
        const result = matchProgram(peer, peers, { seed });
        expect(result.totalScore).toBeCloseTo(bestPeerTotal(peer, peers), 4); // scores enter the blossom as integer millionths
      }),
      { numRuns: 60 },
    );
  });
});

describe('matchProgram: stable objectives', () => {
  /** (score desc, id asc) ranking the engine uses for preference lists. */
  const prefers = (settings: ProgramSettings, who: Participant, x: Participant, y: Participant | undefined): boolean => {
    if (y === undefined) return true;
    const sx = pairScore(settings, who, x) ?? -1;
    const sy = pairScore(settings, who, y) ?? -1;
    return sx > sy || (sx === sy && x.id < y.id);
  };

  it('mentoring: no mentee–mentor pair blocks the matching (property)', () => {
    const settings: ProgramSettings = { format: 'mentoring', objective: 'stable' };
    fc.assert(
      fc.property(poolArbitrary(10), (people) => {
        const result = matchProgram(settings, people, { seed: 1 });
        const byId = new Map(people.map((p) => [p.id, p]));
        const partners = partnersOf(result);
        for (const mentee of people.filter((p) => p.role === 'mentee')) {
          const current = byId.get(partners.get(mentee.id)?.[0] ?? '');
          for (const mentor of people.filter((p) => p.role === 'mentor')) {
            if (mentor === current || pairScore(settings, mentee, mentor) === undefined) continue;
            if (!prefers(settings, mentee, mentor, current)) continue;
            const held = (partners.get(mentor.id) ?? []).map((id) => byId.get(id) as Participant);
            const full = held.length >= (mentor.capacity ?? 1);
            const worst = held.reduce<Participant | undefined>((w, m) => (w === undefined || prefers(settings, mentor, w, m) ? m : w), undefined);
            expect(full && !prefers(settings, mentor, mentee, worst)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('peer: no two peers would both rather be together (property)', () => {
    const settings: ProgramSettings = { format: 'peer', objective: 'stable' };
    fc.assert(
      fc.property(poolArbitrary(10), (people) => {
        const peers = people.map((p) => ({ ...p, role: 'peer' as const }));
        const result = matchProgram(settings, peers, { seed: 1 });
        expect(result.warnings).toEqual([]);
        const byId = new Map(peers.map((p) => [p.id, p]));
        const partner = (p: Participant) => byId.get(partnersOf(result).get(p.id)?.[0] ?? '');
        for (const a of peers) {
          for (const b of peers) {
            if (a.id >= b.id || partner(a) === b || pairScore(settings, a, b) === undefined) continue;
            expect(prefers(settings, a, b, partner(a)) && prefers(settings, b, a, partner(b))).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('matchProgram: circles', () => {
  it('forms circles of about the circle size whose pairs all pass the hard constraints', () => {
    const people = syntheticParticipants({ peers: 60, seed: 5 });
    const settings: ProgramSettings = { format: 'circle', objective: 'optimal', circleSize: 4 };
    const result = matchProgram(settings, people, { seed: 2 });
    expect(result.matches.length).toBeGreaterThan(10);
    for (const circle of result.matches) {
      expect(circle.members.length).toBeGreaterThanOrEqual(2);
      expect(circle.members.length).toBeLessThanOrEqual(5);
      expect(circle.constraints).toEqual(expect.arrayContaining(['avoid', 'shared-language', 'reporting-line']));
      expect(Object.values(circle.explanation).reduce((x, y) => x + y, 0)).toBeCloseTo(circle.score, 12);
    }
    const placed = result.matches.flatMap((m) => m.members.map((member) => member.participantId));
    expect(new Set(placed).size).toBe(placed.length);
    expect(placed.length + result.unmatched.length).toBe(60);
  });

  it('keeps people with a conflict apart', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id, { preferences: { avoid: id === 'a' ? ['b', 'c', 'd'] : [] } }));
    const result = matchProgram({ format: 'circle', objective: 'optimal', circleSize: 3 }, people, { seed: 1 });
    const circleOfA = result.matches.find((m) => m.members.some((member) => member.participantId === 'a'));
    expect(circleOfA?.members.map((m) => m.participantId) ?? []).not.toEqual(expect.arrayContaining(['b']));
  });
});

describe('matchProgram: results', () => {
  const people = syntheticParticipants({ mentors: 30, mentees: 100, seed: 11 });

  it('explains every match: contributions sum to the score; constraints include capacity', () => {
    const result = matchProgram(mentoring, people, { seed: 1 });
    expect(result.matches.length).toBeGreaterThan(50);
    for (const match of result.matches) {
      expect(Object.values(match.explanation).reduce((x, y) => x + y, 0)).toBeCloseTo(match.score, 12);
      expect(match.constraints).toEqual(['roles', 'avoid', 'previous-partner', 'shared-language', 'reporting-line', 'min-availability', 'capacity']);
      expect(match.members.map((m) => m.role)).toEqual(['mentor', 'mentee']);
    }
    expect(result.stats.matched).toBe(2 * result.matches.length);
    expect(result.stats.meanScore).toBeCloseTo(result.totalScore / result.matches.length, 12);
    expect(result.stats.candidates).toBeGreaterThan(0);
  });

  it('is deterministic for the same input and seed, whatever the input order', () => {
    const first = matchProgram(mentoring, people, { seed: 4 });
    const reordered = matchProgram(mentoring, [...people].reverse(), { seed: 4 });
    expect(withoutTiming(reordered)).toEqual(withoutTiming(first));
    const peers = syntheticParticipants({ peers: 120, seed: 3 });
    for (const objective of ['optimal', 'stable'] as const) {
      const settings: ProgramSettings = { format: 'peer', objective };
      expect(withoutTiming(matchProgram(settings, [...peers].reverse(), { seed: 9 }))).toEqual(withoutTiming(matchProgram(settings, peers, { seed: 9 })));
    }
  });

  it('gives a reason for everyone left unmatched', () => {
    const lonely = [
      person('m1', { role: 'mentor', capacity: 1 }),
      person('x1', { role: 'mentee' }),
      person('x2', { role: 'mentee' }),
      person('x3', { role: 'mentee', languages: ['fi'] }),
      person('p1', { role: 'peer' }),
    ];
    const result = matchProgram(mentoring, lonely, { seed: 1 });
    expect(result.matches).toHaveLength(1);
    expect(result.unmatched).toEqual([
      { participantId: 'p1', reason: 'role-not-in-format' },
      { participantId: 'x2', reason: 'capacity-exhausted' },
      { participantId: 'x3', reason: 'no-feasible-partner' },
    ]);
    const odd = matchProgram(peer, [person('a'), person('b'), person('c')], { seed: 1 });
    expect(odd.unmatched).toEqual([{ participantId: 'c', reason: 'odd-pool' }]);
  });

  it('matches as many as possible first with cardinalityFirst', () => {
    // a–b is the best pair, but a–c plus b–d pairs everyone
    const wishes = (id: string, prefer: string[], avoid: string[]) => person(id, { preferences: { prefer, avoid } });
    const group = [wishes('a', ['b'], []), wishes('b', ['a'], []), wishes('c', [], ['b', 'd']), wishes('d', [], ['a', 'c'])];
    const weights = { preferences: 10 };
    expect(matchProgram({ ...peer, weights }, group, { seed: 1 }).matches).toHaveLength(1);
    expect(matchProgram({ ...peer, weights, cardinalityFirst: true }, group, { seed: 1 }).matches).toHaveLength(2);
  });

  it('rejects invalid settings, participants and options with every issue listed', () => {
    expect(() => matchProgram({ ...mentoring, weights: { luck: 1 }, circleSize: 9 }, people, { seed: 1 })).toThrow(/weights.luck.*circleSize/);
    expect(() => matchProgram(mentoring, [person('a', { level: 0 })], { seed: 1 })).toThrow(/participants\[0\].level/);
    expect(() => matchProgram(mentoring, people, { seed: 1.5 })).toThrow(/seed/);
  });
});

describe('matchProgram: incremental runs', () => {
  it('leaves existing matches alone and respects the capacity they use', () => {
    const people = [
      person('m1', { role: 'mentor', capacity: 2 }),
      person('m2', { role: 'mentor', capacity: 1 }),
      ...['a', 'b', 'c', 'd'].map((id) => person(id, { role: 'mentee' })),
    ];
    const existing = [{ members: ['m1', 'a'] }, { members: ['m2', 'b'] }];
    const result = matchProgram(mentoring, people, { seed: 1, existing });
    const members = result.matches.flatMap((m) => m.members.map((member) => member.participantId));
    expect(members).not.toContain('a');
    expect(members).not.toContain('b');
    expect(members).not.toContain('m2'); // full
    expect(result.matches).toHaveLength(1); // m1 has one seat left for c or d
    expect(result.matches[0]?.members[0]?.participantId).toBe('m1');
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]?.reason).toBe('capacity-exhausted');
  });

  it('adds late joiners without moving anyone already matched', () => {
    const base = syntheticParticipants({ mentors: 20, mentees: 50, seed: 21 });
    const first = matchProgram(mentoring, base, { seed: 1 });
    const existing = first.matches.map((m) => ({ members: m.members.map((member) => member.participantId) }));
    const late = syntheticParticipants({ mentees: 60, seed: 99 }).slice(50).map((p) => ({ ...p, id: `late-${p.id}` }));
    const second = matchProgram(mentoring, [...base, ...late], { seed: 1, existing });
    const taken = new Set(existing.flatMap((m) => m.members).filter((id) => id.startsWith('mentee')));
    for (const match of second.matches) for (const member of match.members) expect(taken.has(member.participantId)).toBe(false);
    const load = new Map<string, number>();
    for (const match of [...first.matches, ...second.matches]) {
      const mentor = match.members[0]?.participantId ?? '';
      load.set(mentor, (load.get(mentor) ?? 0) + 1);
    }
    for (const mentor of base.filter((p) => p.role === 'mentor')) expect(load.get(mentor.id) ?? 0).toBeLessThanOrEqual(mentor.capacity ?? 1);
  });
});

describe('small programs', () => {
  it('see every feasible pair, so no one is left out by the top-K cut', () => {
    // 30 look-alike mentors and 30 look-alike mentees: with K = 2 every list names the same two
    // people, so a top-K graph could match only 4 pairs.
    const mentors = Array.from({ length: 30 }, (_, i) => person(`m${String(i).padStart(2, '0')}`, { role: 'mentor', capacity: 1, level: 5 }));
    const mentees = Array.from({ length: 30 }, (_, i) => person(`e${String(i).padStart(2, '0')}`, { role: 'mentee', level: 3 }));
    const result = matchProgram({ ...mentoring, candidatesPerPerson: 2 }, [...mentors, ...mentees], { seed: 1 });
    expect(result.matches).toHaveLength(30);
    expect(result.unmatched).toEqual([]);
  });
});
