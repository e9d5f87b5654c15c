import { builtin, type Condition, capiTypes, getCondition, type Machine } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import {
  bootMachine,
  type ControlPlaneHarness,
  createClusterCa,
  createClusterWithControlPlane,
  machinesOf,
  setNodeStatus,
  startHarness,
} from './harness.js';

// User story: `clusterctl describe cluster` shows whether each control-plane Machine is up to date. Cluster API's
// Machine controller leaves the `UpToDate` condition of control-plane Machines to the control plane, which also
// aggregates it into its own `MachinesUpToDate` (and Cluster API into the Cluster's `ControlPlaneMachinesUpToDate`).

let h: ControlPlaneHarness;
let nextAddress = 1;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const getControlPlane = (ns: string) => h.client.get(MicroK8sControlPlane, { namespace: ns, name: ns });
const machinesUpToDate = async (ns: string) =>
  (await getControlPlane(ns)).status?.v1beta2?.conditions?.find((c) => c.type === 'MachinesUpToDate');
const upToDateOf = (machine: Machine | undefined): Condition | undefined =>
  machine && getCondition(machine, 'UpToDate');

/** Creates a control plane of one Machine at v1.30.1 and boots it. */
async function runningControlPlane(ns: string, spec: Record<string, unknown>): Promise<Machine> {
  await h.client.create(builtin.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await createClusterWithControlPlane(h, ns, ns, { replicas: 1, ...spec });
  await createClusterCa(h, ns, ns);
  const machine = await eventually(async () => {
    const [first] = await machinesOf(h, ns, ns);
    expect(first).toBeDefined();
    return first as Machine;
  });
  nextAddress += 1;
  await bootMachine(h, machine, `10.2.0.${nextAddress}`);
  await eventually(async () => expect((await getControlPlane(ns)).status?.readyReplicas).toBe(1));
  return machine;
}

describe('UpToDate on the control-plane Machines', () => {
  it('is True at the desired version, False/NotUpToDate after a version bump, and aggregated', async () => {
    const ns = 'rolling';
    const original = await runningControlPlane(ns, { upgradeStrategy: 'RollingUpgrade' });
    const name = original.metadata.name as string;
    // bootMachine played Cluster API by writing the Machine's conditions list; the control plane adds its own.
    const booted = await eventually(async () => {
      const [machine] = await machinesOf(h, ns, ns);
      expect(upToDateOf(machine)).toMatchObject({ status: 'True', reason: 'UpToDate', message: '' });
      expect(getCondition(machine as Machine, 'Ready')).toMatchObject({ status: 'True' });
      expect(await machinesUpToDate(ns)).toMatchObject({ status: 'True', reason: 'UpToDate' });
      return machine as Machine;
    });
    expect(upToDateOf(booted)?.observedGeneration).toBe(booted.metadata.generation);

    // A reconcile with nothing to do (the Cluster changed) writes no Machine.
    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: ns }, { metadata: { labels: { touch: '1' } } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [steady] = await machinesOf(h, ns, ns);
    expect(steady?.metadata.resourceVersion).toBe(booted.metadata.resourceVersion);

    // Version bump: a v1.31.0 Machine is surged; it waits unbooted, so the old one stays.
    await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name: ns }, { spec: { version: 'v1.31.0' } });
    const [old, surged] = await eventually(async () => {
      const machines = await machinesOf(h, ns, ns);
      expect(machines).toHaveLength(2);
      const [first, second] = machines;
      expect(first?.metadata.name).toBe(name);
      expect(upToDateOf(first)).toMatchObject({
        status: 'False',
        reason: 'NotUpToDate',
        message: '* Version v1.30.1, v1.31.0 required',
      });
      expect(upToDateOf(second)).toMatchObject({ status: 'True', reason: 'UpToDate' });
      return machines as [Machine, Machine];
    });
    // Cluster API's conditions are kept.
    expect(getCondition(old, 'Ready')).toMatchObject({ status: 'True' });
    await eventually(async () => {
      expect(await machinesUpToDate(ns)).toMatchObject({
        status: 'False',
        reason: 'NotUpToDate',
        message: `* Machine ${name}:\n  * Version v1.30.1, v1.31.0 required`,
      });
    });

    // Steady again: the control plane reconciles (its Cluster changes) without rewriting the same condition.
    const stillOld = (await machinesOf(h, ns, ns))[0] as Machine;
    await h.client.mergePatch(capiTypes.cluster, { namespace: ns, name: ns }, { metadata: { labels: { touch: '2' } } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await machinesOf(h, ns, ns))[0]?.metadata.resourceVersion).toBe(stillOld.metadata.resourceVersion);

    // The surged Machine joins, the old one goes: every Machine is up to date again.
    nextAddress += 1;
    await bootMachine(h, surged, `10.2.0.${nextAddress}`);
    await eventually(
      async () => {
        const machines = await machinesOf(h, ns, ns);
        expect(machines.map((m) => m.metadata.name)).toEqual([surged.metadata.name]);
        expect(upToDateOf(machines[0])).toMatchObject({ status: 'True', reason: 'UpToDate' });
        expect(await machinesUpToDate(ns)).toMatchObject({ status: 'True', reason: 'UpToDate', message: '' });
      },
      { timeoutMs: 30_000 },
    );
  });

  it('is False/Updating while the Machine is upgraded in place, then True', async () => {
    const ns = 'in-place-up-to-date';
    const machine = await runningControlPlane(ns, { upgradeStrategy: 'InPlaceUpgrade' });
    const node = machine.metadata.name as string;
    await h.client.mergePatch(MicroK8sControlPlane, { namespace: ns, name: ns }, { spec: { version: 'v1.31.2' } });
    await eventually(async () => {
      const [upgrading] = await machinesOf(h, ns, ns);
      expect(upToDateOf(upgrading)).toMatchObject({
        status: 'False',
        reason: 'Updating',
        message: '* In-place upgrade to v1.31.2 in progress',
      });
      expect(await machinesUpToDate(ns)).toMatchObject({ status: 'False', reason: 'NotUpToDate' });
    });

    // The kubelet reports the new minor: the Machine records it and is up to date.
    await setNodeStatus(h, node, `10.2.0.${nextAddress}`, 'v1.31.2');
    await eventually(async () => {
      const [upgraded] = await machinesOf(h, ns, ns);
      expect(upgraded?.spec.version).toBe('v1.31.2');
      expect(upToDateOf(upgraded)).toMatchObject({ status: 'True', reason: 'UpToDate' });
      expect(await machinesUpToDate(ns)).toMatchObject({ status: 'True', reason: 'UpToDate' });
    });
  });
});
