import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiError,
  builtin,
  createMetricsRegistry,
  defineCustomResourceDefinition,
  defineResource,
  instrumentClient,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isNotFound,
  KubeClient,
  type Secret,
} from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const Gizmo = defineResource({
  group: 'client.test.capi-ts.dev',
  version: 'v1',
  kind: 'Gizmo',
  plural: 'gizmos',
  scope: 'Namespaced',
  spec: z.object({ size: z.number().int().min(0).max(10), owner: z.string().optional() }),
  status: z.object({ phase: z.string().optional() }),
});
const gizmoCrd = defineCustomResourceDefinition({ versions: [Gizmo] });

describe('KubeClient against a real API server', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  const calls: string[] = [];

  beforeAll(async () => {
    env = await startTestEnvironment({ crds: [gizmoCrd] });
    client = new KubeClient(env.kubeConfig, { fieldManager: 'client-test' });
    client.observe((method, path, status) => calls.push(`${method} ${path} ${status}`));
  });
  afterAll(async () => {
    client?.transport.close();
    await env?.stop();
  });

  const gizmo = (name: string, size = 1) => ({
    apiVersion: 'client.test.capi-ts.dev/v1',
    kind: 'Gizmo',
    metadata: { name, namespace: 'default' },
    spec: { size },
  });

  it('creates, gets, lists and deletes', async () => {
    const created = await client.create(Gizmo, gizmo('a', 3));
    expect(created.metadata.uid).toBeTruthy();
    expect((await client.get(Gizmo, { namespace: 'default', name: 'a' })).spec.size).toBe(3);
    const list = await client.list(Gizmo, { namespace: 'default' });
    expect(list.items.map((g) => g.metadata.name)).toContain('a');
    expect(await client.delete(Gizmo, { namespace: 'default', name: 'a' })).toBe(true);
    expect(await client.delete(Gizmo, { namespace: 'default', name: 'a' })).toBe(false);
    expect(await client.getOptional(Gizmo, { namespace: 'default', name: 'a' })).toBeUndefined();
  });

  it('types the API server errors', async () => {
    await client.create(Gizmo, gizmo('b'));
    const exists = await client.create(Gizmo, gizmo('b')).catch((e) => e);
    expect(isAlreadyExists(exists)).toBe(true);
    const missing = await client.get(Gizmo, { namespace: 'default', name: 'nope' }).catch((e) => e);
    expect(isNotFound(missing)).toBe(true);
    const invalid = await client.create(Gizmo, gizmo('c', 99)).catch((e) => e);
    expect(isInvalid(invalid)).toBe(true);
    expect((invalid as ApiError).message).toContain('spec.size');
    const current = await client.get(Gizmo, { namespace: 'default', name: 'b' });
    await client.update(Gizmo, { ...current, spec: { size: 2 } });
    const stale = await client.update(Gizmo, { ...current, spec: { size: 4 } }).catch((e) => e);
    expect(isConflict(stale)).toBe(true);
  });

  it('merge-patches, JSON-patches and writes status through the subresource only', async () => {
    await client.create(Gizmo, gizmo('d', 1));
    const key = { namespace: 'default', name: 'd' };
    const merged = await client.mergePatch(Gizmo, key, { metadata: { labels: { tier: 'x' } }, spec: { size: 5 } });
    expect(merged.spec.size).toBe(5);
    expect(merged.metadata.labels).toEqual({ tier: 'x' });
    const removed = await client.mergePatch(Gizmo, key, { metadata: { labels: { tier: null } } });
    expect(removed.metadata.labels ?? {}).toEqual({});

    const patched = await client.jsonPatch(Gizmo, key, [
      { op: 'test', path: '/metadata/resourceVersion', value: removed.metadata.resourceVersion },
      { op: 'replace', path: '/spec/size', value: 6 },
    ]);
    expect(patched.spec.size).toBe(6);
    const failedTest = await client
      .jsonPatch(Gizmo, key, [{ op: 'test', path: '/metadata/resourceVersion', value: '1' }])
      .catch((e) => e);
    expect(failedTest).toBeInstanceOf(ApiError);

    // status written through the main resource is ignored; through /status it sticks
    await client.mergePatch(Gizmo, key, { status: { phase: 'ignored' } });
    expect((await client.get(Gizmo, key)).status?.phase).toBeUndefined();
    const withStatus = await client.mergePatch(Gizmo, key, { status: { phase: 'Ready' } }, { subresource: 'status' });
    expect(withStatus.status?.phase).toBe('Ready');
    const fresh = await client.get(Gizmo, key);
    const replaced = await client.updateStatus(Gizmo, { ...fresh, status: { phase: 'Done' } });
    expect(replaced.status?.phase).toBe('Done');
  });

  it('server-side applies with a field manager and detects conflicts between managers', async () => {
    const applied = await client.apply(Gizmo, { ...gizmo('e', 2), spec: { size: 2, owner: 'me' } });
    expect(applied.spec.owner).toBe('me');
    const managers = (applied.metadata.managedFields as Array<{ manager: string }>).map((m) => m.manager);
    expect(managers).toContain('client-test');
    const other = new KubeClient(env.kubeConfig, { fieldManager: 'someone-else' });
    const conflict = await other.apply(Gizmo, { ...gizmo('e', 3) }).catch((e) => e);
    expect(isConflict(conflict)).toBe(true);
    const forced = await other.apply(Gizmo, { ...gizmo('e', 3) }, { force: true });
    expect(forced.spec.size).toBe(3);
    other.transport.close();
  });

  it('pages through lists and honours dry-run', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.create(Gizmo, gizmo(`page-${i}`))));
    const page = await client.list(Gizmo, { namespace: 'default', limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.metadata.continue).toBeTruthy();
    const all = await client.listAll(Gizmo, { namespace: 'default', labelSelector: '' });
    expect(all.items.filter((g) => g.metadata.name?.startsWith('page-'))).toHaveLength(12);
    await client.create(Gizmo, gizmo('dry'), { dryRun: true });
    expect(await client.getOptional(Gizmo, { namespace: 'default', name: 'dry' })).toBeUndefined();
  });

  it('works with core kinds and aborts a call on signal', async () => {
    const secret: Secret = {
      metadata: { name: 's', namespace: 'default' },
      type: 'Opaque',
      stringData: { key: 'value' },
    };
    await client.create(builtin.secret, secret);
    const read = await client.get(builtin.secret, { namespace: 'default', name: 's' });
    expect(Buffer.from(read.data?.key ?? '', 'base64').toString()).toBe('value');
    const aborted = await client
      .list(builtin.secret, { namespace: 'default', signal: AbortSignal.abort() })
      .catch((e: Error) => e);
    expect(aborted).toBeInstanceOf(Error);
  });

  it('streams watch events', async () => {
    const start = await client.list(Gizmo, { namespace: 'default' });
    const ac = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const ev of client.watch(Gizmo, {
        namespace: 'default',
        resourceVersion: start.metadata.resourceVersion,
        signal: ac.signal,
      })) {
        if (ev.type !== 'ERROR' && ev.type !== 'BOOKMARK') seen.push(`${ev.type} ${ev.object.metadata.name}`);
        if (seen.length === 2) ac.abort();
      }
    })().catch(() => undefined);
    await client.create(Gizmo, gizmo('watched'));
    await client.delete(Gizmo, { namespace: 'default', name: 'watched' });
    await watching;
    expect(seen).toEqual(['ADDED watched', 'DELETED watched']);
  });

  it('reports every call to observers', () => {
    expect(calls.some((c) => c.startsWith('POST /apis/client.test.capi-ts.dev/v1/namespaces/default/gizmos 201'))).toBe(
      true,
    );
    expect(calls.some((c) => c.startsWith('GET /apis/client.test.capi-ts.dev/v1/namespaces/default/gizmos 200'))).toBe(
      true,
    );
    expect(calls.some((c) => c.endsWith(' 409'))).toBe(true);
  });

  it('counts calls in rest_client_requests_total as client-go does', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const stop = instrumentClient(client, registry);
    await client.create(Gizmo, gizmo('metered'));
    await client.getOptional(Gizmo, { namespace: 'default', name: 'missing' });
    stop();
    const text = await registry.metrics();
    const host = new URL(env.server).host;
    expect(text).toContain(`rest_client_requests_total{code="201",method="POST",host="${host}"} 1`);
    expect(text).toContain(`rest_client_requests_total{code="404",method="GET",host="${host}"} 1`);
  });
});
