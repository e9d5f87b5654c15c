import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/client/object.js';
import { controllerBuilder, predicates, type Request, requestFor } from '../../src/controller/index.js';
import { childType, clusterType, object, parentType, run, setup } from './fixtures.js';
import { eventually, gate } from './helpers.js';

const controllerOwner = (name: string, apiVersion = 'example.com/v1') => ({
  ownerReferences: [{ apiVersion, kind: 'Parent', name, uid: `uid-${name}`, controller: true }],
});

/** A controller for parents that records the name of every reconciled request. */
function recordingParents(deps: ReturnType<typeof setup>['deps']) {
  const reconciled: string[] = [];
  const builder = controllerBuilder(deps).for(parentType);
  const build = () =>
    builder.build(async (request: Request) => {
      reconciled.push(request.name);
    });
  return { reconciled, builder, build };
}

describe('controller: watches', () => {
  it('owns: enqueues the controlling parent of a child, any version of the parent group', async () => {
    const { source, deps } = setup();
    const children = source.informerFor(childType);
    source.informerFor(parentType);
    source.markSynced();
    const { reconciled, builder, build } = recordingParents(deps);
    builder.owns(childType);
    const running = run(build());

    children.set(
      object(childType, 'plain-owner', {
        ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Parent', name: 'not-me', uid: 'u' }],
      }),
    );
    children.set(
      object(childType, 'other-kind', {
        ownerReferences: [{ ...controllerOwner('x').ownerReferences[0]!, kind: 'Other' }],
      }),
    );
    children.set(object(childType, 'c1', controllerOwner('p1')));
    children.set(object(childType, 'c2', controllerOwner('p2', 'example.com/v1alpha1')));
    await eventually(() => reconciled.length === 2);
    expect(reconciled).toEqual(['p1', 'p2']);

    // Moving a child to another parent reconciles both.
    children.set(object(childType, 'c1', controllerOwner('p3')));
    await eventually(() => reconciled.length === 4);
    expect(reconciled.slice(2).sort()).toEqual(['p1', 'p3']);
    await running.stop();
  });

  it('watches: enqueues what the map function returns', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    const clusters = source.informerFor(clusterType);
    parents.set(object(parentType, 'a', { labels: { 'cluster.x-k8s.io/cluster-name': 'c1' } }));
    parents.set(object(parentType, 'b', { labels: { 'cluster.x-k8s.io/cluster-name': 'c1' } }));
    parents.set(object(parentType, 'z', { labels: { 'cluster.x-k8s.io/cluster-name': 'c2' } }));
    source.markSynced();
    const { reconciled, builder, build } = recordingParents(deps);
    builder.watches(clusterType, (cluster: Readonly<KubeObject>) =>
      parents
        .list()
        .filter((p) => p.metadata.labels?.['cluster.x-k8s.io/cluster-name'] === cluster.metadata.name)
        .map(requestFor),
    );
    const running = run(build());
    await eventually(() => reconciled.length === 3);

    clusters.set(object(clusterType, 'c1'));
    await eventually(() => reconciled.length === 5);
    expect(reconciled.slice(3).sort()).toEqual(['a', 'b']);
    await running.stop();
  });

  it('applies per-watch predicates and controller-wide event filters', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    const children = source.informerFor(childType);
    source.markSynced();
    const reconciled: string[] = [];
    const running = run(
      controllerBuilder(deps)
        .for(parentType, { predicates: [predicates.generationChanged] })
        .owns(childType)
        .withEventFilter(predicates.resourceNotPaused)
        .build(async ({ name }) => {
          reconciled.push(name);
        }),
    );
    const paused = { annotations: { 'cluster.x-k8s.io/paused': 'true' } };

    parents.set(object(parentType, 'p', { generation: 1 }));
    await eventually(() => reconciled.length === 1);
    parents.set(object(parentType, 'p', { generation: 1, labels: { only: 'metadata' } })); // filtered: same generation
    parents.set(object(parentType, 'paused', { generation: 1, ...paused })); // filtered: paused
    children.set(object(childType, 'paused-child', { ...paused, ...controllerOwner('from-paused-child') })); // filtered
    parents.set(object(parentType, 'p', { generation: 2 })); // sentinel
    await eventually(() => reconciled.length === 2);
    children.set(object(childType, 'child', controllerOwner('from-child')));
    await eventually(() => reconciled.length === 3);
    expect(reconciled).toEqual(['p', 'p', 'from-child']);
    await running.stop();
  });
});

