import { describe, expect, it } from 'vitest';
import { FilterMatchError, nova, OpenStackResponseError } from '../../src/openstack/index.js';
import { ScriptedSession } from './scripted-session.js';

const computeUrl = 'https://cloud:8774/v2.1/';
const currentVersion = {
  version: { id: 'v2.1', status: 'CURRENT', version: '2.95', min_version: '2.1', updated: '2013-07-23T11:33:21Z' },
};

async function compute(session: ScriptedSession, document: unknown = currentVersion, status = 200) {
  session.on('GET', computeUrl, { status, body: document });
  return nova.connectCompute(session);
}

const groupId = '0b8f3c5e-6e4f-4c55-8d6d-2f2e0c1b9a10';

describe('Nova microversions', () => {
  it('discovers the range from the version document (200 or 300) and requires 2.38', async () => {
    const session = new ScriptedSession({ compute: computeUrl });
    expect((await compute(session)).versions).toEqual({ min: '2.1', max: '2.95' });
    const multiple = {
      versions: [
        { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '' },
        { id: 'v2.1', status: 'CURRENT', version: '2.60', min_version: '2.1' },
      ],
    };
    expect((await compute(session, multiple, 300)).versions.max).toBe('2.60');
    const old = { version: { id: 'v2.1', status: 'CURRENT', version: '2.37', min_version: '2.1' } };
    await expect(compute(session, old)).rejects.toThrow(/no compatible server version.*2\.38 is required/);
  });

  it('compares microversions numerically', () => {
    expect(nova.compareMicroversions('2.9', '2.38')).toBeLessThan(0);
    expect(nova.supportsMicroversion({ min: '2.1', max: '2.53' }, '2.60')).toBe(false);
    expect(nova.supportsMicroversion({ min: '2.1', max: '2.60' }, '2.60')).toBe(true);
  });
});

describe('Nova server create', () => {
  const base: nova.ServerCreateRequest = {
    name: 'cluster-control-plane-abc',
    imageRef: 'image-1',
    flavorRef: 'flavor-1',
    portIds: ['port-1', 'port-2'],
    userData: 'I2Nsb3VkLWNvbmZpZw==',
    metadata: { k: 'v' },
  };

  it('serialises the default create as gophercloud does, at 2.38', () => {
    expect(nova.serverCreateBody(base)).toEqual({
      server: {
        name: 'cluster-control-plane-abc',
        imageRef: 'image-1',
        flavorRef: 'flavor-1',
        networks: [{ port: 'port-1' }, { port: 'port-2' }],
        user_data: 'I2Nsb3VkLWNvbmZpZw==',
        metadata: { k: 'v' },
        config_drive: false,
      },
    });
    expect(nova.serverCreateMicroversion(base)).toBe('2.38');
  });

  it('boots from volume with an empty imageRef, tags devices at 2.53, multiattach at 2.60, hints with the group', () => {
    const bootFromVolume: nova.ServerCreateRequest = {
      ...base,
      imageRef: '',
      availabilityZone: 'az1',
      keyName: 'ssh-key',
      tags: ['cluster'],
      serverGroupId: groupId,
      additionalSchedulerHints: { answer: 42, flag: true },
      blockDevices: [
        {
          source_type: 'volume',
          destination_type: 'volume',
          uuid: 'root-volume',
          boot_index: 0,
          delete_on_termination: true,
        },
        {
          source_type: 'blank',
          destination_type: 'local',
          boot_index: -1,
          delete_on_termination: true,
          volume_size: 10,
          tag: 'etcd',
        },
      ],
    };
    expect(nova.serverCreateBody(bootFromVolume)).toEqual({
      server: {
        name: 'cluster-control-plane-abc',
        imageRef: '',
        flavorRef: 'flavor-1',
        availability_zone: 'az1',
        networks: [{ port: 'port-1' }, { port: 'port-2' }],
        user_data: 'I2Nsb3VkLWNvbmZpZw==',
        metadata: { k: 'v' },
        config_drive: false,
        tags: ['cluster'],
        key_name: 'ssh-key',
        block_device_mapping_v2: bootFromVolume.blockDevices,
      },
      'os:scheduler_hints': { answer: 42, flag: true, group: groupId },
    });
    expect(nova.serverCreateMicroversion(bootFromVolume)).toBe('2.53');
    expect(nova.serverCreateMicroversion({ ...base, multiattach: true })).toBe('2.60');
    expect(() => nova.serverCreateBody({ ...base, serverGroupId: 'my-group' })).toThrow(/not a UUID/);
  });

  it('sends both microversion headers and refuses a microversion the endpoint lacks', async () => {
    const session = new ScriptedSession({ compute: computeUrl });
    const api = await compute(session);
    session.on('POST', `${computeUrl}servers`, {
      status: 202,
      body: { server: { id: 'server-1', links: [], adminPass: 'x', OS_DCF_diskConfig: 'MANUAL', security_groups: [] } },
    });
    expect(await nova.createServer(api, { ...base, tags: ['t'] })).toBe('server-1');
    expect(session.calls.at(-1)?.headers).toEqual({
      'x-openstack-nova-api-version': '2.53',
      'openstack-api-version': 'compute 2.53',
    });
    const limited = await compute(session, { version: { id: 'v2.1', version: '2.53', min_version: '2.1' } });
    await expect(nova.createServer(limited, { ...base, multiattach: true })).rejects.toThrow(OpenStackResponseError);
  });
});

