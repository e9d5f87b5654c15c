import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CapiAnnotation,
  CapiLabel,
  capiTypes,
  controllerReferenceTo,
  infraClusterController,
  infraMachineController,
  ownerReferenceTo,
} from '../../../src/capi/index.js';
import { builtin, KubeClient, type KubeObject } from '../../../src/client/index.js';
import { getCondition } from '../../../src/conditions/index.js';
import { Manager } from '../../../src/manager/index.js';
import {
  clusterApiCrdDirectory,
  eventually,
  startTestEnvironment,
  type TestEnvironment,
  writesOnceSettled,
} from '../../../src/testing/index.js';
import {
  capturingLogger,
  Objects,
  RecordingClusterBackend,
  RecordingMachineBackend,
  TestCluster,
  TestMachine,
  testCrds,
} from './fixtures.js';

const MACHINE_FINALIZER = 'testmachine.infrastructure.test.capi-ts.dev';
const CLUSTER_FINALIZER = 'testcluster.infrastructure.test.capi-ts.dev';

let env: TestEnvironment;
let client: KubeClient;
let manager: Manager;
const stop = new AbortController();
let running: Promise<void>;
const machines = new RecordingMachineBackend();
const clusters = new RecordingClusterBackend();
const { logger, lines } = capturingLogger();

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory(), ...testCrds] });
  client = new KubeClient(env.kubeConfig);
  manager = new Manager({ kubeConfig: env.kubeConfig, logger, metricsBindAddress: '0', healthProbeBindAddress: '0' });
  manager.add(infraMachineController({ manager, type: TestMachine, backend: machines, finalizer: MACHINE_FINALIZER }));
  manager.add(infraClusterController({ manager, type: TestCluster, backend: clusters, finalizer: CLUSTER_FINALIZER }));
  running = manager.start(stop.signal);
});

afterAll(async () => {
  stop.abort();
  await running;
  await env?.stop();
});

async function namespace(name: string): Promise<Objects> {
  await client.create(builtin.namespace, { metadata: { name } });
  return new Objects(client, name);
}

/** Waits until the reconcile of `name` logged `message`. */
async function logged(message: string, name: string): Promise<void> {
  await eventually(() => expect(lines.some((line) => line.msg === message && line.name === name)).toBe(true));
}

function conditionOf(object: KubeObject, type: string) {
  const condition = getCondition(object, type);
  return condition && { status: condition.status, reason: condition.reason, message: condition.message };
}

/** A Cluster with provisioned infrastructure, a Machine with bootstrap data and its TestMachine, provisioned. */
async function provisionedMachine(objects: Objects, name: string) {
  const cluster = await objects.cluster(name, { infrastructureProvisioned: true });
  await objects.bootstrapSecret(`${name}-bootstrap`, `#cloud-config for ${name}`);
  const machine = await objects.machine(name, cluster, { dataSecretName: `${name}-bootstrap` });
  await objects.testMachine(name, machine, name);
  const key = { namespace: objects.namespace, name };
  await eventually(async () => {
    const object = await client.get(TestMachine, key);
    expect(conditionOf(object, 'Ready')).toMatchObject({ status: 'True' });
    expect(object.spec.providerID).toBe(`test://${name}`);
  });
  return { cluster, machine, key };
}

const touch = (objects: Objects, name: string, value: string) =>
  client.mergePatch(
    capiTypes.machine,
    { namespace: objects.namespace, name },
    { metadata: { annotations: { touched: value } } },
  );

