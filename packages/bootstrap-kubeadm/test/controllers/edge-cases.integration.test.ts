import { builtin, CapiLabel, capiTypes, encodeSecretValue, ownerReferenceTo } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeadmConfig } from '../../src/api/v1beta2/index.js';
import {
  type ControllerHarness,
  condition,
  createCluster,
  createMachineWithConfig,
  patchClusterStatus,
  secretData,
  startControllerHarness,
  v1beta1Condition,
} from './harness.js';

// Pause, token refresh, deletion of the lock holder, files and users from Secrets, Ignition output (with a merged
// Container Linux Config), the size condition and MachinePool token rotation. Tokens live 6 s here so that refreshes
// happen within the test.

const ns = 'default';
const TTL = 6;
const NODE = { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } };
let h: ControllerHarness;

beforeAll(async () => {
  h = await startControllerHarness({ tokenTtlSeconds: TTL, dataSizeLimitBytes: 6000 });
});
afterAll(async () => {
  await h?.stop();
});

const getConfig = (name: string) => h.client.get(KubeadmConfig, { namespace: ns, name });
const getSecret = (name: string) => h.client.getOptional(builtin.secret, { namespace: ns, name });
const tokenSecretOf = async (token: string) =>
  await h.client.get(builtin.secret, { namespace: 'kube-system', name: `bootstrap-token-${token.split('.')[0]}` });

async function initialisedCluster(name: string) {
  const cluster = await createCluster(h, ns, name);
  await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true, controlPlaneInitialized: true });
  await h.client.create(builtin.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: ns, name: `${name}-ca`, labels: { [CapiLabel.clusterName]: name } },
    type: 'cluster.x-k8s.io/secret',
    data: {
      'tls.crt': encodeSecretValue(h.env.ca.cert),
      'tls.key': encodeSecretValue(h.env.ca.key),
    },
  });
  return cluster;
}

describe('pause', () => {
  it('reports Paused and renders nothing until the Cluster is unpaused', async () => {
    const cluster = await createCluster(h, ns, 'paused', { paused: true });
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await createMachineWithConfig(h.client, cluster, 'paused-cp', {
      controlPlane: true,
      spec: { initConfiguration: NODE },
    });
    await eventually(async () => {
      const config = await getConfig('paused-cp');
      expect(condition(config, 'Paused')).toMatchObject({ status: 'True', reason: 'Paused' });
      expect(config.status?.initialization?.dataSecretCreated).toBeUndefined();
    });
    expect(await getSecret('paused-cp')).toBeUndefined();
    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: 'paused' }, { spec: { paused: false } });
    await eventually(async () => {
      const config = await getConfig('paused-cp');
      expect(condition(config, 'Paused')?.status).toBe('False');
      expect(config.status?.initialization?.dataSecretCreated).toBe(true);
    });
  });
});

