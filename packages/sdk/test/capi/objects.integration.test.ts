import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CapiLabel,
  type Cluster,
  capiTypes,
  clientReader,
  controllerReferenceTo,
  createFromTemplate,
  ensureBootstrapDataSecret,
  ensurePausedCondition,
  getClusterByName,
  getClusterFromMetadata,
  getContractAndApiVersion,
  getOwnerCluster,
  getOwnerMachine,
  informerReader,
  isControlledBy,
  isOwnedBy,
  type Machine,
  type ObjectReader,
  ownerReferenceTo,
  readBootstrapData,
} from '../../src/capi/index.js';
import { builtin, KubeClient, type KubeObject, readConditions, SharedCache } from '../../src/index.js';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { devCrds, devTypes } from './dev-crds.js';

const ns = 'default';
let env: TestEnvironment;
let client: KubeClient;
let cache: SharedCache;
const stopCache = new AbortController();
let cacheRun: Promise<void>;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory(), ...devCrds] });
  client = new KubeClient(env.kubeConfig);
  cache = new SharedCache(client);
  cacheRun = cache.start(stopCache.signal);
});
afterAll(async () => {
  stopCache.abort();
  await cacheRun;
  await env?.stop();
});

const newCluster = (name: string): Cluster => ({
  metadata: { name, namespace: ns },
  spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
});

