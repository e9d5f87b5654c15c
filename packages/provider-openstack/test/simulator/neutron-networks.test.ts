import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulated Neutron: networks, subnets, ports, filters, tags, quotas', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;
  let admin: Session;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual' });
    demo = await login(cloud, cloud.demo);
    admin = await login(cloud, cloud.admin);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  async function network(name: string, extra: Record<string, unknown> = {}) {
    const answer = await demo.network('POST', '/networks', { network: { name, ...extra } });
    expect(answer.status).toBe(201);
    return answer.body.network;
  }

  async function subnet(networkId: string, cidr: string, extra: Record<string, unknown> = {}) {
    const answer = await demo.network('POST', '/subnets', {
      subnet: { network_id: networkId, ip_version: 4, cidr, ...extra },
    });
    expect(answer.status).toBe(201);
    return answer.body.subnet;
  }

  it('creates a network with the attributes Neutron returns and lists it with the shared external network', async () => {
    const created = await network('filters-net', { mtu: 1450, description: 'Created by test' });
    expect(created).toMatchObject({
      name: 'filters-net',
      mtu: 1450,
      status: 'ACTIVE',
      admin_state_up: true,
      shared: false,
      'router:external': false,
      port_security_enabled: true,
      project_id: demo.projectId,
      tenant_id: demo.projectId,
      description: 'Created by test',
      subnets: [],
      tags: [],
      revision_number: 1,
      is_default: false,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await demo.network('GET', '/networks');
    const names = listed.body.networks.map((entry: { name: string }) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['filters-net', 'public']));
    const external = await demo.network('GET', '/networks?router:external=true');
    expect(external.body.networks.map((entry: { id: string }) => entry.id)).toEqual([cloud.seed.externalNetworkId]);
  });

  it('refuses non-admin external networks (403 PolicyNotAuthorized) and unknown attributes (400)', async () => {
    const external = await demo.network('POST', '/networks', { network: { name: 'x', 'router:external': true } });
    expect(external.status).toBe(403);
    expect(external.body.NeutronError.type).toBe('PolicyNotAuthorized');
    const unknown = await demo.network('POST', '/networks', { network: { name: 'x', colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      NeutronError: { type: 'HTTPBadRequest', message: "Unrecognized attribute(s) 'colour'", detail: '' },
    });
  });

  it('filters by attribute, by tags (all/any/not) and rejects unknown filters', async () => {
    const a = await network('tagged-a');
    const b = await network('tagged-b');
    expect((await demo.network('PUT', `/networks/${a.id}/tags`, { tags: ['k8s', 'cluster-a'] })).body).toEqual({
      tags: ['k8s', 'cluster-a'],
    });
    expect((await demo.network('PUT', `/networks/${b.id}/tags/k8s`)).status).toBe(201);
    const names = async (query: string) =>
      (await demo.network('GET', `/networks?${query}`)).body.networks
        .map((entry: { name: string }) => entry.name)
        .sort();
    expect(await names('tags=k8s')).toEqual(['tagged-a', 'tagged-b']);
    expect(await names('tags=k8s,cluster-a')).toEqual(['tagged-a']);
    expect(await names('tags-any=cluster-a,none')).toEqual(['tagged-a']);
    expect(await names('tags=k8s&not-tags=cluster-a')).toEqual(['tagged-b']);
    expect(await names('tags=k8s&not-tags-any=cluster-a,x')).toEqual(['tagged-b']);
    expect(await names('name=tagged-a&name=tagged-b')).toEqual(['tagged-a', 'tagged-b']);
    expect(await names('name=tagged-a&tags=k8s')).toEqual(['tagged-a']);
    const invalid = await demo.network('GET', '/networks?colour=red');
    expect(invalid.status).toBe(400);
    expect(invalid.body.NeutronError.message).toBe("['colour'] is invalid attribute for filtering");

    expect((await demo.network('GET', `/networks/${b.id}/tags/k8s`)).status).toBe(204);
    expect((await demo.network('DELETE', `/networks/${b.id}/tags/k8s`)).status).toBe(204);
    const missing = await demo.network('GET', `/networks/${b.id}/tags/k8s`);
    expect(missing.status).toBe(404);
    expect(missing.body.NeutronError.type).toBe('TagNotFound');
    const revision = (await demo.network('GET', `/networks/${b.id}`)).body.network.revision_number;
    expect(revision).toBe(3);
  });

  it('paginates with limit/marker and a next link', async () => {
    for (const name of ['page-1', 'page-2', 'page-3']) await network(name, { description: 'paged' });
    const first = await demo.network('GET', '/networks?description=paged&limit=2');
    expect(first.body.networks.map((entry: { name: string }) => entry.name)).toEqual(['page-1', 'page-2']);
    const next = first.body.networks_links.find((link: { rel: string }) => link.rel === 'next').href;
    const second = await demo.request('network', 'GET', next.slice(demo.endpoint('network').length));
    expect(second.body.networks.map((entry: { name: string }) => entry.name)).toEqual(['page-3']);
    expect(second.body.networks_links).toBeUndefined();
  });

  it('allocates subnet addresses and port fixed IPs, refusing overlaps and taken addresses', async () => {
    const net = await network('ipam-net');
    const sub = await subnet(net.id, '10.6.0.0/24', {
      dns_nameservers: ['8.8.8.8'],
      allocation_pools: [{ start: '10.6.0.10', end: '10.6.0.20' }],
    });
    expect(sub).toMatchObject({ gateway_ip: '10.6.0.1', enable_dhcp: true, ip_version: 4, cidr: '10.6.0.0/24' });
    const overlap = await demo.network('POST', '/subnets', {
      subnet: { network_id: net.id, ip_version: 4, cidr: '10.6.0.128/25' },
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.NeutronError.type).toBe('InvalidInput');

    const first = await demo.network('POST', '/ports', { port: { network_id: net.id, name: 'p1' } });
    expect(first.status).toBe(201);
    expect(first.body.port.fixed_ips).toEqual([{ subnet_id: sub.id, ip_address: '10.6.0.10' }]);
    expect(first.body.port.status).toBe('DOWN');
    expect(first.body.port.mac_address).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
    expect(first.body.port['binding:host_id']).toBeUndefined();
    expect(first.body.port['binding:vnic_type']).toBe('normal');

    const fixed = await demo.network('POST', '/ports', {
      port: { network_id: net.id, name: 'p2', fixed_ips: [{ subnet_id: sub.id, ip_address: '10.6.0.15' }] },
    });
    expect(fixed.body.port.fixed_ips[0].ip_address).toBe('10.6.0.15');
    const taken = await demo.network('POST', '/ports', {
      port: { network_id: net.id, fixed_ips: [{ ip_address: '10.6.0.15' }] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.NeutronError).toEqual({
      type: 'IpAddressAlreadyAllocated',
      message: `IP address 10.6.0.15 already allocated in subnet ${sub.id}`,
      detail: '',
    });

    const byIp = await demo.network('GET', `/ports?network_id=${net.id}&fixed_ips=ip_address%3D10.6.0.15`);
    expect(byIp.body.ports.map((port: { name: string }) => port.name)).toEqual(['p2']);
    const bySubnet = await demo.network('GET', `/ports?fixed_ips=subnet_id%3D${sub.id}`);
    expect(bySubnet.body.ports).toHaveLength(2);
    const adminView = await admin.network('GET', `/ports/${first.body.port.id}`);
    expect(adminView.body.port['binding:vif_type']).toBe('unbound');
  });

  it('gives ports the project default security group, and allowed address pairs only with port security', async () => {
    const net = await network('security-net');
    await subnet(net.id, '10.7.0.0/24');
    const port = await demo.network('POST', '/ports', {
      port: { network_id: net.id, allowed_address_pairs: [{ ip_address: '10.7.0.200' }] },
    });
    expect(port.status).toBe(201);
    const groups = await demo.network('GET', '/security-groups?name=default');
    expect(port.body.port.security_groups).toEqual([groups.body.security_groups[0].id]);
    expect(port.body.port.allowed_address_pairs).toEqual([
      { ip_address: '10.7.0.200', mac_address: port.body.port.mac_address },
    ]);
    const insecure = await demo.network('POST', '/ports', {
      port: { network_id: net.id, port_security_enabled: false, allowed_address_pairs: [{ ip_address: '10.7.0.201' }] },
    });
    expect(insecure.status).toBe(409);
    expect(insecure.body.NeutronError.type).toBe('AddressPairAndPortSecurityRequired');
    const updated = await demo.network('PUT', `/ports/${port.body.port.id}`, {
      port: { allowed_address_pairs: [{ ip_address: '10.7.0.202', mac_address: 'fa:16:3e:00:00:01' }] },
    });
    expect(updated.body.port.allowed_address_pairs).toEqual([
      { ip_address: '10.7.0.202', mac_address: 'fa:16:3e:00:00:01' },
    ]);
    expect(updated.body.port.revision_number).toBe(2);
  });

  it('answers 409 NetworkInUse / SubnetInUse while ports remain, and 404 NetworkNotFound afterwards', async () => {
    const net = await network('in-use-net');
    const sub = await subnet(net.id, '10.8.0.0/24');
    const port = await demo.network('POST', '/ports', { port: { network_id: net.id } });
    const busy = await demo.network('DELETE', `/networks/${net.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.NeutronError.type).toBe('NetworkInUse');
    expect(busy.body.NeutronError.message).toBe(
      `Unable to complete operation on network ${net.id}. There are one or more ports still in use on the network, id for these ports is: ${port.body.port.id}.`,
    );
    const busySubnet = await demo.network('DELETE', `/subnets/${sub.id}`);
    expect(busySubnet.status).toBe(409);
    expect(busySubnet.body.NeutronError.type).toBe('SubnetInUse');
    expect((await demo.network('DELETE', `/ports/${port.body.port.id}`)).status).toBe(204);
    expect((await demo.network('DELETE', `/networks/${net.id}`)).status).toBe(204);
    const gone = await demo.network('GET', `/networks/${net.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.NeutronError).toEqual({
      type: 'NetworkNotFound',
      message: `Network ${net.id} could not be found.`,
      detail: '',
    });
    expect((await demo.network('GET', `/subnets/${sub.id}`)).status).toBe(404);
  });

  it('hides other projects’ resources from non-admins', async () => {
    const adminNet = await admin.network('POST', '/networks', { network: { name: 'admin-private' } });
    expect((await demo.network('GET', `/networks/${adminNet.body.network.id}`)).status).toBe(404);
    const adminList = await admin.network('GET', '/networks?name=filters-net');
    expect(adminList.body.networks).toHaveLength(1);
    await admin.network('DELETE', `/networks/${adminNet.body.network.id}`);
  });

  it('enforces quotas with 409 OverQuota and reports usage in quota details', async () => {
    cloud.setQuota(demo.projectId, 'network.router', 1);
    expect((await demo.network('POST', '/routers', { router: { name: 'r1' } })).status).toBe(201);
    const over = await demo.network('POST', '/routers', { router: { name: 'r2' } });
    expect(over.status).toBe(409);
    expect(over.body.NeutronError).toEqual({
      type: 'OverQuota',
      message: "Quota exceeded for resources: ['router'].",
      detail: '',
    });
    const details = await demo.network('GET', `/quotas/${demo.projectId}/details`);
    expect(details.body.quota.router).toEqual({ limit: 1, used: 1, reserved: 0 });
    const limits = await demo.network('GET', `/quotas/${demo.projectId}`);
    expect(limits.body.quota).toMatchObject({ port: 500, subnetpool: -1, rbac_policy: 10, trunk: -1 });
    expect((await demo.network('PUT', `/quotas/${demo.projectId}`, { quota: { router: 5 } })).status).toBe(403);
    const raised = await admin.network('PUT', `/quotas/${demo.projectId}`, { quota: { router: 5 } });
    expect(raised.body.quota.router).toBe(5);
    expect((await demo.network('POST', '/routers', { router: { name: 'r2' } })).status).toBe(201);
  });

  it('lists the extensions, including trunk', async () => {
    const answer = await demo.network('GET', '/extensions');
    const aliases = answer.body.extensions.map((extension: { alias: string }) => extension.alias);
    expect(aliases).toEqual(
      expect.arrayContaining(['trunk', 'router', 'external-net', 'standard-attr-tag', 'security-group']),
    );
    expect((await demo.network('GET', '/extensions/trunk')).body.extension.name).toBe('Trunk Extension');
    expect((await demo.network('GET', '/extensions/nope')).status).toBe(404);
  });

  it('serves the version document and answers unknown paths with 404 and wrong methods with 405', async () => {
    const versions = await demo.request('network', 'GET', '/');
    expect(versions.body.versions[0].id).toBe('v2.0');
    expect((await demo.network('GET', '/widgets')).status).toBe(404);
    expect((await demo.network('PATCH', '/networks')).status).toBe(405);
  });
});

describe('simulated Neutron without the trunk extension', () => {
  it('does not list or serve trunks', async () => {
    const cloud = await startOpenStackSimulator({
      neutronExtensions: ['router', 'external-net', 'security-group', 'standard-attr-tag'],
    });
    try {
      const demo = await login(cloud, cloud.demo);
      const aliases = (await demo.network('GET', '/extensions')).body.extensions.map((e: { alias: string }) => e.alias);
      expect(aliases).not.toContain('trunk');
      expect((await demo.network('GET', '/trunks')).status).toBe(404);
    } finally {
      await cloud.stop();
    }
  });
});
