/**
 * Benchmark: `kubectl apply` of N LXCMachines (with their Machines) → every LXCMachine provisioned, against a
 * real API server and the real local Incus daemon, for N = 3 and 5 by default (`pnpm bench -- --machines 3,5,8`).
 * Prints numbers, not verdicts. Per round: wall time from the first create to the last machine seen provisioned
 * in the manager's cache; per machine the delay from Incus's `instance-started` event to provisioned, which is
 * mostly the guest's DHCP (Incus has no event for a new address, so the harness polls the instance state every
 * 100 ms to time it), and the delay from the address appearing to provisioned; then the time to delete them all.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLogger } from '@capi-ts/sdk';
import { lxcMachineResource } from '../src/api/index.js';
import { isLifecycleEvent } from '../src/incus/api/event.js';
import { hostAddresses } from '../src/instance/index.js';
import { createManager, parseFlags } from '../src/manager.js';
import { bootstrapCloudConfig, MachineWorld, startEnvironment } from '../test/lxcmachine/world.js';
import { ensureCloudImage, ensureIncus, IncusCleanup, uniqueName } from '../test-support/index.js';

const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

const HEADER = [
  'machines',
  'apply→all provisioned (s)',
  'started→provisioned p50 (ms)',
  'max (ms)',
  'address→provisioned p50 (ms)',
  'max (ms)',
  'delete all (s)',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { machines: { type: 'string', default: '3,5' } },
  });
  const rounds = values.machines.split(',').map(Number);
  if (rounds.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--machines takes positive integers, e.g. 3,5');

  const incus = await ensureIncus();
  if (!incus.available) throw new Error(incus.reason);
  const cleanup = new IncusCleanup(incus.client);
  progress('starting etcd and kube-apiserver, ensuring the cloud image');
  const [env, image] = await Promise.all([startEnvironment(), ensureCloudImage(incus.client)]);
  const manager = createManager(parseFlags(['--metrics-bind-address=0', '--health-probe-bind-address=0']), {
    kubeConfig: env.kubeConfig,
    logger: createLogger({ level: 'fatal' }),
  });
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  const provisionedAt = new Map<string, number>();
  const gone = new Map<string, number>();
  manager.cache.informerFor(lxcMachineResource).subscribe((event) => {
    const name = event.object.metadata.name ?? '';
    if (event.type === 'deleted') gone.set(name, performance.now());
    else if (event.object.status?.initialization?.provisioned && !provisionedAt.has(name)) {
      provisionedAt.set(name, performance.now());
    }
  });
  const startedAt = new Map<string, number>();
  const addressAt = new Map<string, number>();
  const timeAddress = async (name: string): Promise<void> => {
    while (!addressAt.has(name) && !provisionedAt.has(name)) {
      const state = await incus.client.instances.getState(name).catch(() => undefined);
      if (hostAddresses(state ?? { network: null }).length > 0) addressAt.set(name, performance.now());
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const events = await incus.client.events.subscribe({ types: ['lifecycle'] });
  void (async () => {
    for await (const event of events) {
      if (isLifecycleEvent(event) && event.metadata.action === 'instance-started') {
        const name = event.metadata.source.replace('/1.0/instances/', '');
        startedAt.set(name, performance.now());
        void timeAddress(name);
      }
    }
  })();

  const rows: string[][] = [];
  try {
    for (const [index, count] of rounds.entries()) {
      const world = await new MachineWorld(env, `bench-${index}`).setUp();
      const names = Array.from({ length: count }, (_, i) => cleanup.instance(uniqueName(`bench${i}`)));
      progress(`round ${index + 1}: applying ${count} machines`);
      const t0 = performance.now();
      await Promise.all(
        names.map((name) =>
          world.machine(name, { image: { name: image.alias, fingerprint: '' } }, bootstrapCloudConfig(name)),
        ),
      );
      await until(() => names.every((name) => provisionedAt.has(name)), 300_000);
      const total = (Math.max(...names.map((n) => provisionedAt.get(n) ?? 0)) - t0) / 1000;
      const afterStart = names.map((n) => (provisionedAt.get(n) ?? 0) - (startedAt.get(n) ?? Number.NaN));
      const afterAddress = names.map((n) => (provisionedAt.get(n) ?? 0) - (addressAt.get(n) ?? Number.NaN));
      progress(`round ${index + 1}: deleting`);
      const d0 = performance.now();
      await Promise.all(names.map((name) => world.deleteLxcMachine(name)));
      await until(() => names.every((name) => gone.has(name)), 120_000);
      const deletion = (Math.max(...names.map((n) => gone.get(n) ?? 0)) - d0) / 1000;
      rows.push([
        String(count),
        total.toFixed(1),
        percentile(afterStart, 50).toFixed(0),
        Math.max(...afterStart).toFixed(0),
        percentile(afterAddress, 50).toFixed(0),
        Math.max(...afterAddress).toFixed(0),
        deletion.toFixed(1),
      ]);
    }
  } finally {
    events.close();
    stop.abort();
    await running;
    await cleanup.run();
    await env.stop();
  }
  const cpus = os.cpus();
  const widths = HEADER.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const render = (cells: string[]): string =>
    cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
  process.stdout.write(
    `provider-incus: apply → provisioned; node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}\n\n` +
      `${[render(HEADER), ...rows.map(render)].join('\n')}\n`,
  );
}

/** Waits for `check` on the manager's cache events (checked every 50 ms of the benchmark's own clock). */
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('benchmark round timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
