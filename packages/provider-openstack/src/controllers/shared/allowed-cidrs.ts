import { isIPv4 } from 'node:net';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import { isIPv4Cidr } from './ipv4-cidr.js';

/** The allowed CIDRs of the API server listeners, and the entries left out because they are not IPv4. */
export interface CanonicalAllowedCIDRs {
  readonly allowedCIDRs: string[];
  /** To report (CAPO's `FailedIPAddressValidation` event): neither an IPv4 address nor an IPv4 CIDR. */
  readonly invalid: string[];
}

/**
 * The `allowed_cidrs` of the load balancer listeners (CAPO's `getCanonicalAllowedCIDRs`). When the user lists any,
 * the cluster's own sources are added so that it keeps reaching its API server: the bastion's floating and fixed IPs,
 * the cluster subnets and the router's IPs. Addresses become `/32`; the result is sorted and without duplicates.
 * No user list means no restriction (empty).
 */
export function canonicalAllowedCIDRs(cluster: Pick<OpenStackCluster, 'spec' | 'status'>): CanonicalAllowedCIDRs {
  const requested = cluster.spec.apiServerLoadBalancer?.allowedCIDRs ?? [];
  if (requested.length === 0) return { allowedCIDRs: [], invalid: [] };
  const { bastion, network, router } = cluster.status ?? {};
  const candidates = [
    ...requested,
    ...(bastion?.floatingIP ? [bastion.floatingIP] : []),
    ...(bastion?.ip ? [bastion.ip] : []),
    ...(network ? (network.subnets ?? []).map((s) => s.cidr).filter((cidr) => cidr !== '') : []),
    ...(network ? (router?.ips ?? []) : []),
  ];
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const value of candidates) {
    if (isIPv4(value)) valid.push(`${value}/32`);
    else if (isIPv4Cidr(value)) valid.push(value);
    else invalid.push(value);
  }
  return { allowedCIDRs: [...new Set(valid)].sort(), invalid };
}