describe('bootstrap tokens', () => {
  it('extends the token of a node that has not joined, and stops once it has', async () => {
    const cluster = await initialisedCluster('tokens');
    const { machine } = await createMachineWithConfig(h.client, cluster, 'tokens-worker');
    const token = await eventually(async () => {
      const value = (await getConfig('tokens-worker')).spec?.joinConfiguration?.discovery?.bootstrapToken?.token;
      expect(value).toBeDefined();
      return value as string;
    });
    const first = secretData(await tokenSecretOf(token)).expiration as string;
    await eventually(
      async () => {
        const now = secretData(await tokenSecretOf(token)).expiration as string;
        expect(Date.parse(now)).toBeGreaterThan(Date.parse(first));
      },
      { timeoutMs: 20_000 },
    );
    // The node joined: the token is left to expire.
    await h.client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: machine.metadata.name as string },
      { status: { nodeRef: { name: 'tokens-worker' } } },
      { subresource: 'status' },
    );
    await eventually(async () => {
      const cached = h.manager.cache.informerFor(capiTypes.machine).get({ namespace: ns, name: 'tokens-worker' });
      expect(cached?.status?.nodeRef?.name).toBe('tokens-worker');
    });
    const settled = secretData(await tokenSecretOf(token)).expiration as string;
    await eventually(
      async () => {
        expect(Date.parse(settled)).toBeLessThan(Date.now());
      },
      { timeoutMs: 10_000 },
    );
    expect(secretData(await tokenSecretOf(token)).expiration).toBe(settled);
  });

  it('extends the token of a MachinePool without nodes, and replaces it once it has nodes', async () => {
    await initialisedCluster('pool');
    const pool = await h.client.create(capiTypes.machinePool, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachinePool',
      metadata: { namespace: ns, name: 'pool-0', labels: { [CapiLabel.clusterName]: 'pool' } },
      spec: {
        clusterName: 'pool',
        replicas: 1,
        template: {
          spec: {
            clusterName: 'pool',
            version: 'v1.31.2',
            bootstrap: { configRef: { apiGroup: KubeadmConfig.group, kind: KubeadmConfig.kind, name: 'pool-0' } },
            infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachinePool', name: 'pool-0' },
          },
        },
      },
    } as never);
    await h.client.create(KubeadmConfig, {
      apiVersion: KubeadmConfig.apiVersion,
      kind: KubeadmConfig.kind,
      metadata: {
        namespace: ns,
        name: 'pool-0',
        labels: { [CapiLabel.clusterName]: 'pool' },
        ownerReferences: [ownerReferenceTo(pool, { type: capiTypes.machinePool, controller: true })],
      },
      spec: { joinConfiguration: NODE },
    });
    const first = await eventually(async () => {
      const value = (await getConfig('pool-0')).spec?.joinConfiguration?.discovery?.bootstrapToken?.token;
      expect(value).toBeDefined();
      return value as string;
    });
    // Without nodes the token is extended, like a Machine's.
    const expiration = secretData(await tokenSecretOf(first)).expiration as string;
    await eventually(
      async () => {
        expect(Date.parse(secretData(await tokenSecretOf(first)).expiration as string)).toBeGreaterThan(
          Date.parse(expiration),
        );
      },
      { timeoutMs: 20_000 },
    );
    expect((await getConfig('pool-0')).spec?.joinConfiguration?.discovery?.bootstrapToken?.token).toBe(first);
    // Once the pool has nodes, the token is no longer extended but replaced when half of it is used up.
    await h.client.mergePatch(
      capiTypes.machinePool,
      { namespace: ns, name: 'pool-0' },
      { status: { nodeRefs: [{ apiVersion: 'v1', kind: 'Node', name: 'pool-node-0' }] } },
      { subresource: 'status' },
    );
    await eventually(
      async () => {
        const token = (await getConfig('pool-0')).spec?.joinConfiguration?.discovery?.bootstrapToken?.token;
        expect(token).not.toBe(first);
        expect(secretData((await getSecret('pool-0')) as never).value).toContain(`token: ${token}`);
      },
      { timeoutMs: 20_000 },
    );
  });
});

describe('deletion', () => {
  it('lets another control-plane machine initialise when the lock holder is deleted', async () => {
    const cluster = await createCluster(h, ns, 'handover');
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    await createMachineWithConfig(h.client, cluster, 'handover-a', {
      controlPlane: true,
      spec: { initConfiguration: NODE },
    });
    await eventually(async () => {
      expect((await getConfig('handover-a')).status?.initialization?.dataSecretCreated).toBe(true);
    });
    await createMachineWithConfig(h.client, cluster, 'handover-b', {
      controlPlane: true,
      spec: { initConfiguration: NODE },
    });
    await eventually(async () => {
      expect(v1beta1Condition(await getConfig('handover-b'), 'DataSecretAvailable')?.reason).toBe(
        'WaitingForControlPlaneAvailable',
      );
    });
    // The first machine is deleted before the control plane came up (e.g. its instance failed).
    await h.client.delete(KubeadmConfig, { namespace: ns, name: 'handover-a' });
    await h.client.delete(capiTypes.machine, { namespace: ns, name: 'handover-a' });
    await eventually(async () => {
      expect((await getConfig('handover-b')).status?.initialization?.dataSecretCreated).toBe(true);
      const lock = await h.client.get(builtin.configMap, { namespace: ns, name: 'handover-lock' });
      expect(lock.data?.['lock-information']).toBe('{"machineName":"handover-b"}');
    });
    expect(secretData((await getSecret('handover-b')) as never).value).toContain('kubeadm init');
  });
});

describe('files and users from Secrets', () => {
  it('waits for a missing Secret with a clear message, then renders its content', async () => {
    const cluster = await initialisedCluster('files');
    await createMachineWithConfig(h.client, cluster, 'files-worker', {
      spec: {
        files: [
          { path: '/etc/app.conf', permissions: '0600', contentFrom: { secret: { name: 'app-config', key: 'conf' } } },
        ],
        users: [{ name: 'ops', passwdFrom: { secret: { name: 'app-config', key: 'hash' } } }],
        joinConfiguration: NODE,
      },
    });
    await eventually(async () => {
      const config = await getConfig('files-worker');
      expect(condition(config, 'DataSecretAvailable')).toMatchObject({
        status: 'False',
        message: 'file /etc/app.conf: Secret default/app-config does not exist',
      });
      expect(v1beta1Condition(config, 'DataSecretAvailable')).toMatchObject({
        reason: 'DataSecretGenerationFailed',
        severity: 'Error',
      });
    });
    await h.client.create(builtin.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace: ns, name: 'app-config' },
      data: { conf: encodeSecretValue('listen = 8080\n'), hash: encodeSecretValue('$6$salt$hash') },
    });
    await eventually(async () => {
      const value = secretData(((await getSecret('files-worker')) ?? {}) as never).value ?? '';
      expect(value).toContain("-   path: /etc/app.conf\n    permissions: '0600'\n    content: |\n      listen = 8080");
      expect(value).toContain('passwd: $6$salt$hash');
    });
  });
});

