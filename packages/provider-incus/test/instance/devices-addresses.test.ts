import { describe, expect, it } from 'vitest';
import { hostAddresses, InstanceSpecError, machineAddresses, parseDevices } from '../../src/instance/index.js';

describe('parseDevices', () => {
  it('parses and merges entries by device name', () => {
    expect(
      parseDevices([
        'eth0,type=nic,network=my-net',
        'root,type=disk,path=/,pool=local,size=50GB',
        'eth0,hwaddr=00:16:3e:aa:bb:cc',
        'x,opt=a=b',
      ]),
    ).toEqual({
      eth0: { type: 'nic', network: 'my-net', hwaddr: '00:16:3e:aa:bb:cc' },
      root: { type: 'disk', path: '/', pool: 'local', size: '50GB' },
      x: { opt: 'a=b' },
    });
    expect(parseDevices(undefined)).toEqual({});
  });

  it('rejects entries without arguments or with an argument lacking "="', () => {
    expect(() => parseDevices(['eth0'])).toThrow(InstanceSpecError);
    expect(() => parseDevices(['eth0,type=nic,broken'])).toThrow(/"broken" must be "<key>=<value>"/);
  });
});

describe('addresses', () => {
  const state = {
    network: {
      lo: {
        type: 'loopback',
        host_name: '',
        hwaddr: '',
        mtu: 65536,
        state: 'up',
        addresses: [{ family: 'inet', address: '127.0.0.1', netmask: '8', scope: 'local' }],
      },
      eth0: {
        type: 'broadcast',
        host_name: 'veth123',
        hwaddr: '',
        mtu: 1500,
        state: 'up',
        addresses: [
          { family: 'inet', address: '10.0.0.9', netmask: '24', scope: 'global' },
          { family: 'inet', address: '10.0.0.100', netmask: '32', scope: 'global' },
          { family: 'inet6', address: 'fd42::9', netmask: '64', scope: 'global' },
          { family: 'inet6', address: 'fd42::100', netmask: '128', scope: 'global' },
          { family: 'inet6', address: 'fe80::1', netmask: '64', scope: 'link' },
        ],
      },
      cni0: {
        type: 'broadcast',
        host_name: '',
        hwaddr: '',
        mtu: 1450,
        state: 'up',
        addresses: [{ family: 'inet', address: '10.244.0.1', netmask: '24', scope: 'global' }],
      },
    },
  } as const;

  it('keeps global host addresses, skipping loopback, CNI interfaces and /32 or /128 VIPs', () => {
    expect(hostAddresses(state as never)).toEqual(['10.0.0.9', 'fd42::9']);
    expect(hostAddresses({ network: null })).toEqual([]);
  });

  it('reports the host name and each address as internal and external', () => {
    expect(machineAddresses('m1', ['10.0.0.9'])).toEqual([
      { type: 'Hostname', address: 'm1' },
      { type: 'InternalIP', address: '10.0.0.9' },
      { type: 'ExternalIP', address: '10.0.0.9' },
    ]);
  });
});
