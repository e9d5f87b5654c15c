import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import {
  networkName,
  SECURITY_GROUP_DESCRIPTION,
  securityGroupName,
} from '../../src/controllers/shared/resource-names.js';
import { neutron } from '../../src/openstack/index.js';
import {
  type ClusterHarness,
  createClusterWithOpenStackCluster,
  deleteCluster,
  startClusterHarness,
} from './harness.js';

// Resources that exist before the OpenStackCluster: a bring-your-own network and subnet named by filters (used,
// never created nor deleted), and resources with CAPO's names (left by the Go provider or by a crash between create
// and status update), which are adopted rather than duplicated.

let harness: ClusterHarness;
beforeAll(async () => {
  harness = await startClusterHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

const read = (name: string) => harness.client.getOptional(OpenStackCluster, { namespace: 'default', name });

async function expectReady(name: string): Promise<OpenStackCluster> {
  return eventually(
    async () => {
      const osc = await read(name);
      expect(osc?.status?.ready, JSON.stringify(osc?.status?.conditions)).toBe(true);
      return osc as OpenStackCluster;
    },
    { timeoutMs: 30_000 },
  );
}

/** Successful POSTs to a Neutron collection (`networks`, `subnets`, `routers`, `security-groups`). */
const created = (collection: string) =>
  harness.cloud
    .requests({ service: 'network', method: 'POST', path: `/v2.0/${collection}` })
    .filter((r) => r.status < 300).length;

describe('OpenStackCluster on a bring-your-own network', () => {
  it('uses the network and subnet the filters name, creates none, and leaves them on deletion', async () => {
    const network = await neutron.createNetwork(harness.demo, { name: 'byo-net' });
    const subnet = await neutron.createSubnet(harness.demo, {
      network_id: network.id,
      name: 'byo-subnet',
      ip_version: 4,
      cidr: '10.30.0.0/24',
    });
    harness.cloud.clearRequests();
    await createClusterWithOpenStackCluster(harness.client, 'byo', {
      network: { filter: { name: 'byo-net' } },
      subnets: [{ filter: { name: 'byo-subnet' } }],
    });
    const osc = await expectReady('byo');
    expect(osc.status?.network).toMatchObject({ id: network.id, name: 'byo-net' });
    expect(osc.status?.network?.subnets).toEqual([
      expect.objectContaining({ id: subnet.id, name: 'byo-subnet', cidr: '10.30.0.0/24' }),
    ]);
    expect(osc.status?.router).toBeUndefined();
    expect([created('networks'), created('subnets'), created('routers')]).toEqual([0, 0, 0]);

    await deleteCluster(harness.client, 'byo');
    await eventually(async () => expect(await read('byo')).toBeUndefined(), { timeoutMs: 30_000 });
    expect(
      harness.cloud.countRequests({ service: 'network', method: 'DELETE', path: /^\/v2\.0\/(networks|subnets)/ }),
    ).toBe(0);
    expect((await neutron.getNetwork(harness.demo, network.id)).id).toBe(network.id);
    expect(await neutron.listSubnets(harness.demo, { networkId: network.id })).toEqual([
      expect.objectContaining({ id: subnet.id }),
    ]);
  });
});

describe('OpenStackCluster adopting resources with CAPO names', () => {
  it('adopts the network, subnet, router and security groups instead of creating new ones', async () => {
    const ref = { namespace: 'default', name: 'adopt' };
    const name = networkName(ref);
    const network = await neutron.createNetwork(harness.demo, { name });
    const subnet = await neutron.createSubnet(harness.demo, {
      network_id: network.id,
      name,
      ip_version: 4,
      cidr: '10.31.0.0/24',
    });
    const router = await neutron.createRouter(harness.demo, {
      name,
      external_gateway_info: { network_id: harness.cloud.seed.externalNetworkId },
    });
    const [controlPlane, worker] = await Promise.all(
      (['controlplane', 'worker'] as const).map((role) =>
        neutron.createSecurityGroup(harness.demo, {
          name: securityGroupName(ref, role),
          description: SECURITY_GROUP_DESCRIPTION,
        }),
      ),
    );
    harness.cloud.clearRequests();
    await createClusterWithOpenStackCluster(harness.client, 'adopt', {
      managedSubnets: [{ cidr: '10.31.0.0/24' }],
      managedSecurityGroups: { allowAllInClusterTraffic: false },
    });
    const osc = await expectReady('adopt');
    expect(osc.status?.network?.id).toBe(network.id);
    expect(osc.status?.network?.subnets?.map((s) => s.id)).toEqual([subnet.id]);
    expect(osc.status?.router?.id).toBe(router.id);
    expect(osc.status?.controlPlaneSecurityGroup?.id).toBe(controlPlane?.id);
    expect(osc.status?.workerSecurityGroup?.id).toBe(worker?.id);
    expect([created('networks'), created('subnets'), created('routers'), created('security-groups')]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(await neutron.listNetworks(harness.demo, { name })).toHaveLength(1);
    // The adopted router gets its interface on the adopted subnet.
    const ports = await neutron.listPorts(harness.demo, { deviceId: router.id });
    expect(ports.some((p) => p.fixed_ips.some((ip) => ip.subnet_id === subnet.id))).toBe(true);
  });
});
