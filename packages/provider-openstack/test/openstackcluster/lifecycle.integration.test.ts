import { builtin, capiTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { loadBalancerName, networkName, securityGroupName } from '../../src/controllers/shared/resource-names.js';
import { neutron, octavia } from '../../src/openstack/index.js';
import { type ClusterHarness, condition, createClusterWithOpenStackCluster, startClusterHarness } from './harness.js';

// The OpenStackCluster controller against a real API server (Cluster API's CRDs and ours) and the OpenStack
// simulator: managed network, router, security groups and API server load balancer with its floating IP (deletion:
// deletion.integration.test.ts).

let harness: ClusterHarness;
beforeAll(async () => {
  harness = await startClusterHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

const read = (name: string) => harness.client.get(OpenStackCluster, { namespace: 'default', name });
const ref = (name: string) => ({ namespace: 'default', name });

async function expectReady(name: string, timeoutMs = 30_000): Promise<OpenStackCluster> {
  return eventually(
    async () => {
      const osc = await read(name);
      expect(osc.status?.ready, JSON.stringify(osc.status?.conditions)).toBe(true);
      return osc;
    },
    { timeoutMs },
  );
}

describe('OpenStackCluster with a managed network and an API server load balancer', () => {
  const name = 'lb';

  it('creates network, subnet, router, security groups, load balancer and floating IP, and reports them', async () => {
    await createClusterWithOpenStackCluster(harness.client, name, {
      managedSubnets: [{ cidr: '10.6.0.0/24', dnsNameservers: ['8.8.8.8'] }],
      managedSecurityGroups: { allowAllInClusterTraffic: false },
      apiServerLoadBalancer: { enabled: true },
      tags: ['team-a'],
    });
    const osc = await expectReady(name);
    const { status, spec } = osc;
    expect(status?.initialization?.provisioned).toBe(true);
    expect(status?.externalNetwork?.name).toBe(harness.cloud.externalNetworkName);
    expect(status?.network).toMatchObject({ name: networkName(ref(name)), tags: ['team-a'] });
    expect(status?.network?.subnets).toEqual([
      expect.objectContaining({ name: networkName(ref(name)), cidr: '10.6.0.0/24' }),
    ]);
    expect(status?.router?.name).toBe(networkName(ref(name)));
    expect(status?.router?.ips?.length).toBe(1);
    expect(status?.controlPlaneSecurityGroup?.name).toBe(securityGroupName(ref(name), 'controlplane'));
    expect(status?.workerSecurityGroup?.name).toBe(securityGroupName(ref(name), 'worker'));
    expect(status?.bastionSecurityGroup).toBeUndefined();
    const lb = status?.apiServerLoadBalancer;
    expect(lb?.name).toBe(loadBalancerName(ref(name)));
    expect(lb?.internalIP).toMatch(/^10\.6\.0\./);
    expect(lb?.ip).toMatch(/^172\.24\.4\./);
    expect(spec.controlPlaneEndpoint).toEqual({ host: lb?.ip, port: 6443 });
    expect(status?.failureDomains).toEqual({ nova: { controlPlane: true } });
    for (const type of ['Ready', 'NetworkReady', 'RouterReady', 'SecurityGroupsReady', 'APIEndpointReady']) {
      expect(condition(osc, type)?.status).toBe('True');
    }
    expect(osc.metadata.finalizers).toContain('openstackcluster.infrastructure.cluster.x-k8s.io');

    const listeners = await octavia.listListeners(harness.demo, { name: `${loadBalancerName(ref(name))}-6443` });
    expect(listeners).toHaveLength(1);
    const monitors = await octavia.listHealthMonitors(harness.demo, { name: `${loadBalancerName(ref(name))}-6443` });
    expect(monitors[0]).toMatchObject({ type: 'TCP', delay: 10, timeout: 5, max_retries: 5, max_retries_down: 3 });
    const [fip] = await neutron.listFloatingIps(harness.demo, { floatingIpAddress: lb?.ip });
    expect(fip?.port_id).toBeTruthy();
    const [controlPlane] = await neutron.listSecurityGroups(harness.demo, {
      name: securityGroupName(ref(name), 'controlplane'),
    });
    const ingress = controlPlane?.security_group_rules.filter((r) => r.direction === 'ingress') ?? [];
    expect(ingress.map((r) => `${r.protocol}:${r.port_range_min}-${r.port_range_max}`).sort()).toEqual([
      'tcp:10250-10250',
      'tcp:10250-10250',
      'tcp:2379-2380',
      'tcp:6443-6443',
    ]);
  });

  it('a reconcile in the steady state writes nothing, to the cloud or to the object', async () => {
    harness.cloud.clearRequests();
    const touched = await harness.client.mergePatch(
      OpenStackCluster,
      { namespace: 'default', name },
      { metadata: { annotations: { touch: '1' } } },
    );
    // The availability zones are the reconcile's last look at the cloud.
    await eventually(() =>
      expect(harness.cloud.countRequests({ service: 'compute', path: /os-availability-zone/ })).toBeGreaterThan(0),
    );
    expect(harness.cloud.countRequests({ method: 'POST' })).toBe(0);
    expect(harness.cloud.countRequests({ method: 'PUT' })).toBe(0);
    expect(harness.cloud.countRequests({ method: 'DELETE' })).toBe(0);
    expect((await read(name)).metadata.resourceVersion).toBe(touched.metadata.resourceVersion);
  });
});

describe('OpenStackCluster of a paused Cluster', () => {
  const name = 'paused';

  it('touches neither the object nor the cloud until the Cluster is unpaused', async () => {
    const before = await harness.clusterReconciles();
    harness.cloud.clearRequests();
    await createClusterWithOpenStackCluster(
      harness.client,
      name,
      { managedSubnets: [{ cidr: '10.7.0.0/24' }] },
      { paused: true },
    );
    await eventually(async () => expect(await harness.clusterReconciles()).toBeGreaterThan(before));
    const paused = await read(name);
    expect(paused.metadata.finalizers ?? []).toEqual([]);
    expect(paused.status).toBeUndefined();
    expect(harness.cloud.countRequests({ method: 'POST' })).toBe(0);

    await harness.client.mergePatch(capiTypes.cluster, ref(name), { spec: { paused: false } });
    const osc = await expectReady(name);
    expect(osc.metadata.finalizers).toContain('openstackcluster.infrastructure.cluster.x-k8s.io');
    expect(osc.status?.network?.name).toBe(networkName(ref(name)));
  });
});

describe('OpenStackCluster with allowed CIDRs', () => {
  const name = 'allowed';

  it('restricts the listener to them and to the cluster itself, and warns about an entry that is not IPv4', async () => {
    await createClusterWithOpenStackCluster(harness.client, name, {
      managedSubnets: [{ cidr: '10.9.0.0/24' }],
      apiServerLoadBalancer: { enabled: true, allowedCIDRs: ['192.168.10.0/24', '198.51.100.7', 'fe80::/64'] },
    });
    const osc = await expectReady(name);
    const routerIp = osc.status?.router?.ips?.[0];
    const expected = ['10.9.0.0/24', '192.168.10.0/24', '198.51.100.7/32', `${routerIp}/32`].sort();
    expect(osc.status?.apiServerLoadBalancer?.allowedCIDRs).toEqual(expected);
    const [listener] = await octavia.listListeners(harness.demo, { name: `${loadBalancerName(ref(name))}-6443` });
    expect(listener?.allowed_cidrs).toEqual(expected);
    const warning = await eventually(async () => {
      const events = await harness.client.list(builtin.event, { namespace: 'default' });
      const found = events.items.find(
        (e) => e.involvedObject.name === name && e.reason === 'FailedIPAddressValidation',
      );
      expect(found).toBeDefined();
      return found;
    });
    expect(warning).toMatchObject({
      type: 'Warning',
      message: 'fe80::/64 is not a valid IPv4 nor CIDR address and will not get applied to allowed_cidrs',
    });
  });
});
