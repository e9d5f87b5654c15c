import { builtin, capiTypes } from '@capi-ts/sdk';
import { eventually, writesOnceSettled } from '@capi-ts/sdk/testing';
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

// User story: a cluster with three control-plane machines and a worker. Exactly one control-plane machine
// initialises under the lock; the others and the worker join with discovery defaults and a bootstrap token once
// Cluster API reports the control plane initialised.

const ns = 'default';
let h: ControllerHarness;

beforeAll(async () => {
  h = await startControllerHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getConfig = (name: string) => h.client.get(KubeadmConfig, { namespace: ns, name });
const getSecret = (name: string) => h.client.getOptional(builtin.secret, { namespace: ns, name });
const controlPlanes = ['cp-0', 'cp-1', 'cp-2'];

describe('bootstrap of a three control-plane cluster', () => {
  // Init generates the cluster's four key pairs; on a loaded 2-core machine that alone has taken over 15 s.
  const INIT_TIMEOUT = { timeoutMs: 60_000 };

  it('waits for the infrastructure, inits once under the lock, then joins everyone', async () => {
    const cluster = await createCluster(h, ns, 'demo');
    for (const name of controlPlanes) {
      await createMachineWithConfig(h.client, cluster, name, {
        controlPlane: true,
        spec: {
          clusterConfiguration: { apiServer: { certSANs: ['api.demo.example.com'] } },
          initConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } },
          joinConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } },
        },
      });
    }
    await createMachineWithConfig(h.client, cluster, 'worker-0', { version: 'v1.29.4' });

    // 1. Infrastructure not provisioned: everyone waits, with the reason in both condition forms.
    for (const name of [...controlPlanes, 'worker-0']) {
      await eventually(async () => {
        const config = await getConfig(name);
        expect(condition(config, 'DataSecretAvailable')).toMatchObject({
          status: 'False',
          reason: 'NotAvailable',
          message: 'Waiting for Cluster status.infrastructureReady to be true',
        });
        expect(v1beta1Condition(config, 'DataSecretAvailable')).toMatchObject({
          status: 'False',
          reason: 'WaitingForClusterInfrastructure',
          severity: 'Info',
        });
        expect(condition(config, 'Ready')).toMatchObject({ status: 'False', reason: 'NotReady' });
        expect(condition(config, 'Paused')?.status).toBe('False');
      });
    }

    // 2. Infrastructure provisioned: exactly one control-plane machine gets init data.
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    const initName = await eventually(async () => {
      const created = [];
      for (const name of [...controlPlanes, 'worker-0']) {
        if ((await getConfig(name)).status?.initialization?.dataSecretCreated) created.push(name);
      }
      expect(created).toHaveLength(1);
      return created[0] as string;
    }, INIT_TIMEOUT);
    expect(controlPlanes).toContain(initName);
    const lock = await h.client.get(builtin.configMap, { namespace: ns, name: 'demo-lock' });
    expect(JSON.parse(lock.data?.['lock-information'] ?? '')).toEqual({ machineName: initName });

    const initConfig = await getConfig(initName);
    expect(initConfig.status?.dataSecretName).toBe(initName);
    expect(condition(initConfig, 'CertificatesAvailable')).toMatchObject({ status: 'True', reason: 'Available' });
    const initSecret = await getSecret(initName);
    expect(initSecret?.type).toBe('cluster.x-k8s.io/secret');
    expect(initSecret?.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe('demo');
    expect(initSecret?.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
        kind: 'KubeadmConfig',
        name: initName,
        controller: true,
      }),
    ]);
    const init = secretData(initSecret as never);
    expect(init.format).toBe('cloud-config');
    const initValue = init.value ?? '';
    expect(initValue.startsWith('## template: jinja\n#cloud-config\n')).toBe(true);
    expect(initValue).toContain('kubeadm init --config /run/kubeadm/kubeadm.yaml');
    expect(initValue).toContain('apiVersion: kubeadm.k8s.io/v1beta4');
    expect(initValue).toContain('clusterName: demo');
    expect(initValue).toContain('controlPlaneEndpoint: demo.example.com:6443');
    expect(initValue).toContain('kubernetesVersion: v1.31.2');
    expect(initValue).toContain('podSubnet: 192.168.0.0/16');
    expect(initValue).toContain('serviceSubnet: 10.96.0.0/12');
    expect(initValue).toContain('dnsDomain: cluster.local');
    expect(initValue).toContain('-   path: /etc/kubernetes/pki/ca.key');
    expect(initValue).toContain('-   path: /etc/kubernetes/pki/sa.pub');

    // The cluster certificates were generated, owned by the initialising config.
    for (const purpose of ['ca', 'etcd', 'proxy', 'sa']) {
      const secret = await getSecret(`demo-${purpose}`);
      expect(secret?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'KubeadmConfig', name: initName });
      expect(Object.keys(secret?.data ?? {}).sort()).toEqual(['tls.crt', 'tls.key']);
    }

    // The others wait for the control plane.
    for (const name of [...controlPlanes, 'worker-0'].filter((n) => n !== initName)) {
      await eventually(async () => {
        const config = await getConfig(name);
        expect(condition(config, 'DataSecretAvailable')?.message).toBe(
          'Waiting for Cluster control plane to be initialized',
        );
        expect(v1beta1Condition(config, 'DataSecretAvailable')?.reason).toBe('WaitingForControlPlaneAvailable');
      });
    }

    // 3. Control plane initialised: everyone else joins; the lock is released.
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true, controlPlaneInitialized: true });
    for (const name of [...controlPlanes, 'worker-0'].filter((n) => n !== initName)) {
      await eventually(async () => {
        const config = await getConfig(name);
        expect(config.status?.initialization?.dataSecretCreated).toBe(true);
        expect(condition(config, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready' });
        expect(v1beta1Condition(config, 'Ready')?.status).toBe('True');
        expect(config.status?.observedGeneration).toBe(config.metadata.generation);
      });
    }
    await eventually(async () => {
      expect(await h.client.getOptional(builtin.configMap, { namespace: ns, name: 'demo-lock' })).toBeUndefined();
    });

    const joiner = controlPlanes.find((n) => n !== initName) as string;
    const joinConfig = await getConfig(joiner);
    const discovery = joinConfig.spec?.joinConfiguration?.discovery?.bootstrapToken;
    expect(discovery?.token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    expect(discovery?.apiServerEndpoint).toBe('demo.example.com:6443');
    expect(discovery?.caCertHashes?.[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    const join = secretData((await getSecret(joiner)) as never).value;
    expect(join).toContain('kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml');
    expect(join).toContain(`token: ${discovery?.token}`);
    expect(join).toContain('controlPlane:');
    expect(join).toContain('-   path: /etc/kubernetes/pki/ca.key');

    // The token exists in the workload cluster with CABPK's usages.
    const tokenId = (discovery?.token ?? '').split('.')[0];
    const tokenSecret = await h.client.get(builtin.secret, {
      namespace: 'kube-system',
      name: `bootstrap-token-${tokenId}`,
    });
    expect(tokenSecret.type).toBe('bootstrap.kubernetes.io/token');
    expect(secretData(tokenSecret)).toMatchObject({
      'token-id': tokenId,
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    });

    // The worker (Kubernetes 1.29): kubeadm v1beta3, no certificates, the uninitialized taint.
    const worker = secretData((await getSecret('worker-0')) as never).value;
    expect(worker).toContain('apiVersion: kubeadm.k8s.io/v1beta3');
    expect(worker).toContain('key: node.cluster.x-k8s.io/uninitialized');
    expect(worker).not.toContain('/etc/kubernetes/pki/ca.key');
    expect(worker).toContain('kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml');
  });

  it('writes nothing when nothing changed', async () => {
    const reconcileAgain = async (tag: string) => {
      const before = await h.reconciles('kubeadmconfig');
      await h.client.mergePatch(
        capiTypes.machine,
        { namespace: ns, name: 'worker-0' },
        { metadata: { annotations: { touched: tag } } },
      );
      await eventually(async () => expect(await h.reconciles('kubeadmconfig')).toBeGreaterThan(before));
    };
    const writes = await writesOnceSettled({
      client: h.manager.client,
      reconcileAgain,
      counts: (path) => path.includes('kubeadmconfigs') || path.includes('/secrets'),
    });
    expect(writes).toEqual([]);
  });
});
