import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedCache } from '../../src/cache/index.js';
import { builtin, type ConfigMap, KubeClient, type Secret } from '../../src/client/index.js';
import { controllerBuilder, type Request } from '../../src/controller/index.js';
import { silentLogger } from '../../src/log/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { parseExposition, sampleValue } from '../metrics/exposition.js';
import { run } from './fixtures.js';
import { eventually } from './helpers.js';

const ns = 'controllers';

describe('controller against a real API server and the shared cache', () => {
  let env: TestEnvironment;
  let writer: KubeClient;
  let cache: SharedCache;
  const cacheStop = new AbortController();
  let cacheDone: Promise<void>;
  /** Every call the cache's client makes, as `METHOD path`. */
  const cacheCalls: string[] = [];

  beforeAll(async () => {
    env = await startTestEnvironment();
    writer = new KubeClient(env.kubeConfig);
    const reader = new KubeClient(env.kubeConfig);
    reader.observe((method, path) => cacheCalls.push(`${method} ${path}`));
    cache = new SharedCache(reader);
    cacheDone = cache.start(cacheStop.signal);
    await writer.create(builtin.namespace, { metadata: { name: ns } });
  });

  afterAll(async () => {
    cacheStop.abort();
    await cacheDone;
    await env?.stop();
  });

  const deps = () => ({ cache, registry: new Registry(), logger: silentLogger() });

  it('never reconciles one object twice at once under 1000 rapid updates, and ends on its final state', async () => {
    const dependencies = deps();
    const configMaps = cache.informerFor(builtin.configMap);
    await writer.create(builtin.configMap, { metadata: { name: 'hot', namespace: ns }, data: { counter: 'start' } });
    for (let i = 0; i < 6; i++) {
      await writer.create(builtin.configMap, {
        metadata: { name: `busy-${i}`, namespace: ns },
        data: { counter: '0' },
      });
    }

    const inFlight = new Map<string, number>();
    let maxPerKey = 0;
    let hotReconciles = 0;
    let lastSeen: string | undefined;
    const running = run(
      controllerBuilder(dependencies)
        .named('burst')
        .for(builtin.configMap)
        .withConcurrency(4)
        .build(async (request: Request) => {
          const key = `${request.namespace}/${request.name}`;
          const now = (inFlight.get(key) ?? 0) + 1;
          inFlight.set(key, now);
          maxPerKey = Math.max(maxPerKey, now);
          try {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
            if (request.name === 'hot') {
              hotReconciles++;
              lastSeen = configMaps.get(request)?.data?.counter;
            }
          } finally {
            inFlight.set(key, now - 1);
          }
        }),
    );

    // 1000 merge patches of one object, 16 at a time, plus some traffic on other objects; then a last write.
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < 1000; i = next++) {
        await writer.mergePatch(builtin.configMap, { namespace: ns, name: 'hot' }, { data: { counter: String(i) } });
        if (i % 25 === 0) {
          await writer.mergePatch(
            builtin.configMap,
            { namespace: ns, name: `busy-${i % 6}` },
            { data: { counter: String(i) } },
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    await writer.mergePatch(builtin.configMap, { namespace: ns, name: 'hot' }, { data: { counter: 'final' } });

    await eventually(() => lastSeen === 'final', 20_000);
    await running.stop();
    expect(maxPerKey).toBe(1);
    expect(hotReconciles).toBeGreaterThan(1);
    expect(hotReconciles).toBeLessThanOrEqual(1002);
    const samples = parseExposition(await dependencies.registry.metrics()).samples;
    const successes = sampleValue(samples, 'controller_runtime_reconcile_total', {
      controller: 'burst',
      result: 'success',
    });
    expect(successes).toBeGreaterThanOrEqual(hotReconciles);
    expect(sampleValue(samples, 'workqueue_adds_total', { name: 'burst', controller: 'burst' })).toBeGreaterThanOrEqual(
      successes,
    );
  }, 120_000);

  it('reconciles the owner when an owned object changes, and makes no write for a no-op reconcile', async () => {
    const parent = await writer.create(builtin.configMap, { metadata: { name: 'parent', namespace: ns } });
    const configMaps = cache.informerFor(builtin.configMap);
    const reconciled: string[] = [];
    const writesBefore = cacheCalls.filter((call) => !call.startsWith('GET ')).length;
    const running = run(
      controllerBuilder(deps())
        .named('owner')
        .for(builtin.configMap)
        .owns(builtin.secret)
        .build(async (request) => {
          // A no-op reconcile: it only reads the cache.
          if (configMaps.get(request)) reconciled.push(request.name);
        }),
    );
    await eventually(() => reconciled.includes('parent'));
    const before = reconciled.filter((name) => name === 'parent').length;

    const secret: Secret = {
      metadata: {
        name: 'owned',
        namespace: ns,
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'parent', uid: parent.metadata.uid!, controller: true },
        ],
      },
      stringData: { token: 'not-logged' },
    };
    await writer.create(builtin.secret, secret);
    await eventually(() => reconciled.filter((name) => name === 'parent').length === before + 1, 10_000);
    await writer.mergePatch(builtin.secret, { namespace: ns, name: 'owned' }, { stringData: { token: 'rotated' } });
    await eventually(() => reconciled.filter((name) => name === 'parent').length === before + 2, 10_000);

    await running.stop();
    expect(cacheCalls.filter((call) => !call.startsWith('GET ')).length).toBe(writesBefore);
    const cm: ConfigMap | undefined = configMaps.get({ namespace: ns, name: 'parent' });
    expect(cm?.metadata.resourceVersion).toBe(parent.metadata.resourceVersion);
  });
});
