import { metrics, type BatchObservableCallback } from '@opentelemetry/api';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/**
 * The Node.js runtime's health, per process: event-loop delay (what a slow handler or a blocked
 * loop costs every other request), heap and resident memory, and garbage-collection pauses.
 * Returns the function that stops observing.
 */
export function observeRuntime(): () => void {
  const meter = metrics.getMeter('tandem-runtime');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  const delay = meter.createObservableGauge('nodejs_eventloop_delay_seconds', {
    unit: 's', description: 'Event-loop delay since the previous scrape, by quantile (0.5, 0.99) and max',
  });
  const heapUsed = meter.createObservableGauge('nodejs_heap_used_bytes', { unit: 'By', description: 'V8 heap in use' });
  const heapTotal = meter.createObservableGauge('nodejs_heap_total_bytes', { unit: 'By', description: 'V8 heap reserved' });
  const resident = meter.createObservableGauge('process_resident_memory_bytes', { unit: 'By', description: 'Resident set size' });
  const gc = meter.createHistogram('nodejs_gc_duration_seconds', {
    unit: 's', description: 'Garbage-collection pauses, by kind',
    advice: { explicitBucketBoundaries: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] },
  });

  const observables = [delay, heapUsed, heapTotal, resident];
  const observeAll: BatchObservableCallback = (result) => {
    // The histogram is in nanoseconds; reset so each scrape sees the delay since the one before.
    if (loop.count > 0) {
      result.observe(delay, loop.percentile(50) / 1e9, { quantile: '0.5' });
      result.observe(delay, loop.percentile(99) / 1e9, { quantile: '0.99' });
      result.observe(delay, loop.max / 1e9, { quantile: 'max' });
    }
    loop.reset();
    const memory = process.memoryUsage();
    result.observe(heapUsed, memory.heapUsed);
    result.observe(heapTotal, memory.heapTotal);
    result.observe(resident, memory.rss);
  };
  meter.addBatchObservableCallback(observeAll, observables);

  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      gc.record(entry.duration / 1000, { kind: (kind !== undefined && GC_KINDS[kind]) || 'other' });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  return () => {
    gcObserver.disconnect();
    loop.disable();
    meter.removeBatchObservableCallback(observeAll, observables);
  };
}
