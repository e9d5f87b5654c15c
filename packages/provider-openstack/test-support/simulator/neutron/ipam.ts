import { ApiError } from '../errors.js';

/** Parsed IPv4 CIDR: first and last address as integers. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
  readonly broadcast: number;
}

/** `10.0.0.1` → integer, or `undefined` when not a dotted IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Integer → `10.0.0.1`. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `10.0.0.0/24`; `undefined` when malformed. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const [address, prefixText] = text.split('/');
  const base = address === undefined ? undefined : parseIpv4(address);
  const prefix = Number(prefixText);
  if (base === undefined || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const network = base - (base % size);
  return { network, prefix, broadcast: network + size - 1 };
}

/** Canonical text of a CIDR (`10.0.0.5/24` → `10.0.0.0/24`). */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** Whether `address` lies inside `cidr`. */
export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.network && address <= cidr.broadcast;
}

/** A subnet's address plan, as needed to allocate fixed IPs. */
export interface AddressPlan {
  readonly allocation_pools: ReadonlyArray<{ start: string; end: string }>;
  readonly gateway_ip: string | null;
}

/** First free address of the subnet's allocation pools (skipping the gateway and `used`), or a 409 IpAddressGenerationFailure. */
export function allocateAddress(plan: AddressPlan, used: ReadonlySet<string>, networkId: string): string {
  for (const pool of plan.allocation_pools) {
    const start = parseIpv4(pool.start) ?? 0;
    const end = parseIpv4(pool.end) ?? -1;
    for (let candidate = start; candidate <= end; candidate++) {
      const text = formatIpv4(candidate);
      if (text !== plan.gateway_ip && !used.has(text)) return text;
    }
  }
  throw new ApiError(409, `No more IP addresses available on network ${networkId}.`, 'IpAddressGenerationFailure');
}

/** Default allocation pool of a CIDR: every host address except the gateway's end. */
export function defaultAllocationPool(cidr: Ipv4Cidr, gateway: number | undefined): { start: string; end: string } {
  const firstHost = cidr.network + 1;
  const lastHost = cidr.broadcast - 1;
  if (gateway === firstHost) return { start: formatIpv4(firstHost + 1), end: formatIpv4(lastHost) };
  if (gateway === lastHost) return { start: formatIpv4(firstHost), end: formatIpv4(lastHost - 1) };
  return { start: formatIpv4(firstHost), end: formatIpv4(lastHost) };
}
