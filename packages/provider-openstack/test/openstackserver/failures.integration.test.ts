import { getV1Beta1Conditions } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { ERROR_REPLACEMENTS_ANNOTATION } from '../../src/controllers/openstackserver/index.js';
import { type ServerHarness, serverObject, startServerHarness } from './harness.js';

const namespace = 'default';
let h: ServerHarness;

beforeAll(async () => {
  h = await startServerHarness({ maxErrorReplacements: 2, quotaRetryMs: 500 });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

function instanceReady(server: OpenStackServer) {
  return getV1Beta1Conditions(server, { conditions: [], v1beta1Conditions: ['status', 'conditions'] }).find(
    (c) => c.type === 'InstanceReady',
  );
}

async function deleteAndExpectNothingLeft(names: readonly string[]): Promise<void> {
  for (const name of names) await h.client.delete(OpenStackServer, { namespace, name });
  await eventually(
    async () => {
      for (const name of names)
        expect(await h.client.getOptional(OpenStackServer, { namespace, name })).toBeUndefined();
    },
    { timeoutMs: 60_000 },
  );
  await h.cloud.clock.whenIdle();
  const kept = new Set([h.network.id, h.network.subnetId]);
  expect(h.cloud.leftovers().filter((leftover) => !kept.has(leftover.id))).toEqual([]);
}

describe('OpenStackServer failures', () => {
  it('shows the Nova fault of a server in ERROR and replaces the server until it builds', async () => {
    const name = 'flaky';
    let failures = 0;
    h.cloud.setFailurePolicy({
      server: (server) =>
        server.name === name && failures++ < 1
          ? 'No valid host was found. There are not enough hosts available.'
          : undefined,
    });
    await h.client.create(OpenStackServer, serverObject(h, namespace, name));
    const active = await eventually(
      async () => {
        const server = await h.client.get(OpenStackServer, { namespace, name });
        expect(server.status?.ready).toBe(true);
        return server;
      },
      { timeoutMs: 30_000 },
    );
    expect(active.metadata.annotations?.[ERROR_REPLACEMENTS_ANNOTATION]).toBe('1');
    expect(h.cloud.countRequests({ service: 'compute', method: 'POST', path: '/v2.1/servers' })).toBe(2);
    await deleteAndExpectNothingLeft([name]);
  }, 60_000);

  it('gives up after the allowed replacements with the fault in InstanceReady and Ready', async () => {
    const name = 'broken';
    h.cloud.setFailurePolicy({
      server: (server) => (server.name === name ? 'Exceeded maximum number of retries.' : undefined),
    });
    await h.client.create(OpenStackServer, serverObject(h, namespace, name));
    const failed = await eventually(
      async () => {
        const server = await h.client.get(OpenStackServer, { namespace, name });
        expect(instanceReady(server)?.message).toContain('gave up after 2 replacements');
        return server;
      },
      { timeoutMs: 45_000 },
    );
    const condition = instanceReady(failed);
    expect(condition).toMatchObject({ status: 'False', reason: 'InstanceStateError', severity: 'Error' });
    expect(condition?.message).toContain('Exceeded maximum number of retries. (code 500)');
    expect(failed.status?.conditions?.find((c) => c.type === 'Ready')?.message).toBe(condition?.message);
    expect(failed.status?.instanceState).toBe('ERROR');
    expect(failed.status?.ready).toBe(false);
    expect(failed.metadata.annotations?.[ERROR_REPLACEMENTS_ANNOTATION]).toBe('2');
    h.cloud.setFailurePolicy({});
    await deleteAndExpectNothingLeft([name]);
  }, 90_000);

  it('reports an exceeded quota clearly and creates the server once the quota allows it', async () => {
    const name = 'over-quota';
    const projectId = await h.session.projectId();
    h.cloud.setQuota(projectId, 'compute.instances', 0);
    await h.client.create(OpenStackServer, serverObject(h, namespace, name));
    await eventually(
      async () => {
        const server = await h.client.get(OpenStackServer, { namespace, name });
        expect(instanceReady(server)).toMatchObject({
          status: 'False',
          reason: 'InstanceCreateFailed',
          severity: 'Warning',
        });
        expect(instanceReady(server)?.message).toMatch(/quota exceeded, retrying: .*Quota exceeded for instances/);
      },
      { timeoutMs: 20_000 },
    );
    h.cloud.setQuota(projectId, 'compute.instances', 10);
    await eventually(
      async () => expect((await h.client.get(OpenStackServer, { namespace, name })).status?.ready).toBe(true),
      { timeoutMs: 20_000 },
    );
    await deleteAndExpectNothingLeft([name]);
  }, 60_000);

  it('converges with 10 % of compute, network and volume calls answering 503 or 429, leaving nothing behind', async () => {
    const faults = (['compute', 'network', 'volume'] as const).flatMap((service) => [
      h.cloud.injectFault({ service, probability: 0.05, effect: { kind: 'status', status: 503 } }),
      h.cloud.injectFault({
        service,
        probability: 0.05,
        effect: { kind: 'status', status: 429, retryAfterSeconds: 1 },
      }),
    ]);
    const names = ['chaos-a', 'chaos-b', 'chaos-c'];
    await h.client.create(OpenStackServer, serverObject(h, namespace, 'chaos-a'));
    await h.client.create(OpenStackServer, serverObject(h, namespace, 'chaos-b', { trunk: true }));
    await h.client.create(OpenStackServer, serverObject(h, namespace, 'chaos-c', { rootVolume: { sizeGiB: 10 } }));
    await eventually(
      async () => {
        for (const name of names) {
          const server = await h.client.get(OpenStackServer, { namespace, name });
          expect(server.status?.ready, `${name}: ${instanceReady(server)?.message}`).toBe(true);
        }
      },
      { timeoutMs: 60_000 },
    );
    await deleteAndExpectNothingLeft(names);
    expect(faults.reduce((sum, fault) => sum + fault.hits, 0)).toBeGreaterThan(0);
    for (const fault of faults) fault.remove();
    expect(
      h.cloud.countRequests({ service: 'compute', method: 'POST', path: '/v2.1/servers', status: 202 }),
    ).toBeGreaterThanOrEqual(3);
  }, 150_000);
});