describe('Nova reads', () => {
  const server = {
    id: 'server-1',
    name: 'a.b',
    status: 'ACTIVE',
    key_name: null,
    'OS-EXT-AZ:availability_zone': 'nova',
    addresses: {
      private: [
        { addr: '10.0.0.5', version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' },
        { addr: '172.24.4.10', version: 4, 'OS-EXT-IPS:type': 'floating' },
      ],
    },
    metadata: {},
    flavor: { original_name: 'm1.small' },
  };

  it('finds a server by its exact, regex-escaped name and reports several as an error', async () => {
    const session = new ScriptedSession({ compute: computeUrl });
    const api = await compute(session);
    const url = `${computeUrl}servers/detail?name=%5Ea%5C.b%24`;
    session.on('GET', url, { body: { servers: [server] } }).on('GET', url, { body: { servers: [server, server] } });
    expect(await nova.findServerByName(api, 'a.b')).toMatchObject({ status: 'ACTIVE', addresses: server.addresses });
    await expect(nova.findServerByName(api, 'a.b')).rejects.toBeInstanceOf(FilterMatchError);
  });

  it('reads a server in ERROR with its fault, and a deleted server as not found', async () => {
    const session = new ScriptedSession({ compute: computeUrl });
    const api = await compute(session);
    session
      .on('GET', `${computeUrl}servers/server-1`, {
        body: { server: { ...server, status: 'ERROR', fault: { code: 500, message: 'No valid host was found.' } } },
      })
      .on('GET', `${computeUrl}servers/server-2`, {
        status: 404,
        body: { itemNotFound: { code: 404, message: 'Instance server-2 could not be found.' } },
      });
    expect((await nova.getServer(api, 'server-1')).fault?.message).toBe('No valid host was found.');
    await expect(nova.getServer(api, 'server-2')).rejects.toMatchObject({
      kind: 'not-found',
      faultType: 'itemNotFound',
    });
  });

  it('lists flavors page by page, availability zones and server groups', async () => {
    const session = new ScriptedSession({ compute: computeUrl });
    const api = await compute(session);
    const flavor = (id: string, name: string) => ({
      id,
      name,
      vcpus: 2,
      ram: 4096,
      disk: 20,
      'OS-FLV-EXT-DATA:ephemeral': 0,
    });
    session
      .on('GET', `${computeUrl}flavors/detail`, {
        body: {
          flavors: [flavor('1', 'm1.small')],
          flavors_links: [{ rel: 'next', href: 'http://internal:8774/v2.1/flavors/detail?marker=1' }],
        },
      })
      .on('GET', 'https://cloud:8774/v2.1/flavors/detail?marker=1', { body: { flavors: [flavor('2', 'm1.medium')] } })
      .on('GET', `${computeUrl}os-availability-zone`, {
        body: { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true }, hosts: null }] },
      })
      .on('GET', `${computeUrl}os-server-groups`, {
        body: { server_groups: [{ id: groupId, name: 'cp', policies: ['anti-affinity'], members: [], metadata: {} }] },
      });
    expect((await nova.findFlavorByName(api, 'm1.medium')).id).toBe('2');
    expect(await nova.listAvailabilityZones(api)).toEqual([{ zoneName: 'nova', zoneState: { available: true } }]);
    expect((await nova.findServerGroupByName(api, 'cp')).id).toBe(groupId);
  });
});