describe('infraMachineController', () => {
  it('waits for the owner Machine, the Cluster infrastructure and the bootstrap data, then provisions', async () => {
    const objects = await namespace('machine-story');
    const key = { namespace: objects.namespace, name: 'm1' };
    const cluster = await objects.cluster('c1');
    const machine = await objects.machine('m1', cluster);
    await objects.testMachine('m1');

    await logged('Waiting for the Machine controller to set the owner reference', 'm1');
    expect((await client.get(TestMachine, key)).metadata.finalizers).toBeUndefined();

    // What the Machine controller does: a controller reference and the cluster-name label.
    await client.mergePatch(TestMachine, key, {
      metadata: {
        labels: { [CapiLabel.clusterName]: 'c1' },
        ownerReferences: [controllerReferenceTo(machine, capiTypes.machine)],
      },
    });
    await eventually(async () => {
      const waiting = await client.get(TestMachine, key);
      expect(waiting.metadata.finalizers).toEqual([MACHINE_FINALIZER]);
      expect(conditionOf(waiting, 'Paused')).toEqual({ status: 'False', reason: 'NotPaused', message: '' });
      expect(conditionOf(waiting, 'InstanceProvisioned')).toEqual({
        status: 'False',
        reason: 'WaitingForClusterInfrastructureReady',
        message: 'Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
      });
      expect(conditionOf(waiting, 'Ready')).toEqual({
        status: 'False',
        reason: 'NotReady',
        message:
          '* InstanceProvisioned: Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
      });
    });

    await objects.setClusterStatus('c1', { initialization: { infrastructureProvisioned: true } });
    await eventually(async () =>
      expect(conditionOf(await client.get(TestMachine, key), 'InstanceProvisioned')).toMatchObject({
        reason: 'WaitingForControlPlaneInitialized',
      }),
    );
    expect(machines.calls).not.toContain('normal m1');

    await objects.bootstrapSecret('m1-bootstrap', '#cloud-config for m1');
    await client.mergePatch(capiTypes.machine, key, { spec: { bootstrap: { dataSecretName: 'm1-bootstrap' } } });
    const provisioned = await eventually(async () => {
      const object = await client.get(TestMachine, key);
      expect(conditionOf(object, 'Ready')).toEqual({ status: 'True', reason: 'Ready', message: '' });
      return object;
    });
    expect(provisioned.spec.providerID).toBe('test://m1');
    expect(provisioned.status).toMatchObject({
      initialization: { provisioned: true },
      ready: true,
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    });
    expect(conditionOf(provisioned, 'InstanceProvisioned')).toEqual({
      status: 'True',
      reason: 'Provisioned',
      message: '',
    });
    expect(machines.instances.get('m1')).toBe('#cloud-config for m1');
  });

  it('a control-plane Machine waits for its bootstrap data, not for the control plane', async () => {
    const objects = await namespace('machine-control-plane');
    const cluster = await objects.cluster('c1', { infrastructureProvisioned: true });
    const machine = await objects.machine('cp1', cluster, { controlPlane: true });
    await objects.testMachine('cp1', machine, 'c1');
    await eventually(async () =>
      expect(
        conditionOf(
          await client.get(TestMachine, { namespace: objects.namespace, name: 'cp1' }),
          'InstanceProvisioned',
        ),
      ).toEqual({
        status: 'False',
        reason: 'WaitingForBootstrapData',
        message: 'Waiting for Machine spec.bootstrap.dataSecretName to be set',
      }),
    );
  });

  it('makes no write when a reconcile finds nothing to change', async () => {
    const objects = await namespace('machine-no-op');
    await provisionedMachine(objects, 'n1');
    const reconciles = () => machines.calls.filter((call) => call === 'normal n1').length;
    /** Changes the Machine and waits for a reconcile to start: the previous one of the key has then finished. */
    const reconcileAgain = async (tag: string) => {
      const before = reconciles();
      await touch(objects, 'n1', tag);
      await eventually(() => expect(reconciles()).toBeGreaterThan(before));
    };
    const writes = await writesOnceSettled({
      client: manager.client,
      reconcileAgain,
      counts: (path) => path.includes('/testmachines/n1'),
    });
    expect(writes).toEqual([]);
  });

  it('stops while the Cluster or the object is paused, and says so in the Paused condition', async () => {
    const objects = await namespace('machine-pause');
    const { key } = await provisionedMachine(objects, 'p1');
    const paused = async (message: string) =>
      await eventually(async () =>
        expect(conditionOf(await client.get(TestMachine, key), 'Paused')).toEqual({
          status: 'True',
          reason: 'Paused',
          message,
        }),
      );
    const notPaused = async () =>
      await eventually(async () =>
        expect(conditionOf(await client.get(TestMachine, key), 'Paused')).toMatchObject({ status: 'False' }),
      );

    await objects.pauseCluster('p1', true);
    await paused('Cluster spec.paused is set to true');
    const calls = machines.calls.length;
    await touch(objects, 'p1', 'while-paused');
    await logged('Reconciliation is paused for this object', 'p1');
    expect(machines.calls.length).toBe(calls);
    await objects.pauseCluster('p1', false);
    await notPaused();

    await client.mergePatch(TestMachine, key, { metadata: { annotations: { [CapiAnnotation.paused]: '' } } });
    await paused('TestMachine has the cluster.x-k8s.io/paused annotation');
    await client.mergePatch(TestMachine, key, { metadata: { annotations: { [CapiAnnotation.paused]: null } } });
    await notPaused();
  });

  it('deletes the instance, keeping the finalizer until the backend reports it gone', async () => {
    const objects = await namespace('machine-delete');
    const { key } = await provisionedMachine(objects, 'd1');
    machines.slowDeletes.set('d1', 2);
    await client.delete(TestMachine, key);
    await eventually(async () => expect(await client.getOptional(TestMachine, key)).toBeUndefined());
    expect(machines.calls.filter((call) => call === 'delete d1')).toHaveLength(3);
    expect(machines.instances.has('d1')).toBe(false);
  });

  it('only removes its finalizer from an object deleted before any Machine owned it', async () => {
    const objects = await namespace('machine-orphan');
    const key = { namespace: objects.namespace, name: 'o1' };
    await client.create(TestMachine, { metadata: { ...key, finalizers: [MACHINE_FINALIZER] }, spec: {} });
    await client.delete(TestMachine, key);
    await eventually(async () => expect(await client.getOptional(TestMachine, key)).toBeUndefined());
    expect(machines.calls).not.toContain('delete o1');
  });

  it('writes what a failing backend set, and retries it', async () => {
    const objects = await namespace('machine-failure');
    const key = { namespace: objects.namespace, name: 'f1' };
    machines.failing.add('f1');
    const cluster = await objects.cluster('f1', { infrastructureProvisioned: true });
    await objects.bootstrapSecret('f1-bootstrap', 'data');
    const machine = await objects.machine('f1', cluster, { dataSecretName: 'f1-bootstrap' });
    await objects.testMachine('f1', machine, 'f1');
    await eventually(async () => {
      const object = await client.get(TestMachine, key);
      expect(conditionOf(object, 'InstanceProvisioned')).toMatchObject({ status: 'False', reason: 'CloudUnavailable' });
      expect(conditionOf(object, 'Ready')).toMatchObject({ status: 'False', reason: 'NotReady' });
    });
    expect(lines.some((line) => line.msg === 'Reconciler error' && line.name === 'f1')).toBe(true);

    machines.failing.delete('f1');
    await eventually(async () =>
      expect(conditionOf(await client.get(TestMachine, key), 'Ready')).toMatchObject({ status: 'True' }),
    );
  });
});

