import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinder, glance, isNotFound, type KeystoneSession, neutron, nova, octavia } from '../../src/openstack/index.js';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { sessionFor } from './sessions.js';

/**
 * The client's Nova, Glance, Cinder and Octavia calls against the simulator: these services cannot run
 * for real here (see scripts/openstack/README.md), so their wire shapes are checked against the simulator
 * only, including the state machines the controllers wait on.
 */
describe('OpenStack client against the simulator (services without a real counterpart here)', () => {
  let cloud: OpenStackSimulator;
  let demo: KeystoneSession;
  let subnet: neutron.Subnet;
  let port: neutron.Port;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual' });
    demo = sessionFor(cloud, 'demo');
    const network = await neutron.createNetwork(demo, { name: 'cluster' });
    subnet = await neutron.createSubnet(demo, {
      network_id: network.id,
      name: 'cluster',
      ip_version: 4,
      cidr: '10.6.0.0/24',
    });
    port = await neutron.createPort(demo, { network_id: network.id, name: 'machine-0' });
  });

  afterAll(async () => {
    await demo?.close();
    await cloud?.stop();
  });

  it('creates a Nova server that goes BUILD → ACTIVE, finds it by name and deletes it', async () => {
    const compute = await nova.connectCompute(demo);
    expect(nova.supportsMicroversion(compute.versions, nova.novaMicroversions.multiattach)).toBe(true);
    const flavor = await nova.findFlavorByName(compute, 'm1.small');
    expect(flavor).toMatchObject({ vcpus: 1, ram: 2048 });
    expect((await nova.listAvailabilityZones(compute)).map((zone) => zone.zoneName)).toEqual(['nova']);
    const image = await glance.findImage(demo, { name: 'ubuntu-2404-kube-v1.35.0' });
    expect(image.os_type).toBe('linux');

    const id = await nova.createServer(compute, {
      name: 'machine-0',
      imageRef: image.id,
      flavorRef: flavor.id,
      portIds: [port.id],
      userData: Buffer.from('#cloud-config\n').toString('base64'),
      tags: ['cluster'],
      metadata: { role: 'control-plane' },
    });
    expect(cloud.requests({ service: 'compute', method: 'POST' }).at(-1)?.status).toBe(202);
    expect((await nova.getServer(compute, id)).status).toBe('BUILD');
    cloud.clock.settle();
    const server = await nova.findServerByName(compute, 'machine-0');
    expect(server).toMatchObject({ id, status: 'ACTIVE', 'OS-EXT-AZ:availability_zone': 'nova' });
    expect(Object.values(server?.addresses ?? {}).flat()[0]).toMatchObject({ version: 4, 'OS-EXT-IPS:type': 'fixed' });
    await nova.deleteServer(compute, id);
    cloud.clock.settle();
    expect(isNotFound(await nova.getServer(compute, id).catch((caught: unknown) => caught))).toBe(true);
  });

  it('creates a Cinder volume that turns available, lists it for the project and deletes it', async () => {
    const volume = await cinder.createVolume(demo, { name: 'machine-0-root', size: 10 });
    expect(volume.status).toBe('creating');
    cloud.clock.settle();
    expect((await cinder.getVolume(demo, volume.id)).status).toBe('available');
    const listed = await cinder.listVolumes(demo, { name: 'machine-0-root', projectId: await demo.projectId() });
    expect(listed.map((item) => item.id)).toEqual([volume.id]);
    await cinder.deleteVolume(demo, volume.id);
    cloud.clock.settle();
    expect(await cinder.listVolumes(demo, { name: 'machine-0-root' })).toEqual([]);
  });

  it('builds an Octavia API load balancer step by step, waiting for ACTIVE between steps', async () => {
    expect(octavia.octaviaVersionAtLeast(await octavia.latestOctaviaVersion(demo), 'v2.12')).toBe(true);
    expect((await octavia.listLoadBalancerProviders(demo)).map((provider) => provider.name)).toContain('amphora');
    const lb = await octavia.createLoadBalancer(demo, { name: 'k8s-api', vip_subnet_id: subnet.id, tags: ['c1'] });
    expect(lb.provisioning_status).toBe('PENDING_CREATE');
    const early = await octavia
      .createListener(demo, { name: 'k8s-api-6443', protocol: 'TCP', protocol_port: 6443, loadbalancer_id: lb.id })
      .catch((caught: unknown) => caught);
    expect(early).toMatchObject({ kind: 'conflict', status: 409 });
    cloud.clock.settle();
    const active = await octavia.getLoadBalancer(demo, lb.id);
    expect(active).toMatchObject({ provisioning_status: 'ACTIVE', vip_address: expect.stringMatching(/^10\.6\.0\./) });
    expect(active.vip_port_id).toBeTruthy();

    const listener = await octavia.createListener(demo, {
      name: 'k8s-api-6443',
      protocol: 'TCP',
      protocol_port: 6443,
      loadbalancer_id: lb.id,
      allowed_cidrs: ['10.0.0.0/8'],
    });
    cloud.clock.settle();
    const pool = await octavia.createPool(demo, {
      name: 'k8s-api-6443',
      protocol: 'TCP',
      lb_algorithm: 'ROUND_ROBIN',
      listener_id: listener.id,
    });
    cloud.clock.settle();
    const monitor = await octavia.createHealthMonitor(demo, {
      name: 'k8s-api-6443',
      pool_id: pool.id,
      delay: 10,
      timeout: 5,
      max_retries: 5,
      max_retries_down: 3,
    });
    cloud.clock.settle();
    expect((await octavia.updateHealthMonitor(demo, monitor.id, { delay: 15 })).delay).toBe(15);
    cloud.clock.settle();
    const member = await octavia.createMember(demo, pool.id, {
      name: 'machine-0',
      protocol_port: 6443,
      address: port.fixed_ips[0]?.ip_address ?? '',
      subnet_id: subnet.id,
    });
    cloud.clock.settle();
    expect((await octavia.getMember(demo, pool.id, member.id)).provisioning_status).toBe('ACTIVE');
    expect((await octavia.listListeners(demo, { name: 'k8s-api-6443' })).map((item) => item.id)).toEqual([listener.id]);
    await octavia.deleteLoadBalancer(demo, lb.id);
    cloud.clock.settle();
    expect(await octavia.listLoadBalancers(demo, { name: 'k8s-api' })).toEqual([]);
  });

  it('sees injected 429s with Retry-After and connection resets as retryable', async () => {
    cloud.injectFault({
      service: 'network',
      path: '/v2.0/networks',
      probability: 1,
      times: 1,
      effect: { kind: 'status', status: 429, retryAfterSeconds: 3 },
    });
    const limited = await neutron.listNetworks(demo).catch((caught: unknown) => caught);
    expect(limited).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 3000 });
    cloud.injectFault({
      service: 'network',
      path: '/v2.0/networks',
      probability: 1,
      times: 1,
      effect: { kind: 'reset' },
    });
    const reset = await neutron.listNetworks(demo).catch((caught: unknown) => caught);
    expect(reset).toMatchObject({ name: 'OpenStackConnectionError', retryable: true });
    expect((await neutron.listNetworks(demo)).length).toBeGreaterThan(0);
  });
});
