import {
  builtin,
  CapiLabel,
  type Cluster,
  capiTypes,
  controllerReferenceTo,
  getCondition,
  KubeClient,
  type KubeObject,
  type Machine,
  Manager,
  ownerReferenceTo,
  silentLogger,
} from '@capi-ts/sdk';
import {
  clusterApiCrdDirectory,
  eventually,
  startTestEnvironment,
  type TestEnvironment,
  writesOnceSettled,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crds,
  InMemoryCloud,
  InMemoryCluster,
  InMemoryMachine,
  inMemoryControllers,
  instanceName,
} from '../src/index.js';

// The story of one cluster, told against a real API server. Cluster API's core controllers do not run here:
// the test does their part (owner references, labels, copying the infrastructure status to the Cluster).

const namespace = 'default';
let env: TestEnvironment;
/** The test's own client, standing in for users and for Cluster API's core controllers. */
let client: KubeClient;
let manager: Manager;
const cloud = new InMemoryCloud();
const stop = new AbortController();
let running: Promise<void>;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory(), ...crds] });
  client = new KubeClient(env.kubeConfig);
  manager = new Manager({
    kubeConfig: env.kubeConfig,
    logger: silentLogger(),
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
  });
  for (const controller of inMemoryControllers(manager, cloud)) manager.add(controller);
  running = manager.start(stop.signal);
});

afterAll(async () => {
  stop.abort();
  await running;
  await env?.stop();
});

const key = (name: string) => ({ namespace, name });
const conditionStatus = (object: KubeObject, type: string) => getCondition(object, type)?.status;

/** A Cluster whose infrastructure is an InMemoryCluster, provisioned, as the Cluster controller would see it. */
async function provisionedCluster(name: string): Promise<Cluster> {
  const cluster = await client.create(capiTypes.cluster, {
    metadata: key(name),
    spec: { infrastructureRef: { apiGroup: InMemoryCluster.group, kind: InMemoryCluster.kind, name } },
  });
  await client.create(InMemoryCluster, {
    metadata: { ...key(name), ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] },
    spec: {},
  });
  const inMemoryCluster = await eventually(async () => {
    const object = await client.get(InMemoryCluster, key(name));
    expect(object.status?.initialization?.provisioned).toBe(true);
    return object;
  });
  await client.mergePatch(capiTypes.cluster, key(name), {
    spec: { controlPlaneEndpoint: inMemoryCluster.spec.controlPlaneEndpoint },
  });
  return await client.mergePatch(
    capiTypes.cluster,
    key(name),
    { status: { initialization: { infrastructureProvisioned: true } } },
    { subresource: 'status' },
  );
}

/** A Machine with its bootstrap data Secret and its InMemoryMachine, linked as the Machine controller links them. */
async function machineWithInfrastructure(name: string, cluster: Cluster): Promise<Machine> {
  const clusterName = cluster.metadata.name as string;
  await client.create(builtin.secret, {
    metadata: { ...key(`${name}-bootstrap`), labels: { [CapiLabel.clusterName]: clusterName } },
    data: { value: Buffer.from(`#cloud-config\nhostname: ${name}\n`).toString('base64') },
  });
  const machine = await client.create(capiTypes.machine, {
    metadata: { ...key(name), labels: { [CapiLabel.clusterName]: clusterName } },
    spec: {
      clusterName,
      bootstrap: { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: { apiGroup: InMemoryMachine.group, kind: InMemoryMachine.kind, name },
    },
  });
  await client.create(InMemoryMachine, {
    metadata: {
      ...key(name),
      labels: { [CapiLabel.clusterName]: clusterName },
      ownerReferences: [controllerReferenceTo(machine, capiTypes.machine)],
    },
    spec: { flavor: 'medium' },
  });
  return machine;
}

describe('the in-memory provider', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await provisionedCluster('demo');
  });

  it('provisions the cluster infrastructure: a load balancer gives the control plane endpoint', async () => {
    const inMemoryCluster = await client.get(InMemoryCluster, key('demo'));
    expect(inMemoryCluster.spec.controlPlaneEndpoint).toEqual({
      host: `lb-${inMemoryCluster.metadata.uid}.lb.inmemory.example`,
      port: 6443,
    });
    expect(conditionStatus(inMemoryCluster, 'Ready')).toBe('True');
  });

  it('provisions a machine: an instance booted with the bootstrap data, a providerID, addresses, Ready', async () => {
    await machineWithInfrastructure('worker-1', cluster);
    const machine = await eventually(async () => {
      const object = await client.get(InMemoryMachine, key('worker-1'));
      expect(conditionStatus(object, 'Ready')).toBe('True');
      expect(object.spec.providerID).toBeDefined();
      return object;
    });
    const instance = instanceName(machine);
    expect(machine.spec.providerID).toBe(`inmemory://${instance}`);
    expect(machine.status).toMatchObject({
      initialization: { provisioned: true },
      ready: true,
      addresses: [{ type: 'Hostname', address: instance }, { type: 'InternalIP' }],
    });
    expect(cloud.getInstance(instance)).toMatchObject({
      flavor: 'medium',
      userData: expect.stringContaining('worker-1'),
    });
    expect(cloud.calls.filter((call) => call === `create-instance ${instance}`)).toHaveLength(1);
  });

  it('writes nothing when a reconcile finds nothing to change', async () => {
    const instance = instanceName(await client.get(InMemoryMachine, key('worker-1')));
    const lookups = () => cloud.calls.filter((call) => call === `get-instance ${instance}`).length;
    /** Changes the Machine and waits for the next reconcile to start: the previous one has then finished. */
    const reconcileAgain = async (tag: string) => {
      const before = lookups();
      await client.mergePatch(capiTypes.machine, key('worker-1'), { metadata: { annotations: { touched: tag } } });
      await eventually(() => expect(lookups()).toBeGreaterThan(before));
    };
    expect(await writesOnceSettled({ client: manager.client, reconcileAgain })).toEqual([]);
  });

  it('stops while the Cluster is paused, and resumes when it is unpaused', async () => {
    await client.mergePatch(capiTypes.cluster, key('demo'), { spec: { paused: true } });
    await machineWithInfrastructure('worker-2', cluster);
    const paused = await eventually(async () => {
      const object = await client.get(InMemoryMachine, key('worker-2'));
      expect(getCondition(object, 'Paused')).toMatchObject({
        status: 'True',
        message: 'Cluster spec.paused is set to true',
      });
      return object;
    });
    expect(paused.spec.providerID).toBeUndefined();
    expect(cloud.instanceNames()).not.toContain(instanceName(paused));

    await client.mergePatch(capiTypes.cluster, key('demo'), { spec: { paused: false } });
    await eventually(async () => {
      const object = await client.get(InMemoryMachine, key('worker-2'));
      expect(conditionStatus(object, 'Paused')).toBe('False');
      expect(conditionStatus(object, 'Ready')).toBe('True');
    });
    expect(cloud.instanceNames()).toContain(instanceName(paused));
  });

  it('deletes the instance, then lets the InMemoryMachine go', async () => {
    const machine = await client.get(InMemoryMachine, key('worker-1'));
    expect(machine.metadata.finalizers).toEqual([`inmemorymachine.${InMemoryMachine.group}`]);
    await client.delete(InMemoryMachine, key('worker-1'));
    await eventually(async () => expect(await client.getOptional(InMemoryMachine, key('worker-1'))).toBeUndefined());
    expect(cloud.instanceNames()).not.toContain(instanceName(machine));
  });
});
