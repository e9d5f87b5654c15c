import { builtin } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import type { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { neutron } from '../../src/openstack/index.js';
import {
  condition,
  createMachine,
  deleteMachine,
  type MachineHarness,
  namespace,
  readyCluster,
  readyMachine,
  startMachineHarness,
} from './harness.js';

// CAPO's no-load-balancer mode: the API server floating IP the OpenStackCluster made its endpoint goes to the
// control-plane machine's port, and is deleted with that machine (`apiServerFloatingIP` unset).

const clusterName = 'nolb';
let h: MachineHarness;
let cluster: OpenStackCluster;

beforeAll(async () => {
  h = await startMachineHarness();
  cluster = await readyCluster(h, clusterName);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe('OpenStackMachine of a cluster without load balancer', () => {
  it('associates the API server floating IP with the control-plane machine, and deletes it with the machine', async () => {
    const endpoint = cluster.spec.controlPlaneEndpoint?.host as string;
    expect(endpoint).toMatch(/^172\.24\.4\./);
    const worker = 'nolb-worker';
    await createMachine(h, clusterName, worker);
    const name = 'nolb-control-plane';
    await createMachine(h, clusterName, name, { controlPlane: true });

    const osm = await readyMachine(h, name);
    expect(condition(osm, 'APIServerIngressReadyCondition')?.status).toBe('True');
    const server = await h.client.get(OpenStackServer, { namespace, name });
    const portId = server.status?.resources?.ports?.[0]?.id;
    const [fip] = await neutron.listFloatingIps(h.demo, { floatingIpAddress: endpoint });
    expect(fip?.port_id).toBe(portId);
    expect(fip?.fixed_ip_address).toBe(osm.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
    await eventually(async () => {
      const events = await h.client.list(builtin.event, { namespace });
      const about = events.items.filter(
        (e) => e.involvedObject.kind === 'OpenStackMachine' && e.involvedObject.name === name,
      );
      expect(about.map((e) => e.reason)).toContain('SuccessfulAssociateFloatingIP');
      expect(about.find((e) => e.reason === 'SuccessfulAssociateFloatingIP')?.message).toBe(
        `Associated floating IP ${endpoint} with port ${portId}`,
      );
    });
    // A worker leaves the floating IP alone.
    expect(condition(await readyMachine(h, worker), 'APIServerIngressReadyCondition')).toBeUndefined();

    await deleteMachine(h, name);
    await h.cloud.clock.whenIdle();
    expect(await neutron.listFloatingIps(h.demo, { floatingIpAddress: endpoint })).toEqual([]);
    await eventually(async () => {
      const events = await h.client.list(builtin.event, { namespace });
      expect(events.items).toContainEqual(
        expect.objectContaining({
          reason: 'SuccessfulDeleteFloatingIP',
          involvedObject: expect.objectContaining({ kind: 'OpenStackMachine', name }),
        }),
      );
    });
    expect(h.cloud.leftovers().filter((l) => l.name.startsWith(name))).toEqual([]);
    await deleteMachine(h, worker);
  });
});