function newMachine(name: string, cluster: Cluster, extra: Partial<Machine['metadata']> = {}): Machine {
  return {
    metadata: {
      name,
      namespace: ns,
      labels: { [CapiLabel.clusterName]: cluster.metadata.name as string },
      // An older version on purpose: owners are matched by group and kind, never by version.
      ownerReferences: [
        { ...ownerReferenceTo(cluster, { type: capiTypes.cluster }), apiVersion: 'cluster.x-k8s.io/v1beta1' },
      ],
      ...extra,
    },
    spec: {
      clusterName: cluster.metadata.name as string,
      bootstrap: { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
    },
  };
}

/** Counts the write requests (everything but GET and WATCH) the client sends while `fn` runs. */
async function countWrites<T>(fn: () => Promise<T>): Promise<{ result: T; writes: string[] }> {
  const writes: string[] = [];
  const stop = client.observe((method, path) => {
    if (method !== 'GET' && method !== 'WATCH') writes.push(`${method} ${path}`);
  });
  try {
    return { result: await fn(), writes };
  } finally {
    stop();
  }
}

describe('owner lookup on real objects', () => {
  let cluster: Cluster;
  let machine: Machine;
  let devMachine: KubeObject;

  beforeAll(async () => {
    cluster = await client.create(capiTypes.cluster, newCluster('owners'));
    machine = await client.create(capiTypes.machine, newMachine('owners-m1', cluster));
    devMachine = await client.create(devTypes.devMachine, {
      metadata: {
        name: 'owners-m1',
        namespace: ns,
        labels: { [CapiLabel.clusterName]: 'owners' },
        ownerReferences: [controllerReferenceTo(machine, capiTypes.machine)],
      },
      spec: {},
    });
  });

  const readers: Array<[string, () => ObjectReader]> = [
    ['the API server', () => clientReader(client)],
    ['the informer cache', () => informerReader(cache)],
  ];

  it.each(readers)('follows Machine and Cluster owner references read from %s', async (_, reader) => {
    const owner = await getOwnerMachine(reader(), devMachine);
    expect(owner?.metadata.uid).toBe(machine.metadata.uid);
    const ownerCluster = await getOwnerCluster(reader(), owner as Machine);
    expect(ownerCluster?.metadata.uid).toBe(cluster.metadata.uid);
    expect((await getClusterFromMetadata(reader(), devMachine))?.metadata.uid).toBe(cluster.metadata.uid);
    expect((await getClusterByName(reader(), ns, 'owners'))?.metadata.name).toBe('owners');
  });

  it.each(readers)('answers undefined when a link is missing (%s)', async (_, reader) => {
    expect(await getClusterByName(reader(), ns, 'no-such-cluster')).toBeUndefined();
    expect(await getOwnerMachine(reader(), machine)).toBeUndefined();
    expect(await getClusterFromMetadata(reader(), { metadata: { name: 'x', namespace: ns } })).toBeUndefined();
    const orphan: KubeObject = {
      metadata: {
        name: 'orphan',
        namespace: ns,
        ownerReferences: [{ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', name: 'gone', uid: 'u' }],
      },
    };
    expect(await getOwnerMachine(reader(), orphan)).toBeUndefined();
  });

  it('checks ownership of stored objects by group, kind and name', () => {
    expect(isControlledBy(devMachine, machine, { group: 'cluster.x-k8s.io', kind: 'Machine' })).toBe(true);
    expect(isOwnedBy(machine, cluster, { group: 'cluster.x-k8s.io', kind: 'Cluster' })).toBe(true);
    expect(isControlledBy(machine, cluster, { group: 'cluster.x-k8s.io', kind: 'Cluster' })).toBe(false);
  });
});

describe('ensurePausedCondition on a real Machine', () => {
  it('writes the Paused condition only when its state changes and keeps conditions of other writers', async () => {
    let cluster = await client.create(capiTypes.cluster, newCluster('pausing'));
    let machine = await client.create(capiTypes.machine, newMachine('pausing-m1', cluster));

    const first = await countWrites(() => ensurePausedCondition(client, capiTypes.machine, cluster, machine));
    expect(first.result).toMatchObject({ paused: false, requeue: true });
    expect(first.writes).toEqual([`PATCH /apis/cluster.x-k8s.io/v1beta2/namespaces/${ns}/machines/pausing-m1/status`]);
    const stored = await client.get(capiTypes.machine, { namespace: ns, name: 'pausing-m1' });
    expect(readConditions(stored).find((c) => c.type === 'Paused')).toMatchObject({
      status: 'False',
      reason: 'NotPaused',
      message: '',
      observedGeneration: stored.metadata.generation,
    });

    const again = await countWrites(() => ensurePausedCondition(client, capiTypes.machine, cluster, stored));
    expect(again.result).toMatchObject({ paused: false, requeue: false });
    expect(again.writes).toEqual([]);

    machine = await client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: 'pausing-m1' },
      { metadata: { annotations: { 'cluster.x-k8s.io/paused': '' } } },
    );
    // Another controller adds a condition after we read the Machine: our copy is now stale.
    await client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: 'pausing-m1' },
      {
        status: {
          conditions: [
            ...(machine.status?.conditions ?? []),
            {
              type: 'NodeHealthy',
              status: 'True',
              reason: 'NodeHealthy',
              message: '',
              lastTransitionTime: '2026-01-01T00:00:00Z',
            },
          ],
        },
      },
      { subresource: 'status' },
    );
    const annotated = await ensurePausedCondition(client, capiTypes.machine, cluster, machine);
    expect(annotated).toMatchObject({ paused: true, requeue: true });
    const afterPause = await client.get(capiTypes.machine, { namespace: ns, name: 'pausing-m1' });
    expect(
      readConditions(afterPause)
        .map((c) => c.type)
        .sort(),
    ).toEqual(['NodeHealthy', 'Paused']);
    expect(readConditions(afterPause).find((c) => c.type === 'Paused')).toMatchObject({
      status: 'True',
      reason: 'Paused',
      message: 'Machine has the cluster.x-k8s.io/paused annotation',
    });

    cluster = await client.mergePatch(
      capiTypes.cluster,
      { namespace: ns, name: 'pausing' },
      { spec: { paused: true } },
    );
    const both = await ensurePausedCondition(client, capiTypes.machine, cluster, afterPause);
    expect(both).toMatchObject({ paused: true, requeue: true });
    expect(readConditions(both.object).find((c) => c.type === 'Paused')?.message).toBe(
      'Cluster spec.paused is set to true, Machine has the cluster.x-k8s.io/paused annotation',
    );
  });

  it('sets only observedGeneration in memory when the spec moved and the object is not paused', async () => {
    const cluster = await client.create(capiTypes.cluster, newCluster('generation'));
    const created = await client.create(capiTypes.machine, newMachine('generation-m1', cluster));
    const { object } = await ensurePausedCondition(client, capiTypes.machine, cluster, created);
    const bumped = await client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: 'generation-m1' },
      {
        spec: { version: 'v1.36.0' },
      },
    );
    expect(bumped.metadata.generation).toBeGreaterThan(object.metadata.generation ?? 0);

    const moved = await countWrites(() => ensurePausedCondition(client, capiTypes.machine, cluster, bumped));
    expect(moved.writes).toEqual([]);
    expect(moved.result).toMatchObject({ paused: false, requeue: false });
    expect(readConditions(moved.result.object).find((c) => c.type === 'Paused')?.observedGeneration).toBe(
      bumped.metadata.generation,
    );
    expect(Object.isFrozen(bumped)).toBe(false);
    expect(readConditions(bumped).find((c) => c.type === 'Paused')?.observedGeneration).toBe(
      created.metadata.generation,
    );
  });
});

