import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin, type ConfigMap, KubeClient, SharedCache, type SharedInformer } from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { configMap, createNamespace, eventually, recordEvents, serverVersions, versions } from './helpers.js';

const ns = 'restart';

describe('informer across an API server restart', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  let informer: SharedInformer<ConfigMap>;
  let recorded: ReturnType<typeof recordEvents<ConfigMap>>;
  const stop = new AbortController();
  let running: Promise<void>;

  beforeAll(async () => {
    env = await startTestEnvironment();
    client = new KubeClient(env.kubeConfig);
    await createNamespace(client, ns);
    for (const name of ['a', 'b', 'c']) await client.create(builtin.configMap, configMap(ns, name, { v: '1' }));
    // A short maximum backoff keeps the test fast; the schedule itself is unit-tested.
    const cache = new SharedCache(client, { backoff: { maxMs: 2_000 } });
    informer = cache.informerFor(builtin.configMap);
    recorded = recordEvents(informer);
    running = cache.start(stop.signal);
    await cache.waitForSync(AbortSignal.timeout(10_000));
  });
  afterAll(async () => {
    stop.abort();
    await running;
    await env?.stop();
  });

  const inNamespace = () => recorded.events.filter((e) => e.object.metadata.namespace === ns);

  it('keeps serving reads while the API server is down, then sees every change made after it returns', async () => {
    const watchesBefore = informer.stats.watches;
    await env.stopApiServer();
    await eventually(() => expect(informer.stats.failures).toBeGreaterThan(0));
    expect(informer.get({ namespace: ns, name: 'a' })?.data).toEqual({ v: '1' });

    await env.startApiServer();
    await client.mergePatch(builtin.configMap, { namespace: ns, name: 'a' }, { data: { v: '2' } });
    await client.create(builtin.configMap, configMap(ns, 'd', { v: '1' }));
    await client.delete(builtin.configMap, { namespace: ns, name: 'b' });

    const expected = await serverVersions(client, builtin.configMap, ns);
    await eventually(() => expect(versions(informer.list({ namespace: ns }))).toEqual(expected), { timeoutMs: 30_000 });
    expect(informer.get({ namespace: ns, name: 'a' })?.data).toEqual({ v: '2' });
    expect(informer.stats.watches).toBeGreaterThan(watchesBefore);

    // Every change reached subscribers as an event: a consumer that only sees events has the same state.
    const mirrored = [...recorded.mirror.values()].filter((o) => o.metadata.namespace === ns);
    expect(versions(mirrored)).toEqual(expected);
    const changes = inNamespace().map((e) => `${e.type} ${e.object.metadata.name}`);
    expect(changes).toEqual(expect.arrayContaining(['updated a', 'added d', 'deleted b']));
  });

  it('watches on after the restart: a burst of updates arrives complete and in order', async () => {
    const seen: string[] = [];
    const unsubscribe = informer.subscribe((event) => {
      if (event.object.metadata.name === 'c' && event.type === 'updated') seen.push(event.object.data!.v!);
    });
    const sent: string[] = [];
    for (let i = 2; i <= 21; i++) {
      sent.push(String(i));
      await client.mergePatch(builtin.configMap, { namespace: ns, name: 'c' }, { data: { v: String(i) } });
    }
    await eventually(() => expect(seen).toEqual(sent));
    unsubscribe();
  });
});
