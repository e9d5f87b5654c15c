import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulator with the auto clock (transitions happen by themselves, as for a polling client)', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator();
    demo = await login(cloud, cloud.demo);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  it('finishes a server build and a load balancer provisioning without anyone advancing the clock', async () => {
    const networkId = (await demo.network('POST', '/networks', { network: { name: 'auto' } })).body.network.id;
    const subnetId = (
      await demo.network('POST', '/subnets', { subnet: { network_id: networkId, ip_version: 4, cidr: '10.30.0.0/24' } })
    ).body.subnet.id;
    const image = (await demo.request('image', 'GET', '/v2/images?name=cirros-0.6.1')).body.images[0];
    const server = await demo.compute('POST', '/servers', {
      server: { name: 'auto-vm', imageRef: image.id, flavorRef: '1', networks: [{ uuid: networkId }] },
    });
    const lb = await demo.lbaas('POST', '/loadbalancers', {
      loadbalancer: { name: 'auto-lb', vip_subnet_id: subnetId },
    });
    expect(cloud.clock.pendingCount).toBe(2);
    await cloud.clock.whenIdle();
    const serverNow = await demo.compute('GET', `/servers/${server.body.server.id}`);
    expect(serverNow.body.server.status).toBe('ACTIVE');
    const lbNow = await demo.lbaas('GET', `/loadbalancers/${lb.body.loadbalancer.id}`);
    expect(lbNow.body.loadbalancer.provisioning_status).toBe('ACTIVE');

    await demo.compute('DELETE', `/servers/${server.body.server.id}`);
    await demo.lbaas('DELETE', `/loadbalancers/${lb.body.loadbalancer.id}`);
    await cloud.clock.whenIdle();
    await demo.network('DELETE', `/networks/${networkId}`);
    expect(cloud.leftovers()).toEqual([]);
  });
});
