import { CapiLabel, capiTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { type ServerHarness, serverObject, startServerHarness } from './harness.js';

// `--watch-filter=team-a`: only servers labelled `cluster.x-k8s.io/watch-filter: team-a` are reconciled, even when
// an event of another kind (here their Cluster's) maps to the others.

const namespace = 'default';
let h: ServerHarness;

beforeAll(async () => {
  h = await startServerHarness({ watchFilter: 'team-a' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

function labelled(name: string, team: string): OpenStackServer {
  const server = serverObject(h, namespace, name);
  server.metadata.labels = { [CapiLabel.watchFilter]: team, [CapiLabel.clusterName]: 'shared' };
  return server;
}

describe('OpenStackServer with a watch filter', () => {
  it("creates its team's server and leaves the other team's alone when their Cluster appears", async () => {
    await h.client.create(OpenStackServer, labelled('theirs', 'team-b'));
    await h.client.create(OpenStackServer, labelled('mine', 'team-a'));
    // The Cluster both servers name: its events map to both.
    await h.client.create(capiTypes.cluster, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { namespace, name: 'shared' },
      spec: { paused: false },
    });
    await eventually(
      async () => expect((await h.client.get(OpenStackServer, { namespace, name: 'mine' })).status?.ready).toBe(true),
      { timeoutMs: 30_000 },
    );
    // The Cluster's create event asked for both servers before `mine` was ready.
    const theirs = await h.client.get(OpenStackServer, { namespace, name: 'theirs' });
    expect(theirs.status).toBeUndefined();
    expect(theirs.metadata.finalizers ?? []).toEqual([]);
    expect(h.cloud.countRequests({ method: 'POST', service: 'compute' })).toBe(1);
  }, 60_000);
});
