import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import {
  condition,
  createMachine,
  createMachineOnly,
  createOpenStackMachine,
  deleteMachine,
  type MachineHarness,
  machineControllerIdle,
  namespace,
  readMachine,
  readyCluster,
  readyMachine,
  startMachineHarness,
} from './harness.js';

// The OpenStackMachine controller when it must not or cannot proceed: a paused machine, a spec that cannot become
// a server, and a server Nova puts in ERROR (replaced once, then given up).

const clusterName = 'plain';
let h: MachineHarness;

beforeAll(async () => {
  h = await startMachineHarness({ maxErrorReplacements: 1 });
  await readyCluster(h, clusterName);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

/** Nothing of the machine is left in the cloud once its OpenStackMachine is gone. */
async function expectNothingLeftOf(name: string): Promise<void> {
  expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();
  await h.cloud.clock.whenIdle();
  expect(h.cloud.leftovers().filter((l) => l.name.startsWith(name))).toEqual([]);
}

describe('OpenStackMachine failures and pause', () => {
  it('a paused OpenStackMachine is reconciled without any write; unpaused it proceeds', async () => {
    const name = 'paused';
    // The Machine first: its event reconciles the request while the OpenStackMachine does not exist yet.
    const before = await h.machineReconciles();
    const machine = await createMachineOnly(h, clusterName, name);
    await eventually(async () => expect(await h.machineReconciles()).toBeGreaterThan(before));

    await machineControllerIdle(h);
    h.cloud.clearRequests();
    const counted = await h.machineReconciles();
    const openStackMachine = await createOpenStackMachine(h, machine, {
      annotations: { 'cluster.x-k8s.io/paused': '' },
    });
    await eventually(async () => expect(await h.machineReconciles()).toBeGreaterThan(counted));
    const paused = await readMachine(h, name);
    expect(paused.metadata.resourceVersion).toBe(openStackMachine.metadata.resourceVersion);
    expect(paused.metadata.finalizers).toBeUndefined();
    expect(paused.status).toBeUndefined();
    expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();
    // Nothing created in the cloud either (the other controllers may still be reading it).
    for (const method of ['POST', 'PUT', 'DELETE']) expect(h.cloud.countRequests({ method })).toBe(0);

    await h.client.mergePatch(
      OpenStackMachine,
      { namespace, name },
      { metadata: { annotations: { 'cluster.x-k8s.io/paused': null } } },
    );
    await readyMachine(h, name);
    await deleteMachine(h, name);
    await expectNothingLeftOf(name);
  });

  it('a spec that cannot become a server: Ready=False with the reason and message, nothing created', async () => {
    const name = 'no-image';
    await createMachine(h, clusterName, name, { spec: { image: { filter: { name: 'no-such-image' } } } });
    const osm = await eventually(async () => {
      const current = await readMachine(h, name);
      expect(condition(current, 'Ready')?.reason).toBe('InvalidMachineSpec');
      return current;
    });
    expect(condition(osm, 'InstanceReady')).toMatchObject({
      status: 'False',
      reason: 'InvalidMachineSpec',
      severity: 'Error',
      message: 'no image matches the filter',
    });
    expect(condition(osm, 'Ready')).toMatchObject({ status: 'False', severity: 'Error' });
    expect(osm.status?.ready).toBeUndefined();
    expect(osm.spec.providerID).toBeUndefined();
    await deleteMachine(h, name);
    await expectNothingLeftOf(name);
  });

  it('a server in ERROR shows Nova’s fault on the machine, and once given up the machine has failed', async () => {
    const name = 'broken';
    const fault = 'No valid host was found. There are not enough hosts available.';
    h.cloud.setFailurePolicy({ server: (server) => (server.name === name ? fault : undefined) });
    h.cloud.clearRequests();
    await createMachine(h, clusterName, name);
    const failed = await eventually(
      async () => {
        const current = await readMachine(h, name);
        expect(current.status?.failureReason).toBe('UpdateError');
        return current;
      },
      { timeoutMs: 30_000 },
    );
    h.cloud.setFailurePolicy({});
    expect(failed.status?.failureMessage).toContain(fault);
    expect(condition(failed, 'InstanceReady')).toMatchObject({
      status: 'False',
      reason: 'InstanceStateError',
      severity: 'Error',
    });
    expect(condition(failed, 'InstanceReady')?.message).toContain(fault);
    expect(condition(failed, 'Ready')?.message).toBe(condition(failed, 'InstanceReady')?.message);
    expect(failed.status?.ready).toBeUndefined();
    expect(h.cloud.countRequests({ service: 'compute', method: 'POST', path: /\/servers$/ })).toBe(2);
    await deleteMachine(h, name);
    await expectNothingLeftOf(name);
  });
});