describe('infraClusterController', () => {
  it('waits for the owner Cluster, then provisions and reports the endpoint and failure domains', async () => {
    const objects = await namespace('cluster-story');
    const key = { namespace: objects.namespace, name: 'k1' };
    await objects.testCluster('k1');
    await logged('Waiting for the Cluster controller to set the owner reference', 'k1');
    expect((await client.get(TestCluster, key)).metadata.finalizers).toBeUndefined();

    const cluster = await objects.cluster('k1');
    await client.mergePatch(TestCluster, key, {
      metadata: { ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] },
    });
    const provisioned = await eventually(async () => {
      const object = await client.get(TestCluster, key);
      expect(conditionOf(object, 'Ready')).toEqual({ status: 'True', reason: 'Ready', message: '' });
      return object;
    });
    expect(provisioned.metadata.finalizers).toEqual([CLUSTER_FINALIZER]);
    expect(provisioned.spec.controlPlaneEndpoint).toEqual({ host: '10.0.0.100', port: 6443 });
    expect(provisioned.status).toMatchObject({
      initialization: { provisioned: true },
      ready: true,
      failureDomains: [{ name: 'zone-a', controlPlane: true }],
    });

    await client.delete(TestCluster, key);
    await eventually(async () => expect(await client.getOptional(TestCluster, key)).toBeUndefined());
    expect(clusters.calls).toContain('delete k1');
  });

  it('provisions an object that names its owner Cluster before that Cluster reaches the cache', async () => {
    const objects = await namespace('cluster-late');
    const key = { namespace: objects.namespace, name: 'k2' };
    // The owner reference comes first (as from a manifest or a move); the Cluster is created afterwards.
    await client.create(TestCluster, {
      metadata: {
        ...key,
        ownerReferences: [
          {
            apiVersion: 'cluster.x-k8s.io/v1beta2',
            kind: 'Cluster',
            name: 'k2',
            uid: '2b0d9a53-0d1e-4c83-9d2c-1f0a7b4c5e61',
          },
        ],
      },
      spec: {},
    });
    await logged('Waiting for the Cluster controller to set the owner reference', 'k2');
    await objects.cluster('k2');
    await eventually(async () =>
      expect(conditionOf(await client.get(TestCluster, key), 'Ready')).toEqual({
        status: 'True',
        reason: 'Ready',
        message: '',
      }),
    );
  });

  it('skips an externally managed object', async () => {
    const objects = await namespace('cluster-external');
    const cluster = await objects.cluster('x1');
    await objects.testCluster('x1', cluster, { [CapiAnnotation.managedBy]: 'someone-else' });
    await logged('Skipping an externally managed object', 'x1');
    const object = await client.get(TestCluster, { namespace: objects.namespace, name: 'x1' });
    expect(object.metadata.finalizers).toBeUndefined();
    expect(clusters.calls).not.toContain('normal x1');
  });
});
