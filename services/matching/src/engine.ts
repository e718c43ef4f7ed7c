import { MatchingInputError, type ProgramSettings } from '@tandem/matching-engine';
import { AppError, badRequest } from '@tandem/platform';
import type { ProgramRow } from './programs';

/** What one run may change of the program's own matching settings. */
export interface SettingsOverrides {
  objective?: 'optimal' | 'stable';
  weights?: Record<string, number>;
}

/** The engine's settings for a program; a run's weights are laid over the program's. */
export function programSettings(program: ProgramRow, overrides: SettingsOverrides = {}): ProgramSettings {
  return {
    format: program.format,
    objective: overrides.objective ?? program.matching.objective,
    weights: { ...program.matching.weights, ...overrides.weights },
    startsAt: program.starts_at.toISOString(),
    cadence: program.cadence,
    sessionMinutes: program.session_minutes,
    ...(program.circle_size !== null ? { circleSize: program.circle_size } : {}),
  };
}

/**
 * Calls the engine and turns its input errors into answers: a problem with what the caller sent
 * this time (the run's weights) is a 400; one with the stored program or profiles is a 422.
 */
export async function callEngine<T>(compute: () => T | Promise<T>, overrides: SettingsOverrides = {}): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (!(error instanceof MatchingInputError)) throw error;
    const errors = error.issues.map((issue) => ({ path: issue.path.replace(/^settings\./, ''), message: issue.message }));
    if (overrides.weights !== undefined && errors.some((e) => e.path.startsWith('weights'))) {
      throw badRequest('invalid body', errors.filter((e) => e.path.startsWith('weights')));
    }
    throw new AppError(422, 'matching-input', 'the matching engine cannot use the program settings or profiles', errors);
  }
}
