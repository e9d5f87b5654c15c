import { describe, expect, it } from 'vitest';
import { isConflict, isNotImplemented, octavia } from '../../src/openstack/index.js';
import { ScriptedSession } from './scripted-session.js';

const lb = {
  id: 'lb-1',
  name: 'k8s-clusterapi-cluster-default-c1-kubeapi',
  description: 'Created by cluster-api-provider-openstack cluster default-c1',
  provisioning_status: 'PENDING_CREATE',
  operating_status: 'OFFLINE',
  vip_address: '10.6.0.99',
  vip_port_id: 'port-vip',
  vip_subnet_id: 'subnet-1',
  vip_network_id: 'net-1',
  provider: 'amphora',
  flavor_id: null,
  availability_zone: null,
  tags: ['c1'],
  listeners: [],
  pools: [],
  project_id: 'p1',
};

describe('Octavia', () => {
  const base = 'https://cloud:9876/';

  it('reads the newest API version from the versionless endpoint', async () => {
    const session = new ScriptedSession({ 'load-balancer': `${base}v2.0/` });
    session.on('GET', base, {
      body: {
        versions: [
          { id: 'v2.0', status: 'SUPPORTED' },
          { id: 'v2.27', status: 'CURRENT' },
        ],
      },
    });
    const latest = await octavia.latestOctaviaVersion(session);
    expect(latest).toBe('v2.27');
    expect(octavia.octaviaVersionAtLeast(latest, 'v2.12')).toBe(true);
    expect(octavia.octaviaVersionAtLeast('v2.9', 'v2.12')).toBe(false);
  });

  it('creates a load balancer and its listener, pool, member and monitor with CAPO bodies', async () => {
    const session = new ScriptedSession({ 'load-balancer': base });
    session
      .on('POST', `${base}v2.0/lbaas/loadbalancers`, { status: 201, body: { loadbalancer: lb } })
      .on('POST', `${base}v2.0/lbaas/listeners`, {
        status: 201,
        body: {
          listener: { id: 'l1', name: 'n', protocol: 'TCP', protocol_port: 6443, loadbalancers: [{ id: 'lb-1' }] },
        },
      })
      .on('PUT', `${base}v2.0/lbaas/listeners/l1`, {
        body: {
          listener: { id: 'l1', name: 'n', protocol: 'TCP', protocol_port: 6443, allowed_cidrs: ['10.0.0.0/8'] },
        },
      })
      .on('POST', `${base}v2.0/lbaas/pools`, {
        status: 201,
        body: {
          pool: { id: 'p1', name: 'n', protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', listeners: [{ id: 'l1' }] },
        },
      })
      .on('POST', `${base}v2.0/lbaas/pools/p1/members`, {
        status: 201,
        body: {
          member: {
            id: 'm1',
            name: 'machine',
            address: '10.6.0.21',
            protocol_port: 6443,
            provisioning_status: 'PENDING_CREATE',
          },
        },
      })
      .on('POST', `${base}v2.0/lbaas/healthmonitors`, {
        status: 501,
        body: { faultcode: 'Server', faultstring: 'Provider ovn does not support health monitors' },
      })
      .on('POST', `${base}v2.0/lbaas/pools/p1/members`, {
        status: 409,
        body: { faultcode: 'Client', faultstring: 'Invalid state PENDING_UPDATE of loadbalancer resource lb-1' },
      })
      .on('DELETE', `${base}v2.0/lbaas/loadbalancers/lb-1?cascade=true`, { status: 204, body: undefined });

    expect(
      await octavia.createLoadBalancer(session, {
        name: lb.name,
        vip_subnet_id: 'subnet-1',
        provider: 'amphora',
        tags: ['c1'],
      }),
    ).toMatchObject({ provisioning_status: 'PENDING_CREATE', vip_port_id: 'port-vip' });
    expect(session.calls.at(-1)?.body).toEqual({
      loadbalancer: { name: lb.name, vip_subnet_id: 'subnet-1', provider: 'amphora', tags: ['c1'] },
    });
    await octavia.createListener(session, { name: 'n', protocol: 'TCP', protocol_port: 6443, loadbalancer_id: 'lb-1' });
    expect((await octavia.updateListenerAllowedCidrs(session, 'l1', ['10.0.0.0/8'])).allowed_cidrs).toEqual([
      '10.0.0.0/8',
    ]);
    await octavia.createPool(session, { name: 'n', protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', listener_id: 'l1' });
    const member = { name: 'machine', protocol_port: 6443, address: '10.6.0.21', subnet_id: 'subnet-1' };
    expect((await octavia.createMember(session, 'p1', member)).id).toBe('m1');
    const monitor = await octavia
      .createHealthMonitor(session, {
        name: 'n',
        pool_id: 'p1',
        delay: 10,
        timeout: 5,
        max_retries: 5,
        max_retries_down: 3,
      })
      .catch((caught: unknown) => caught);
    expect(isNotImplemented(monitor)).toBe(true);
    expect(session.calls.at(-1)?.body).toEqual({
      healthmonitor: {
        name: 'n',
        pool_id: 'p1',
        delay: 10,
        timeout: 5,
        max_retries: 5,
        max_retries_down: 3,
        type: 'TCP',
      },
    });
    expect(isConflict(await octavia.createMember(session, 'p1', member).catch((caught: unknown) => caught))).toBe(true);
    await octavia.deleteLoadBalancer(session, 'lb-1');
  });
});
