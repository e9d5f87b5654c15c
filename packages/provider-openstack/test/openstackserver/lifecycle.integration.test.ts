import { builtin } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { cinder, glance, neutron, nova } from '../../src/openstack/index.js';
import { type ServerHarness, serverObject, startServerHarness } from './harness.js';

const namespace = 'default';
let h: ServerHarness;

beforeAll(async () => {
  h = await startServerHarness();
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

async function readyServer(name: string): Promise<OpenStackServer> {
  return eventually(
    async () => {
      const server = await h.client.get(OpenStackServer, { namespace, name });
      expect(server.status?.ready, JSON.stringify(server.status?.conditions)).toBe(true);
      return server;
    },
    { timeoutMs: 30_000 },
  );
}

async function deleteAndExpectNothingLeft(name: string, keep: readonly string[] = []): Promise<void> {
  await h.client.delete(OpenStackServer, { namespace, name });
  await eventually(
    async () => {
      expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();
    },
    { timeoutMs: 30_000 },
  );
  await h.cloud.clock.whenIdle();
  const kept = new Set([h.network.id, h.network.subnetId, ...keep]);
  expect(h.cloud.leftovers().filter((leftover) => !kept.has(leftover.id))).toEqual([]);
}

describe('OpenStackServer against the simulator', () => {
  it('creates ports and the server with every option, reports ACTIVE, and deletes everything', async () => {
    const name = 'full';
    const group = await h.session.request('compute', {
      method: 'POST',
      path: 'os-server-groups',
      body: { server_group: { name: 'anti', policies: ['anti-affinity'] } },
    });
    const groupId = (group.body as { server_group: { id: string } }).server_group.id;
    await h.client.create(builtin.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace, name: `${name}-bootstrap` },
      data: { value: Buffer.from('#cloud-config\n').toString('base64') },
    });
    await h.client.create(
      OpenStackServer,
      serverObject(h, namespace, name, {
        ports: [
          {
            network: { filter: { name: 'machines' } },
            fixedIPs: [{ subnet: { filter: { name: 'machines' } }, ipAddress: '10.6.0.50' }],
            allowedAddressPairs: [{ ipAddress: '10.6.0.200' }],
            tags: ['port-tag'],
            nameSuffix: 'primary',
            vnicType: 'normal',
          },
        ],
        tags: ['k8s', 'capi'],
        serverMetadata: [{ key: 'role', value: 'worker' }],
        configDrive: true,
        serverGroup: { filter: { name: 'anti' } },
        schedulerHintAdditionalProperties: [{ name: 'custom', value: { type: 'String', string: 'x' } }],
        userDataRef: { name: `${name}-bootstrap` },
        availabilityZone: 'nova',
      }),
    );
    const server = await readyServer(name);
    expect(server.metadata.finalizers).toContain('openstackserver.infrastructure.cluster.x-k8s.io');
    expect(server.status?.instanceState).toBe('ACTIVE');
    expect(server.status?.resolved).toMatchObject({
      flavorID: '2',
      serverGroupID: groupId,
      ports: [
        {
          name: 'full-primary',
          networkID: h.network.id,
          fixedIPs: [{ subnet: h.network.subnetId, ipAddress: '10.6.0.50' }],
          tags: ['k8s', 'capi', 'port-tag'],
        },
      ],
    });
    expect(server.status?.addresses).toEqual([
      { type: 'InternalIP', address: '10.6.0.50' },
      { type: 'InternalDNS', address: name },
    ]);
    const port = await neutron.getPort(h.session, server.status?.resources?.ports?.[0]?.id as string);
    expect(port).toMatchObject({
      name: 'full-primary',
      tags: ['k8s', 'capi', 'port-tag'],
      allowed_address_pairs: [{ ip_address: '10.6.0.200' }],
      device_id: server.status?.instanceID,
    });
    const instance = await nova.getServer(h.compute, server.status?.instanceID as string);
    expect(instance.metadata).toEqual({ role: 'worker' });
    expect(instance['OS-EXT-AZ:availability_zone']).toBe('nova');

    // Steady state: another reconcile (forced by a label change) writes nothing.
    const before = (await h.client.get(OpenStackServer, { namespace, name })).metadata.resourceVersion;
    h.cloud.clearRequests();
    await h.client.mergePatch(OpenStackServer, { namespace, name }, { metadata: { labels: { poke: '1' } } });
    await eventually(() => expect(h.cloud.countRequests({ service: 'compute', method: 'GET' })).toBeGreaterThan(0));
    expect(h.cloud.countRequests({ method: 'POST' })).toBe(0);
    const after = await h.client.get(OpenStackServer, { namespace, name });
    expect(Number(after.metadata.resourceVersion)).toBe(Number(before) + 1);

    await deleteAndExpectNothingLeft(name, [groupId]);
    await h.session.request('compute', { method: 'DELETE', path: `os-server-groups/${groupId}` });
  }, 60_000);

  it('boots from a volume with additional volume and local block devices', async () => {
    const name = 'bfv';
    await h.client.create(
      OpenStackServer,
      serverObject(h, namespace, name, {
        rootVolume: { sizeGiB: 10, type: 'lvmdriver-1' },
        additionalBlockDevices: [
          { name: 'etcd', sizeGiB: 5, storage: { type: 'Volume', volume: { availabilityZone: { from: 'Machine' } } } },
          { name: 'scratch', sizeGiB: 1, storage: { type: 'Local' } },
        ],
      }),
    );
    const server = await readyServer(name);
    const projectId = await h.session.projectId();
    const root = await cinder.listVolumes(h.session, { name: 'bfv-root', projectId });
    const etcd = await cinder.listVolumes(h.session, { name: 'bfv-etcd', projectId });
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ size: 10, volume_type: 'lvmdriver-1' });
    expect(root[0]?.attachments[0]?.server_id).toBe(server.status?.instanceID);
    expect(etcd).toHaveLength(1);
    await deleteAndExpectNothingLeft(name);
  }, 60_000);

  it('creates a trunk on a trunk port and deletes the trunk before the port', async () => {
    const name = 'trunked';
    await h.client.create(OpenStackServer, serverObject(h, namespace, name, { trunk: true }));
    const server = await readyServer(name);
    const portId = server.status?.resources?.ports?.[0]?.id as string;
    const trunks = await neutron.listTrunks(h.session, { portId });
    expect(trunks.map((t) => t.name)).toEqual(['trunked-0']);
    h.cloud.clearRequests();
    await deleteAndExpectNothingLeft(name);
    const deletes = h.cloud.requests({ method: 'DELETE' }).map((r) => r.path.replace(/[0-9a-f-]{36}/g, '{id}'));
    expect(deletes.indexOf('/v2.0/trunks/{id}')).toBeLessThan(deletes.indexOf('/v2.0/ports/{id}'));
    expect(deletes.indexOf('/servers/{id}')).toBeLessThan(deletes.indexOf('/v2.0/trunks/{id}'));
  }, 60_000);

  it('adopts a port and a server created before a crash instead of creating duplicates', async () => {
    const name = 'adopted';
    const port = await neutron.createPort(h.session, { network_id: h.network.id, name: 'adopted-0' });
    const id = await nova.createServer(h.compute, {
      name,
      imageRef: (await glance.findImage(h.session, { name: 'ubuntu-2404-kube-v1.35.0' })).id,
      flavorRef: '2',
      portIds: [port.id],
    });
    h.cloud.clearRequests();
    await h.client.create(OpenStackServer, serverObject(h, namespace, name));
    const server = await readyServer(name);
    expect(server.status?.instanceID).toBe(id);
    expect(server.status?.resources?.ports).toEqual([{ id: port.id }]);
    expect(h.cloud.countRequests({ method: 'POST', service: 'compute' })).toBe(0);
    expect(h.cloud.countRequests({ method: 'POST', service: 'network' })).toBe(0);
    await deleteAndExpectNothingLeft(name);
  }, 60_000);

  it('adopts neither of two servers with its name, and says so in a DuplicateServerNames warning', async () => {
    const name = 'twins';
    const imageRef = (await glance.findImage(h.session, { name: 'ubuntu-2404-kube-v1.35.0' })).id;
    const twins: { server: string; port: string }[] = [];
    for (const suffix of ['a', 'b']) {
      const port = await neutron.createPort(h.session, { network_id: h.network.id, name: `twins-${suffix}` });
      const server = await nova.createServer(h.compute, { name, imageRef, flavorRef: '2', portIds: [port.id] });
      twins.push({ server, port: port.id });
    }
    h.cloud.clearRequests();
    await h.client.create(OpenStackServer, serverObject(h, namespace, name));
    const warning = await eventually(async () => {
      const events = await h.client.list(builtin.event, { namespace });
      const found = events.items.find((e) => e.involvedObject.name === name && e.reason === 'DuplicateServerNames');
      expect(found).toBeDefined();
      return found;
    });
    expect(warning).toMatchObject({ type: 'Warning', message: "Found 2 servers with name 'twins'" });
    expect(h.cloud.countRequests({ method: 'POST', service: 'compute' })).toBe(0);
    expect((await h.client.get(OpenStackServer, { namespace, name })).status?.instanceID).toBeUndefined();

    // Whoever made the twins removes them; the OpenStackServer then deletes only what it created.
    for (const twin of twins) await nova.deleteServer(h.compute, twin.server);
    await h.cloud.clock.whenIdle();
    for (const twin of twins) await neutron.deletePort(h.session, twin.port);
    await deleteAndExpectNothingLeft(name);
  }, 60_000);
});
