import type { InstanceState } from '../incus/api/instance.js';

/** A Cluster API machine address. */
export interface MachineAddress {
  type: 'Hostname' | 'ExternalIP' | 'InternalIP' | 'ExternalDNS' | 'InternalDNS';
  address: string;
}

/**
 * The host addresses of an instance, sorted: global-scope addresses of interfaces that have a host-side device
 * (so CNI and pod interfaces are skipped) that are not loopback, skipping `/32` and `/128` addresses (virtual
 * IPs such as kube-vip's).
 */
export function hostAddresses(state: Pick<InstanceState, 'network'>): string[] {
  const addresses: string[] = [];
  for (const network of Object.values(state.network ?? {})) {
    if (network.type === 'loopback' || !network.host_name) continue;
    for (const address of network.addresses) {
      if (address.scope !== 'global') continue;
      if (address.family === 'inet' && address.netmask === '32') continue;
      if (address.family === 'inet6' && address.netmask === '128') continue;
      addresses.push(address.address);
    }
  }
  return addresses.sort();
}

/** `LXCMachine.status.addresses`: the host name, then each host address as both InternalIP and ExternalIP. */
export function machineAddresses(instanceName: string, addresses: readonly string[]): MachineAddress[] {
  return [
    { type: 'Hostname', address: instanceName },
    ...addresses.flatMap((address): MachineAddress[] => [
      { type: 'InternalIP', address },
      { type: 'ExternalIP', address },
    ]),
  ];
}
