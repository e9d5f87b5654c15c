import * as neutron from '../../openstack/neutron/index.js';
import { clusterResourceDescription } from '../shared/resource-names.js';
import { type ClusterContext, statusOf } from './context.js';
import { ClusterSpecError } from './network.js';

/**
 * A floating IP on the external network (CAPO's `GetOrCreateFloatingIP`): the one with `address` if it exists,
 * else a new one (with that address when given), described after the cluster and tagged with `spec.tags`.
 */
export async function getOrCreateFloatingIp(
  context: ClusterContext,
  address: string | undefined,
): Promise<neutron.FloatingIp> {
  const external = statusOf(context).externalNetwork;
  if (!external) throw new ClusterSpecError('a floating IP needs an external network');
  if (address) {
    const [existing] = await neutron.listFloatingIps(context.session, { floatingIpAddress: address });
    if (existing) return existing;
  }
  const created = await neutron.createFloatingIp(context.session, {
    floating_network_id: external.id,
    description: clusterResourceDescription(context.ref),
    ...(address ? { floating_ip_address: address } : {}),
  });
  const tags = context.object.spec.tags ?? [];
  if (tags.length > 0) await neutron.replaceAllTags(context.session, 'floatingips', created.id, tags);
  return created;
}

/** Deletes the floating IP with this address if this cluster created it (it carries the cluster's description). */
export async function deleteFloatingIpByAddress(context: ClusterContext, address: string): Promise<void> {
  const description = clusterResourceDescription(context.ref);
  const fips = await neutron.listFloatingIps(context.session, { floatingIpAddress: address, description });
  for (const fip of fips) {
    await neutron.deleteFloatingIp(context.session, fip.id);
  }
}
