import { isIPv4 } from 'node:net';

/** Whether `value` is an IPv4 network in CIDR notation (`10.0.0.0/24`), as Go's `net.IsIPv4CIDRString`. */
export function isIPv4Cidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  return (
    rest.length === 0 && address !== undefined && isIPv4(address) && /^([0-9]|[12][0-9]|3[0-2])$/.test(prefix ?? '')
  );
}
