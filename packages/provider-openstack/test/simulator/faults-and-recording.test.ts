import { afterEach, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login } from './helpers.js';

describe('simulator fault injection and request recording', () => {
  const started: OpenStackSimulator[] = [];
  const start = async (seed = 1) => {
    const cloud = await startOpenStackSimulator({ seed, clock: 'manual' });
    started.push(cloud);
    return cloud;
  };
  afterEach(async () => {
    for (const cloud of started.splice(0)) await cloud.stop();
  });

  it('answers 429 with Retry-After in the service’s error shape for a limited number of matching requests', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    const fault = cloud.injectFault({
      service: 'network',
      method: 'GET',
      path: '/v2.0/networks',
      times: 2,
      effect: { kind: 'status', status: 429, retryAfterSeconds: 3, message: 'Rate limit exceeded' },
    });
    const first = await demo.network('GET', '/networks');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.headers.get('x-openstack-request-id')).toMatch(/^req-/);
    expect(first.body.NeutronError.message).toBe('Rate limit exceeded');
    expect((await demo.network('GET', '/ports')).status).toBe(200);
    expect((await demo.network('GET', '/networks')).status).toBe(429);
    expect((await demo.network('GET', '/networks')).status).toBe(200);
    expect(fault.hits).toBe(2);
    expect(cloud.countRequests({ service: 'network', injected: true })).toBe(2);
  });

  it('makes the same requests fail the same way for the same seed, and differently for another seed', async () => {
    const statuses = async (seed: number) => {
      const cloud = await start(seed);
      const demo = await login(cloud, cloud.demo);
      cloud.injectFault({
        service: 'network',
        path: '/v2.0/{collection}',
        probability: 0.5,
        effect: { kind: 'status', status: 503 },
      });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await demo.network('GET', '/networks')).status);
      return out;
    };
    const a = await statuses(42);
    const b = await statuses(42);
    const c = await statuses(7);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  it('resets connections, and removing the rule restores service', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    const fault = cloud.injectFault({ path: /^\/v2\.0\/ports/, effect: { kind: 'reset' } });
    await expect(demo.network('GET', '/ports')).rejects.toThrow();
    expect(cloud.requests({ path: '/v2.0/ports' })[0]?.status).toBe(0);
    fault.remove();
    expect((await demo.network('GET', '/ports')).status).toBe(200);
  });

  it('renders injected 5xx in each service’s shape (Keystone)', async () => {
    const cloud = await start();
    cloud.injectFault({ service: 'identity', method: 'POST', effect: { kind: 'status', status: 500 } });
    await expect(login(cloud, cloud.demo)).rejects.toThrow(/login failed: 500 \{"error":\{"code":500/);
    cloud.clearFaults();
    await expect(login(cloud, cloud.demo)).resolves.toBeDefined();
  });

  it('adds latency before handling the request', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    cloud.injectFault({ service: 'network', effect: { kind: 'latency', ms: 150 } });
    const began = performance.now();
    expect((await demo.network('GET', '/networks')).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);
  });

  it('records every request with service, method, path, query and status', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    await demo.network('GET', '/networks?name=x');
    await demo.network('POST', '/networks', { network: { name: 'recorded' } });
    await demo.network('GET', '/networks/does-not-exist');
    const requests = cloud.requests();
    expect(requests.map((r) => [r.service, r.method, r.path, r.query, r.status])).toEqual([
      ['identity', 'POST', '/v3/auth/tokens', '', 201],
      ['network', 'GET', '/v2.0/networks', 'name=x', 200],
      ['network', 'POST', '/v2.0/networks', '', 201],
      ['network', 'GET', '/v2.0/networks/does-not-exist', '', 404],
    ]);
    expect(requests.map((r) => r.sequence)).toEqual([1, 2, 3, 4]);
    expect(cloud.countRequests({ service: 'network', method: 'get' })).toBe(2);
    expect(cloud.countRequests({ path: /^\/v2\.0\/networks\// })).toBe(1);
    cloud.clearRequests();
    expect(cloud.countRequests()).toBe(0);
  });

  it('reports leftovers until they are deleted', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    expect(cloud.leftovers()).toEqual([]);
    const network = (await demo.network('POST', '/networks', { network: { name: 'left' } })).body.network;
    const group = (await demo.network('POST', '/security-groups', { security_group: { name: 'sg' } })).body
      .security_group;
    expect(cloud.leftovers()).toEqual([
      { service: 'network', type: 'network', id: network.id, name: 'left' },
      { service: 'network', type: 'security_group', id: group.id, name: 'sg' },
    ]);
    await demo.network('DELETE', `/networks/${network.id}`);
    await demo.network('DELETE', `/security-groups/${group.id}`);
    expect(cloud.leftovers()).toEqual([]);
  });

  it('makes every token invalid on demand so clients have to re-authenticate', async () => {
    const cloud = await start();
    const demo = await login(cloud, cloud.demo);
    cloud.revokeAllTokens();
    expect((await demo.network('GET', '/networks')).status).toBe(401);
    const again = await login(cloud, cloud.demo);
    expect((await again.network('GET', '/networks')).status).toBe(200);
  });
});
