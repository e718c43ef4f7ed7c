import { MatchingInputError, syntheticParticipants, type ProgramSettings } from '@tandem/matching-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { createEnginePool } from './engine-pool';

const settings: ProgramSettings = { format: 'peer', objective: 'optimal' };

describe('the engine pool', () => {
  const engine = createEnginePool(1);
  afterAll(() => engine.close());

  it('runs a large match on a worker thread, so the service thread keeps answering', async () => {
    const people = syntheticParticipants({ peers: 12_000, seed: 3 });
    // Timer ticks every 10 ms: the longest gap between two ticks is how long the thread was blocked.
    let last = performance.now();
    let longestGap = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    let result;
    try {
      result = await engine.match(settings, people, { seed: 1 });
    } finally {
      clearInterval(ticks);
    }
    const tookMs = performance.now() - started;
    expect(result.matches.length).toBeGreaterThan(5_000);
    // The run itself takes seconds; the thread was never held for more than a fraction of it
    // (sending the input to the worker is the one synchronous step).
    expect(tookMs).toBeGreaterThan(1_000);
    expect(longestGap).toBeLessThan(tookMs / 4);
  }, 120_000);

  it('gives the same answer as the engine does in-process, input errors included', async () => {
    const people = syntheticParticipants({ mentors: 20, mentees: 60, seed: 5 });
    const mentoring: ProgramSettings = { format: 'mentoring', objective: 'optimal' };
    const { matchProgram } = await import('@tandem/matching-engine');
    const inline = matchProgram(mentoring, people, { seed: 2 });
    const viaWorker = await engine.match(mentoring, people, { seed: 2 });
    expect(viaWorker.matches).toEqual(inline.matches);
    expect(viaWorker.totalScore).toBe(inline.totalScore);
    const bad = engine.match({ ...mentoring, weights: { charisma: 2 } }, people, { seed: 2 });
    await expect(bad).rejects.toBeInstanceOf(MatchingInputError);
    await expect(bad).rejects.toMatchObject({ issues: [expect.objectContaining({ path: expect.stringContaining('weights') })] });
  });

  it('closes once, however often it is asked', async () => {
    const other = createEnginePool(1);
    await other.match(settings, syntheticParticipants({ peers: 10, seed: 1 }), { seed: 1 });
    await Promise.all([other.close(), other.close()]);
    await other.close();
    await expect(other.match(settings, [], { seed: 1 })).rejects.toThrow('closed');
  });
});
