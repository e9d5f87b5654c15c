import { builtin, type KubeEvent } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  deleteMachine,
  type MachineHarness,
  namespace,
  readyCluster,
  readyMachine,
  startMachineHarness,
} from './harness.js';

// CAPO's parity events (`Successful<action>` / `Failed<action>`) about the OpenStackCluster for the cluster's
// network, router, security groups and load balancer, and about the OpenStackServer for its ports and server.

const clusterName = 'events';
let h: MachineHarness;

beforeAll(async () => {
  h = await startMachineHarness();
  await readyCluster(h, clusterName, { apiServerLoadBalancer: { enabled: true } });
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

async function eventsAbout(kind: string, name: string): Promise<KubeEvent[]> {
  const events = await h.client.list(builtin.event, { namespace });
  return events.items.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name);
}

const reasons = (events: readonly KubeEvent[]) => events.map((e) => e.reason);

describe('OpenStack parity events', () => {
  it('a cluster create records the creation of its network, subnet, router, security groups and load balancer', async () => {
    const events = await eventually(async () => {
      const about = await eventsAbout('OpenStackCluster', clusterName);
      expect(reasons(about)).toEqual(
        expect.arrayContaining([
          'SuccessfulCreateNetwork',
          'SuccessfulCreateSubnet',
          'SuccessfulCreateRouter',
          'SuccessfulCreateSecurityGroup',
          'SuccessfulCreateLoadBalancer',
          'SuccessfulCreateListener',
          'SuccessfulCreatePool',
          'SuccessfulCreateFloatingIP',
        ]),
      );
      return about;
    });
    const network = events.find((e) => e.reason === 'SuccessfulCreateNetwork');
    expect(network).toMatchObject({
      type: 'Normal',
      source: { component: 'openstack-controller' },
      message: expect.stringMatching(/^Created network k8s-clusterapi-cluster-default-events with id \S+$/),
    });
    // One Event per security group (control plane and worker), none counted twice.
    expect(events.filter((e) => e.reason === 'SuccessfulCreateSecurityGroup')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'Warning')).toEqual([]);
  });

  it('a machine create records its port and server on its OpenStackServer', async () => {
    const name = 'events-ok';
    await createMachine(h, clusterName, name);
    await readyMachine(h, name);
    await eventually(async () => {
      const about = await eventsAbout('OpenStackServer', name);
      expect(reasons(about)).toEqual(expect.arrayContaining(['SuccessfulCreatePort', 'SuccessfulCreateServer']));
      expect(about.find((e) => e.reason === 'SuccessfulCreateServer')?.message).toMatch(
        new RegExp(`^Created server ${name} with id \\S+$`),
      );
    });

    await deleteMachine(h, name);
    await eventually(async () => {
      const about = await eventsAbout('OpenStackServer', name);
      expect(reasons(about)).toEqual(expect.arrayContaining(['SuccessfulDeleteServer', 'SuccessfulDeletePort']));
    });
  });

  it('a failing create records a Failed warning with the cloud’s message, and the retry its success', async () => {
    const name = 'events-failing';
    const fault = h.cloud.injectFault({
      service: 'compute',
      method: 'POST',
      path: '/v2.1/servers',
      times: 1,
      effect: { kind: 'status', status: 400, message: 'Simulated refusal of the server' },
    });
    await createMachine(h, clusterName, name);
    await eventually(async () => {
      const about = await eventsAbout('OpenStackServer', name);
      const failed = about.find((e) => e.reason === 'FailedCreateServer');
      expect(failed).toMatchObject({ type: 'Warning', source: { component: 'openstack-controller' } });
      expect(failed?.message).toMatch(
        new RegExp(`^Failed to create server ${name}: .*Simulated refusal of the server`),
      );
    });
    expect(fault.hits).toBe(1);
    await readyMachine(h, name, 60_000);
    await eventually(async () =>
      expect(reasons(await eventsAbout('OpenStackServer', name))).toContain('SuccessfulCreateServer'),
    );
  });
});
