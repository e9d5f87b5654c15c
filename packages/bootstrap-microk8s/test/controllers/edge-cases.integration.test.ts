import {
  builtin,
  CapiAnnotation,
  capiTypes,
  createCertificateAuthority,
  type KubeClient,
  ownerReferenceTo,
} from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import {
  type ControllerHarness,
  createCluster,
  createMachineWithConfig,
  getSecret,
  markMachineRunning,
  patchClusterStatus,
  startControllerHarness,
  v1beta2Condition,
} from './harness.js';

// Pause, missing owners, unusable input: the controller reports and waits, never crashes or loses data.

const ns = 'default';
let h: ControllerHarness;

beforeAll(async () => {
  h = await startControllerHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getConfig = (name: string) => h.client.get(MicroK8sConfig, { namespace: ns, name });
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function createSecret(client: KubeClient, name: string, data: Record<string, string>) {
  await client.create(builtin.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: ns, name },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  });
}

describe('pause', () => {
  it('reports Paused and writes no bootstrap data until the Cluster is unpaused', async () => {
    const cluster = await createCluster(h.client, ns, 'paused', true);
    await createMachineWithConfig(h.client, cluster, 'paused-cp', { controlPlane: true });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () =>
      expect(v1beta2Condition(await getConfig('paused-cp'), 'Paused')).toMatchObject({
        status: 'True',
        reason: 'Paused',
        message: 'Cluster spec.paused is set to true',
      }),
    );
    await settle();
    expect((await getConfig('paused-cp')).status?.ready).toBeUndefined();
    expect(await getSecret(h.client, ns, 'paused-cp')).toBeUndefined();
    expect(await getSecret(h.client, ns, 'paused-jointoken')).toBeUndefined();

    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: 'paused' }, { spec: { paused: false } });
    await eventually(async () => {
      const config = await getConfig('paused-cp');
      expect(v1beta2Condition(config, 'Paused')?.status).toBe('False');
      expect(config.status?.ready).toBe(true);
    });
  });

  it('honours the paused annotation on the config itself', async () => {
    const cluster = await createCluster(h.client, ns, 'annotated');
    const { config } = await createMachineWithConfig(h.client, cluster, 'annotated-cp', { controlPlane: true });
    await h.client.mergePatch(
      MicroK8sConfig,
      { namespace: ns, name: config.metadata.name as string },
      { metadata: { annotations: { [CapiAnnotation.paused]: '' } } },
    );
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () =>
      expect(v1beta2Condition(await getConfig('annotated-cp'), 'Paused')?.message).toBe(
        'MicroK8sConfig has the cluster.x-k8s.io/paused annotation',
      ),
    );
    await settle();
    expect(await getSecret(h.client, ns, 'annotated-cp')).toBeUndefined();
  });
});

describe('missing objects', () => {
  it('a config without an owner Machine is left alone', async () => {
    await h.client.create(MicroK8sConfig, {
      apiVersion: MicroK8sConfig.apiVersion,
      kind: MicroK8sConfig.kind,
      metadata: { namespace: ns, name: 'orphan' },
      spec: {},
    });
    await settle();
    expect((await getConfig('orphan')).status).toBeUndefined();
  });

  it('a config whose Cluster does not exist yet waits, then proceeds when it appears', async () => {
    const ghost = { metadata: { namespace: ns, name: 'late', uid: '00000000-0000-0000-0000-000000000000' } };
    await createMachineWithConfig(h.client, ghost as never, 'late-cp', { controlPlane: true });
    await settle();
    expect((await getConfig('late-cp')).status).toBeUndefined();

    const cluster = await createCluster(h.client, ns, 'late');
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () => expect((await getConfig('late-cp')).status?.ready).toBe(true));
  });
});