describe('Ignition output and size', () => {
  it('stores Ignition 3.4.0 with format ignition', async () => {
    const cluster = await initialisedCluster('ign');
    await createMachineWithConfig(h.client, cluster, 'ign-worker', {
      spec: { format: 'ignition', ignition: { version: '3.4.0' }, joinConfiguration: NODE },
    });
    await eventually(async () => {
      const data = secretData(((await getSecret('ign-worker')) ?? {}) as never);
      expect(data.format).toBe('ignition');
      const ignition = JSON.parse(data.value ?? '') as {
        ignition: { version: string };
        storage: { files: { path: string }[] };
      };
      expect(ignition.ignition.version).toBe('3.4.0');
      expect(ignition.storage.files.map((f) => f.path)).toContain('/etc/kubeadm.yml');
    });
  });

  it('reports a bad Container Linux Config to merge, then stores Ignition 2.3 with it appended', async () => {
    const cluster = await initialisedCluster('clc');
    const additionalConfig = (path: string) =>
      `storage:\n  files:\n  - path: ${path}\n    mode: 0644\n    contents:\n      inline: foo\n` +
      'systemd:\n  units:\n  - name: kubeadm.service\n    dropins:\n    - name: 10-env.conf\n' +
      '      contents: "[Service]\\nEnvironmentFile=/run/metadata/flatcar\\n"\n';
    await createMachineWithConfig(h.client, cluster, 'clc-worker', {
      spec: {
        format: 'ignition',
        ignition: { containerLinuxConfig: { additionalConfig: additionalConfig('opt/foo') } },
        joinConfiguration: NODE,
      },
    });
    await eventually(async () => {
      const config = await getConfig('clc-worker');
      expect(condition(config, 'DataSecretAvailable')).toMatchObject({
        status: 'False',
        reason: 'NotAvailable',
        message:
          'spec.ignition.containerLinuxConfig.additionalConfig is not a valid Container Linux Config: ' +
          'storage.files[0].path: path not absolute',
      });
      expect(condition(config, 'Ready')?.status).toBe('False');
    });
    expect(await getSecret('clc-worker')).toBeUndefined();
    await h.client.mergePatch(
      KubeadmConfig,
      { namespace: ns, name: 'clc-worker' },
      {
        spec: { ignition: { containerLinuxConfig: { additionalConfig: additionalConfig('/opt/foo') } } },
      },
    );
    await eventually(async () => {
      const data = secretData(((await getSecret('clc-worker')) ?? {}) as never);
      expect(data.format).toBe('ignition');
      const ignition = JSON.parse(data.value ?? '') as {
        ignition: { version: string };
        storage: { files: { path: string; contents: { source: string } }[] };
        systemd: { units: { name: string; dropins?: { name: string }[] }[] };
      };
      expect(ignition.ignition.version).toBe('2.3.0');
      expect(ignition.storage.files.map((f) => f.path)).toEqual(['/etc/kubeadm.sh', '/etc/kubeadm.yml', '/opt/foo']);
      expect(ignition.storage.files[2]?.contents.source).toBe('data:,foo');
      expect(ignition.systemd.units.map((u) => [u.name, u.dropins?.map((d) => d.name)])).toEqual([
        ['kubeadm.service', undefined],
        ['kubeadm.service', ['10-env.conf']],
      ]);
      expect(condition(await getConfig('clc-worker'), 'DataSecretAvailable')?.status).toBe('True');
    });
  });

  it('reports bootstrap data larger than the limit', async () => {
    const cluster = await initialisedCluster('big');
    await createMachineWithConfig(h.client, cluster, 'big-worker', {
      spec: { files: [{ path: '/etc/big', content: 'x'.repeat(8000) }], joinConfiguration: NODE },
    });
    await eventually(async () => {
      const config = await getConfig('big-worker');
      expect(config.status?.initialization?.dataSecretCreated).toBe(true);
      expect(condition(config, 'DataSecretSizeWithinLimit')).toMatchObject({ status: 'False', reason: 'ExceedsLimit' });
      expect(condition(config, 'DataSecretSizeWithinLimit')?.message).toMatch(
        /^The bootstrap data is \d+ bytes, more than the limit of 6000 bytes/,
      );
      expect(condition(config, 'Ready')?.status).toBe('True');
    });
  });
});
