import type { Logger } from '@capi-ts/sdk';
import type { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import * as neutron from '../../openstack/neutron/index.js';
import type { OpenStackSession } from '../../openstack/session.js';
import { floatingIPPoolDescription, floatingIPPoolTag } from '../shared/resource-names.js';

/** The pool's `maxIPs` are all claimed. */
export class MaxIPsReachedError extends Error {
  override name = 'MaxIPsReachedError';
}

/** The pool's status, with the lists CAPO always writes. */
export type PoolStatus = NonNullable<OpenStackFloatingIPPool['status']>;

/** The pool status with its lists present (a copy the caller assigns back). */
export function poolStatusOf(pool: Readonly<OpenStackFloatingIPPool>): PoolStatus {
  return {
    ...pool.status,
    claimedIPs: [...(pool.status?.claimedIPs ?? [])],
    availableIPs: [...(pool.status?.availableIPs ?? [])],
  };
}

/** `a` without the members of `b`, in `a`'s order, without duplicates. */
export function without(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set(a)].filter((x) => !b.includes(x));
}

/**
 * One address for a claim, as CAPO's `getIP` does: when nothing is available, floating IPs tagged with the pool tag
 * that the pool does not know are taken back (a crash between creating a floating IP and its IPAddress leaks
 * nothing); then the first available address if its floating IP still exists (else it goes to `failedIPs`); else,
 * below `maxIPs`, a new floating IP on `status.floatingIPNetwork`, described and tagged after the pool. Updates
 * `status` (claimed, available and failed lists); throws {@link MaxIPsReachedError} or the OpenStack error.
 */
export async function allocateAddress(
  session: OpenStackSession,
  pool: Readonly<OpenStackFloatingIPPool>,
  status: PoolStatus,
  logger: Logger,
): Promise<string> {
  const name = pool.metadata.name as string;
  const tag = floatingIPPoolTag(name);
  if (status.availableIPs.length === 0) {
    for (const fip of await neutron.listFloatingIps(session, { tags: [tag] })) {
      const ip = fip.floating_ip_address;
      if (status.availableIPs.includes(ip) || status.claimedIPs.includes(ip)) continue;
      logger.info({ ip }, 'tagged floating IP unknown to the pool: adding it to the available ones');
      status.availableIPs.push(ip);
    }
  }
  const candidate = status.availableIPs.shift();
  if (candidate !== undefined) {
    const [existing] = await neutron.listFloatingIps(session, { floatingIpAddress: candidate });
    if (existing) {
      status.claimedIPs.push(candidate);
      return candidate;
    }
    status.failedIPs = [...(status.failedIPs ?? []), candidate];
  }
  const maxIPs = pool.spec.maxIPs;
  if (maxIPs !== undefined && status.claimedIPs.length >= maxIPs) {
    throw new MaxIPsReachedError('Maximum number of IPs reached, we will not allocate more IPs for this pool');
  }
  const networkId = status.floatingIPNetwork?.id;
  if (networkId === undefined) throw new Error('the pool has no floating IP network yet');
  const created = await neutron.createFloatingIp(session, {
    floating_network_id: networkId,
    description: floatingIPPoolDescription(name),
  });
  try {
    await neutron.replaceAllTags(session, 'floatingips', created.id, [tag]);
  } catch (err) {
    logger.warn(
      { ip: created.floating_ip_address, err },
      'could not tag the floating IP: adding it to the failed ones',
    );
    status.failedIPs = [...(status.failedIPs ?? []), created.floating_ip_address];
  }
  status.claimedIPs.push(created.floating_ip_address);
  return created.floating_ip_address;
}

/** Deletes the floating IPs with this address (CAPO's `DeleteFloatingIP`; none left is fine). */
export async function deleteFloatingIpsByAddress(session: OpenStackSession, address: string): Promise<void> {
  for (const fip of await neutron.listFloatingIps(session, { floatingIpAddress: address })) {
    await neutron.deleteFloatingIp(session, fip.id);
  }
}
