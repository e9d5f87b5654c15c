import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionConflictError,
  createPatchHelper,
  getCondition,
  getConditions,
  getV1Beta1Condition,
  KubeClient,
  setCondition,
  setConditionInBothForms,
} from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { type Widget, widgetCrd, widgetType } from './widget.js';

const namespace = 'default';
let env: TestEnvironment;
let client: KubeClient;
let calls: Array<{ method: string; path: string; status: number }> = [];

beforeAll(async () => {
  env = await startTestEnvironment();
  await env.installCrds([widgetCrd]);
  client = new KubeClient(env.transport);
  client.observe((method, path, status) => calls.push({ method, path, status }));
});
afterAll(async () => {
  await env?.stop();
});

async function createWidget(name: string, spec: Widget['spec'] = { size: 1 }): Promise<Widget> {
  return await client.create(widgetType, { metadata: { name, namespace }, spec });
}
const read = (name: string) => client.get(widgetType, { namespace, name });
/** Counts the API calls made while `fn` runs. */
async function recordCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: typeof calls }> {
  calls = [];
  const result = await fn();
  return { result, calls: [...calls] };
}
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('patch helper against a real API server', () => {
  it('Two writers setting different conditions on one object via the patch helper: both survive', async () => {
    const stale = deepFreeze(await createWidget('two-writers'));
    const first = createPatchHelper(client, widgetType, stale);
    const second = createPatchHelper(client, widgetType, stale);
    const a = first.object;
    const b = second.object;
    setCondition(a, { type: 'InfrastructureReady', status: 'True', reason: 'Provisioned' });
    setCondition(b, { type: 'BootstrapReady', status: 'False', reason: 'WaitingForData', message: 'no data yet' });

    await first.patch(a);
    const { calls: secondCalls } = await recordCalls(() => second.patch(b));

    const stored = await read('two-writers');
    expect(getConditions(stored).map((c) => [c.type, c.status])).toEqual([
      ['InfrastructureReady', 'True'],
      ['BootstrapReady', 'False'],
    ]);
    // The second writer's first attempt hit the optimistic lock, then it re-read and replayed its change.
    expect(secondCalls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 409', 'GET 200', 'PATCH 200']);
  });

  it('patches spec through the main resource and status through /status, separately', async () => {
    const created = await createWidget('spec-and-status');
    const helper = createPatchHelper(client, widgetType, created);
    const obj = helper.object;
    obj.spec = { size: 3, color: 'blue' };
    obj.status = { phase: 'Running' };
    setCondition(obj, { type: 'Ready', status: 'True', reason: 'Running' });

    const { result, calls: made } = await recordCalls(() => helper.patch(obj));
    expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
      'PATCH /apis/test.capi-ts.dev/v1/namespaces/default/widgets/spec-and-status',
      'PATCH /apis/test.capi-ts.dev/v1/namespaces/default/widgets/spec-and-status/status',
    ]);
    expect(result.written).toBe(true);
    const stored = await read('spec-and-status');
    expect(stored.spec).toEqual({ size: 3, color: 'blue' });
    expect(stored.status?.phase).toBe('Running');
    expect(getCondition(stored, 'Ready')).toMatchObject({ status: 'True', observedGeneration: 1 });
    expect(result.object?.metadata.resourceVersion).toBe(stored.metadata.resourceVersion);
  });

  it('keeps a label and an owner reference that someone else added concurrently', async () => {
    const created = await createWidget('concurrent-metadata');
    const helper = createPatchHelper(client, widgetType, deepFreeze(created));

    // CAPI's cluster controller writes a label and an owner reference meanwhile.
    const capiOwner = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'c1', uid: 'uid-cluster' };
    await client.mergePatch(
      widgetType,
      { namespace, name: 'concurrent-metadata' },
      {
        metadata: { labels: { 'cluster.x-k8s.io/cluster-name': 'c1' }, ownerReferences: [capiOwner] },
      },
    );

    const obj = helper.object;
    const ours = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', name: 'm1', uid: 'uid-machine' };
    obj.metadata.labels = { 'example.com/role': 'worker' };
    obj.metadata.annotations = { 'example.com/note': 'hello' };
    obj.metadata.ownerReferences = [ours];
    obj.metadata.finalizers = ['example.com/cleanup'];
    await helper.patch(obj);

    const stored = await read('concurrent-metadata');
    expect(stored.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'c1', 'example.com/role': 'worker' });
    expect(stored.metadata.annotations).toEqual({ 'example.com/note': 'hello' });
    expect(stored.metadata.ownerReferences).toEqual([capiOwner, ours]);
    expect(stored.metadata.finalizers).toEqual(['example.com/cleanup']);
  });

  it('removes only the label and owner reference we removed', async () => {
    const owner = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', name: 'm1', uid: 'uid-machine' };
    const created = await client.create(widgetType, {
      metadata: { name: 'removals', namespace, labels: { ours: 'x', keep: 'y' }, ownerReferences: [owner] },
    });
    const helper = createPatchHelper(client, widgetType, created);
    const theirs = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'c1', uid: 'uid-cluster' };
    await client.mergePatch(
      widgetType,
      { namespace, name: 'removals' },
      {
        metadata: { labels: { theirs: 'z' }, ownerReferences: [owner, theirs] },
      },
    );
    const obj = helper.object;
    obj.metadata.labels = { keep: 'y' };
    obj.metadata.ownerReferences = [];
    await helper.patch(obj);
    const stored = await read('removals');
    expect(stored.metadata.labels).toEqual({ keep: 'y', theirs: 'z' });
    expect(stored.metadata.ownerReferences).toEqual([theirs]);
  });

  it('issues zero requests for a no-op patch, also from a frozen cache object', async () => {
    const created = deepFreeze(await createWidget('no-op'));
    const helper = createPatchHelper(client, widgetType, created);
    expect(helper.hasChanges(helper.object)).toBe(false);
    const { result, calls: made } = await recordCalls(() => helper.patch(helper.object));
    expect(made).toEqual([]);
    expect(result).toEqual({ written: false, object: undefined });

    const same = structuredClone(created);
    same.metadata.resourceVersion = '999999';
    const again = await recordCalls(() => helper.patch(same));
    expect(again.calls).toEqual([]);
    same.metadata.labels = { changed: 'yes' };
    expect(helper.hasChanges(same)).toBe(true);
  });

  it('is reusable: after a patch the working copy is the new snapshot', async () => {
    const helper = createPatchHelper(client, widgetType, await createWidget('reuse'));
    const obj = helper.object;
    setCondition(obj, { type: 'Paused', status: 'False', reason: 'NotPaused' });
    await helper.patch(obj);
    expect((await recordCalls(() => helper.patch(obj))).calls).toEqual([]);
    obj.spec = { size: 7 };
    const { calls: made } = await recordCalls(() => helper.patch(obj));
    expect(made.map((c) => c.path.endsWith('/status'))).toEqual([false]);
    expect((await read('reuse')).spec?.size).toBe(7);
  });

  it('fails on a condition another writer changed differently, unless the type is owned', async () => {
    const created = await createWidget('conflict');
    const seed = createPatchHelper(client, widgetType, created);
    setCondition(seed.object, { type: 'Ready', status: 'False', reason: 'Waiting' });
    await seed.patch(seed.object);
    const snapshot = await read('conflict');

    const theirs = createPatchHelper(client, widgetType, snapshot);
    setCondition(theirs.object, { type: 'Ready', status: 'Unknown', reason: 'Probing' });
    await theirs.patch(theirs.object);

    const ours = createPatchHelper(client, widgetType, snapshot);
    setCondition(ours.object, { type: 'Ready', status: 'True', reason: 'Running' });
    await expect(ours.patch(ours.object)).rejects.toBeInstanceOf(ConditionConflictError);
    expect(getCondition(await read('conflict'), 'Ready')?.reason).toBe('Probing');

    await ours.patch(ours.object, { ownedConditions: ['Ready'] });
    expect(getCondition(await read('conflict'), 'Ready')).toMatchObject({ status: 'True', reason: 'Running' });
  });

  it('writes and merges both condition forms of the v1beta2 layout', async () => {
    const created = await createWidget('both-forms');
    const first = createPatchHelper(client, widgetType, created);
    const second = createPatchHelper(client, widgetType, created);
    setConditionInBothForms(first.object, { type: 'Ready', status: 'False', reason: 'Waiting' }, { severity: 'Info' });
    setConditionInBothForms(second.object, { type: 'Paused', status: 'False', reason: 'NotPaused' });
    await first.patch(first.object);
    await second.patch(second.object);
    const stored = await read('both-forms');
    expect(getConditions(stored).map((c) => c.type)).toEqual(['Ready', 'Paused']);
    expect(getV1Beta1Condition(stored, 'Ready')).toMatchObject({ status: 'False', severity: 'Info' });
    expect(getV1Beta1Condition(stored, 'Paused')).toMatchObject({ status: 'False' });
  });
});
