/**
 * Preload of every service process: `node --import <this file> <entry>` (instrument.js when
 * compiled). ESM imports are visible to instrumentation only through a loader hook registered
 * before the application's modules load, so this registers import-in-the-middle's hook, limited
 * to the modules that are instrumented, then patches pg, kafkajs, ioredis and undici. Spans and
 * metrics start flowing once the process calls startTelemetry.
 */
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { register } from 'node:module';
import { instrumentLibraries } from './telemetry';

const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
instrumentLibraries();
await waitForAllMessagesAcknowledged();