describe('createFromTemplate on real objects', () => {
  it('clones a template and records where the clone came from', async () => {
    const cluster = await client.create(capiTypes.cluster, newCluster('cloning'));
    const machine = await client.create(capiTypes.machine, newMachine('cloning-m1', cluster));
    await client.create(devTypes.devMachineTemplate, {
      metadata: { name: 'workers', namespace: ns },
      spec: {
        template: {
          metadata: { labels: { pool: 'workers' }, annotations: { note: 'from-template' } },
          spec: { image: 'ubuntu:24.04', disks: [{ size: '20GiB' }] },
        },
      },
    });

    const { object, ref } = await createFromTemplate(client, clientReader(client), {
      templateType: devTypes.devMachineTemplate,
      templateName: 'workers',
      namespace: ns,
      clusterName: 'cloning',
      ownerRef: ownerReferenceTo(machine, { type: capiTypes.machine }),
      labels: { [CapiLabel.deploymentName]: 'md-0' },
    });
    expect(ref).toEqual({
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'DevMachine',
      name: object.metadata.name,
    });
    expect(ref.name).toMatch(/^workers-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

    const stored = await client.get(devTypes.devMachine, { namespace: ns, name: ref.name });
    expect(stored.spec).toEqual({ image: 'ubuntu:24.04', disks: [{ size: '20GiB' }] });
    expect(stored.metadata.labels).toEqual({
      pool: 'workers',
      [CapiLabel.deploymentName]: 'md-0',
      [CapiLabel.clusterName]: 'cloning',
    });
    expect(stored.metadata.annotations).toEqual({
      note: 'from-template',
      'cluster.x-k8s.io/cloned-from-name': 'workers',
      'cluster.x-k8s.io/cloned-from-groupkind': 'DevMachineTemplate.infrastructure.cluster.x-k8s.io',
    });
    expect(stored.metadata.ownerReferences).toEqual([
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', name: 'cloning-m1', uid: machine.metadata.uid },
    ]);
  });

  it('fails when the template does not exist', async () => {
    await expect(
      createFromTemplate(client, clientReader(client), {
        templateType: devTypes.devMachineTemplate,
        templateName: 'missing',
        namespace: ns,
        clusterName: 'x',
      }),
    ).rejects.toThrow('DevMachineTemplate default/missing does not exist');
  });

  it('resolves the API version of a provider kind from its CRD contract label', async () => {
    const reader = clientReader(client);
    expect(
      await getContractAndApiVersion(reader, { group: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine' }),
    ).toEqual({
      contract: 'v1beta2',
      apiVersion: 'v1beta1',
    });
    await expect(getContractAndApiVersion(reader, { group: 'cluster.x-k8s.io', kind: 'Machine' })).rejects.toThrow(
      /contract version label\(s\) are either missing or empty/,
    );
    await expect(getContractAndApiVersion(reader, { group: 'example.com', kind: 'Nothing' })).rejects.toThrow(
      'CustomResourceDefinition nothings.example.com for Nothing.example.com does not exist',
    );
  });
});

describe('bootstrap data Secrets', () => {
  it('creates the data Secret once, as the contract requires, and reads it through the Machine', async () => {
    const cluster = await client.create(capiTypes.cluster, newCluster('booting'));
    const config = await client.create(devTypes.devConfig, {
      metadata: { name: 'booting-m1', namespace: ns },
      spec: {},
    });
    const created = await ensureBootstrapDataSecret(
      client,
      { config, clusterName: 'booting', value: '#cloud-config\nruncmd: [echo hi]\n' },
      informerReader(cache),
    );
    expect(created.created).toBe(true);
    expect(created.secret.type).toBe('cluster.x-k8s.io/secret');
    expect(created.secret.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'booting' });
    expect(created.secret.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1',
        kind: 'DevConfig',
        name: 'booting-m1',
        uid: config.metadata.uid,
        controller: true,
      },
    ]);

    const again = await countWrites(() =>
      ensureBootstrapDataSecret(client, { config, clusterName: 'booting', value: 'different' }),
    );
    expect(again.result.created).toBe(false);
    expect(again.writes).toEqual([`POST /api/v1/namespaces/${ns}/secrets`]);
    expect(again.result.secret.data).toEqual(created.secret.data);

    const machine = await client.create(capiTypes.machine, {
      ...newMachine('booting-m1', cluster),
      spec: { ...newMachine('booting-m1', cluster).spec, bootstrap: { dataSecretName: 'booting-m1' } },
    });
    const data = await readBootstrapData(clientReader(client), machine);
    expect(data?.value.toString('utf8')).toBe('#cloud-config\nruncmd: [echo hi]\n');
    expect(data?.format).toBe('cloud-config');
    expect(data?.secretName).toBe('booting-m1');

    const waiting = { ...machine, spec: { ...machine.spec, bootstrap: {} } };
    expect(await readBootstrapData(clientReader(client), waiting)).toBeUndefined();
    const dangling = { ...machine, spec: { ...machine.spec, bootstrap: { dataSecretName: 'nope' } } };
    await expect(readBootstrapData(clientReader(client), dangling)).rejects.toThrow('does not exist');
    expect(await client.getOptional(builtin.secret, { namespace: ns, name: 'nope' })).toBeUndefined();
  });
});
