import { silentLogger } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import {
  associateFloatingAddress,
  FloatingAddressError,
} from '../../src/controllers/openstackserver/floating-address.js';
import type { nova } from '../../src/openstack/index.js';
import { ScriptedSession } from '../openstack/scripted-session.js';

const base = 'https://cloud:9696/v2.0/';
const address = '172.24.4.7';
const fip = {
  id: 'fip-1',
  floating_ip_address: address,
  floating_network_id: 'ext-net',
  port_id: null,
  status: 'DOWN',
  tags: [],
};
const wirePort = { name: '', status: 'ACTIVE', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [], tags: [] };
const port = { ...wirePort, id: 'port-1', network_id: 'net-1', device_id: 'srv-1', device_owner: 'compute:nova' };
const routerPort = {
  ...wirePort,
  id: 'port-r',
  network_id: 'net-1',
  device_id: 'router-1',
  device_owner: 'network:router_interface',
};
const router = { id: 'router-1', name: 'r', external_gateway_info: { network_id: 'ext-net' }, tags: [] };
const routerInterfaces =
  'device_owner=network%3Arouter_interface&device_owner=network%3Arouter_interface_distributed' +
  '&device_owner=network%3Aha_router_replicated_interface&device_owner=network%3Arouter_ha_interface';

function instance(status: string, addresses: nova.Server['addresses'] = {}): nova.Server {
  return { id: 'srv-1', name: 'srv', status, addresses } as nova.Server;
}

function session(): ScriptedSession {
  return new ScriptedSession({ network: base }).on('GET', `${base}floatingips?floating_ip_address=${address}`, {
    body: { floatingips: [fip] },
  });
}

describe('associating the floating IP of a pool address', () => {
  it('does nothing when Nova already lists the address', async () => {
    const s = new ScriptedSession({ network: base });
    const server = instance('ACTIVE', { net: [{ addr: address, version: 4, 'OS-EXT-IPS:type': 'floating' }] });
    expect(await associateFloatingAddress(s, server, address, silentLogger())).toBe(true);
    expect(s.calls).toEqual([]);
  });

  it("associates it with the server's port on a network whose router has the floating IP network as gateway", async () => {
    const s = session()
      .on('GET', `${base}ports?device_id=srv-1`, { body: { ports: [port] } })
      .on('GET', `${base}ports?network_id=net-1&${routerInterfaces}`, { body: { ports: [routerPort] } })
      .on('GET', `${base}routers/router-1`, { body: { router } })
      .on('PUT', `${base}floatingips/fip-1`, { body: { floatingip: { ...fip, port_id: 'port-1' } } });
    expect(await associateFloatingAddress(s, instance('ACTIVE'), address, silentLogger())).toBe(true);
    expect(s.calls.at(-1)).toMatchObject({ method: 'PUT', body: { floatingip: { port_id: 'port-1' } } });
  });

  it('fails with FloatingIPError when the floating IP does not exist', async () => {
    const s = new ScriptedSession({ network: base }).on('GET', `${base}floatingips?floating_ip_address=${address}`, {
      body: { floatingips: [] },
    });
    const failure = associateFloatingAddress(s, instance('ACTIVE'), address, silentLogger());
    await expect(failure).rejects.toThrow(FloatingAddressError);
    await expect(failure).rejects.toMatchObject({ reason: 'FloatingIPError' });
  });

  it('fails with FloatingIPError when no port is routed to the floating IP network, once the server is built', async () => {
    const s = session()
      .on('GET', `${base}ports?device_id=srv-1`, { body: { ports: [port] } })
      .on('GET', `${base}ports?network_id=net-1&${routerInterfaces}`, { body: { ports: [] } });
    await expect(associateFloatingAddress(s, instance('ACTIVE'), address, silentLogger())).rejects.toThrow(
      'no port of server srv-1 is on a network routed to the external network ext-net',
    );
  });

  it('waits while the server builds and Nova has not bound its ports yet', async () => {
    const s = session().on('GET', `${base}ports?device_id=srv-1`, { body: { ports: [] } });
    expect(await associateFloatingAddress(s, instance('BUILD'), address, silentLogger())).toBe(false);
    expect(s.calls.map((c) => c.method)).toEqual(['GET', 'GET']);
  });
});
