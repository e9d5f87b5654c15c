import { builtin, capiTypes, type Machine } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import { podClusterAgent } from '../../src/controllers/microk8scontrolplane/pod-cluster-agent.js';
import {
  bootMachine,
  type ControlPlaneHarness,
  createClusterCa,
  createClusterWithControlPlane,
  DevMachineTemplate,
  machinesOf,
  setNodeStatus,
  startHarness,
} from './harness.js';

// User stories: upgrading a control plane by rolling its Machines (1 and 3 replicas) or in place (snap refresh
// with the configured risk level), pausing it, and deleting it.

let h: ControlPlaneHarness;
let nextAddress = 1;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getControlPlane = (ns: string, name: string) => h.client.get(MicroK8sControlPlane, { namespace: ns, name });
const ensureNamespace = (name: string) =>
  h.client.create(builtin.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** Boots every Machine that has no node yet, as the infrastructure and the kubelet would. */
async function bootNewMachines(machines: Machine[]): Promise<void> {
  for (const machine of machines) {
    if (!machine.status?.nodeRef && !machine.metadata.deletionTimestamp) {
      nextAddress += 1;
      await bootMachine(h, machine, `10.1.${Math.floor(nextAddress / 250)}.${nextAddress % 250}`);
    }
  }
}

/** Creates a control plane and boots it to `replicas` Ready machines at v1.30.1. */
async function runningControlPlane(ns: string, spec: Record<string, unknown>, replicas: number): Promise<Machine[]> {
  await ensureNamespace(ns);
  await createClusterWithControlPlane(h, ns, ns, { replicas, ...spec });
  await createClusterCa(h, ns, ns);
  return await eventually(async () => {
    const machines = await machinesOf(h, ns, ns);
    await bootNewMachines(machines);
    expect(machines).toHaveLength(replicas);
    expect((await getControlPlane(ns, ns)).status?.readyReplicas).toBe(replicas);
    return machines;
  });
}

/** Drives a rolling upgrade to v1.31.0: boots each surged Machine until all are replaced. */
async function rollTo131(ns: string, replicas: number, original: Machine[]): Promise<Machine[]> {
  await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name: ns }, { spec: { version: 'v1.31.0' } });
  const maxSeen = { count: 0 };
  const final = await eventually(
    async () => {
      const machines = await machinesOf(h, ns, ns);
      maxSeen.count = Math.max(maxSeen.count, machines.length);
      await bootNewMachines(machines);
      expect(machines.map((m) => m.spec.version)).toEqual(Array(replicas).fill('v1.31.0'));
      return machines;
    },
    { timeoutMs: 45_000, intervalMs: 200 },
  );
  // Never more than one extra Machine, and none of the originals is left.
  expect(maxSeen.count).toBeLessThanOrEqual(replicas + 1);
  const originalNames = original.map((m) => m.metadata.name);
  expect(final.filter((m) => originalNames.includes(m.metadata.name))).toEqual([]);
  await eventually(async () => {
    expect((await getControlPlane(ns, ns)).status).toMatchObject({
      replicas,
      upToDateReplicas: replicas,
      version: 'v1.31.0',
    });
  });
  return final;
}

describe('rolling upgrades', () => {
  it('rolls a single-machine control plane (CACPM cannot)', async () => {
    const original = await runningControlPlane('roll-one', { upgradeStrategy: 'RollingUpgrade' }, 1);
    await rollTo131('roll-one', 1, original);
  });

  it('rolls three machines under SmartUpgrade', async () => {
    const original = await runningControlPlane('roll-three', {}, 3);
    await rollTo131('roll-three', 3, original);
  });
});

