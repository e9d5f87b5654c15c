import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin, type ConfigMap, KubeClient, SharedCache } from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { configMap, createNamespace, eventually, recordEvents, serverVersions, versions } from './helpers.js';

/** etcd's current revision, through its HTTP/JSON gateway. */
async function etcdRevision(env: TestEnvironment): Promise<string> {
  const res = await fetch(`${env.etcdUrl}/v3/kv/range`, { method: 'POST', body: JSON.stringify({ key: 'AA==' }) });
  const body = (await res.json()) as { header: { revision: string } };
  return body.header.revision;
}

async function compactEtcd(env: TestEnvironment, revision: string): Promise<void> {
  const res = await fetch(`${env.etcdUrl}/v3/kv/compaction`, {
    method: 'POST',
    body: JSON.stringify({ revision, physical: true }),
  });
  expect(res.ok).toBe(true);
}

async function restartApiServer(env: TestEnvironment): Promise<void> {
  await env.stopApiServer();
  await env.startApiServer();
}

/**
 * Without the watch cache, watches go straight to etcd and carry no bookmarks, so a watch resumes from exactly
 * the resourceVersion the informer last saw, and etcd compaction makes that version expire (`410 Gone`).
 */
describe('resourceVersion handling, watching etcd directly (--watch-cache=false)', () => {
  let env: TestEnvironment;
  let client: KubeClient;

  beforeAll(async () => {
    env = await startTestEnvironment({ apiServerFlags: ['--watch-cache=false'] });
    client = new KubeClient(env.kubeConfig);
    for (const ns of ['resume', 'gone']) await createNamespace(client, ns);
  });
  afterAll(async () => {
    await env?.stop();
  });

  function startCache(namespace: string, initialBackoffMs: number) {
    const cache = new SharedCache(client, { namespace, backoff: { initialMs: initialBackoffMs, maxMs: 2_000 } });
    const informer = cache.informerFor(builtin.configMap);
    const recorded = recordEvents(informer);
    const abort = new AbortController();
    const running = cache.start(abort.signal);
    const stop = async () => {
      abort.abort();
      await running;
    };
    return { cache, informer, recorded, stop };
  }

  it('resumes from its resourceVersion after a reconnect, with no relist and no event lost', async () => {
    for (const name of ['a', 'b']) await client.create(builtin.configMap, configMap('resume', name, { v: '1' }));
    // The first retry waits at least 1.5 s: the writes below most likely land while the informer is disconnected.
    const { cache, informer, recorded, stop } = startCache('resume', 1_500);
    await cache.waitForSync(AbortSignal.timeout(10_000));

    await restartApiServer(env);
    await client.mergePatch(builtin.configMap, { namespace: 'resume', name: 'a' }, { data: { v: '2' } });
    await client.mergePatch(builtin.configMap, { namespace: 'resume', name: 'a' }, { data: { v: '3' } });
    await client.create(builtin.configMap, configMap('resume', 'c'));
    await client.delete(builtin.configMap, { namespace: 'resume', name: 'b' });

    const expected = await serverVersions(client, builtin.configMap, 'resume');
    await eventually(() => expect(versions(informer.list())).toEqual(expected), { timeoutMs: 20_000 });
    expect(informer.stats.failures).toBeGreaterThan(0);
    expect(informer.stats.lists).toBe(1);
    expect(recorded.summary()).toEqual([
      'added(initial) a',
      'added(initial) b',
      'updated a',
      'updated a',
      'added c',
      'deleted b',
    ]);
    await stop();
  });

  it('relists after 410 Gone and misses no change', async () => {
    for (const name of ['a', 'b']) await client.create(builtin.configMap, configMap('gone', name, { v: '1' }));
    const { cache, informer, recorded, stop } = startCache('gone', 200);
    await cache.waitForSync(AbortSignal.timeout(10_000));
    const syncedAt = Number(informer.resourceVersion);

    // Move etcd past the informer's resourceVersion with writes it does not watch, then compact that history.
    for (let i = 0; i < 5; i++) await client.create(builtin.secret, { metadata: { namespace: 'gone', name: `s${i}` } });
    const revision = await etcdRevision(env);
    expect(Number(revision)).toBeGreaterThan(syncedAt);
    await compactEtcd(env, revision);

    // The restart breaks the watch; the next one, from the compacted resourceVersion, is answered with 410.
    await restartApiServer(env);
    await client.mergePatch(builtin.configMap, { namespace: 'gone', name: 'a' }, { data: { v: '2' } });
    await client.delete(builtin.configMap, { namespace: 'gone', name: 'b' });
    await client.create(builtin.configMap, configMap('gone', 'c'));

    const expected = await serverVersions(client, builtin.configMap, 'gone');
    await eventually(() => expect(versions(informer.list())).toEqual(expected), { timeoutMs: 20_000 });
    expect(informer.stats.goneRelists).toBeGreaterThanOrEqual(1);
    expect(informer.stats.lists).toBeGreaterThanOrEqual(2);
    expect((informer.get({ namespace: 'gone', name: 'a' }) as ConfigMap).data).toEqual({ v: '2' });
    expect(versions(recorded.mirror.values())).toEqual(expected);
    const changes = recorded.events.slice(2).map((e) => `${e.type} ${e.object.metadata.name}`);
    expect(changes).toEqual(expect.arrayContaining(['updated a', 'deleted b', 'added c']));
    await stop();
  });
});
