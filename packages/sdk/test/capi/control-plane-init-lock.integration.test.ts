import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireControlPlaneInitLock,
  CapiLabel,
  type Cluster,
  capiTypes,
  clientReader,
  controlPlaneInitLockName,
  type Machine,
  type ObjectReader,
  releaseControlPlaneInitLock,
} from '../../src/capi/index.js';
import { builtin, KubeClient } from '../../src/index.js';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const ns = 'default';
let env: TestEnvironment;
let client: KubeClient;
let reader: ObjectReader;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
  client = new KubeClient(env.kubeConfig);
  reader = clientReader(client);
});
afterAll(async () => {
  await env?.stop();
});

const createCluster = (name: string): Promise<Cluster> =>
  client.create(capiTypes.cluster, {
    metadata: { name, namespace: ns },
    spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
  });

const createMachine = (name: string, cluster: Readonly<Cluster>): Promise<Machine> =>
  client.create(capiTypes.machine, {
    metadata: { name, namespace: ns, labels: { [CapiLabel.controlPlane]: '' } },
    spec: {
      clusterName: cluster.metadata.name as string,
      bootstrap: { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
    },
  });

const readLock = (clusterName: string) =>
  client.getOptional(builtin.configMap, { namespace: ns, name: controlPlaneInitLockName(clusterName) });

const holderOf = async (clusterName: string): Promise<unknown> =>
  JSON.parse((await readLock(clusterName))?.data?.['lock-information'] ?? 'null');

describe('the control-plane init lock', () => {
  it('is the ConfigMap <cluster>-lock, owned by the Cluster, naming the Machine that took it', async () => {
    const cluster = await createCluster('wire');
    const machine = await createMachine('wire-cp-a', cluster);

    expect(await acquireControlPlaneInitLock(client, reader, cluster, machine)).toBe(true);

    const lock = await readLock('wire');
    expect(lock?.metadata.name).toBe('wire-lock');
    expect(lock?.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'wire' });
    expect(lock?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Cluster', name: 'wire', uid: cluster.metadata.uid }),
    ]);
    expect(lock?.data).toEqual({ 'lock-information': '{"machineName":"wire-cp-a"}' });
  });

  it('is held by one Machine at a time: its holder takes it again, another existing Machine does not', async () => {
    const cluster = await createCluster('held');
    const first = await createMachine('held-cp-a', cluster);
    const second = await createMachine('held-cp-b', cluster);

    expect(await acquireControlPlaneInitLock(client, reader, cluster, first)).toBe(true);
    expect(await acquireControlPlaneInitLock(client, reader, cluster, second)).toBe(false);
    expect(await acquireControlPlaneInitLock(client, reader, cluster, first)).toBe(true);
    expect(await holderOf('held')).toEqual({ machineName: 'held-cp-a' });
  });

  it('goes to exactly one of the Machines that race for it', async () => {
    const cluster = await createCluster('race');
    const machines = await Promise.all(['a', 'b', 'c'].map((s) => createMachine(`race-cp-${s}`, cluster)));

    const won = await Promise.all(machines.map((m) => acquireControlPlaneInitLock(client, reader, cluster, m)));

    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await holderOf('race')).toEqual({ machineName: machines[won.indexOf(true)]?.metadata.name });
  });

  it('is taken over when it names a Machine that no longer exists, or nobody', async () => {
    const cluster = await createCluster('stale');
    const machine = await createMachine('stale-cp', cluster);
    const staleLock = (information: string) =>
      client.create(builtin.configMap, {
        metadata: { namespace: ns, name: 'stale-lock' },
        data: { 'lock-information': information },
      });

    await staleLock('{"machineName":"deleted-machine"}');
    expect(await acquireControlPlaneInitLock(client, reader, cluster, machine)).toBe(true);
    expect(await holderOf('stale')).toEqual({ machineName: 'stale-cp' });

    await releaseControlPlaneInitLock(client, reader, cluster);
    await staleLock('not json');
    expect(await acquireControlPlaneInitLock(client, reader, cluster, machine)).toBe(true);
    expect(await holderOf('stale')).toEqual({ machineName: 'stale-cp' });
  });

  it('is released by deleting it, without a write request when there is none', async () => {
    const cluster = await createCluster('release');
    const machine = await createMachine('release-cp', cluster);
    await acquireControlPlaneInitLock(client, reader, cluster, machine);

    await releaseControlPlaneInitLock(client, reader, cluster);
    expect(await readLock('release')).toBeUndefined();

    const writes: string[] = [];
    const stop = client.observe((method, path) => {
      if (method !== 'GET' && method !== 'WATCH') writes.push(`${method} ${path}`);
    });
    try {
      await releaseControlPlaneInitLock(client, reader, cluster);
    } finally {
      stop();
    }
    expect(writes).toEqual([]);
  });
});