describe('controller: watch filter', () => {
  const shard = (value: string) => ({ labels: { 'cluster.x-k8s.io/watch-filter': value } });

  it('reconciles only labelled objects, whichever watch enqueued them', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    const clusters = source.informerFor(clusterType);
    parents.set(object(parentType, 'mine', shard('a')));
    parents.set(object(parentType, 'other-shard', shard('b')));
    parents.set(object(parentType, 'unlabelled'));
    source.markSynced();
    const { reconciled, builder, build } = recordingParents(deps);
    // A related kind whose events map to every parent, labelled or not (as a Secret or Cluster watch may).
    builder.watches(clusterType, () => parents.list().map(requestFor)).withWatchFilter('a');
    const running = run(build());
    await eventually(() => reconciled.length === 1);

    clusters.set(object(clusterType, 'c1'));
    parents.set(object(parentType, 'sentinel', shard('a'))); // enqueued after the mapped requests
    await eventually(() => reconciled.includes('sentinel'));
    // A request for an object the cache does not hold (deleted) still reaches the reconciler.
    parents.remove({ namespace: object(parentType, 'gone').metadata.namespace, name: 'sentinel' });
    await eventually(() => reconciled.filter((name) => name === 'sentinel').length === 2);
    expect(new Set(reconciled)).toEqual(new Set(['mine', 'sentinel']));
    await running.stop();
  });

  it('reconciles everything without a value, and refuses a filter without for()', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    parents.set(object(parentType, 'unlabelled'));
    source.markSynced();
    const { reconciled, builder, build } = recordingParents(deps);
    builder.withWatchFilter('');
    const running = run(build());
    await eventually(() => reconciled.length === 1);
    await running.stop();
    expect(() =>
      controllerBuilder(deps)
        .named('x')
        .watches(clusterType, () => [])
        .withWatchFilter('a')
        .build(async () => {}),
    ).toThrow(/withWatchFilter\(\) needs for\(\)/);
  });
});

describe('controller: priority', () => {
  it('reconciles a live change before the rest of a large initial list', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    for (let i = 0; i < 200; i++) parents.set(object(parentType, `initial-${i}`));
    parents.markSynced();
    const first = gate();
    const reconciled: string[] = [];
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async ({ name }) => {
          reconciled.push(name);
          if (reconciled.length === 1) await first.promise;
        }),
    );
    await eventually(() => reconciled.length === 1);
    parents.set(object(parentType, 'live'));
    parents.set(object(parentType, 'initial-150', { labels: { resynced: 'no' } }), { keepResourceVersion: true });
    first.open();
    await eventually(() => reconciled.length === 201);
    expect(reconciled[0]).toBe('initial-0');
    expect(reconciled[1]).toBe('live');
    // A resync (same resourceVersion) stays at low priority: it keeps its place in the initial backlog.
    expect(reconciled.indexOf('initial-150')).toBe(151);
    await running.stop();
  });
});

describe('controller: concurrency', () => {
  it('never reconciles one key twice at once under a burst of 1000 events, and ends on the final state', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    for (let i = 0; i < 8; i++) parents.set(object(parentType, `busy-${i}`));
    parents.markSynced();

    const inFlight = new Map<string, number>();
    let maxPerKey = 0;
    let maxOverall = 0;
    let hotReconciles = 0;
    let lastSeen: unknown;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .withConcurrency(4)
        .build(async (request) => {
          const now = (inFlight.get(request.name) ?? 0) + 1;
          inFlight.set(request.name, now);
          maxPerKey = Math.max(maxPerKey, now);
          maxOverall = Math.max(
            maxOverall,
            [...inFlight.values()].reduce((a, b) => a + b, 0),
          );
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          if (request.name === 'hot') {
            hotReconciles++;
            lastSeen = parents.get(request)?.spec;
          }
          inFlight.set(request.name, now - 1);
        }),
    );

    for (let i = 0; i < 1000; i++) {
      parents.set(object(parentType, 'hot', {}, { spec: { counter: i } }));
      if (i % 10 === 0) parents.set(object(parentType, `busy-${i % 8}`, {}, { spec: { counter: i } }));
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await eventually(() => JSON.stringify(lastSeen) === JSON.stringify({ counter: 999 }));
    await running.stop();
    expect(maxPerKey).toBe(1);
    expect(maxOverall).toBeGreaterThan(1);
    expect(hotReconciles).toBeLessThan(1000);
  });
});
