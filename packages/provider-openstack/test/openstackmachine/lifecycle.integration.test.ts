import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import { loadBalancerMemberName, loadBalancerPortResourceName } from '../../src/controllers/shared/resource-names.js';
import { neutron, nova, octavia } from '../../src/openstack/index.js';
import {
  condition,
  createMachine,
  deleteMachine,
  type MachineHarness,
  machineControllerIdle,
  namespace,
  readMachine,
  readyCluster,
  readyMachine,
  setBootstrapData,
  startMachineHarness,
} from './harness.js';

// The OpenStackMachine controller with the OpenStackCluster and OpenStackServer controllers against a real API
// server (Cluster API's CRDs and ours) and the OpenStack simulator: a worker and a control-plane machine of a
// cluster with an API server load balancer, a steady-state reconcile, and deletion.

const clusterName = 'lb';
const ref = { namespace, name: clusterName };
let h: MachineHarness;

beforeAll(async () => {
  h = await startMachineHarness();
  await readyCluster(h, clusterName, { apiServerLoadBalancer: { enabled: true } });
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

async function poolMembers(port = 6443) {
  const [pool] = await octavia.listPools(h.demo, { name: loadBalancerPortResourceName(ref, port) });
  return octavia.listMembers(h.demo, pool?.id as string);
}

describe('OpenStackMachine of a cluster with an API server load balancer', () => {
  it('waits for bootstrap data, then creates the OpenStackServer and reports providerID, addresses and ready', async () => {
    const name = 'worker-0';
    await createMachine(h, clusterName, name, { withoutBootstrapData: true, spec: { tags: ['machine-tag'] } });
    await eventually(async () => {
      const osm = await readMachine(h, name);
      expect(condition(osm, 'InstanceReady')).toMatchObject({ status: 'False', reason: 'WaitingForBootstrapData' });
    });
    expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();

    await setBootstrapData(h, name);
    const osm = await readyMachine(h, name);
    const server = await h.client.get(OpenStackServer, { namespace, name });
    expect(server.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe(clusterName);
    expect(server.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'OpenStackMachine', name, uid: osm.metadata.uid, controller: true }),
    ]);
    expect(server.spec).toMatchObject({
      userDataRef: { name },
      identityRef: { name: 'cloud-config', cloudName: 'openstack' },
      tags: ['machine-tag'],
    });
    const id = server.status?.instanceID as string;
    expect(osm.spec.providerID).toBe(`openstack:///${id}`);
    expect(osm.status).toMatchObject({ ready: true, initialization: { provisioned: true }, instanceID: id });
    expect(osm.status?.failureReason).toBeUndefined();
    expect(osm.status?.addresses).toEqual([
      { type: 'InternalIP', address: expect.stringMatching(/^10\.8\.0\./) },
      { type: 'InternalDNS', address: name },
    ]);
    expect(condition(osm, 'InstanceReady')?.status).toBe('True');
    expect(condition(osm, 'APIServerIngressReadyCondition')).toBeUndefined();
    expect(osm.metadata.finalizers).toContain('openstackmachine.infrastructure.cluster.x-k8s.io');
    const instance = await nova.getServer(h.compute, id);
    expect(instance.status).toBe('ACTIVE');
    // A worker is no load balancer member.
    expect(await poolMembers()).toEqual([]);
  });

  it('adds a control-plane machine to the API server pool under CAPO’s member name', async () => {
    const name = 'control-plane-0';
    await createMachine(h, clusterName, name, { controlPlane: true });
    const osm = await readyMachine(h, name);
    expect(condition(osm, 'APIServerIngressReadyCondition')?.status).toBe('True');
    const address = osm.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    const members = await poolMembers();
    expect(members).toEqual([
      expect.objectContaining({ name: loadBalancerMemberName(ref, 6443, name), address, protocol_port: 6443 }),
    ]);
    expect(members[0]?.provisioning_status).toBe('ACTIVE');
  });

  it('a reconcile in the steady state writes nothing, to the cloud or to the object', async () => {
    const name = 'control-plane-0';
    await machineControllerIdle(h);
    h.cloud.clearRequests();
    const before = await h.machineReconciles();
    const touched = await h.client.mergePatch(
      OpenStackMachine,
      { namespace, name },
      { metadata: { annotations: { touch: '1' } } },
    );
    // The reconcile looked at the server and the load balancer members, and changed nothing.
    await eventually(async () => {
      expect(await h.machineReconciles()).toBeGreaterThan(before);
      expect(h.cloud.countRequests({ service: 'compute', method: 'GET', path: /\/servers\// })).toBeGreaterThan(0);
      expect(h.cloud.countRequests({ service: 'load-balancer', method: 'GET', path: /members/ })).toBeGreaterThan(0);
    });
    await machineControllerIdle(h);
    expect(h.cloud.countRequests({ method: 'POST' })).toBe(0);
    expect(h.cloud.countRequests({ method: 'PUT' })).toBe(0);
    expect(h.cloud.countRequests({ method: 'DELETE' })).toBe(0);
    expect((await readMachine(h, name)).metadata.resourceVersion).toBe(touched.metadata.resourceVersion);
  });

  it('after a clusterctl move (objects arrive without status) finds its server again instead of creating one', async () => {
    const name = 'worker-0';
    const before = await readMachine(h, name);
    const serverId = before.status?.instanceID as string;
    await machineControllerIdle(h);
    h.cloud.clearRequests();
    // clusterctl move copies spec and metadata, not status.
    const wiped = [
      await h.client.mergePatch(OpenStackServer, { namespace, name }, { status: null }, { subresource: 'status' }),
      await h.client.mergePatch(OpenStackMachine, { namespace, name }, { status: null }, { subresource: 'status' }),
    ];
    expect(wiped.map((o) => o.status?.instanceID)).toEqual([undefined, undefined]);
    const moved = await eventually(async () => {
      const osm = await readMachine(h, name);
      expect(osm.status).toMatchObject({ ready: true, initialization: { provisioned: true }, instanceID: serverId });
      return osm;
    });
    expect(moved.spec.providerID).toBe(before.spec.providerID);
    expect((await h.client.get(OpenStackServer, { namespace, name })).status?.instanceID).toBe(serverId);
    expect(h.cloud.countRequests({ method: 'POST' })).toBe(0);
    expect(h.cloud.countRequests({ method: 'DELETE' })).toBe(0);
  });

  it('deletion removes the pool member, the OpenStackServer, the server and its port, then the finalizer', async () => {
    const name = 'control-plane-0';
    const osm = await readMachine(h, name);
    const serverId = osm.status?.instanceID as string;
    await deleteMachine(h, name);
    expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();
    await h.cloud.clock.whenIdle();
    expect(await poolMembers()).toEqual([]);
    expect(await nova.findServerByName(h.compute, name)).toBeUndefined();
    const ports = await neutron.listPorts(h.demo, {});
    expect(ports.filter((p) => p.name.startsWith(`${name}-`) || p.device_id === serverId)).toEqual([]);
    const leftovers = h.cloud.leftovers().filter((l) => l.name.startsWith(name));
    expect(leftovers).toEqual([]);
  });
});
