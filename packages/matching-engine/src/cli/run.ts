import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { StableJsonError, solveStableJson } from '../io/stable-json';
import { participantsFromEnrollments, programSettingsFromBody } from '../program/api-body';
import type { ExistingMatch } from '../program/existing';
import { matchProgram } from '../program/match-program';
import { MatchingInputError } from '../scoring/input-error';
import { CapacitatedJsonError, readCapacitatedDocument, solveCapacitatedDocument } from './capacitated-json';
import { type OrLibLayout, solveDimacs, solveOrLib } from './solve-files';

export const USAGE = `Usage: tandem-match <command> [options] FILE

Commands:
  solve --format orlib  FILE   minimum-cost assignment of an OR-Library file (dense assignN or sparse assignpN;
                               the layout is detected, or set it with --layout dense|sparse)
  solve --format dimacs FILE   maximum-weight matching of a DIMACS edge file ("p edge N M", "e u v w")
  solve --format json   FILE   { "kind": "capacitated", "scores": [[...]], "capacities": [...] } (maximise;
                               rows are mentees, columns mentors, null forbids a pair) or a stable kind:
                               stable-marriage, hospitals-residents, stable-roommates
  program FILE [--seed N]      { "program": <program body>, "enrollments": [<enrollment with "id">],
                                 "seed"?: N, "existing"?: [{ "members": [ids] }] } -> matches with explanations

solve prints one JSON line { "total", "pairs": [[i, j], ...] (1-based), "ms" }; program prints the run as JSON.
Options: -h, --help   show this text`;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFile(path, 'utf8'),
};

/** Bad command line: usage is shown, exit code 2. */
class UsageError extends Error {}

const FORMATS = ['orlib', 'dimacs', 'json'] as const;
type SolveFormat = (typeof FORMATS)[number];

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function solveJson(doc: unknown): object {
  if (isRecord(doc) && doc.kind === 'capacitated') return solveCapacitatedDocument(readCapacitatedDocument(doc));
  return solveStableJson(doc);
}

async function solveCommand(format: SolveFormat, file: string, layout: OrLibLayout | undefined, io: CliIo): Promise<void> {
  const text = await io.readFile(file);
  const doc = format === 'json' ? parseJson(text, file) : undefined;
  const started = performance.now();
  const answer = format === 'orlib' ? solveOrLib(text, layout) : format === 'dimacs' ? solveDimacs(text) : solveJson(doc);
  const ms = Math.round((performance.now() - started) * 100) / 100;
  io.stdout(JSON.stringify({ ...answer, ms }));
}

async function programCommand(file: string, seedOption: string | undefined, io: CliIo): Promise<void> {
  const doc = parseJson(await io.readFile(file), file);
  if (!isRecord(doc)) throw new MatchingInputError([{ path: '', message: 'expected { program, enrollments, seed?, existing? }' }]);
  const settings = programSettingsFromBody(doc.program);
  const participants = participantsFromEnrollments(doc.enrollments);
  const seed = seedOption === undefined ? (doc.seed ?? 1) : Number(seedOption);
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new UsageError('--seed (or "seed") must be an integer');
  const result = matchProgram(settings, participants, { seed, existing: doc.existing as ExistingMatch[] | undefined });
  io.stdout(JSON.stringify(result, null, 2));
}

function readCommand(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      layout: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { values, positionals };
}

/** Runs the CLI; returns the exit code (0 ok, 1 bad input, 2 bad command line). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const { values, positionals } = readCommand(argv);
    const [command, file, ...extra] = positionals;
    if (values.help || command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (file === undefined || extra.length > 0) throw new UsageError(command === undefined ? 'missing command' : `${command} needs exactly one FILE`);
    if (command === 'solve') {
      const format = values.format;
      if (!(FORMATS as readonly (string | undefined)[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      const layout = values.layout;
      if (layout !== undefined && layout !== 'dense' && layout !== 'sparse') throw new UsageError('--layout must be dense or sparse');
      if (layout !== undefined && format !== 'orlib') throw new UsageError('--layout only applies to --format orlib');
      await solveCommand(format as SolveFormat, file, layout, io);
      return 0;
    }
    if (command === 'program') {
      await programCommand(file, values.seed, io);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    io.stderr(`tandem-match: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (error instanceof MatchingInputError) {
    io.stderr(`tandem-match: invalid input\n${error.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
    return 1;
  }
  const expected = [SyntaxError, RangeError, StableJsonError, CapacitatedJsonError].some((kind) => error instanceof kind);
  const missing = error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES');
  if (expected || missing) {
    io.stderr(`tandem-match: ${(error as Error).message}`);
    return 1;
  }
  throw error;
}
