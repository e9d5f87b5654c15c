import { type Cluster, capiTypes, ipamTypes, SharedCache, silentLogger } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackFloatingIPPool } from '../../src/api/v1alpha1/openstack-floating-ip-pool.js';
import { floatingIPPoolReconciler } from '../../src/controllers/openstackfloatingippool/reconciler.js';
import { addressOf, createClaim, createPool, namespace, type PoolHarness, startPoolHarness } from './harness.js';

const WATCH_FILTER = 'team-a';
const selected = { 'cluster.x-k8s.io/watch-filter': WATCH_FILTER };

let h: PoolHarness;

beforeAll(async () => {
  h = await startPoolHarness({ watchFilter: WATCH_FILTER });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

/** Runs `change`, waits for the controller to reconcile after it, and checks that the claim is still unserved. */
async function expectUnserved(pool: string, claim: string, change: () => Promise<unknown>): Promise<void> {
  const before = await h.reconciles();
  await change();
  await eventually(async () => expect(await h.reconciles()).toBeGreaterThan(before));
  const stored = await h.client.get(OpenStackFloatingIPPool, { namespace, name: pool });
  expect(stored.metadata.finalizers ?? []).toEqual([]);
  expect(stored.status).toBeUndefined();
  const claimed = await h.client.get(ipamTypes.ipAddressClaim, { namespace, name: claim });
  expect(claimed.status?.addressRef).toBeUndefined();
}

describe('OpenStackFloatingIPPool watch filter and pause', () => {
  it('serves the pools carrying the watch-filter label value and leaves the others alone', async () => {
    await createPool(h, 'other-team', {}, { labels: { 'cluster.x-k8s.io/watch-filter': 'team-b' } });
    await expectUnserved('other-team', 'other-team-claim', () => createClaim(h, 'other-team-claim', 'other-team'));
    await createPool(h, 'unlabelled');
    await expectUnserved('unlabelled', 'unlabelled-claim', () => createClaim(h, 'unlabelled-claim', 'unlabelled'));

    await createPool(h, 'ours', {}, { labels: selected });
    await createClaim(h, 'ours-claim', 'ours');
    const address = await addressOf(h, 'ours-claim');
    expect(address.spec.poolRef.name).toBe('ours');
  });

  it('does nothing for a pool with the paused annotation until it is removed', async () => {
    await createPool(h, 'annotated', {}, { labels: selected, annotations: { 'cluster.x-k8s.io/paused': '' } });
    await expectUnserved('annotated', 'annotated-claim', () => createClaim(h, 'annotated-claim', 'annotated'));
    await h.client.mergePatch(
      OpenStackFloatingIPPool,
      { namespace, name: 'annotated' },
      { metadata: { annotations: { 'cluster.x-k8s.io/paused': null } } },
    );
    await addressOf(h, 'annotated-claim');
  });

  it('does nothing for a pool of a paused Cluster until the Cluster is unpaused', async () => {
    await h.client.create(capiTypes.cluster, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { namespace, name: 'frozen' },
      spec: { paused: true },
    } as Cluster);
    await createPool(h, 'frozen-pool', {}, { labels: { ...selected, 'cluster.x-k8s.io/cluster-name': 'frozen' } });
    await expectUnserved('frozen-pool', 'frozen-claim', () => createClaim(h, 'frozen-claim', 'frozen-pool'));
    await h.client.mergePatch(capiTypes.cluster, { namespace, name: 'frozen' }, { spec: { paused: false } });
    await addressOf(h, 'frozen-claim');
  });

  // The manager leaves a pool outside its watch filter alone, so a second reconciler (the same code, without the
  // filter) can be stepped one reconcile at a time here.
  it("persists a pool's finalizer in a reconcile of its own, before it serves any claim", async () => {
    await createPool(h, 'stepped');
    await createClaim(h, 'stepped-claim', 'stepped');
    const stop = new AbortController();
    const cache = new SharedCache(h.client);
    const running = cache.start(stop.signal);
    cache.informerFor(OpenStackFloatingIPPool);
    cache.informerFor(ipamTypes.ipAddressClaim);
    cache.informerFor(ipamTypes.ipAddress);
    cache.informerFor(capiTypes.cluster);
    const reconcile = floatingIPPoolReconciler({ client: h.client, cache, sessionFor: async () => h.session });
    const step = async (until: (pool: OpenStackFloatingIPPool) => boolean) => {
      await eventually(async () => {
        const cached = cache.informerFor(OpenStackFloatingIPPool).get({ namespace, name: 'stepped' });
        expect(cached && until(cached)).toBe(true);
      });
      await reconcile({ namespace, name: 'stepped' }, { logger: silentLogger(), signal: stop.signal });
    };
    try {
      await step(() => true);
      const pool = await h.client.get(OpenStackFloatingIPPool, { namespace, name: 'stepped' });
      expect(pool.metadata.finalizers).toEqual(['openstackfloatingippool.infrastructure.cluster.x-k8s.io']);
      expect(pool.status).toBeUndefined();
      expect(await h.client.getOptional(ipamTypes.ipAddress, { namespace, name: 'stepped-claim' })).toBeUndefined();

      await step((cached) => (cached.metadata.finalizers ?? []).length > 0);
      expect((await addressOf(h, 'stepped-claim')).spec.poolRef.name).toBe('stepped');
    } finally {
      stop.abort();
      await running;
    }
  });
});
