import { describe, expect, it, vi } from 'vitest';
import { person } from '../scoring/test-people';
import { matchProgram } from './match-program';

vi.mock('../stable', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../stable')>()),
  stableRoommates: () => ({ stable: false, reason: 'odd party' }),
}));

describe('peer + stable without a stable matching', () => {
  it('falls back to the optimal matching and says so', () => {
    const people = ['a', 'b', 'c', 'd'].map((id) => person(id));
    const result = matchProgram({ format: 'peer', objective: 'stable' }, people, { seed: 1 });
    expect(result.objective).toBe('stable');
    expect(result.matches).toHaveLength(2);
    expect(result.warnings).toEqual(['no stable matching exists (odd party); used the optimal matching instead']);
  });
});
