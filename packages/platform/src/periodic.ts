import type { FastifyInstance } from 'fastify';
import type { Logger } from './logger';

export interface PeriodicJob {
  /** For the logs, e.g. 'at-risk check'. */
  name: string;
  /** 0 turns the timer off (the job itself stays callable). */
  everyMs: number;
  /** One run; its counts are logged when any is above zero. */
  run(): Promise<Record<string, number>>;
}

/**
 * Runs a service's job every `everyMs` while its HTTP app is up, one run at a time (a tick while
 * a run goes on is skipped); closing the app waits for a run in progress. Errors are logged and
 * the next tick tries again.
 */
export function runPeriodically(app: FastifyInstance, logger: Logger, job: PeriodicJob): void {
  if (job.everyMs <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = job.run()
      .then((outcome) => {
        if (Object.values(outcome).some((n) => n > 0)) logger.info(outcome, job.name);
      })
      .catch((error: unknown) => logger.error({ err: error }, `${job.name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', async () => {
    timer = setInterval(tick, job.everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
