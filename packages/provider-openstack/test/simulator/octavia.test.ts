import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulated Octavia', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;
  let subnetId: string;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({
      clock: 'manual',
      delays: { loadBalancerMs: 1000 },
      octaviaProviders: ['amphora', 'octavia', 'ovn'],
      octaviaFlavors: ['small'],
    });
    demo = await login(cloud, cloud.demo);
    const networkId = (await demo.network('POST', '/networks', { network: { name: 'lb-net' } })).body.network.id;
    subnetId = (
      await demo.network('POST', '/subnets', { subnet: { network_id: networkId, ip_version: 4, cidr: '10.20.0.0/24' } })
    ).body.subnet.id;
  });
  afterAll(async () => {
    await cloud.stop();
  });

  async function activeLoadBalancer(name: string, extra: Record<string, unknown> = {}) {
    const created = await demo.lbaas('POST', '/loadbalancers', {
      loadbalancer: { name, vip_subnet_id: subnetId, ...extra },
    });
    expect(created.status).toBe(201);
    cloud.clock.settle();
    return created.body.loadbalancer;
  }

  it('lists API versions, providers and flavors', async () => {
    const versions = await demo.request('load-balancer', 'GET', '/');
    expect(versions.body.versions.at(-1)).toMatchObject({ id: 'v2.27', status: 'CURRENT' });
    const providers = await demo.lbaas('GET', '/providers');
    expect(providers.body.providers.map((provider: { name: string }) => provider.name)).toEqual([
      'amphora',
      'octavia',
      'ovn',
    ]);
    const flavors = await demo.lbaas('GET', '/flavors');
    expect(flavors.body.flavors).toEqual([expect.objectContaining({ name: 'small', enabled: true })]);
    const v2 = await demo.request('load-balancer', 'GET', '/v2/lbaas/providers');
    expect(v2.status).toBe(200);
  });

  it('provisions a load balancer PENDING_CREATE → ACTIVE with a VIP port, and refuses changes until then', async () => {
    const created = await demo.lbaas('POST', '/loadbalancers', {
      loadbalancer: {
        name: 'k8s-clusterapi-cluster-ns-c-kubeapi',
        vip_subnet_id: subnetId,
        description: 'Created by cluster-api-provider-openstack',
        tags: ['k8s'],
      },
    });
    const lb = created.body.loadbalancer;
    expect(lb).toMatchObject({
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      provider: 'amphora',
      vip_subnet_id: subnetId,
      tags: ['k8s'],
    });
    expect(lb.vip_address).toMatch(/^10\.20\.0\./);
    const vipPort = await demo.network('GET', `/ports/${lb.vip_port_id}`);
    expect(vipPort.body.port).toMatchObject({ device_owner: 'Octavia', name: `octavia-lb-${lb.id}` });
    const early = await demo.lbaas('POST', '/listeners', {
      listener: { name: 'l', protocol: 'TCP', protocol_port: 6443, loadbalancer_id: lb.id },
    });
    expect(early.status).toBe(409);
    expect(early.body).toEqual({
      faultcode: 'Client',
      faultstring: `Load Balancer ${lb.id} is immutable and cannot be updated.`,
      debuginfo: null,
    });
    cloud.clock.advance(1000);
    const active = await demo.lbaas('GET', `/loadbalancers/${lb.id}`);
    expect(active.body.loadbalancer).toMatchObject({
      provisioning_status: 'ACTIVE',
      operating_status: 'ONLINE',
      listeners: [],
      pools: [],
    });
    const byName = await demo.lbaas('GET', '/loadbalancers?name=k8s-clusterapi-cluster-ns-c-kubeapi');
    expect(byName.body.loadbalancers.map((entry: { id: string }) => entry.id)).toEqual([lb.id]);
    expect(byName.body.loadbalancers_links).toEqual([]);
  });

  it('cycles the load balancer through PENDING_UPDATE for listeners, pools, monitors and members, then cascade-deletes', async () => {
    const lb = await activeLoadBalancer('api');
    const name = 'api-6443';
    const listener = await demo.lbaas('POST', '/listeners', {
      listener: {
        name,
        protocol: 'TCP',
        protocol_port: 6443,
        loadbalancer_id: lb.id,
        tags: ['k8s'],
        allowed_cidrs: ['10.0.0.0/8'],
      },
    });
    expect(listener.status).toBe(201);
    expect(listener.body.listener).toMatchObject({
      provisioning_status: 'PENDING_CREATE',
      loadbalancers: [{ id: lb.id }],
      allowed_cidrs: ['10.0.0.0/8'],
    });
    expect((await demo.lbaas('GET', `/loadbalancers/${lb.id}`)).body.loadbalancer.provisioning_status).toBe(
      'PENDING_UPDATE',
    );
    cloud.clock.settle();
    expect((await demo.lbaas('GET', `/listeners/${listener.body.listener.id}`)).body.listener.provisioning_status).toBe(
      'ACTIVE',
    );
    const duplicate = await demo.lbaas('POST', '/listeners', {
      listener: { name: 'x', protocol: 'TCP', protocol_port: 6443, loadbalancer_id: lb.id },
    });
    expect(duplicate.status).toBe(409);

    const updated = await demo.lbaas('PUT', `/listeners/${listener.body.listener.id}`, {
      listener: { allowed_cidrs: ['10.0.0.0/8', '192.168.0.0/16'] },
    });
    expect(updated.body.listener.provisioning_status).toBe('PENDING_UPDATE');
    cloud.clock.settle();

    const pool = await demo.lbaas('POST', '/pools', {
      pool: {
        name,
        protocol: 'TCP',
        lb_algorithm: 'ROUND_ROBIN',
        listener_id: listener.body.listener.id,
        tags: ['k8s'],
      },
    });
    expect(pool.status).toBe(201);
    cloud.clock.settle();
    const sourceIpPort = await demo.lbaas('POST', '/pools', {
      pool: { name: 'x', protocol: 'TCP', lb_algorithm: 'SOURCE_IP_PORT', loadbalancer_id: lb.id },
    });
    expect(sourceIpPort.status).toBe(501);

    const monitor = await demo.lbaas('POST', '/healthmonitors', {
      healthmonitor: {
        name,
        pool_id: pool.body.pool.id,
        type: 'TCP',
        delay: 10,
        timeout: 5,
        max_retries: 5,
        max_retries_down: 3,
      },
    });
    expect(monitor.status).toBe(201);
    cloud.clock.settle();
    const badTiming = await demo.lbaas('PUT', `/healthmonitors/${monitor.body.healthmonitor.id}`, {
      healthmonitor: { timeout: 20 },
    });
    expect(badTiming.status).toBe(400);
    const retimed = await demo.lbaas('PUT', `/healthmonitors/${monitor.body.healthmonitor.id}`, {
      healthmonitor: { delay: 15 },
    });
    expect(retimed.body.healthmonitor).toMatchObject({ delay: 15, timeout: 5, provisioning_status: 'PENDING_UPDATE' });
    cloud.clock.settle();

    const memberName = `${name}-machine-0`;
    const member = await demo.lbaas('POST', `/pools/${pool.body.pool.id}/members`, {
      member: { name: memberName, protocol_port: 6443, address: '10.20.0.50', tags: ['k8s'] },
    });
    expect(member.body.member.provisioning_status).toBe('PENDING_CREATE');
    cloud.clock.settle();
    const members = await demo.lbaas('GET', `/pools/${pool.body.pool.id}/members?name=${memberName}`);
    expect(members.body.members).toEqual([
      expect.objectContaining({ provisioning_status: 'ACTIVE', operating_status: 'ONLINE', address: '10.20.0.50' }),
    ]);
    const sameAddress = await demo.lbaas('POST', `/pools/${pool.body.pool.id}/members`, {
      member: { protocol_port: 6443, address: '10.20.0.50' },
    });
    expect(sameAddress.status).toBe(409);

    const noCascade = await demo.lbaas('DELETE', `/loadbalancers/${lb.id}`);
    expect(noCascade.status).toBe(400);
    expect((await demo.lbaas('DELETE', `/loadbalancers/${lb.id}?cascade=true`)).status).toBe(204);
    const deleting = await demo.lbaas('GET', `/loadbalancers/${lb.id}`);
    expect(deleting.body.loadbalancer.provisioning_status).toBe('PENDING_DELETE');
    expect((await demo.lbaas('DELETE', `/loadbalancers/${lb.id}?cascade=true`)).status).toBe(409);
    cloud.clock.settle();
    const gone = await demo.lbaas('GET', `/loadbalancers/${lb.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.faultstring).toBe(`Load Balancer ${lb.id} could not be found.`);
    expect((await demo.lbaas('GET', `/listeners/${listener.body.listener.id}`)).status).toBe(404);
    expect((await demo.network('GET', `/ports/${lb.vip_port_id}`)).status).toBe(404);
  });

  it('applies the OVN provider’s restrictions (SOURCE_IP_PORT only, no allowed_cidrs)', async () => {
    const lb = await activeLoadBalancer('ovn-lb', { provider: 'ovn' });
    const cidrs = await demo.lbaas('POST', '/listeners', {
      listener: {
        name: 'l',
        protocol: 'TCP',
        protocol_port: 6443,
        loadbalancer_id: lb.id,
        allowed_cidrs: ['10.0.0.0/8'],
      },
    });
    expect(cidrs.status).toBe(501);
    const listener = await demo.lbaas('POST', '/listeners', {
      listener: { name: 'l', protocol: 'TCP', protocol_port: 6443, loadbalancer_id: lb.id },
    });
    cloud.clock.settle();
    const roundRobin = await demo.lbaas('POST', '/pools', {
      pool: { protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', listener_id: listener.body.listener.id },
    });
    expect(roundRobin.status).toBe(501);
    expect(roundRobin.body.faultstring).toMatch(/^Provider 'ovn' does not support a requested option/);
    await demo.lbaas('DELETE', `/loadbalancers/${lb.id}?cascade=true`);
    cloud.clock.settle();
  });

  it('ends in ERROR under the failure policy, validates VIP and provider, enforces quotas with 403', async () => {
    cloud.setFailurePolicy({ loadBalancer: ({ name }) => name === 'broken' });
    const broken = await activeLoadBalancer('broken');
    expect((await demo.lbaas('GET', `/loadbalancers/${broken.id}`)).body.loadbalancer.provisioning_status).toBe(
      'ERROR',
    );
    cloud.setFailurePolicy({});
    const listener = await demo.lbaas('POST', '/listeners', {
      listener: { name: 'on-error', protocol: 'TCP', protocol_port: 80, loadbalancer_id: broken.id },
    });
    expect(listener.status).toBe(201);
    cloud.clock.settle();
    expect((await demo.lbaas('DELETE', `/loadbalancers/${broken.id}?cascade=true`)).status).toBe(204);
    cloud.clock.settle();

    expect((await demo.lbaas('POST', '/loadbalancers', { loadbalancer: { name: 'no-vip' } })).status).toBe(400);
    const provider = await demo.lbaas('POST', '/loadbalancers', {
      loadbalancer: { name: 'p', vip_subnet_id: subnetId, provider: 'f5' },
    });
    expect(provider.body.faultstring).toBe("Provider 'f5' is not enabled.");
    cloud.setQuota(demo.projectId, 'load-balancer.load_balancer', 0);
    const quota = await demo.lbaas('POST', '/loadbalancers', { loadbalancer: { name: 'q', vip_subnet_id: subnetId } });
    expect(quota.status).toBe(403);
    cloud.setQuota(demo.projectId, 'load-balancer.load_balancer', -1);
  });

  it('leaves nothing behind once load balancers are deleted', async () => {
    const leftovers = cloud.leftovers().filter((leftover) => leftover.service === 'load-balancer');
    for (const leftover of leftovers) await demo.lbaas('DELETE', `/loadbalancers/${leftover.id}?cascade=true`);
    cloud.clock.settle();
    expect(
      cloud
        .leftovers()
        .map((leftover) => leftover.type)
        .sort(),
    ).toEqual(['network', 'subnet']);
  });
});
