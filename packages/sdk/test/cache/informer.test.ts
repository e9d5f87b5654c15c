import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtin,
  type ConfigMap,
  KubeClient,
  type KubeObject,
  SharedCache,
  SharedInformer,
  StandardIndex,
} from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import {
  configMap,
  createNamespace,
  eventually,
  openWatches,
  recordEvents,
  serverVersions,
  versions,
} from './helpers.js';

describe('SharedCache against a real API server', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  let cache: SharedCache;
  const stop = new AbortController();
  let running: Promise<void>;

  beforeAll(async () => {
    env = await startTestEnvironment();
    client = new KubeClient(env.kubeConfig);
    for (const ns of ['basic', 'late', 'scoped', 'paged', 'silent']) await createNamespace(client, ns);
    await client.create(builtin.configMap, configMap('basic', 'before', { v: '1' }));
    cache = new SharedCache(client);
  });
  afterAll(async () => {
    stop.abort();
    await running;
    await env?.stop();
  });

  it('lists, then delivers adds, updates and deletes; waitForSync resolves after the initial list', async () => {
    const informer = cache.informerFor(builtin.configMap);
    const recorded = recordEvents(informer);
    expect(informer.synced).toBe(false);
    running = cache.start(stop.signal);
    await cache.waitForSync(AbortSignal.timeout(10_000));
    expect(informer.synced).toBe(true);
    const inBasic = () => recorded.events.filter((e) => e.object.metadata.namespace === 'basic');
    const summary = () => inBasic().map((e) => `${e.type}${e.initial ? '(initial)' : ''} ${e.object.metadata.name}`);
    expect(summary()).toEqual(['added(initial) before']);
    const before = informer.get({ namespace: 'basic', name: 'before' });
    expect(before).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { v: '1' } });

    await client.create(builtin.configMap, configMap('basic', 'live', { v: '1' }));
    await client.mergePatch(builtin.configMap, { namespace: 'basic', name: 'live' }, { data: { v: '2' } });
    await client.delete(builtin.configMap, { namespace: 'basic', name: 'before' });
    await eventually(() =>
      expect(summary()).toEqual(['added(initial) before', 'added live', 'updated live', 'deleted before']),
    );
    const updated = inBasic()[2]!;
    expect(updated.oldObject?.data).toEqual({ v: '1' });
    expect(updated.object.data).toEqual({ v: '2' });
    expect(inBasic()[3]!.oldObject).toBe(before);
    expect(informer.get({ namespace: 'basic', name: 'before' })).toBeUndefined();
    expect(informer.get({ namespace: 'basic', name: 'live' })?.data).toEqual({ v: '2' });
    expect(versions(informer.list({ namespace: 'basic' }))).toEqual(
      await serverVersions(client, builtin.configMap, 'basic'),
    );
    recorded.unsubscribe();
  });

  it('shares one informer per kind and starts informers requested after start at once', async () => {
    expect(cache.informerFor(builtin.configMap)).toBe(cache.informerFor({ ...builtin.configMap }));
    const namespaces = cache.informerFor(builtin.namespace);
    expect(namespaces).not.toBe(cache.informerFor(builtin.configMap));
    await cache.waitForSync(AbortSignal.timeout(10_000));
    expect(namespaces.get({ name: 'late' })?.metadata.name).toBe('late');
  });

  it('replays the existing objects to a late subscriber, then delivers live events', async () => {
    const informer = cache.informerFor(builtin.configMap);
    await client.create(builtin.configMap, configMap('late', 'one'));
    await client.create(builtin.configMap, configMap('late', 'two'));
    await eventually(() => expect(informer.list({ namespace: 'late' })).toHaveLength(2));

    const recorded = recordEvents(informer);
    const replayed = recorded.summary().filter((e) => e.endsWith(' one') || e.endsWith(' two'));
    expect(replayed.sort()).toEqual(['added(initial) one', 'added(initial) two']);
    expect(recorded.events.every((e) => e.initial && e.type === 'added')).toBe(true);
    expect(recorded.mirror.size).toBe(informer.size);

    await client.create(builtin.configMap, configMap('late', 'three'));
    await eventually(() => expect(recorded.summary()).toContain('added three'));
    recorded.unsubscribe();
  });

  it('hands out frozen shared references: events and store reads are the same object, never a copy', async () => {
    const informer = cache.informerFor(builtin.configMap);
    const recorded = recordEvents(informer);
    await client.create(builtin.configMap, configMap('late', 'frozen', { k: 'v' }));
    const event = await eventually(() => {
      const found = recorded.events.find((e) => e.object.metadata.name === 'frozen');
      expect(found).toBeDefined();
      return found!;
    });
    const stored = informer.get({ namespace: 'late', name: 'frozen' }) as ConfigMap;
    expect(stored).toBe(event.object);
    expect(informer.list({ namespace: 'late', labelSelector: '' })).toContain(stored);
    expect(informer.byIndex(StandardIndex.namespace, 'late')).toContain(stored);
    expect(() => {
      stored.data!.k = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(stored.metadata)).toBe(true);
    recorded.unsubscribe();
  });

  it('keeps delivering when a handler throws', async () => {
    const informer = cache.informerFor(builtin.configMap);
    const unsubscribe = informer.subscribe(() => {
      throw new Error('handler bug');
    });
    const recorded = recordEvents(informer);
    await client.create(builtin.configMap, configMap('late', 'after-throw'));
    await eventually(() => expect(recorded.summary()).toContain('added after-throw'));
    unsubscribe();
    recorded.unsubscribe();
  });

  it('indexes with custom index functions added after the informer synced', async () => {
    const informer = cache.informerFor(builtin.configMap);
    informer.addIndex('byValue', (o) => Object.values((o as ConfigMap).data ?? {}));
    expect(informer.byIndex('byValue', 'v').map((o) => o.metadata.name)).toEqual(['frozen']);
    await client.create(builtin.configMap, configMap('late', 'indexed', { x: 'v' }));
    await eventually(() => expect(informer.byIndex('byValue', 'v')).toHaveLength(2));
  });

  it('caches only its namespace when scoped', async () => {
    await client.create(builtin.configMap, configMap('scoped', 'inside'));
    const scoped = new SharedCache(client, { namespace: 'scoped' });
    const abort = new AbortController();
    const informer = scoped.informerFor(builtin.configMap);
    const namespaces = scoped.informerFor(builtin.namespace);
    const run = scoped.start(abort.signal);
    await scoped.waitForSync(AbortSignal.timeout(10_000));
    expect(informer.list().map((o) => o.metadata.name)).toEqual(['inside']);
    expect(namespaces.get({ name: 'basic' })).toBeDefined();
    abort.abort();
    await run;
  });

  it('lists in pages', async () => {
    for (let i = 0; i < 5; i++) await client.create(builtin.configMap, configMap('paged', `item-${i}`));
    const pageRequests: string[] = [];
    const unobserve = client.observe((method, path) => {
      if (method === 'GET' && path === '/api/v1/namespaces/paged/configmaps') pageRequests.push(path);
    });
    const informer = new SharedInformer(client, builtin.configMap, { namespace: 'paged', pageSize: 2 });
    const abort = new AbortController();
    const run = informer.start(abort.signal);
    await informer.waitForSync(AbortSignal.timeout(10_000));
    expect(informer.size).toBe(5);
    expect(pageRequests).toHaveLength(3);
    expect(informer.stats.lists).toBe(1);
    abort.abort();
    await run;
    unobserve();
  });

  it('restarts a watch that stays silent beyond the inactivity timeout, without losing events', async () => {
    const informer = new SharedInformer<KubeObject>(client, builtin.configMap, {
      namespace: 'silent',
      watchInactivityTimeoutMs: 300,
    });
    const abort = new AbortController();
    const run = informer.start(abort.signal);
    await informer.waitForSync(AbortSignal.timeout(10_000));
    await eventually(() => expect(informer.stats.inactivityRestarts).toBeGreaterThanOrEqual(2));
    expect(informer.stats.lists).toBe(1);
    expect(informer.stats.failures).toBe(0);
    await client.create(builtin.configMap, configMap('silent', 'heard'));
    await eventually(() => expect(informer.get({ namespace: 'silent', name: 'heard' })).toBeDefined());
    abort.abort();
    await run;
  });

  it('closes every watch when stopped: nothing stays open on the API server', async () => {
    const own = new SharedCache(client);
    const abort = new AbortController();
    const endedWatches: string[] = [];
    const unobserve = client.observe((method, path) => {
      if (method === 'WATCH') endedWatches.push(path);
    });
    // The API server's own informers watch some kinds too: count ours on top of theirs.
    const baseline = {
      serviceaccounts: await openWatches(env, 'serviceaccounts'),
      services: await openWatches(env, 'services'),
    };
    const serviceAccounts = own.informerFor(builtin.serviceAccount);
    const services = own.informerFor(builtin.service);
    const run = own.start(abort.signal);
    await own.waitForSync(AbortSignal.timeout(10_000));
    await eventually(async () => expect(await openWatches(env, 'serviceaccounts')).toBe(baseline.serviceaccounts + 1));
    await eventually(async () => expect(await openWatches(env, 'services')).toBe(baseline.services + 1));

    const stoppedAt = Date.now();
    abort.abort();
    await run;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(endedWatches).toHaveLength(serviceAccounts.stats.watches + services.stats.watches);
    await eventually(async () => expect(await openWatches(env, 'serviceaccounts')).toBe(baseline.serviceaccounts));
    expect(await openWatches(env, 'services')).toBe(baseline.services);
    unobserve();
  });

  it('rejects waitForSync when its signal aborts first', async () => {
    const informer = new SharedInformer(client, builtin.secret);
    await expect(informer.waitForSync(AbortSignal.timeout(50))).rejects.toThrow();
  });
});
