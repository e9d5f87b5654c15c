import { builtin, capiTypes } from '@capi-ts/sdk';
import { eventually, writesOnceSettled } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import {
  type ControllerHarness,
  createCluster,
  createMachineWithConfig,
  getSecret,
  markMachineRunning,
  patchClusterStatus,
  secretData,
  startControllerHarness,
  v1beta2Condition,
} from './harness.js';

// User story: a cluster with three control-plane machines and two workers. Exactly one control-plane machine
// initialises; the others and the workers join once Cluster API reports the control plane initialised.

const ns = 'default';
let h: ControllerHarness;

beforeAll(async () => {
  h = await startControllerHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getConfig = (name: string) => h.client.get(MicroK8sConfig, { namespace: ns, name });
const names = { cp: ['cp-0', 'cp-1', 'cp-2'], workers: ['worker-0', 'worker-1'] };

describe('bootstrap of a three control-plane cluster', () => {
  it('waits for the infrastructure, inits once, then joins everyone', async () => {
    const cluster = await createCluster(h.client, ns, 'demo');
    const machines = new Map<string, Awaited<ReturnType<typeof createMachineWithConfig>>['machine']>();
    for (const name of names.cp) {
      machines.set(name, (await createMachineWithConfig(h.client, cluster, name, { controlPlane: true })).machine);
    }
    for (const name of names.workers) {
      machines.set(
        name,
        (
          await createMachineWithConfig(h.client, cluster, name, {
            spec: {
              initConfiguration: {
                addons: ['cis-hardening'],
                snapstoreProxyDomain: 'store.internal',
                snapstoreProxyId: 'ID1',
              },
            },
          })
        ).machine,
      );
    }

    // 1. Infrastructure not provisioned: everyone waits, with the reason on both condition forms.
    for (const name of [...names.cp, ...names.workers]) {
      await eventually(async () => {
        const config = await getConfig(name);
        expect(v1beta2Condition(config, 'DataSecretAvailable')).toMatchObject({
          status: 'False',
          reason: 'WaitingForClusterInfrastructure',
        });
        expect(v1beta2Condition(config, 'Ready')?.status).toBe('False');
        expect(v1beta2Condition(config, 'Paused')?.status).toBe('False');
        expect(config.status?.conditions?.find((c) => c.type === 'DataSecretAvailable')).toMatchObject({
          status: 'False',
          severity: 'Info',
          reason: 'WaitingForClusterInfrastructure',
        });
      });
    }

    // 2. Infrastructure provisioned: exactly one control-plane machine gets init data.
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true });
    const initName = await eventually(async () => {
      const ready = [];
      for (const name of [...names.cp, ...names.workers]) if ((await getConfig(name)).status?.ready) ready.push(name);
      expect(ready).toHaveLength(1);
      return ready[0] as string;
    });
    expect(names.cp).toContain(initName);
    const lock = await h.client.get(builtin.configMap, { namespace: ns, name: 'demo-lock' });
    expect(JSON.parse(lock.data?.['lock-information'] ?? '')).toEqual({ machineName: initName });
    expect(lock.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Cluster', name: 'demo' });
    for (const name of names.cp.filter((n) => n !== initName)) {
      await eventually(async () =>
        expect(v1beta2Condition(await getConfig(name), 'DataSecretAvailable')?.reason).toBe(
          'WaitingForControlPlaneAvailable',
        ),
      );
    }

    const initConfig = await getConfig(initName);
    expect(initConfig.status).toMatchObject({
      ready: true,
      dataSecretName: initName,
      initialization: { dataSecretCreated: true },
      observedGeneration: initConfig.metadata.generation,
    });
    expect(v1beta2Condition(initConfig, 'Ready')).toMatchObject({ status: 'True' });
    const initSecret = await getSecret(h.client, ns, initName);
    expect(initSecret?.type).toBe('cluster.x-k8s.io/secret');
    expect(initSecret?.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe('demo');
    expect(initSecret?.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'MicroK8sConfig',
        name: initName,
        uid: initConfig.metadata.uid,
        controller: true,
      }),
    ]);
    const initData = secretData(initSecret as never);
    expect(initData.format).toBe('cloud-config');
    expect(initData.value).toContain('microk8s refresh-certs /var/tmp');

    // Shared Secrets with CABPM's keys, owned by the Cluster so deleting it removes them.
    const ca = secretData((await getSecret(h.client, ns, 'demo-ca')) as never);
    expect(Object.keys(ca).sort()).toEqual(['crt', 'key', 'tls.crt', 'tls.key']);
    expect(ca.key).toContain('BEGIN RSA PRIVATE KEY');
    expect(initData.value).toContain(ca.crt?.split('\n')[1]);
    const joinToken = secretData((await getSecret(h.client, ns, 'demo-jointoken')) as never).value as string;
    expect(joinToken).toMatch(/^[A-Za-z]{32}$/);
    expect(initData.value).toContain(`--token "${joinToken}"`);
    const authToken = secretData((await getSecret(h.client, ns, 'demo-capi-auth-token')) as never).token as string;
    expect(Buffer.from(authToken, 'base64')).toHaveLength(16);
    for (const suffix of ['ca', 'jointoken', 'capi-auth-token']) {
      const secret = await getSecret(h.client, ns, `demo-${suffix}`);
      expect(secret?.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Cluster', name: 'demo', uid: cluster.metadata.uid }),
      ]);
    }

    // 3. Control plane initialised, but no running machine to join through yet.
    await patchClusterStatus(h.client, cluster, { infrastructureProvisioned: true, controlPlaneInitialized: true });
    await eventually(async () =>
      expect(v1beta2Condition(await getConfig('worker-0'), 'DataSecretAvailable')?.reason).toBe(
        'WaitingForJoinAddresses',
      ),
    );
    await eventually(async () =>
      expect(await h.client.getOptional(builtin.configMap, { namespace: ns, name: 'demo-lock' })).toBeUndefined(),
    );

    // 4. The init machine runs: everyone else joins through it (event-driven: no timed requeue).
    await markMachineRunning(h.client, machines.get(initName) as never, '10.0.0.10');
    for (const name of [...names.cp.filter((n) => n !== initName), ...names.workers]) {
      await eventually(async () => expect((await getConfig(name)).status?.ready).toBe(true));
    }
    const cpJoin = secretData((await getSecret(h.client, ns, names.cp.find((n) => n !== initName) as string)) as never);
    expect(cpJoin.value).toContain(`/capi-scripts/20-microk8s-join.sh no "10.0.0.10:30000/${joinToken}"`);
    expect(cpJoin.value).toContain(`/capi/etc/token`);
    const workerJoin = secretData((await getSecret(h.client, ns, 'worker-0')) as never);
    expect(workerJoin.value).toContain(`/capi-scripts/20-microk8s-join.sh yes "10.0.0.10:30000/${joinToken}"`);
    expect(workerJoin.value).toContain('/capi-scripts/00-configure-snapstore-proxy.sh "http" "store.internal" "ID1"');
    expect(workerJoin.value).toContain('/capi-scripts/20-microk8s-enable.sh "cis-hardening"');
    expect(workerJoin.value).toContain('/run/cluster-api/bootstrap-success.complete');
    expect(workerJoin.value).not.toContain('/var/tmp/ca.key');
  });

  it('a reconcile with nothing to do writes nothing', async () => {
    /** Touches every config and the Cluster: each change enqueues reconciles that find nothing to do. */
    const reconcileAgain = async (tag: string) => {
      const before = await h.reconciles('microk8sconfig');
      for (const name of [...names.cp, ...names.workers]) {
        await h.client.mergePatch(
          MicroK8sConfig,
          { namespace: ns, name },
          { metadata: { annotations: { touched: tag } } },
        );
      }
      await h.client.mergePatch(
        capiTypes.cluster,
        { namespace: ns, name: 'demo' },
        { metadata: { labels: { touched: tag } } },
      );
      const touched = names.cp.length + names.workers.length;
      await eventually(async () =>
        expect(await h.reconciles('microk8sconfig')).toBeGreaterThanOrEqual(before + touched),
      );
    };
    expect(await writesOnceSettled({ client: h.manager.client, reconcileAgain })).toEqual([]);
  });
});
