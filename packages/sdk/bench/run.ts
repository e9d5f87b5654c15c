/**
 * Runs the SDK benchmarks against a real etcd + kube-apiserver and prints a result table. Exits non-zero
 * when the manager wrote anything during the steady-state window (or when a benchmark fails).
 * Usage: see options.ts (`pnpm bench -- --steady-seconds 10` for a quick run).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { KubeClient } from '../src/index.js';
import { startTestEnvironment } from '../src/testing/index.js';
import { measureCacheMemory } from './cache-memory.js';
import { measureEventLatency } from './event-latency.js';
import { createGadgets, gadgetCrd } from './fixture.js';
import { measureInitialSync } from './initial-sync.js';
import { startNoopManager } from './noop-manager.js';
import { parseBenchOptions } from './options.js';
import { measureSteadyWrites } from './steady-writes.js';
import { type ResultRow, renderTable } from './table.js';

/** Requests in flight while the objects are created. */
const CREATE_PARALLELISM = 32;

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
  const { objects } = options;
  const rows: ResultRow[] = [];
  let writes: string[] = [];

  progress('starting etcd and kube-apiserver');
  const env = await startTestEnvironment({ crds: [gadgetCrd] });
  try {
    const writer = new KubeClient(env.kubeConfig);
    progress(`creating ${objects} objects, ${CREATE_PARALLELISM} in flight`);
    const createStart = performance.now();
    await createGadgets(writer, objects, CREATE_PARALLELISM);
    const createSeconds = (performance.now() - createStart) / 1000;
    rows.push({
      benchmark: `setup: create ${objects} objects`,
      value: objects / createSeconds,
      unit: 'creates/s',
      notes: `${createSeconds.toFixed(1)} s, ${CREATE_PARALLELISM} in flight (not a benchmark of the SDK)`,
    });

    progress('initial sync, concurrency 1');
    const serial = startNoopManager(env.kubeConfig, 1);
    try {
      rows.push(await measureInitialSync(serial, objects, 1));
    } finally {
      await serial.stop();
    }

    progress(`initial sync, concurrency ${options.concurrency}`);
    const parallel = startNoopManager(env.kubeConfig, options.concurrency);
    try {
      rows.push(await measureInitialSync(parallel, objects, options.concurrency));
      progress(`event-to-reconcile latency, ${options.updates} updates`);
      rows.push(...(await measureEventLatency(parallel, writer, objects, options.updates)));
      progress(`steady-state writes, ${options.steadySeconds} s`);
      const steady = await measureSteadyWrites(parallel, writer, objects, options.steadySeconds);
      rows.push(steady.row);
      writes = steady.writes;
    } finally {
      await parallel.stop();
    }

    progress('cache memory, in a fresh process');
    rows.push(...(await measureCacheMemory(env.kubeconfigPath, objects)));
  } finally {
    await env.stop();
  }

  const cpus = os.cpus();
  process.stdout.write(
    `SDK benchmarks: ${objects} objects; node ${process.version}, ${os.platform()} ${os.arch()}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}\n\n${renderTable(rows)}`,
  );
  if (writes.length === 0) return 0;
  process.stderr.write(`FAILED: the manager made ${writes.length} write calls in steady state:\n`);
  for (const write of writes) process.stderr.write(`  ${write}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
