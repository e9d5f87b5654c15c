import { performance } from 'node:perf_hooks';
import type { NoopManagerRun } from './noop-manager.js';
import type { ResultRow } from './table.js';

/**
 * Benchmark 1: reconciles per second over the initial sync of `objects` objects, from `manager.start()` to
 * the moment every object has been reconciled once. The time includes the cache's initial list.
 */
export async function measureInitialSync(
  run: NoopManagerRun,
  objects: number,
  concurrency: number,
): Promise<ResultRow> {
  await run.log.until(() => run.log.keys.size >= objects, 300_000, `${objects} distinct reconciles`);
  const doneAt = performance.now();
  const seconds = (doneAt - run.startedAt) / 1000;
  const firstAt = run.log.firstAt ?? doneAt;
  const afterFirst = (doneAt - firstAt) / 1000;
  const listSeconds = (firstAt - run.startedAt) / 1000;
  return {
    benchmark: `no-op reconcile throughput, concurrency ${concurrency}`,
    value: objects / seconds,
    unit: 'reconciles/s',
    notes:
      `${objects} objects in ${seconds.toFixed(2)} s from manager start; ` +
      `first reconcile after ${listSeconds.toFixed(2)} s (list + sync), ` +
      `then ${(objects / Math.max(afterFirst, 0.001)).toFixed(0)}/s`,
  };
}