describe('in-place upgrade', () => {
  it('refreshes the snap on the node with the configured risk level, then records the version', async () => {
    const ns = 'in-place';
    const [machine] = await runningControlPlane(
      ns,
      { upgradeStrategy: 'InPlaceUpgrade', controlPlaneConfig: { initConfiguration: { riskLevel: 'candidate' } } },
      1,
    );
    const node = (machine as Machine).metadata.name as string;
    await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name: ns }, { spec: { version: 'v1.31.2' } });
    const podType = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
    const pod = (await eventually(() =>
      h.workloadClient.get(podType, { namespace: 'default', name: `upgrade-pod-${node}` }),
    )) as unknown as { spec: { nodeName: string; containers: { args: string[] }[] } };
    expect(pod.spec.nodeName).toBe(node);
    expect(pod.spec.containers[0]?.args).toContain('{"action":"refresh","channel":"1.31/candidate"}');
    // No second machine: in place means in place.
    expect(await machinesOf(h, ns, ns)).toHaveLength(1);

    // The kubelet comes back at the new minor: the Machine records it and the pod goes.
    const address = (machine as Machine).status?.addresses?.[0]?.address ?? '';
    await setNodeStatus(h, node, address, 'v1.31.2');
    await eventually(async () => {
      const [upgraded] = await machinesOf(h, ns, ns);
      expect(upgraded?.metadata.name).toBe(node);
      expect(upgraded?.spec.version).toBe('v1.31.2');
      expect(await h.workloadClient.getOptional(podType, { namespace: 'default', name: `upgrade-pod-${node}` })).toBe(
        undefined,
      );
    });
  });
});

describe('pause and deletion', () => {
  it('does nothing while the Cluster is paused, and resumes when unpaused', async () => {
    const ns = 'paused';
    await runningControlPlane(ns, {}, 1);
    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: ns }, { spec: { paused: true } });
    await eventually(async () => {
      const cp = await getControlPlane(ns, ns);
      expect(cp.status?.v1beta2?.conditions?.find((c) => c.type === 'Paused')?.status).toBe('True');
    });
    await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name: ns }, { spec: { replicas: 2 } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await machinesOf(h, ns, ns)).toHaveLength(1);

    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: ns }, { spec: { paused: false } });
    await eventually(async () => expect(await machinesOf(h, ns, ns)).toHaveLength(2));
  });

  it('deletes the Machines, then the cluster Secrets, then the finalizer', async () => {
    const ns = 'deleted';
    await runningControlPlane(ns, {}, 2);
    await eventually(() => h.client.get(builtin.secret, { namespace: ns, name: `${ns}-kubeconfig` }));
    await h.client.delete(MicroK8sControlPlane, { namespace: ns, name: ns });
    await eventually(async () => {
      expect(await machinesOf(h, ns, ns)).toEqual([]);
      expect(await h.client.getOptional(MicroK8sControlPlane, { namespace: ns, name: ns })).toBeUndefined();
    });
    for (const suffix of ['kubeconfig', 'ca', 'capi-auth-token']) {
      expect(await h.client.getOptional(builtin.secret, { namespace: ns, name: `${ns}-${suffix}` })).toBeUndefined();
    }
  });
});

describe('bad input and the cluster agent caller', () => {
  it('reports a missing infrastructure template on MachinesCreated and creates nothing', async () => {
    const ns = 'no-template';
    await ensureNamespace(ns);
    await createClusterWithControlPlane(h, ns, ns, {});
    await h.client.delete(DevMachineTemplate, { namespace: ns, name: ns });
    await createClusterWithControlPlane(h, ns, 'other', {
      machineTemplate: {
        infrastructureTemplate: {
          apiVersion: DevMachineTemplate.apiVersion,
          kind: DevMachineTemplate.kind,
          name: 'gone',
        },
      },
    });
    await eventually(async () => {
      const cp = await getControlPlane(ns, 'other');
      const condition = cp.status?.v1beta2?.conditions?.find((c) => c.type === 'MachinesCreated');
      expect(condition).toMatchObject({ status: 'False', reason: 'MachineGenerationFailed' });
      expect(condition?.message).toContain('DevMachineTemplate no-template/gone does not exist');
    });
    expect(await machinesOf(h, ns, 'other')).toEqual([]);
  });

  it('delivers a dqlite removal from a Pod on the remaining node', async () => {
    await podClusterAgent(h.workloadClient).removeFromDqlite({
      nodeName: 'cp-keep',
      agentAddress: '10.9.0.1',
      removeAddress: '10.9.0.2',
      portCompatibilityRemap: false,
      authToken: 'secret-token',
    });
    const podType = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
    const pod = (await h.workloadClient.get(podType, {
      namespace: 'default',
      name: 'cluster-agent-caller-cp-keep',
    })) as unknown as { spec: { nodeName: string; containers: { args: string[] }[] } };
    expect(pod.spec.nodeName).toBe('cp-keep');
    expect(pod.spec.containers[0]?.args.slice(-3)).toEqual([
      '-d',
      '{"remove_endpoint":"10.9.0.2:19001"}',
      'https://10.9.0.1:25000/cluster/api/v2.0/dqlite/remove',
    ]);
  });
});
