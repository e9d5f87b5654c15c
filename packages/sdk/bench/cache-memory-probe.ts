/**
 * Child process of the memory benchmark (see cache-memory.ts): fills a SharedCache with the Gadgets and sends
 * its process.memoryUsage() before the cache starts and after it has synced, each after a forced GC.
 * Arguments: the kubeconfig path and the expected number of objects.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient, SharedCache } from '../src/index.js';
import { BENCH_NAMESPACE, Gadget } from './fixture.js';

/** What the probe sends to its parent. */
export interface MemoryProbeReport {
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  cached: number;
  gcForced: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function collect(): Promise<void> {
  if (!gc) return;
  for (let round = 0; round < 3; round++) {
    gc();
    await nextTurn();
  }
}

async function probe(kubeconfigPath: string, expected: number): Promise<MemoryProbeReport> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const client = new KubeClient(kubeConfig);
  // One request first, so that the TLS connection and client set-up are part of the baseline.
  await client.getOptional(Gadget, { namespace: BENCH_NAMESPACE, name: 'warm-up' });
  const cache = new SharedCache(client);
  const informer = cache.informerFor(Gadget);
  await collect();
  const before = process.memoryUsage();
  const stop = new AbortController();
  const running = cache.start(stop.signal);
  await cache.waitForSync();
  await collect();
  const after = process.memoryUsage();
  const cached = informer.size;
  stop.abort();
  await running;
  if (cached !== expected) throw new Error(`the cache holds ${cached} objects, expected ${expected}`);
  return { before, after, cached, gcForced: gc !== undefined };
}

const [kubeconfigPath, expected] = process.argv.slice(2);
if (!kubeconfigPath || !expected) throw new Error('usage: cache-memory-probe <kubeconfig> <objects>');
process.send?.(await probe(kubeconfigPath, Number(expected)));
