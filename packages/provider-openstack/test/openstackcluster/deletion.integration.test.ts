import { capiTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { neutron } from '../../src/openstack/index.js';
import {
  type ClusterHarness,
  condition,
  createClusterWithOpenStackCluster,
  deleteCluster,
  startClusterHarness,
} from './harness.js';

// Deletion of an OpenStackCluster against a real API server and the OpenStack simulator: everything the
// controller created goes, in CAPO's order, whether the Cluster waits for it (Cluster API's finalizer) or is
// already gone, and a resource still in use (Neutron 409) is waited for with growing delays.

let harness: ClusterHarness;
beforeAll(async () => {
  harness = await startClusterHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

const read = (name: string) => harness.client.getOptional(OpenStackCluster, { namespace: 'default', name });

/** A cluster with a managed network, router, security groups and API server load balancer with floating IP. */
async function readyCluster(name: string, cidr: string): Promise<OpenStackCluster> {
  await createClusterWithOpenStackCluster(harness.client, name, {
    managedSubnets: [{ cidr }],
    managedSecurityGroups: { allowAllInClusterTraffic: true },
    apiServerLoadBalancer: { enabled: true },
  });
  return eventually(
    async () => {
      const osc = await read(name);
      expect(osc?.status?.ready, JSON.stringify(osc?.status?.conditions)).toBe(true);
      return osc as OpenStackCluster;
    },
    { timeoutMs: 30_000 },
  );
}

async function expectGone(name: string, timeoutMs = 45_000): Promise<void> {
  await eventually(async () => expect(await read(name)).toBeUndefined(), { timeoutMs });
  await harness.cloud.clock.whenIdle();
  expect(harness.cloud.leftovers()).toEqual([]);
}

/** The kind of resource a DELETE request was for, in request order (first occurrence of each). */
function deletionOrder(): string[] {
  const kinds = harness.cloud
    .requests({ method: 'DELETE' })
    .filter((request) => request.status < 300)
    .map((request) => {
      const [, , collection] = /^\/(v2\.0|v2)\/(?:lbaas\/)?([a-z-]+)/.exec(request.path) ?? [];
      return collection ?? request.path;
    });
  return [...new Set(kinds)];
}

describe('OpenStackCluster deletion', () => {
  it('deletes load balancer, floating IP, router interface, router, network and security groups, in that order', async () => {
    const osc = await readyCluster('gone', '10.8.0.0/24');
    const fip = osc.status?.apiServerLoadBalancer?.ip;
    // As Cluster API does: the Cluster's finalizer keeps it until its infrastructure is gone.
    const clusterRef = { namespace: 'default', name: 'gone' };
    await harness.client.mergePatch(capiTypes.cluster, clusterRef, {
      metadata: { finalizers: ['cluster.cluster.x-k8s.io'] },
    });
    harness.cloud.clearRequests();

    await deleteCluster(harness.client, 'gone');
    await expectGone('gone');
    await harness.client.mergePatch(capiTypes.cluster, clusterRef, { metadata: { finalizers: null } });

    // As CAPO: the load balancer's floating IP is disassociated and deleted right before the load balancer itself
    // (cascade: listeners, pools, members and monitors go with it); then the router's interface, the router, the
    // network (its subnet goes with it) and the security groups.
    expect(deletionOrder()).toEqual(['floatingips', 'loadbalancers', 'routers', 'networks', 'security-groups']);
    const lbDeletions = harness.cloud.requests({ method: 'DELETE', path: /\/lbaas\/loadbalancers\// });
    expect(lbDeletions.map((request) => request.query)).toEqual(['cascade=true']);
    const disassociation = harness.cloud.requests({ method: 'PUT', path: /^\/v2\.0\/floatingips\// });
    const fipDeletion = harness.cloud.requests({ method: 'DELETE', path: /^\/v2\.0\/floatingips\// });
    expect(disassociation[0]?.sequence).toBeLessThan(fipDeletion[0]?.sequence ?? 0);
    const interfaceRemoval = harness.cloud.requests({ method: 'PUT', path: /remove_router_interface$/ });
    expect(interfaceRemoval).toHaveLength(1);
    const routerDeletion = harness.cloud.requests({ method: 'DELETE', path: /^\/v2\.0\/routers\// });
    expect(interfaceRemoval[0]?.sequence).toBeLessThan(routerDeletion[0]?.sequence ?? 0);
    expect(await neutron.listFloatingIps(harness.demo, { floatingIpAddress: fip })).toEqual([]);
  }, 90_000);

  it('waits while a stray port keeps the network in use (409) and finishes once it is removed', async () => {
    const osc = await readyCluster('busy', '10.9.0.0/24');
    const networkId = osc.status?.network?.id as string;
    const stray = await neutron.createPort(harness.demo, { network_id: networkId, name: 'not-ours' });

    // The Cluster goes at once (no Cluster API finalizer): the OpenStackCluster is deleted on its own.
    await deleteCluster(harness.client, 'busy');
    const waiting = await eventually(
      async () => {
        const current = await read('busy');
        expect(condition(current as OpenStackCluster, 'Ready')?.message).toMatch(/still in use.*409|409.*in use/i);
        return current as OpenStackCluster;
      },
      { timeoutMs: 30_000 },
    );
    expect(condition(waiting, 'Ready')).toMatchObject({ status: 'False', reason: 'Deleting' });
    expect(
      harness.cloud.countRequests({ method: 'DELETE', path: `/v2.0/networks/${networkId}`, status: 409 }),
    ).toBeGreaterThan(0);

    await neutron.deletePort(harness.demo, stray.id);
    await expectGone('busy');
  }, 90_000);
});
