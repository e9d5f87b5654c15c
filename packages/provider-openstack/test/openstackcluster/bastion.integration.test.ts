import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { neutron } from '../../src/openstack/index.js';
import {
  type ClusterHarness,
  createClusterWithOpenStackCluster,
  deleteCluster,
  startClusterHarness,
} from './harness.js';

// The bastion of an OpenStackCluster: an OpenStackServer `<cluster>-bastion` with a floating IP, recreated when
// its spec changes, deleted when disabled and before everything else when the cluster goes.

let harness: ClusterHarness;
beforeAll(async () => {
  harness = await startClusterHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

const name = 'jump';
const bastionKey = { namespace: 'default', name: 'jump-bastion' };
const readCluster = () => harness.client.get(OpenStackCluster, { namespace: 'default', name });
const bastionSpec = (flavor: string) => ({
  flavor,
  image: { filter: { name: 'ubuntu-2404-kube-v1.35.0' } },
  sshKeyName: '',
});

/** The cluster's bastion status once it has a floating IP, with the Nova server it names. */
async function bastionUp(): Promise<NonNullable<NonNullable<OpenStackCluster['status']>['bastion']>> {
  return eventually(
    async () => {
      const bastion = (await readCluster()).status?.bastion;
      expect(bastion?.floatingIP, JSON.stringify(bastion)).toBeTruthy();
      return bastion as NonNullable<typeof bastion>;
    },
    { timeoutMs: 40_000 },
  );
}

describe('OpenStackCluster bastion', () => {
  it('creates the bastion server with a floating IP and reports it', async () => {
    await createClusterWithOpenStackCluster(harness.client, name, {
      managedSubnets: [{ cidr: '10.11.0.0/24' }],
      managedSecurityGroups: { allowAllInClusterTraffic: false },
      bastion: { enabled: true, spec: bastionSpec('m1.small') },
    });
    const bastion = await bastionUp();
    expect(bastion).toMatchObject({ name: 'jump-bastion', state: 'ACTIVE' });
    expect(bastion.ip).toMatch(/^10\.11\.0\./);
    const server = await harness.client.get(OpenStackServer, bastionKey);
    expect(server.metadata.labels?.['cluster.x-k8s.io/cluster-name']).toBe(name);
    expect(server.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'OpenStackCluster', name, controller: true });
    const osc = await readCluster();
    expect(server.spec.ports?.[0]?.securityGroups).toEqual([{ id: osc.status?.bastionSecurityGroup?.id }]);
    const [fip] = await neutron.listFloatingIps(harness.demo, { floatingIpAddress: bastion.floatingIP });
    const [port] = await neutron.listPorts(harness.demo, { deviceId: bastion.id });
    expect(fip?.port_id).toBe(port?.id);
  }, 60_000);

  it('recreates the bastion when its spec changes', async () => {
    const before = await bastionUp();
    await harness.client.mergePatch(
      OpenStackCluster,
      { namespace: 'default', name },
      { spec: { bastion: { spec: bastionSpec('m1.medium') } } },
    );
    await eventually(
      async () => {
        const server = await harness.client.get(OpenStackServer, bastionKey);
        expect(server.spec.flavor).toBe('m1.medium');
        expect(server.status?.ready).toBe(true);
        expect((await readCluster()).status?.bastion?.id).not.toBe(before.id);
      },
      { timeoutMs: 60_000 },
    );
    expect((await bastionUp()).floatingIP).toBeTruthy();
  }, 90_000);

  it('deletes the bastion and its floating IP when disabled', async () => {
    const before = await bastionUp();
    await harness.client.mergePatch(
      OpenStackCluster,
      { namespace: 'default', name },
      { spec: { bastion: { enabled: false } } },
    );
    await eventually(
      async () => {
        expect(await harness.client.getOptional(OpenStackServer, bastionKey)).toBeUndefined();
        expect((await readCluster()).status?.bastion).toBeUndefined();
      },
      { timeoutMs: 40_000 },
    );
    expect(await neutron.listFloatingIps(harness.demo, { floatingIpAddress: before.floatingIP })).toEqual([]);
  }, 60_000);

  it('deletes an enabled bastion first when the cluster goes, leaving nothing behind', async () => {
    await harness.client.mergePatch(
      OpenStackCluster,
      { namespace: 'default', name },
      { spec: { bastion: { enabled: true, spec: bastionSpec('m1.small') } } },
    );
    await bastionUp();
    harness.cloud.clearRequests();
    await deleteCluster(harness.client, name);
    await eventually(
      async () =>
        expect(await harness.client.getOptional(OpenStackCluster, { namespace: 'default', name })).toBeUndefined(),
      { timeoutMs: 40_000 },
    );
    await harness.cloud.clock.whenIdle();
    expect(harness.cloud.leftovers()).toEqual([]);
    const deleted = (path: RegExp) => harness.cloud.requests({ method: 'DELETE', path })[0]?.sequence ?? -1;
    expect(deleted(/^\/v2\.1\/servers\//)).toBeGreaterThan(-1);
    expect(deleted(/^\/v2\.1\/servers\//)).toBeLessThan(deleted(/^\/v2\.0\/routers\//));
    expect(deleted(/^\/v2\.0\/floatingips\//)).toBeLessThan(deleted(/^\/v2\.1\/servers\//));
  }, 90_000);
});
