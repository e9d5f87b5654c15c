import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryProbeReport } from './cache-memory-probe.js';
import type { ResultRow } from './table.js';

const MIB = 1024 * 1024;

/** Runs the probe in a fresh Node process (with `--expose-gc`) and returns its report. */
function runProbe(kubeconfigPath: string, objects: number): Promise<MemoryProbeReport> {
  const probe = fileURLToPath(new URL('./cache-memory-probe.ts', import.meta.url));
  const execArgv = [...process.execArgv.filter((flag) => flag !== '--expose-gc'), '--expose-gc'];
  const child = fork(probe, [kubeconfigPath, String(objects)], { execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let report: MemoryProbeReport | undefined;
    child.on('message', (message) => {
      report = message as MemoryProbeReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && report) resolve(report);
      else reject(new Error(`the memory probe exited with code ${code}${report ? '' : ' without a report'}`));
    });
  });
}

/**
 * Benchmark 4: memory of a SharedCache holding `objects` Gadgets. Measured in a fresh process, so that the
 * other benchmarks' garbage and heap growth do not blur it: RSS and heapUsed before the cache starts and after
 * it has synced, each after a forced GC, and the difference per cached object.
 */
export async function measureCacheMemory(kubeconfigPath: string, objects: number): Promise<ResultRow[]> {
  const { before, after, cached, gcForced } = await runProbe(kubeconfigPath, objects);
  const gcNote = gcForced ? 'after forced GC' : 'no forced GC (--expose-gc missing)';
  const rows = (name: 'rss' | 'heapUsed'): ResultRow[] => [
    {
      benchmark: `${name} before cache start`,
      value: before[name] / MIB,
      unit: 'MiB',
      notes: `fresh process, client connected; ${gcNote}`,
    },
    {
      benchmark: `${name} with ${cached} cached objects`,
      value: after[name] / MIB,
      unit: 'MiB',
      notes: gcNote,
    },
    {
      benchmark: `${name} per cached object`,
      value: (after[name] - before[name]) / cached / 1024,
      unit: 'KiB',
      notes: `(after - before) / ${cached}`,
    },
  ];
  return [...rows('rss'), ...rows('heapUsed')];
}
