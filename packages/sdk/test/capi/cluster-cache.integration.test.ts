import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedCache } from '../../src/cache/shared-cache.js';
import { ClusterCache } from '../../src/capi/cluster-cache.js';
import { clusterKubeconfigReference, type KubeconfigReference } from '../../src/capi/kubeconfig-reference.js';
import type { RemoteEventSource } from '../../src/capi/remote-event-source.js';
import { capiTypes } from '../../src/capi/resources.js';
import { builtin } from '../../src/client/builtin.js';
import { KubeClient } from '../../src/client/kube-client.js';
import type { KubeObject } from '../../src/client/object.js';
import type { Request } from '../../src/controller/request.js';
import {
  clusterApiCrdDirectory,
  eventually,
  startTestEnvironment,
  type TestEnvironment,
} from '../../src/testing/index.js';

// Two real API servers: the management cluster holds the Cluster and its kubeconfig Secret, the workload cluster
// the Nodes whose events must come back as requests for the management-cluster object that owns the Cluster.

let management: TestEnvironment;
let workload: TestEnvironment;
let client: KubeClient;
let workloadClient: KubeClient;
let cache: SharedCache;
let clusterCache: ClusterCache;
let nodes: RemoteEventSource;
const stop = new AbortController();
const received: Request[] = [];
const namespace = 'default';

function kubeconfigSecret(name: string, kubeconfig: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name: `${name}-kubeconfig` },
    data: { value: Buffer.from(kubeconfig).toString('base64') },
  };
}

async function createCluster(name: string): Promise<KubeconfigReference> {
  await client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: { clusterNetwork: { serviceDomain: 'cluster.local' } },
  } as never);
  await client.create(builtin.secret, kubeconfigSecret(name, workload.kubeconfigYaml));
  const reference = clusterKubeconfigReference({ namespace, name });
  await eventually(() =>
    expect(cache.informerFor(builtin.secret).get({ namespace, name: reference.secretName })).toBeDefined(),
  );
  return reference;
}

async function createNode(name: string): Promise<void> {
  await workloadClient.create(builtin.node, { apiVersion: 'v1', kind: 'Node', metadata: { name } } as KubeObject);
}

const requestedFor = (node: string) => received.some((r) => r.name === `node:${node}`);

beforeAll(async () => {
  [management, workload] = await Promise.all([
    startTestEnvironment({ crds: [clusterApiCrdDirectory()] }),
    startTestEnvironment(),
  ]);
  client = new KubeClient(management.kubeConfig);
  workloadClient = new KubeClient(workload.kubeConfig);
  cache = new SharedCache(client);
  clusterCache = new ClusterCache({ cache });
  cache.informerFor(builtin.secret);
  cache.informerFor(capiTypes.cluster);
  void cache.start(stop.signal);
  void clusterCache.start(stop.signal);
  await cache.waitForSync();
  nodes = clusterCache.eventSource('workload-nodes', builtin.node, (event, reference) => [
    { namespace: reference.cluster?.namespace, name: `node:${event.object.metadata.name}` },
  ]);
  nodes.source.start((request) => received.push(request), stop.signal);
}, 120_000);

afterAll(async () => {
  stop.abort();
  await Promise.all([management?.stop(), workload?.stop()]);
});

describe('ClusterCache with a real management and a real workload API server', () => {
  it('has no connection while the kubeconfig Secret does not exist', () => {
    expect(clusterCache.get(clusterKubeconfigReference({ namespace, name: 'absent' }))).toBeUndefined();
  });

  it('maps workload-cluster events back to management requests, initial objects included', async () => {
    await createNode('before-watch');
    const reference = await createCluster('alpha');
    const remote = clusterCache.watch(reference, nodes);
    expect(remote).toBeDefined();
    expect(clusterCache.watch(reference, nodes)).toBe(remote);
    await eventually(() => expect(requestedFor('before-watch')).toBe(true));
    await createNode('after-watch');
    await eventually(() => expect(requestedFor('after-watch')).toBe(true));
    expect(received.find((r) => r.name === 'node:after-watch')?.namespace).toBe(namespace);
    const listed = await remote?.client.list(builtin.node);
    expect(listed?.items.map((n) => n.metadata.name)).toContain('after-watch');
  });

  it('reconnects with the same watches when the kubeconfig changes', async () => {
    const reference = clusterKubeconfigReference({ namespace, name: 'alpha' });
    const before = clusterCache.get(reference);
    const other = await workload.kubeConfigFor('another-admin', ['system:masters']);
    await client.update(builtin.secret, {
      ...(await client.get(builtin.secret, { namespace, name: reference.secretName })),
      data: { value: Buffer.from(other.exportConfig()).toString('base64') },
    });
    await eventually(() => expect(clusterCache.get(reference)).not.toBe(before));
    await createNode('after-reconnect');
    await eventually(() => expect(requestedFor('after-reconnect')).toBe(true));
  });

  it('tears the connection down when the Cluster is deleted, and does not reopen it', async () => {
    const reference = clusterKubeconfigReference({ namespace, name: 'alpha' });
    expect(clusterCache.isConnected(reference)).toBe(true);
    await client.delete(capiTypes.cluster, { namespace, name: 'alpha' });
    await eventually(() => expect(clusterCache.isConnected(reference)).toBe(false));
    expect(clusterCache.get(reference)).toBeUndefined();
    const count = received.length;
    await createNode('after-teardown');
    // The Node is visible to a fresh client, but no request comes from the closed connection.
    await eventually(async () =>
      expect((await workloadClient.get(builtin.node, 'after-teardown')).metadata.name).toBe('after-teardown'),
    );
    expect(received.slice(count).some((r) => r.name === 'node:after-teardown')).toBe(false);
  });

  it('tears the connection down when the kubeconfig Secret is deleted', async () => {
    const reference = await createCluster('beta');
    expect(clusterCache.watch(reference, nodes)).toBeDefined();
    await client.delete(builtin.secret, { namespace, name: reference.secretName });
    await eventually(() => expect(clusterCache.isConnected(reference)).toBe(false));
    expect(clusterCache.get(reference)).toBeUndefined();
  });
});
