import { EventRecorder, SharedCache, silentLogger } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import {
  ERROR_REPLACEMENTS_ANNOTATION,
  openStackServerReconciler,
} from '../../src/controllers/openstackserver/index.js';
import { type ServerHarness, serverObject, startServerHarness } from './harness.js';

// The manager's controller only takes servers labelled for another shard, so the server here is reconciled only by
// the reconcilers this test steps, each reading its own cache: one kept current, one stopped (a lagging watch).

const namespace = 'default';
const key = { namespace, name: 'stale' };
let h: ServerHarness;

beforeAll(async () => {
  h = await startServerHarness({ watchFilter: 'another-shard' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

/** A cache of OpenStackServers, started and synced; `stop` freezes what it holds. */
async function startCache(): Promise<{ cache: SharedCache; stop(): Promise<void> }> {
  const signal = new AbortController();
  const cache = new SharedCache(h.client);
  const running = cache.start(signal.signal);
  cache.informerFor(OpenStackServer);
  await cache.waitForSync();
  return {
    cache,
    async stop() {
      signal.abort();
      await running;
    },
  };
}

function reconcilerOn(cache: SharedCache) {
  const reconcile = openStackServerReconciler({
    client: h.client,
    cache,
    sessionFor: async () => h.session,
    events: new EventRecorder({ client: h.client, component: 'stale-cache-test', logger: silentLogger() }),
    maxErrorReplacements: 1,
  });
  return () => reconcile(key, { logger: silentLogger(), signal: new AbortController().signal });
}

/** Waits until `cache` holds the version the API server holds. */
async function caughtUp(cache: SharedCache): Promise<OpenStackServer> {
  const live = await h.client.get(OpenStackServer, key);
  await eventually(() =>
    expect(cache.informerFor(OpenStackServer).get(key)?.metadata.resourceVersion).toBe(live.metadata.resourceVersion),
  );
  return live;
}

describe('OpenStackServer reconciled from a lagging cache', () => {
  it('replaces a server in ERROR only when its cache holds the current version', async () => {
    h.cloud.setFailurePolicy({
      server: (server) => (server.name === key.name ? 'No valid host was found.' : undefined),
    });
    await h.client.create(OpenStackServer, serverObject(h, namespace, key.name));
    const current = await startCache();
    const reconcile = reconcilerOn(current.cache);
    try {
      await eventually(
        async () => {
          await caughtUp(current.cache);
          await reconcile();
          expect((await h.client.get(OpenStackServer, key)).status?.instanceState).toBe('ERROR');
        },
        { intervalMs: 200 },
      );

      // A cache frozen on the server in ERROR, then a write it never sees.
      const lagging = await startCache();
      const errored = await caughtUp(lagging.cache);
      await lagging.stop();
      await h.client.mergePatch(OpenStackServer, key, { metadata: { labels: { touched: 'yes' } } });
      const before = h.cloud.countRequests({ service: 'compute', method: 'DELETE' });
      await reconcilerOn(lagging.cache)();
      const after = await h.client.get(OpenStackServer, key);
      expect(h.cloud.countRequests({ service: 'compute', method: 'DELETE' })).toBe(before);
      expect(after.metadata.annotations?.[ERROR_REPLACEMENTS_ANNOTATION]).toBeUndefined();
      expect(after.status?.instanceID).toBe(errored.status?.instanceID);

      // The same reconcile on a current cache replaces the server.
      await caughtUp(current.cache);
      await reconcile();
      expect(h.cloud.countRequests({ service: 'compute', method: 'DELETE' })).toBe(before + 1);
    } finally {
      await current.stop();
    }
    h.cloud.setFailurePolicy({});
  }, 90_000);
});
