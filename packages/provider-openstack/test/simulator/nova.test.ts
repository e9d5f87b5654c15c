import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulated Nova', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;
  let networkId: string;
  let imageId: string;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({
      clock: 'manual',
      delays: { serverBuildMs: 1000, serverDeleteMs: 500 },
      availabilityZones: ['az1', 'az2'],
    });
    demo = await login(cloud, cloud.demo);
    networkId = (await demo.network('POST', '/networks', { network: { name: 'nova-net' } })).body.network.id;
    await demo.network('POST', '/subnets', { subnet: { network_id: networkId, ip_version: 4, cidr: '10.10.0.0/24' } });
    const images = await demo.request('image', 'GET', '/v2/images?name=ubuntu-2404-kube-v1.35.0');
    imageId = images.body.images[0].id;
  });
  afterAll(async () => {
    await cloud.stop();
  });

  async function port(name: string) {
    return (await demo.network('POST', '/ports', { port: { network_id: networkId, name } })).body.port;
  }

  function serverBody(name: string, portId: string, extra: Record<string, unknown> = {}) {
    return {
      server: {
        name,
        imageRef: imageId,
        flavorRef: '2',
        availability_zone: 'az1',
        networks: [{ port: portId }],
        user_data: Buffer.from('#cloud-config\n').toString('base64'),
        metadata: { cluster: 'c1' },
        config_drive: false,
        ...extra,
      },
    };
  }

  it('serves the version document and negotiates microversions with both headers', async () => {
    const version = await demo.request('compute', 'GET', '');
    expect(version.status).toBe(200);
    expect(version.body.version).toMatchObject({ id: 'v2.1', version: '2.96', min_version: '2.1', status: 'CURRENT' });

    const negotiated = await demo.compute('GET', '/flavors', undefined, '2.53');
    expect(negotiated.headers.get('openstack-api-version')).toBe('compute 2.53');
    expect(negotiated.headers.get('x-openstack-nova-api-version')).toBe('2.53');
    expect(negotiated.headers.get('x-compute-request-id')).toMatch(/^req-/);
    const legacyOnly = await demo.request('compute', 'GET', '/flavors', undefined, {
      'X-OpenStack-Nova-API-Version': '2.60',
    });
    expect(legacyOnly.headers.get('openstack-api-version')).toBe('compute 2.60');
    const none = await demo.request('compute', 'GET', '/flavors');
    expect(none.headers.get('openstack-api-version')).toBe('compute 2.1');
    const tooNew = await demo.compute('GET', '/flavors', undefined, '3.0');
    expect(tooNew.status).toBe(406);
    expect(tooNew.body.computeFault.message).toBe(
      'Version 3.0 is not supported by the API. Minimum is 2.1 and maximum is 2.96.',
    );
    const malformed = await demo.compute('GET', '/flavors', undefined, 'two');
    expect(malformed.status).toBe(400);
  });

  it('lists flavors, availability zones and server groups', async () => {
    const flavors = await demo.compute('GET', '/flavors/detail');
    expect(flavors.body.flavors.map((flavor: { name: string }) => flavor.name)).toEqual([
      'm1.tiny',
      'm1.small',
      'm1.medium',
      'm1.large',
    ]);
    expect(flavors.body.flavors[2]).toMatchObject({
      id: '3',
      vcpus: 2,
      ram: 4096,
      disk: 40,
      'OS-FLV-EXT-DATA:ephemeral': 0,
    });
    const missing = await demo.compute('GET', '/flavors/99');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor 99 could not be found.' } });
    const zones = await demo.compute('GET', '/os-availability-zone');
    expect(zones.body.availabilityZoneInfo).toEqual([
      { zoneName: 'az1', zoneState: { available: true }, hosts: null },
      { zoneName: 'az2', zoneState: { available: true }, hosts: null },
    ]);
    const group = await demo.compute('POST', '/os-server-groups', {
      server_group: { name: 'cp', policies: ['anti-affinity'] },
    });
    expect(group.status).toBe(200);
    expect(group.body.server_group).toMatchObject({ name: 'cp', policies: ['anti-affinity'], members: [] });
    const modern = await demo.compute('GET', '/os-server-groups', undefined, '2.64');
    expect(modern.body.server_groups[0]).toMatchObject({ name: 'cp', policy: 'anti-affinity' });
    expect((await demo.compute('DELETE', `/os-server-groups/${group.body.server_group.id}`)).status).toBe(204);
  });

  it('builds a server BUILD → ACTIVE, binding its port and reporting its addresses', async () => {
    const vmPort = await port('machine-0-0');
    const created = await demo.compute('POST', '/servers', serverBody('machine-0', vmPort.id));
    expect(created.status).toBe(202);
    const id = created.body.server.id;
    expect(created.headers.get('location')).toContain(`/servers/${id}`);
    const building = await demo.compute('GET', `/servers/${id}`);
    expect(building.body.server).toMatchObject({
      status: 'BUILD',
      'OS-EXT-STS:vm_state': 'building',
      'OS-EXT-AZ:availability_zone': 'az1',
      name: 'machine-0',
      metadata: { cluster: 'c1' },
      image: { id: imageId },
      flavor: { id: '2' },
    });
    expect(building.body.server.tags).toEqual([]);
    expect((await demo.compute('GET', `/servers/${id}`, undefined, '2.25')).body.server.tags).toBeUndefined();
    const bound = await demo.network('GET', `/ports/${vmPort.id}`);
    expect(bound.body.port).toMatchObject({ device_id: id, device_owner: 'compute:az1', status: 'DOWN' });

    cloud.clock.advance(1000);
    const active = await demo.compute('GET', `/servers/${id}`, undefined, '2.53');
    expect(active.body.server).toMatchObject({
      status: 'ACTIVE',
      'OS-EXT-STS:vm_state': 'active',
      'OS-EXT-STS:power_state': 1,
      tags: [],
    });
    expect(active.body.server.addresses['nova-net']).toEqual([
      {
        version: 4,
        addr: vmPort.fixed_ips[0].ip_address,
        'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': vmPort.mac_address,
      },
    ]);
    expect((await demo.network('GET', `/ports/${vmPort.id}`)).body.port.status).toBe('ACTIVE');

    const byName = await demo.compute('GET', '/servers/detail?name=%5Emachine-0%24');
    expect(byName.body.servers.map((server: { id: string }) => server.id)).toEqual([id]);
    expect((await demo.compute('GET', '/servers/detail?name=%5Emachine%24')).body.servers).toEqual([]);
  });

  it('puts a server into ERROR with a fault when the failure policy says so', async () => {
    cloud.setFailurePolicy({
      server: ({ name }) =>
        name === 'doomed' ? 'No valid host was found. There are not enough hosts available.' : undefined,
    });
    const vmPort = await port('doomed-0');
    const created = await demo.compute('POST', '/servers', serverBody('doomed', vmPort.id));
    cloud.clock.settle();
    const failed = await demo.compute('GET', `/servers/${created.body.server.id}`);
    expect(failed.body.server.status).toBe('ERROR');
    expect(failed.body.server.fault).toMatchObject({
      code: 500,
      message: 'No valid host was found. There are not enough hosts available.',
    });
    expect(failed.body.server.fault.details).toBeUndefined();
    cloud.setFailurePolicy({});
    await demo.compute('DELETE', `/servers/${created.body.server.id}`);
    cloud.clock.settle();
    await demo.network('DELETE', `/ports/${vmPort.id}`);
  });

  it('requires 2.52+ for tags at create and 2.26+ for the tags API; tags filter servers', async () => {
    const vmPort = await port('tagged-0');
    const old = await demo.compute('POST', '/servers', serverBody('tagged', vmPort.id, { tags: ['k8s'] }));
    expect(old.status).toBe(400);
    expect(old.body.badRequest.message).toContain("('tags' was unexpected)");
    const created = await demo.compute('POST', '/servers', serverBody('tagged', vmPort.id, { tags: ['k8s'] }), '2.53');
    expect(created.status).toBe(202);
    const id = created.body.server.id;
    expect((await demo.compute('GET', `/servers/${id}/tags`, undefined, '2.25')).status).toBe(404);
    expect((await demo.compute('PUT', `/servers/${id}/tags/extra`, undefined, '2.26')).status).toBe(201);
    expect((await demo.compute('GET', `/servers/${id}/tags`, undefined, '2.26')).body.tags).toEqual(['k8s', 'extra']);
    const filtered = await demo.compute('GET', '/servers/detail?tags=k8s,extra', undefined, '2.26');
    expect(filtered.body.servers.map((server: { name: string }) => server.name)).toEqual(['tagged']);
  });

  it('validates create requests as Nova does', async () => {
    const vmPort = await port('invalid-0');
    const post = (body: unknown, mv = '2.38') => demo.compute('POST', '/servers', body, mv);
    const noNetworks = serverBody('x', vmPort.id);
    delete (noNetworks.server as Record<string, unknown>).networks;
    expect((await post(noNetworks)).body.badRequest.message).toContain("'networks' is a required property");
    expect((await post(serverBody('x', vmPort.id, { flavorRef: '99' }))).body.badRequest.message).toBe(
      'Invalid flavorRef provided.',
    );
    expect((await post(serverBody('x', vmPort.id, { imageRef: 'nope' }))).body.badRequest.message).toBe(
      'Can not find requested image',
    );
    expect((await post(serverBody('x', vmPort.id, { availability_zone: 'az9' }))).status).toBe(400);
    expect((await post(serverBody('x', vmPort.id, { key_name: 'missing' }))).body.badRequest.message).toBe(
      'Invalid key_name provided.',
    );
    const inUse = await post(serverBody('x', (await demo.network('GET', '/ports?name=machine-0-0')).body.ports[0].id));
    expect(inUse.status).toBe(409);
    expect(inUse.body.conflictingRequest.code).toBe(409);
    const bdmTag = await post(
      serverBody('x', vmPort.id, {
        block_device_mapping_v2: [
          { source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1, tag: 'etcd' },
        ],
      }),
    );
    expect(bdmTag.body.badRequest.message).toContain("('tag' was unexpected)");
    await demo.network('DELETE', `/ports/${vmPort.id}`);
  });

  it('boots from a volume, refuses multiattach volumes below 2.60, and deletes volumes marked delete_on_termination', async () => {
    const root = await demo.volume('POST', '/volumes', { volume: { name: 'bfv-root', size: 20, imageRef: imageId } });
    const shared = await demo.volume('POST', '/volumes', {
      volume: { name: 'bfv-shared', size: 1, volume_type: 'multiattach' },
    });
    cloud.clock.settle();
    const vmPort = await port('bfv-0');
    const mappings = [
      {
        source_type: 'volume',
        destination_type: 'volume',
        uuid: root.body.volume.id,
        boot_index: 0,
        delete_on_termination: true,
      },
      {
        source_type: 'volume',
        destination_type: 'volume',
        uuid: shared.body.volume.id,
        boot_index: -1,
        delete_on_termination: false,
        tag: 'shared',
      },
    ];
    const body = serverBody('bfv', vmPort.id, { imageRef: '', block_device_mapping_v2: mappings });
    const tooOld = await demo.compute('POST', '/servers', body, '2.53');
    expect(tooOld.body.badRequest.message).toBe(
      'Multiattach volumes are only supported starting with compute API version 2.60.',
    );
    const created = await demo.compute('POST', '/servers', body, '2.60');
    expect(created.status).toBe(202);
    const id = created.body.server.id;
    expect((await demo.volume('GET', `/volumes/${root.body.volume.id}`)).body.volume.status).toBe('in-use');
    cloud.clock.settle();
    const server = (await demo.compute('GET', `/servers/${id}`, undefined, '2.60')).body.server;
    expect(server.image).toBe('');
    expect(server['os-extended-volumes:volumes_attached']).toEqual([
      { id: root.body.volume.id, delete_on_termination: true },
      { id: shared.body.volume.id, delete_on_termination: false },
    ]);
    const attachments = await demo.compute('GET', `/servers/${id}/os-volume_attachments`, undefined, '2.79');
    expect(attachments.body.volumeAttachments[1]).toMatchObject({
      volumeId: shared.body.volume.id,
      tag: 'shared',
      delete_on_termination: false,
    });

    expect((await demo.compute('DELETE', `/servers/${id}`)).status).toBe(204);
    expect((await demo.compute('GET', `/servers/${id}`)).body.server['OS-EXT-STS:task_state']).toBe('deleting');
    cloud.clock.settle();
    expect((await demo.compute('GET', `/servers/${id}`)).status).toBe(404);
    expect((await demo.volume('GET', `/volumes/${root.body.volume.id}`)).status).toBe(404);
    expect((await demo.volume('GET', `/volumes/${shared.body.volume.id}`)).body.volume.status).toBe('available');
    const unbound = (await demo.network('GET', `/ports/${vmPort.id}`)).body.port;
    expect(unbound).toMatchObject({ device_id: '', device_owner: '', status: 'DOWN' });
    await demo.volume('DELETE', `/volumes/${shared.body.volume.id}`);
    await demo.network('DELETE', `/ports/${vmPort.id}`);
    cloud.clock.settle();
  });

  it('creates and deletes the ports it creates for network-uuid interfaces; manages interfaces and console output', async () => {
    const created = await demo.compute('POST', '/servers', {
      server: { name: 'auto-port', imageRef: imageId, flavorRef: '1', networks: [{ uuid: networkId }] },
    });
    const id = created.body.server.id;
    cloud.clock.settle();
    const interfaces = await demo.compute('GET', `/servers/${id}/os-interface`);
    expect(interfaces.body.interfaceAttachments).toHaveLength(1);
    const autoPortId = interfaces.body.interfaceAttachments[0].port_id;
    expect(interfaces.body.interfaceAttachments[0]).toMatchObject({ net_id: networkId, port_state: 'ACTIVE' });
    const extra = await demo.compute('POST', `/servers/${id}/os-interface`, {
      interfaceAttachment: { net_id: networkId },
    });
    expect(extra.status).toBe(200);
    expect(
      (await demo.compute('DELETE', `/servers/${id}/os-interface/${extra.body.interfaceAttachment.port_id}`)).status,
    ).toBe(202);
    const console = await demo.compute('POST', `/servers/${id}/action`, { 'os-getConsoleOutput': { length: 50 } });
    expect(console.body.output).toContain('auto-port');
    await demo.compute('DELETE', `/servers/${id}`);
    cloud.clock.settle();
    expect((await demo.network('GET', `/ports/${autoPortId}`)).status).toBe(404);
  });

  it('enforces instance and core quotas with 403', async () => {
    cloud.setQuota(demo.projectId, 'compute.cores', 1);
    const vmPort = await port('quota-0');
    const over = await demo.compute('POST', '/servers', serverBody('quota', vmPort.id, { flavorRef: '3' }));
    expect(over.status).toBe(403);
    expect(over.body.forbidden.message).toMatch(
      /^Quota exceeded for cores: Requested 2, but already used \d+ of 1 cores$/,
    );
    cloud.setQuota(demo.projectId, 'compute.cores', 20);
    const limits = await demo.compute('GET', '/limits');
    expect(limits.body.limits.absolute.maxTotalInstances).toBe(10);
    await demo.network('DELETE', `/ports/${vmPort.id}`);
  });

  it('manages key pairs (201/204 from 2.2)', async () => {
    const created = await demo.compute(
      'POST',
      '/os-keypairs',
      { keypair: { name: 'ops', public_key: 'ssh-ed25519 AAAA test' } },
      '2.2',
    );
    expect(created.status).toBe(201);
    expect(created.body.keypair.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect((await demo.compute('POST', '/os-keypairs', { keypair: { name: 'ops', public_key: 'x' } })).status).toBe(
      409,
    );
    expect((await demo.compute('DELETE', '/os-keypairs/ops', undefined, '2.2')).status).toBe(204);
  });
});
