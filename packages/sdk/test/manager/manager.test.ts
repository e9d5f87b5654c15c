import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin } from '../../src/client/builtin.js';
import { silentLogger } from '../../src/log/logger.js';
import { GracefulShutdownTimeoutError } from '../../src/manager/errors.js';
import { Manager, type ManagerOptions } from '../../src/manager/manager.js';
import type { Runnable } from '../../src/manager/runnable.js';
import { eventually, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

/** A runnable that records when it starts and stops, and runs until its signal aborts. */
function probeRunnable(name: string, needsLeaderElection = false) {
  const state = { started: 0, stopped: 0 };
  const runnable: Runnable = {
    name,
    needsLeaderElection,
    start: async (signal) => {
      state.started++;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      state.stopped++;
    },
  };
  return { runnable, state };
}

describe('Manager', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await startTestEnvironment();
  });
  afterAll(async () => {
    await env?.stop();
  });

  const newManager = (options: Partial<ManagerOptions> = {}) =>
    new Manager({
      kubeConfig: env.kubeConfig,
      logger: silentLogger(),
      metricsBindAddress: '127.0.0.1:0',
      healthProbeBindAddress: '127.0.0.1:0',
      ...options,
    });

  const get = async (manager: Manager, server: 'metrics' | 'probes', path: string) => {
    const address = server === 'metrics' ? manager.metricsAddress : manager.healthProbeAddress;
    if (!address) throw new Error(`${server} server is not listening`);
    const res = await fetch(`http://127.0.0.1:${address.port}${path}`);
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
  };

  it('serves /healthz and /readyz, not ready until the cache has synced', async () => {
    const manager = newManager();
    manager.cache.informerFor(builtin.configMap);
    let healthy = true;
    manager.addHealthCheck('custom', () => {
      if (!healthy) throw new Error('unhealthy on purpose');
    });
    await env.stopApiServer();
    const stop = new AbortController();
    const running = manager.start(stop.signal);
    try {
      await eventually(() => expect(manager.healthProbeAddress).toBeDefined());
      expect(await get(manager, 'probes', '/healthz')).toMatchObject({ status: 200, body: 'ok' });
      const notReady = await get(manager, 'probes', '/readyz');
      expect(notReady.status).toBe(500);
      expect(notReady.body).toContain('[-]cache-sync failed');
      expect((await get(manager, 'probes', '/readyz/cache-sync')).status).toBe(500);
      expect((await get(manager, 'probes', '/readyz?exclude=cache-sync')).status).toBe(200);

      await env.startApiServer();
      await eventually(async () => expect(await get(manager, 'probes', '/readyz')).toMatchObject({ status: 200 }), {
        timeoutMs: 30_000,
      });
      expect((await get(manager, 'probes', '/readyz?verbose')).body).toContain('[+]cache-sync ok');

      healthy = false;
      const unhealthy = await get(manager, 'probes', '/healthz');
      expect(unhealthy.status).toBe(500);
      expect(unhealthy.body).toContain('[-]custom failed');
      expect(unhealthy.body).not.toContain('unhealthy on purpose');
      expect((await get(manager, 'probes', '/healthz/missing')).status).toBe(404);
      expect((await get(manager, 'probes', '/nothing-here')).status).toBe(404);
    } finally {
      await env.startApiServer().catch(() => undefined);
      stop.abort();
      await running;
    }
    expect(manager.healthProbeAddress).toBeUndefined();
  });

  it('serves the Prometheus registry on /metrics', async () => {
    const manager = newManager({
      leaderElection: { enabled: true, id: 'metrics-test', namespace: 'default' },
    });
    const stop = new AbortController();
    const running = manager.start(stop.signal);
    try {
      await manager.elected();
      const metrics = await get(manager, 'metrics', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.contentType).toBe(manager.registry.contentType);
      expect(metrics.body).toContain('leader_election_master_status{name="metrics-test"} 1');
      expect(metrics.body).toContain('process_cpu_seconds_total');
      expect((await get(manager, 'metrics', '/other')).status).toBe(404);
    } finally {
      stop.abort();
      await running;
    }
  });

  it('disables a server with the address "0"', async () => {
    const manager = newManager({ metricsBindAddress: '0', healthProbeBindAddress: '0' });
    const stop = new AbortController();
    const running = manager.start(stop.signal);
    await manager.elected();
    expect(manager.metricsAddress).toBeUndefined();
    expect(manager.healthProbeAddress).toBeUndefined();
    stop.abort();
    await running;
  });

  it('starts runnables after the cache, including ones added while running, and stops them on shutdown', async () => {
    const webhook = probeRunnable('webhook-server');
    const manager = newManager({ webhookServer: webhook.runnable });
    const early = probeRunnable('early');
    const leaderOnly = probeRunnable('leader-only', true);
    manager.add(early.runnable);
    manager.add(leaderOnly.runnable);
    expect(early.state.started).toBe(0);

    const stop = new AbortController();
    const running = manager.start(stop.signal);
    await manager.elected();
    expect(manager.isLeader).toBe(true);
    expect(early.state.started).toBe(1);
    expect(leaderOnly.state.started).toBe(1);
    expect(webhook.state.started).toBe(1);

    const late = probeRunnable('late');
    manager.add(late.runnable);
    await eventually(() => expect(late.state.started).toBe(1));

    stop.abort();
    await running;
    expect([early.state.stopped, leaderOnly.state.stopped, late.state.stopped, webhook.state.stopped]).toEqual([
      1, 1, 1, 1,
    ]);
    expect(manager.isLeader).toBe(false);
    expect(() => manager.add(probeRunnable('too-late').runnable)).toThrow(/stopped/);
    await expect(manager.start(new AbortController().signal)).rejects.toThrow(/only once/);
  });

  it('stops with the error of a runnable that throws', async () => {
    const manager = newManager();
    const bystander = probeRunnable('bystander', true);
    manager.add(bystander.runnable);
    manager.add({
      name: 'faulty',
      needsLeaderElection: true,
      start: async () => {
        throw new Error('faulty runnable gave up');
      },
    });
    const outcome = await manager.start(new AbortController().signal).catch((err: unknown) => err);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('faulty runnable gave up');
    expect(bystander.state).toEqual({ started: 1, stopped: 1 });
    expect(manager.healthProbeAddress).toBeUndefined();
  });

  it('gives up on runnables that ignore the stop signal after the graceful shutdown timeout', async () => {
    const manager = newManager({ gracefulShutdownTimeoutMs: 300 });
    let release!: () => void;
    manager.add({
      name: 'stubborn',
      needsLeaderElection: false,
      start: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const stop = new AbortController();
    const running = manager.start(stop.signal);
    await manager.elected();
    const stoppedAt = Date.now();
    stop.abort();
    const error = await running.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(GracefulShutdownTimeoutError);
    expect((error as GracefulShutdownTimeoutError).pending).toEqual(['stubborn']);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    release();
  });

  it('shuts down gracefully on SIGTERM with runUntilSignal', async () => {
    const manager = newManager();
    const worker = probeRunnable('worker');
    manager.add(worker.runnable);
    const listenersBefore = process.listenerCount('SIGTERM');
    const running = manager.runUntilSignal();
    await manager.elected();
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore + 1);
    const onSigterm = process.listeners('SIGTERM').at(-1)!;
    onSigterm('SIGTERM');
    await running;
    expect(worker.state).toEqual({ started: 1, stopped: 1 });
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });
});
