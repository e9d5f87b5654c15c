/** One address of a Nova server, as in the server's `addresses` map. */
export interface ServerAddress {
  readonly addr: string;
  readonly version: number;
  /** `OS-EXT-IPS:type`: `fixed` or `floating`. */
  readonly type?: string;
}

/** A machine address as Cluster API reports it. */
export interface MachineAddress {
  readonly type: 'InternalIP' | 'ExternalIP' | 'InternalDNS';
  readonly address: string;
}

/**
 * A machine's `status.addresses` from its server's addresses by network, in CAPO's stable order (so that an
 * unchanged server never rewrites status): networks by name, IPv4 before IPv6 within a network, floating addresses
 * as ExternalIP and the others as InternalIP; then the server name as InternalDNS.
 */
export function machineAddresses(
  addressesByNetwork: Readonly<Record<string, readonly ServerAddress[]>>,
  serverName: string,
): MachineAddress[] {
  const networks = Object.keys(addressesByNetwork).sort();
  const addresses: MachineAddress[] = networks.flatMap((network) =>
    [...(addressesByNetwork[network] ?? [])]
      .sort((a, b) => (a.version === 4 ? 0 : 1) - (b.version === 4 ? 0 : 1))
      .map((a) => ({
        type: a.type === 'floating' ? ('ExternalIP' as const) : ('InternalIP' as const),
        address: a.addr,
      })),
  );
  return [...addresses, { type: 'InternalDNS', address: serverName }];
}
