import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from '../src/index.js';
import { Gadget, gadgetKey } from './fixture.js';
import type { NoopManagerRun } from './noop-manager.js';
import type { ResultRow } from './table.js';

/** How often an unrelated annotation is touched to make the controller reconcile. */
const TOUCH_INTERVAL_MS = 2_000;

/** What {@link measureSteadyWrites} found. */
export interface SteadyWritesResult {
  row: ResultRow;
  /** Every write the manager's client made during the window, as `METHOD path`; must be empty. */
  writes: string[];
}

/**
 * Benchmark 3: write calls (POST/PUT/PATCH/DELETE) made through the manager's client during `seconds` of
 * steady state. A separate client touches an annotation every {@link TOUCH_INTERVAL_MS}, and each touch is
 * awaited until the controller has reconciled it, so the window holds real no-op reconciles. The count must be 0.
 */
export async function measureSteadyWrites(
  run: NoopManagerRun,
  writer: KubeClient,
  objects: number,
  seconds: number,
): Promise<SteadyWritesResult> {
  const writes: string[] = [];
  const unobserve = run.manager.client.observe((method, path) => {
    if (method !== 'GET') writes.push(`${method} ${path}`);
  });
  const reconcilesBefore = run.log.count;
  const endAt = performance.now() + seconds * 1000;
  let touches = 0;
  try {
    while (performance.now() < endAt) {
      const touched = await writer.mergePatch(Gadget, gadgetKey((touches * 101) % objects), {
        metadata: { annotations: { 'bench.capi-ts.dev/touched': String(touches) } },
      });
      const version = touched.metadata.resourceVersion!;
      await run.log.until(() => run.log.versionSeenAt.has(version), 30_000, `the reconcile of touch ${touches}`);
      touches++;
      await sleep(Math.max(0, Math.min(TOUCH_INTERVAL_MS, endAt - performance.now())));
    }
  } finally {
    unobserve();
  }
  return {
    writes,
    row: {
      benchmark: 'write calls in steady state',
      value: writes.length,
      unit: 'writes',
      notes: `${seconds} s; ${run.log.count - reconcilesBefore} no-op reconciles from ${touches} annotation touches; must be 0`,
    },
  };
}
