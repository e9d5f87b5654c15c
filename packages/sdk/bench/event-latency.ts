import { performance } from 'node:perf_hooks';
import type { KubeClient } from '../src/index.js';
import { Gadget, gadgetKey } from './fixture.js';
import type { NoopManagerRun } from './noop-manager.js';
import { percentile } from './percentile.js';
import type { ResultRow } from './table.js';

/** How long one update may take to reach a reconcile before the benchmark gives up. */
const UPDATE_TIMEOUT_MS = 30_000;

/**
 * Benchmark 2: event-to-reconcile latency. With the manager synced, `updates` merge patches of `spec.size`,
 * one at a time and spread over the objects, each timed from the patch's response to the first reconcile that
 * reads the resourceVersion the patch returned (watch event → cache → queue → worker). The watch event may beat
 * the patch response to the process, so some latencies are negative; the same updates are also reported timed
 * from the moment each patch was sent.
 */
export async function measureEventLatency(
  run: NoopManagerRun,
  writer: KubeClient,
  objects: number,
  updates: number,
): Promise<ResultRow[]> {
  const fromResponse: number[] = [];
  const fromSent: number[] = [];
  // A stride coprime with common object counts visits different objects, not neighbours.
  const stride = 7919;
  for (let update = 0; update < updates; update++) {
    const sentAt = performance.now();
    const patched = await writer.mergePatch(Gadget, gadgetKey((update * stride) % objects), {
      spec: { size: update + 1 },
    });
    const respondedAt = performance.now();
    const version = patched.metadata.resourceVersion;
    if (!version) throw new Error('the patch response has no resourceVersion');
    await run.log.until(() => run.log.versionSeenAt.has(version), UPDATE_TIMEOUT_MS, `resourceVersion ${version}`);
    const seenAt = run.log.versionSeenAt.get(version)!;
    fromResponse.push(seenAt - respondedAt);
    fromSent.push(seenAt - sentAt);
  }
  const early = fromResponse.filter((latency) => latency < 0).length;
  const fromResponseRows = [50, 90, 99, 100].map((p) => ({
    benchmark: `event-to-reconcile latency ${p === 100 ? 'max' : `p${p}`}`,
    value: percentile(fromResponse, p),
    unit: 'ms',
    notes:
      p === 50
        ? `${updates} sequential patches, from the patch response; ${early} negative (reconciled before the response arrived)`
        : '',
  }));
  const fromSentRows = [50, 99].map((p) => ({
    benchmark: `patch-sent-to-reconcile latency p${p}`,
    value: percentile(fromSent, p),
    unit: 'ms',
    notes: p === 50 ? 'the same patches, from the moment each was sent (includes the API server write)' : '',
  }));
  return [...fromResponseRows, ...fromSentRows];
}
