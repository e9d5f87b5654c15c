import { X509Certificate } from 'node:crypto';
import { builtin, capiTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import {
  bootMachine,
  type ControlPlaneHarness,
  clientFromKubeconfigSecret,
  createClusterCa,
  createClusterWithControlPlane,
  DevMachine,
  MicroK8sConfig,
  machinesOf,
  setNodeReady,
  startHarness,
} from './harness.js';

// User story: a MicroK8s control plane boots its first machine, gets a kubeconfig for the workload cluster, is
// scaled to three machines spread over three failure domains, then back to one, removing the departed members
// from dqlite.

const ns = 'default';
const name = 'demo';
let h: ControlPlaneHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getControlPlane = () => h.client.get(MicroK8sControlPlane, { namespace: ns, name });
const v1beta2Condition = (cp: MicroK8sControlPlane, type: string) =>
  cp.status?.v1beta2?.conditions?.find((c) => c.type === type);

describe('first boot and scaling', () => {
  it('boots one machine, writes the kubeconfig, reports availability, scales 1 → 3 → 1', async () => {
    const domains = [
      { name: 'az-c', controlPlane: true },
      { name: 'az-a', controlPlane: true },
      { name: 'az-b', controlPlane: true },
      { name: 'workers', controlPlane: false },
    ];
    await createClusterWithControlPlane(
      h,
      ns,
      name,
      { controlPlaneConfig: { initConfiguration: { riskLevel: 'candidate', addons: ['dns'] } } },
      domains,
    );

    // No replicas given: defaulted to 1, and exactly one Machine is created.
    const [first] = await eventually(async () => {
      const machines = await machinesOf(h, ns, name);
      expect(machines).toHaveLength(1);
      return machines;
    });
    const cp = await getControlPlane();
    expect(cp.spec?.replicas).toBe(1);
    expect(cp.metadata.finalizers).toEqual(['microk8s.controlplane.cluster.x-k8s.io']);
    const machine = first as NonNullable<typeof first>;
    expect(machine.spec).toMatchObject({
      clusterName: name,
      version: 'v1.30.1',
      failureDomain: 'az-a',
      bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'MicroK8sConfig' } },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine' },
    });
    expect(machine.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'MicroK8sControlPlane', name, uid: cp.metadata.uid, controller: true }),
    ]);
    // The infrastructure machine is cloned from the template, the config copies controlPlaneConfig.
    const machineName = machine.metadata.name as string;
    const infra = await h.client.get(DevMachine, { namespace: ns, name: machine.spec.infrastructureRef.name });
    expect(infra.spec).toEqual({ flavor: 'large' });
    expect(infra.metadata.annotations?.['cluster.x-k8s.io/cloned-from-name']).toBe(name);
    const config = await h.client.get(MicroK8sConfig, { namespace: ns, name: machineName });
    expect(config.spec?.initConfiguration).toMatchObject({ riskLevel: 'candidate', addons: ['dns'] });
    expect(config.metadata.labels?.['cluster.x-k8s.io/control-plane']).toBe('');

    // Not available until the CA exists and a control-plane node is Ready.
    await eventually(async () => {
      const current = await getControlPlane();
      expect(v1beta2Condition(current, 'Available')).toMatchObject({
        status: 'False',
        reason: 'WaitingForMicroK8sBoot',
      });
      expect(current.status).toMatchObject({
        replicas: 1,
        readyReplicas: 0,
        unavailableReplicas: 1,
        initialized: false,
      });
    });
    await createClusterCa(h, ns, name);
    const { secret, client: workload } = await eventually(() => clientFromKubeconfigSecret(h, ns, name));
    expect(secret.type).toBe('cluster.x-k8s.io/secret');
    expect(secret.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe(name);
    // CACPM's admin client certificate.
    const kubeconfig = parse(Buffer.from(secret.data?.value ?? '', 'base64').toString('utf8')) as {
      users: { user: { 'client-certificate-data': string } }[];
    };
    const certificate = Buffer.from(kubeconfig.users[0]?.user['client-certificate-data'] ?? '', 'base64');
    expect(new X509Certificate(certificate).subject).toBe('CN=admin\nO=admin\nO=system:masters');
    // The generated kubeconfig really authenticates against the workload API server.
    expect((await workload.list(builtin.node)).items).toEqual([]);

    await bootMachine(h, machine, '10.0.0.1');
    await eventually(async () => {
      const current = await getControlPlane();
      expect(current.status).toMatchObject({
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        upToDateReplicas: 1,
        unavailableReplicas: 0,
        initialized: true,
        ready: true,
        bootstrapped: true,
        version: 'v1.30.1',
        initialization: { controlPlaneInitialized: true },
        selector: `cluster.x-k8s.io/cluster-name=${name},cluster.x-k8s.io/control-plane`,
        observedGeneration: current.metadata.generation,
      });
      expect(v1beta2Condition(current, 'Available')?.status).toBe('True');
      expect(v1beta2Condition(current, 'Ready')?.status).toBe('True');
    });
    // providerID copied from the Machine to its Node.
    const node = await h.workloadClient.get(builtin.node, { name: machineName });
    expect((node as { spec?: { providerID?: string } }).spec?.providerID).toBe(`dev://${machineName}`);
    const booted = await getControlPlane();
    expect(v1beta2Condition(booted, 'MachinesReady')).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(v1beta2Condition(booted, 'ControlPlaneComponentsHealthy')).toMatchObject({
      status: 'True',
      reason: 'Healthy',
    });

    // Only the workload cluster changes (no Machine event): the Node watch brings the control plane back.
    await setNodeReady(h, machineName, 'False');
    await eventually(async () => {
      const current = await getControlPlane();
      expect(current.status).toMatchObject({ readyReplicas: 0, unavailableReplicas: 1 });
      expect(v1beta2Condition(current, 'ControlPlaneComponentsHealthy')).toMatchObject({
        status: 'False',
        reason: 'NotHealthy',
        message: `Node ${machineName} of Machine ${machineName} is not Ready`,
      });
      expect(current.status?.conditions?.find((c) => c.type === 'ControlPlaneComponentsHealthy')).toMatchObject({
        status: 'False',
        severity: 'Warning',
      });
    });
    await setNodeReady(h, machineName, 'True');
    await eventually(async () => {
      const current = await getControlPlane();
      expect(current.status).toMatchObject({ readyReplicas: 1 });
      expect(v1beta2Condition(current, 'ControlPlaneComponentsHealthy')?.status).toBe('True');
    });

    // Scale to 3 through the scale subresource: one at a time, spread evenly.
    await h.client.mergePatch(
      MicroK8sControlPlane,
      { namespace: ns, name },
      { spec: { replicas: 3 } },
      {
        subresource: 'scale',
      },
    );
    const three = await eventually(async () => {
      const machines = await machinesOf(h, ns, name);
      expect(machines).toHaveLength(3);
      return machines;
    });
    expect(three.map((m) => m.spec.failureDomain).sort()).toEqual(['az-a', 'az-b', 'az-c']);
    // The new Machines have neither a Node nor a Ready condition yet.
    await eventually(async () => {
      const current = await getControlPlane();
      expect(v1beta2Condition(current, 'MachinesReady')).toMatchObject({ status: 'Unknown', reason: 'ReadyUnknown' });
      expect(v1beta2Condition(current, 'ControlPlaneComponentsHealthy')?.status).toBe('True');
    });
    for (const [i, m] of three.slice(1).entries()) await bootMachine(h, m, `10.0.0.${i + 2}`);
    await eventually(async () => {
      expect((await getControlPlane()).status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    });
    expect(h.dqliteRemovals).toEqual([]);

    // Scale back to 1: two Machines and their Nodes go, their dqlite members are removed via a remaining node.
    await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name }, { spec: { replicas: 1 } });
    const remaining = await eventually(async () => {
      const machines = await machinesOf(h, ns, name);
      expect(machines).toHaveLength(1);
      return machines;
    });
    const survivor = remaining[0]?.metadata.name as string;
    await eventually(async () => {
      const nodes = (await h.workloadClient.list(builtin.node)).items.map((n) => n.metadata.name);
      expect(nodes).toEqual([survivor]);
      expect((await getControlPlane()).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
      expect(v1beta2Condition(await getControlPlane(), 'Resized')?.status).toBe('True');
    });
    expect(h.dqliteRemovals).toHaveLength(2);
    for (const removal of h.dqliteRemovals) {
      expect(removal).toMatchObject({ authToken: 'agent-token', portCompatibilityRemap: true });
      expect(removal.removeAddress).not.toBe(removal.agentAddress);
    }
    expect(h.dqliteRemovals.at(-1)?.nodeName).toBe(survivor);
    // Scaled down from distinct failure domains, the oldest Machine first.
    expect(remaining[0]?.metadata.name).not.toBe(machineName);
    expect(await h.client.getOptional(capiTypes.machine, { namespace: ns, name: machineName })).toBeUndefined();
  });

  it('writes nothing when there is nothing to do', async () => {
    const before = await getControlPlane();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await getControlPlane()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
