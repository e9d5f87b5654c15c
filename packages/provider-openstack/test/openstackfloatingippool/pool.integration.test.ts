import {
  ConditionLayouts,
  getV1Beta1Conditions,
  type InformerSource,
  ipamTypes,
  SharedCache,
  silentLogger,
} from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackFloatingIPPool } from '../../src/api/v1alpha1/openstack-floating-ip-pool.js';
import { floatingIPPoolReconciler } from '../../src/controllers/openstackfloatingippool/reconciler.js';
import { neutron } from '../../src/openstack/index.js';
import {
  addressOf,
  createClaim,
  createPool,
  namespace,
  type PoolHarness,
  poolStatus,
  startPoolHarness,
} from './harness.js';

let h: PoolHarness;

beforeAll(async () => {
  h = await startPoolHarness();
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

function readyCondition(pool: OpenStackFloatingIPPool) {
  return getV1Beta1Conditions(pool, ConditionLayouts.v1beta1).find(
    (c) => c.type === 'OpenstackFloatingIPPoolReadyCondition',
  );
}

async function fipsWithAddress(address: string): Promise<neutron.FloatingIp[]> {
  return neutron.listFloatingIps(h.session, { floatingIpAddress: address });
}

async function deleteClaimAndWait(name: string): Promise<void> {
  await h.client.delete(ipamTypes.ipAddressClaim, { namespace, name });
  await eventually(async () => {
    expect(await h.client.getOptional(ipamTypes.ipAddress, { namespace, name })).toBeUndefined();
  });
}

describe('OpenStackFloatingIPPool', () => {
  it('serves a claim with a new floating IP on the external network, tagged and described as CAPO does', async () => {
    const pool = await createPool(h, 'fresh');
    await createClaim(h, 'fresh-claim', 'fresh');
    const address = await addressOf(h, 'fresh-claim');
    expect(address.spec).toMatchObject({
      prefix: 32,
      claimRef: { name: 'fresh-claim' },
      poolRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'OpenStackFloatingIPPool', name: 'fresh' },
    });
    expect(address.spec.gateway).toBeUndefined();
    expect(address.metadata.finalizers).toEqual([
      'openstackfloatingippool.infrastructure.cluster.x-k8s.io/delete-floating-ip',
    ]);
    expect(address.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller ?? false])).toEqual([
      ['OpenStackFloatingIPPool', 'fresh', true],
      ['IPAddressClaim', 'fresh-claim', false],
    ]);
    expect(address.metadata.ownerReferences?.[0]?.uid).toBe(pool.metadata.uid);

    const [fip] = await fipsWithAddress(address.spec.address);
    expect(fip?.floating_network_id).toBe(h.cloud.seed.externalNetworkId);
    expect(fip?.tags).toEqual(['cluster-api-provider-openstack-fip-pool-fresh']);
    expect(fip?.description).toBe('Created by cluster-api-provider-openstack OpenStackFloatingIPPool fresh');

    const status = await poolStatus(h, 'fresh', (p) => {
      expect(p.status?.claimedIPs).toEqual([address.spec.address]);
      expect(readyCondition(p)?.status).toBe('True');
    });
    expect(status.metadata.finalizers).toContain('openstackfloatingippool.infrastructure.cluster.x-k8s.io');
    expect(status.status?.availableIPs).toEqual([]);
    expect(status.status?.floatingIPNetwork?.id).toBe(h.cloud.seed.externalNetworkId);

    // Steady state: a reconcile (forced by a label on the claim) writes nothing, to the cloud or to Kubernetes.
    h.cloud.clearRequests();
    const before = await h.reconciles();
    const claimKey = { namespace, name: 'fresh-claim' };
    const poked = await h.client.mergePatch(ipamTypes.ipAddressClaim, claimKey, {
      metadata: { labels: { poke: '1' } },
    });
    await eventually(async () => expect(await h.reconciles()).toBeGreaterThan(before));
    expect(h.cloud.countRequests({ method: 'POST' }) + h.cloud.countRequests({ method: 'PUT' })).toBe(0);
    expect(h.cloud.countRequests({ method: 'DELETE' })).toBe(0);
    const pool2 = await h.client.get(OpenStackFloatingIPPool, { namespace, name: 'fresh' });
    expect(pool2.metadata.resourceVersion).toBe(status.metadata.resourceVersion);
    expect((await h.client.get(ipamTypes.ipAddressClaim, claimKey)).metadata.resourceVersion).toBe(
      poked.metadata.resourceVersion,
    );
    expect((await h.client.get(ipamTypes.ipAddress, claimKey)).metadata.resourceVersion).toBe(
      address.metadata.resourceVersion,
    );
  });

  it('deletes the floating IP of a released claim under reclaimPolicy Delete', async () => {
    await createPool(h, 'deleting', { reclaimPolicy: 'Delete' });
    await createClaim(h, 'deleting-claim', 'deleting');
    const { address } = (await addressOf(h, 'deleting-claim')).spec;
    expect(await fipsWithAddress(address)).toHaveLength(1);
    await deleteClaimAndWait('deleting-claim');
    await eventually(async () => expect(await fipsWithAddress(address)).toEqual([]));
    await poolStatus(h, 'deleting', (p) => {
      expect(p.status?.claimedIPs).toEqual([]);
      expect(p.status?.availableIPs).toEqual([]);
    });
  });

  it('keeps the floating IP of a released claim under Retain and hands it out again', async () => {
    await createPool(h, 'retaining', { reclaimPolicy: 'Retain' });
    await createClaim(h, 'retaining-a', 'retaining');
    const { address } = (await addressOf(h, 'retaining-a')).spec;
    await deleteClaimAndWait('retaining-a');
    await poolStatus(h, 'retaining', (p) => {
      expect(p.status?.claimedIPs).toEqual([]);
      expect(p.status?.availableIPs).toEqual([address]);
    });
    expect(await fipsWithAddress(address)).toHaveLength(1);
    await createClaim(h, 'retaining-b', 'retaining');
    expect((await addressOf(h, 'retaining-b')).spec.address).toBe(address);
    await poolStatus(h, 'retaining', (p) => {
      expect(p.status?.claimedIPs).toEqual([address]);
      expect(p.status?.availableIPs).toEqual([]);
    });
  });

  it('hands out pre-allocated floating IPs first and never deletes them', async () => {
    const fip = await neutron.createFloatingIp(h.session, { floating_network_id: h.cloud.seed.externalNetworkId });
    const ip = fip.floating_ip_address;
    await createPool(h, 'preallocated', { reclaimPolicy: 'Delete', preAllocatedFloatingIPs: [ip] });
    await poolStatus(h, 'preallocated', (p) => expect(p.status?.availableIPs).toEqual([ip]));
    await createClaim(h, 'preallocated-claim', 'preallocated');
    expect((await addressOf(h, 'preallocated-claim')).spec.address).toBe(ip);
    await poolStatus(h, 'preallocated', (p) => {
      expect(p.status?.claimedIPs).toEqual([ip]);
      expect(p.status?.availableIPs).toEqual([]);
    });
    await deleteClaimAndWait('preallocated-claim');
    await poolStatus(h, 'preallocated', (p) => expect(p.status?.availableIPs).toEqual([ip]));
    expect((await fipsWithAddress(ip)).map((f) => f.id)).toEqual([fip.id]);
  });

  it('stops at maxIPs with the MaxIPsReached condition', async () => {
    await createPool(h, 'capped', { maxIPs: 1 });
    await createClaim(h, 'capped-a', 'capped');
    await addressOf(h, 'capped-a');
    await createClaim(h, 'capped-b', 'capped');
    const pool = await poolStatus(h, 'capped', (p) => expect(readyCondition(p)?.reason).toBe('MaxIPsReached'));
    expect(readyCondition(pool)?.status).toBe('False');
    const claim = await h.client.get(ipamTypes.ipAddressClaim, { namespace, name: 'capped-b' });
    expect(claim.status?.addressRef?.name).toBeUndefined();
    expect(pool.status?.claimedIPs).toHaveLength(1);
  });

  it('reports a floating IP network filter that matches nothing', async () => {
    await createPool(h, 'bad-network', { floatingIPNetwork: { filter: { name: 'no-such-network' } } });
    const pool = await poolStatus(h, 'bad-network', (p) =>
      expect(readyCondition(p)?.reason).toBe('UnableToFindNetwork'),
    );
    expect(readyCondition(pool)?.status).toBe('False');
    expect(readyCondition(pool)?.message).toContain('no-such-network');
    expect(pool.status?.floatingIPNetwork).toBeUndefined();
  });

  it('waits for its claims before it goes, then deletes its floating IPs under Delete', async () => {
    await createPool(h, 'going', { reclaimPolicy: 'Delete' });
    await createClaim(h, 'going-claim', 'going');
    const { address } = (await addressOf(h, 'going-claim')).spec;
    await h.client.delete(OpenStackFloatingIPPool, { namespace, name: 'going' });
    await poolStatus(h, 'going', (p) => expect(readyCondition(p)?.reason).toBe('Deleting'));
    expect(await fipsWithAddress(address)).toHaveLength(1);
    await h.client.delete(ipamTypes.ipAddressClaim, { namespace, name: 'going-claim' });
    // Several reconciles (the address released, then the pool's floating IPs deleted): slow on a loaded machine.
    await eventually(
      async () => {
        expect(await h.client.getOptional(OpenStackFloatingIPPool, { namespace, name: 'going' })).toBeUndefined();
      },
      { timeoutMs: 45_000 },
    );
    expect(await fipsWithAddress(address)).toEqual([]);
  });

  it('keeps its finalizer while the API server has an IPAddress its cache has not seen yet', async () => {
    await createPool(h, 'lagging', { reclaimPolicy: 'Delete' });
    await createClaim(h, 'lagging-claim', 'lagging');
    const { address } = (await addressOf(h, 'lagging-claim')).spec;
    await h.client.delete(OpenStackFloatingIPPool, { namespace, name: 'lagging' });
    await poolStatus(h, 'lagging', (p) => expect(readyCondition(p)?.reason).toBe('Deleting'));

    // A second reconciler whose cache is current for pools and claims but has not seen any IPAddress yet.
    const stop = new AbortController();
    const current = new SharedCache(h.client);
    const running = current.start(stop.signal);
    const unstarted = new SharedCache(h.client);
    const lagging: InformerSource = {
      informerFor: (type) => (type.plural === ipamTypes.ipAddress.plural ? unstarted : current).informerFor(type),
    };
    current.informerFor(OpenStackFloatingIPPool);
    current.informerFor(ipamTypes.ipAddressClaim);
    await current.waitForSync();
    try {
      const reconcile = floatingIPPoolReconciler({
        client: h.client,
        cache: lagging,
        sessionFor: async () => h.session,
      });
      await reconcile({ namespace, name: 'lagging' }, { logger: silentLogger(), signal: stop.signal });
    } finally {
      stop.abort();
      await running;
    }
    const pool = await h.client.get(OpenStackFloatingIPPool, { namespace, name: 'lagging' });
    expect(pool.metadata.finalizers).toContain('openstackfloatingippool.infrastructure.cluster.x-k8s.io');
    expect(readyCondition(pool)?.message).toBe('waiting for 1 IPAddresses to be deleted');
    expect(await fipsWithAddress(address)).toHaveLength(1);

    await h.client.delete(ipamTypes.ipAddressClaim, { namespace, name: 'lagging-claim' });
    await eventually(async () => {
      expect(await h.client.getOptional(OpenStackFloatingIPPool, { namespace, name: 'lagging' })).toBeUndefined();
    });
    expect(await fipsWithAddress(address)).toEqual([]);
  });
});
