import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from './run';

/** Runs the CLI against in-memory files; returns exit code and output. */
async function cli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const dense = '3\n 4 1 3\n 2 0 5\n 3 2 2\n';
const sparse = '3\n1 1 4\n1 2 1\n2 1 2\n2 3 5\n3 2 2\n3 3 2\n';
const dimacs = 'c triangle plus pendant\np edge 4 4\ne 1 2 5\ne 2 3 6\ne 1 3 4\ne 3 4 3\n';

describe('tandem-match solve', () => {
  it('solves a dense OR-Library file (minimum cost, 1-based pairs)', async () => {
    const { code, stdout } = await cli(['solve', '--format', 'orlib', 'a.txt'], { 'a.txt': dense });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ total: 5, pairs: [[1, 2], [2, 1], [3, 3]] });
    expect(typeof answer.ms).toBe('number');
  });

  it('detects the sparse assignp layout', async () => {
    const { stdout } = await cli(['solve', '--format', 'orlib', 'p.txt'], { 'p.txt': sparse });
    expect(JSON.parse(stdout)).toMatchObject({ total: 5, pairs: [[1, 2], [2, 1], [3, 3]] });
  });

  it('solves a DIMACS graph (maximum weight, not maximum cardinality)', async () => {
    const { stdout } = await cli(['solve', '--format', 'dimacs', 'g.edge'], { 'g.edge': dimacs });
    expect(JSON.parse(stdout)).toMatchObject({ total: 8, pairs: [[1, 2], [3, 4]] });
  });

  it('solves a capacitated JSON problem (maximise, null forbids)', async () => {
    const doc = { kind: 'capacitated', scores: [[0.9, 0.1], [0.8, null], [0.7, 0.6]], capacities: [2, 1] };
    const { stdout } = await cli(['solve', '--format', 'json', 'c.json'], { 'c.json': JSON.stringify(doc) });
    const answer = JSON.parse(stdout);
    expect(answer.pairs).toEqual([[1, 1], [2, 1], [3, 2]]);
    expect(answer.total).toBeCloseTo(2.3, 12);
  });

  it('passes the stable kinds to the stable solvers', async () => {
    const doc = { kind: 'stable-roommates', prefs: [[1, 2], [0, 2], [0, 1]] };
    const { stdout } = await cli(['solve', '--format', 'json', 's.json'], { 's.json': JSON.stringify(doc) });
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'stable-roommates', stable: true, mate: [1, 0, -1] });
  });

  it('fails with a message and exit code 1 on bad input', async () => {
    expect(await cli(['solve', '--format', 'orlib', 'bad.txt'], { 'bad.txt': '2\n1 2 x 4' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a number/) });
    expect(await cli(['solve', '--format', 'json', 'bad.json'], { 'bad.json': '{ nope' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/not valid JSON/) });
    const ragged = JSON.stringify({ kind: 'capacitated', scores: [[1]], capacities: [1, 1] });
    expect(await cli(['solve', '--format', 'json', 'r.json'], { 'r.json': ragged })).toMatchObject({ code: 1, stderr: expect.stringMatching(/scores\[0\]/) });
    expect(await cli(['solve', '--format', 'json', 'k.json'], { 'k.json': '{"kind":"lottery"}' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/kind/) });
    expect(await cli(['solve', '--format', 'orlib', 'missing.txt'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/ENOENT/) });
  });

  it('shows usage and exits 2 on a bad command line', async () => {
    for (const argv of [[], ['solve', 'x'], ['solve', '--format', 'csv', 'x'], ['mingle', 'x'], ['solve', '--bogus', 'x'], ['solve', '--format', 'dimacs', '--layout', 'dense', 'x']]) {
      const { code, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Usage: tandem-match/);
    }
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/Usage: tandem-match/) });
  });
});

describe('tandem-match program', () => {
  const enrollment = (id: string, role: string, extra: object = {}) => ({
    id,
    participant: { email: `${id}@example.com`, name: id, department: 'sales', level: role === 'mentor' ? 5 : 2, timeZone: 'Europe/Berlin', languages: ['en'] },
    role,
    capacity: 1,
    skillsOffered: [{ skill: 'negotiation', level: 4 }],
    skillsSought: [{ skill: 'negotiation', level: 2 }],
    goals: ['negotiate better'],
    interests: ['chess'],
    availability: [{ day: 'mon', from: '09:00', to: '12:00' }],
    preferences: { prefer: [], avoid: [] },
    ...extra,
  });
  const program = { name: 'Sales mentoring', format: 'mentoring', startsAt: '2027-01-10T00:00:00Z', sessionMinutes: 45, matching: { objective: 'optimal', weights: { skills: 3, goals: 2 } } };

  it('matches enrollments and prints matches with explanations', async () => {
    const doc = { program, enrollments: [enrollment('m1', 'mentor'), enrollment('e1', 'mentee'), enrollment('e2', 'mentee', { preferences: { prefer: [], avoid: ['m1'] } })], seed: 3 };
    const { code, stdout } = await cli(['program', 'p.json'], { 'p.json': JSON.stringify(doc) });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0].members).toEqual([{ participantId: 'm1', role: 'mentor' }, { participantId: 'e1', role: 'mentee' }]);
    expect(Object.keys(result.matches[0].explanation)).toContain('skills');
    expect(result.unmatched).toEqual([{ participantId: 'e2', reason: 'no-feasible-partner' }]);
  });

  it('reports invalid enrollments with their paths', async () => {
    const doc = { program: { ...program, matching: { objective: 'optimal', weights: { charm: 1 } } }, enrollments: [enrollment('m1', 'mentor', { participant: { level: 9, timeZone: 'Nowhere', languages: ['en'] } })] };
    const { code, stderr } = await cli(['program', 'p.json'], { 'p.json': JSON.stringify(doc) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/weights\.charm: unknown criterion/);
    const enrollments = await cli(['program', 'q.json'], { 'q.json': JSON.stringify({ program, enrollments: doc.enrollments }) });
    expect(enrollments.stderr).toMatch(/enrollments\[0\]\.participant\.level/);
    expect(enrollments.stderr).toMatch(/enrollments\[0\]\.participant\.timeZone/);
  });
});

describe('tandem-match entry point', () => {
  it('runs as a process and sets the exit code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-match-'));
    try {
      await writeFile(join(dir, 'a.txt'), dense);
      const run = promisify(execFile);
      const main = join(import.meta.dirname, 'main.ts');
      const { stdout } = await run(process.execPath, ['--import', 'tsx', main, 'solve', '--format', 'orlib', join(dir, 'a.txt')]);
      expect(JSON.parse(stdout)).toMatchObject({ total: 5 });
      await expect(run(process.execPath, ['--import', 'tsx', main, 'solve'])).rejects.toMatchObject({ code: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
