import * as neutron from '../../openstack/neutron/index.js';
import { recordCall } from '../shared/events.js';
import { clusterResourceDescription } from '../shared/resource-names.js';
import { type ClusterContext, statusOf } from './context.js';
import { ClusterSpecError, replaceAllTags } from './network.js';

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
  const created = await recordCall(
    context.events,
    {
      action: 'CreateFloatingIP',
      attempt: `create floating IP${address ? ` ${address}` : ''}`,
      done: (fip) => `Created floating IP ${fip.floating_ip_address} with id ${fip.id}`,
    },
    () =>
      neutron.createFloatingIp(context.session, {
        floating_network_id: external.id,
        description: clusterResourceDescription(context.ref),
        ...(address ? { floating_ip_address: address } : {}),
      }),
  );
  const tags = context.object.spec.tags ?? [];
  if (tags.length > 0) await replaceAllTags(context, 'floatingips', created.id, tags);
  return created;
}

/** Associates the floating IP with the port (CAPO's `AssociateFloatingIP` and its event). */
export async function associateFloatingIp(
  context: ClusterContext,
  fip: Readonly<neutron.FloatingIp>,
  portId: string,
): Promise<void> {
  await recordCall(
    context.events,
    {
      action: 'AssociateFloatingIP',
      attempt: `associate floating IP ${fip.floating_ip_address} with port ${portId}`,
      done: () => `Associated floating IP ${fip.floating_ip_address} with port ${portId}`,
    },
    () => neutron.associateFloatingIp(context.session, fip.id, portId),
  );
}

/** Lets the floating IP go from its port (CAPO's `DisassociateFloatingIP` and its event). */
export async function disassociateFloatingIp(
  context: ClusterContext,
  fip: Readonly<neutron.FloatingIp>,
): Promise<void> {
  await recordCall(
    context.events,
    {
      action: 'DisassociateFloatingIP',
      attempt: `disassociate floating IP ${fip.floating_ip_address}`,
      done: () => `Disassociated floating IP ${fip.floating_ip_address}`,
    },
    () => neutron.associateFloatingIp(context.session, fip.id, null),
  );
}

/** Deletes the floating IP (CAPO's `DeleteFloatingIP` and its event). */
export async function deleteFloatingIp(context: ClusterContext, fip: Readonly<neutron.FloatingIp>): Promise<void> {
  await recordCall(
    context.events,
    {
      action: 'DeleteFloatingIP',
      attempt: `delete floating IP ${fip.floating_ip_address}`,
      done: () => `Deleted floating IP ${fip.floating_ip_address}`,
    },
    () => neutron.deleteFloatingIp(context.session, fip.id),
  );
}

/** Deletes the floating IP with this address if this cluster created it (it carries the cluster's description). */
export async function deleteFloatingIpByAddress(context: ClusterContext, address: string): Promise<void> {
  const description = clusterResourceDescription(context.ref);
  const fips = await neutron.listFloatingIps(context.session, { floatingIpAddress: address, description });
  for (const fip of fips) await deleteFloatingIp(context, fip);
}
