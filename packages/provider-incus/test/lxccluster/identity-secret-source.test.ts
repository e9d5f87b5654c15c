import {
  type CacheEventHandler,
  IndexedStore,
  type InformerSource,
  type KubeObject,
  type Request,
  type Secret,
} from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import {
  identitySecretSource,
  lxcClusterItself,
  lxcMachinesOfLXCCluster,
} from '../../src/controllers/identity-secret-source.js';

// Identity Secret changes mapped to LXCClusters (through the spec.secretRef.name index) and to their LXCMachines.

function fakeCache() {
  const stores = new Map<string, IndexedStore<KubeObject>>();
  let secretHandler: CacheEventHandler<Secret> | undefined;
  const cache = {
    informerFor(type: { kind: string }) {
      if (type.kind === 'Secret') {
        return {
          subscribe(handler: CacheEventHandler<Secret>) {
            secretHandler = handler;
            return () => {
              secretHandler = undefined;
            };
          },
        };
      }
      const store = stores.get(type.kind) ?? new IndexedStore<KubeObject>(() => {});
      stores.set(type.kind, store);
      return store;
    },
  } as unknown as InformerSource;
  const store = (kind: string) => cache.informerFor({ kind } as never) as unknown as IndexedStore<KubeObject>;
  const secret = (name: string, resourceVersion: string, namespace = 'ns'): Secret => ({
    metadata: { name, namespace, resourceVersion },
  });
  return {
    cache,
    lxcClusters: store('LXCCluster'),
    lxcMachines: store('LXCMachine'),
    emit(event: Parameters<CacheEventHandler<Secret>>[0]) {
      secretHandler?.(event);
    },
    secret,
    get subscribed() {
      return secretHandler !== undefined;
    },
  };
}

const lxcCluster = (name: string, secretName: string | undefined, labels: Record<string, string> = {}) => ({
  metadata: { name, namespace: 'ns', labels: { 'cluster.x-k8s.io/cluster-name': name, ...labels } },
  spec: secretName ? { secretRef: { name: secretName }, loadBalancer: { lxc: {} } } : { loadBalancer: { lxc: {} } },
});

const lxcMachine = (name: string, cluster: string, labels: Record<string, string> = {}) => ({
  metadata: { name, namespace: 'ns', labels: { 'cluster.x-k8s.io/cluster-name': cluster, ...labels } },
  spec: {},
});

describe('identitySecretSource', () => {
  it('enqueues the LXCClusters referencing a changed Secret, not for the initial list or a resync', () => {
    const fake = fakeCache();
    fake.lxcClusters.upsert(lxcCluster('a', 'lxc-secret'));
    fake.lxcClusters.upsert(lxcCluster('b', 'lxc-secret'));
    fake.lxcClusters.upsert(lxcCluster('c', 'other'));
    fake.lxcClusters.upsert(lxcCluster('d', undefined));
    const requests: Request[] = [];
    const stop = new AbortController();
    identitySecretSource({ cache: fake.cache, toRequests: lxcClusterItself }).start(
      (r) => requests.push(r),
      stop.signal,
    );

    const v1 = fake.secret('lxc-secret', '1');
    fake.emit({ type: 'added', object: v1, initial: true });
    fake.emit({ type: 'updated', object: v1, oldObject: v1, initial: false });
    expect(requests).toEqual([]);

    fake.emit({ type: 'updated', object: fake.secret('lxc-secret', '2'), oldObject: v1, initial: false });
    expect(requests.map((r) => r.name).sort()).toEqual(['a', 'b']);
    requests.length = 0;
    fake.emit({ type: 'added', object: fake.secret('other', '3'), initial: false });
    fake.emit({ type: 'deleted', object: fake.secret('lxc-secret', '2', 'elsewhere'), initial: false });
    expect(requests).toEqual([{ namespace: 'ns', name: 'c' }]);

    stop.abort();
    expect(fake.subscribed).toBe(false);
  });

  it('follows spec.secretRef changes of LXCClusters and honours the watch filter', () => {
    const fake = fakeCache();
    fake.lxcClusters.upsert(lxcCluster('a', 'old'));
    fake.lxcClusters.upsert(lxcCluster('f', 'new', { 'cluster.x-k8s.io/watch-filter': 'mine' }));
    const requests: Request[] = [];
    const source = identitySecretSource({ cache: fake.cache, toRequests: lxcClusterItself, watchFilter: 'mine' });
    source.start((r) => requests.push(r), new AbortController().signal);
    fake.lxcClusters.upsert(lxcCluster('a', 'new'));
    fake.emit({ type: 'added', object: fake.secret('new', '1'), initial: false });
    expect(requests).toEqual([{ namespace: 'ns', name: 'f' }]);
    fake.emit({ type: 'added', object: fake.secret('old', '1'), initial: false });
    expect(requests).toHaveLength(1);
  });

  it('maps an LXCCluster to the LXCMachines of its Cluster (watch filter applied)', () => {
    const fake = fakeCache();
    fake.lxcMachines.upsert(lxcMachine('m1', 'c1'));
    fake.lxcMachines.upsert(lxcMachine('m2', 'c1', { 'cluster.x-k8s.io/watch-filter': 'mine' }));
    fake.lxcMachines.upsert(lxcMachine('m3', 'c2'));
    const cluster = lxcCluster('c1', 's') as never;
    expect(
      lxcMachinesOfLXCCluster(fake.cache)(cluster)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['m1', 'm2']);
    expect(lxcMachinesOfLXCCluster(fake.cache, 'mine')(cluster)).toEqual([{ namespace: 'ns', name: 'm2' }]);
    const unlabelled = {
      metadata: { name: 'x', namespace: 'ns', ownerReferences: [{ kind: 'Cluster', name: 'c2' }] },
    } as never;
    expect(lxcMachinesOfLXCCluster(fake.cache)(unlabelled)).toEqual([{ namespace: 'ns', name: 'm3' }]);
  });
});