describe('unusable input', () => {
  it('a user-provided CA with the wrong keys is reported on Ready, and fixing it resumes', async () => {
    const cluster = await createCluster(h.client, ns, 'badca');
    await createSecret(h.client, 'badca-ca', { 'ca.pem': 'x' });
    await createMachineWithConfig(h.client, cluster, 'badca-cp', { controlPlane: true });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () => {
      const config = await getConfig('badca-cp');
      expect(v1beta2Condition(config, 'DataSecretAvailable')).toMatchObject({
        status: 'False',
        reason: 'InvalidCertificateAuthority',
        message: expect.stringContaining('needs the keys "crt" and "key"'),
      });
      expect(v1beta2Condition(config, 'Ready')?.status).toBe('False');
      expect(v1beta2Condition(config, 'Ready')?.message).toContain('crt');
    });
    // The user's Secret is never overwritten.
    expect(Object.keys((await getSecret(h.client, ns, 'badca-ca'))?.data ?? {})).toEqual(['ca.pem']);

    // A CA made by another provider (tls.crt / tls.key) is accepted.
    const ca = await createCertificateAuthority('user-ca');
    await h.client.delete(builtin.secret, { namespace: ns, name: 'badca-ca' });
    await createSecret(h.client, 'badca-ca', { 'tls.crt': ca.cert, 'tls.key': ca.key });
    await eventually(async () => expect((await getConfig('badca-cp')).status?.ready).toBe(true));
    const data = Buffer.from((await getSecret(h.client, ns, 'badca-cp'))?.data?.value ?? '', 'base64').toString();
    expect(data).toContain(ca.cert.split('\n')[1]);
  });

  it('input the renderer cannot use is reported as DataSecretGenerationFailed', async () => {
    const cluster = await createCluster(h.client, ns, 'strict');
    const { machine } = await createMachineWithConfig(h.client, cluster, 'strict-cp', {
      controlPlane: true,
      version: 'v1.24.0',
      spec: { initConfiguration: { confinement: 'strict' } },
    });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () =>
      expect(v1beta2Condition(await getConfig('strict-cp'), 'DataSecretAvailable')).toMatchObject({
        reason: 'DataSecretGenerationFailed',
        message: expect.stringContaining('strict confinement needs MicroK8s 1.25'),
      }),
    );
    expect((await getConfig('strict-cp')).status?.conditions?.find((c) => c.type === 'Ready')?.severity).toBe('Error');
    // A Machine version fix is picked up through the Machine watch.
    await h.client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: machine.metadata.name as string },
      {
        spec: { version: 'v1.31.0' },
      },
    );
    await eventually(async () => expect((await getConfig('strict-cp')).status?.ready).toBe(true));
  });

  it('a restored config whose Machine already names its data Secret is marked ready without new data', async () => {
    const cluster = await createCluster(h.client, ns, 'restored');
    const { machine } = await createMachineWithConfig(h.client, cluster, 'restored-w');
    await h.client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: machine.metadata.name as string },
      {
        spec: { bootstrap: { dataSecretName: 'restored-data' } },
      },
    );
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () =>
      expect((await getConfig('restored-w')).status).toMatchObject({ ready: true, dataSecretName: 'restored-data' }),
    );
    expect(await getSecret(h.client, ns, 'restored-w')).toBeUndefined();
  });
});

describe('init lock and MachinePools', () => {
  it('takes over a lock whose holder Machine is gone', async () => {
    const cluster = await createCluster(h.client, ns, 'stale');
    await h.client.create(builtin.configMap, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: ns, name: 'stale-lock', labels: { 'cluster.x-k8s.io/cluster-name': 'stale' } },
      data: { 'lock-information': JSON.stringify({ machineName: 'deleted-machine' }) },
    });
    await createMachineWithConfig(h.client, cluster, 'stale-cp', { controlPlane: true });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () => expect((await getConfig('stale-cp')).status?.ready).toBe(true));
    const lock = await h.client.get(builtin.configMap, { namespace: ns, name: 'stale-lock' });
    expect(JSON.parse(lock.data?.['lock-information'] ?? '')).toEqual({ machineName: 'stale-cp' });
  });

  it('a MachinePool config gets worker join data once the control plane is initialised', async () => {
    const cluster = await createCluster(h.client, ns, 'pool');
    const { machine } = await createMachineWithConfig(h.client, cluster, 'pool-cp', { controlPlane: true });
    const pool = await h.client.create(capiTypes.machinePool, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachinePool',
      metadata: { namespace: ns, name: 'pool-workers', labels: { 'cluster.x-k8s.io/cluster-name': 'pool' } },
      spec: {
        clusterName: 'pool',
        template: {
          spec: {
            clusterName: 'pool',
            version: 'v1.30.2',
            bootstrap: {
              configRef: { apiGroup: MicroK8sConfig.group, kind: MicroK8sConfig.kind, name: 'pool-workers' },
            },
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'DevMachinePool',
              name: 'pool-workers',
            },
          },
        },
      },
    });
    await h.client.create(MicroK8sConfig, {
      apiVersion: MicroK8sConfig.apiVersion,
      kind: MicroK8sConfig.kind,
      metadata: {
        namespace: ns,
        name: 'pool-workers',
        labels: { 'cluster.x-k8s.io/cluster-name': 'pool' },
        ownerReferences: [ownerReferenceTo(pool, { type: capiTypes.machinePool, controller: true })],
      },
      spec: {},
    });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await eventually(async () => expect((await getConfig('pool-cp')).status?.ready).toBe(true));
    expect((await getConfig('pool-workers')).status?.ready).toBeUndefined();
    await markMachineRunning(h.client, machine, '10.1.0.5');
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true, controlPlaneInitialized: true });
    await eventually(async () => expect((await getConfig('pool-workers')).status?.ready).toBe(true));
    const data = Buffer.from((await getSecret(h.client, ns, 'pool-workers'))?.data?.value ?? '', 'base64').toString();
    expect(data).toContain('/capi-scripts/20-microk8s-join.sh yes "10.1.0.5:30000/');
  });
});
