import { neutron, type nova } from '../../openstack/index.js';
import type { OpenStackSession } from '../../openstack/session.js';
import { recordCall } from '../shared/events.js';
import { clusterResourceDescription } from '../shared/resource-names.js';
import type { MachineContext } from './context.js';
import { floatingAddresses, instanceAddressOn } from './ingress.js';

/** The address the API server floating IP must have: a valid control plane endpoint host, else `apiServerFloatingIP`. */
function apiServerAddress(context: MachineContext): string | undefined {
  const { spec } = context.openStackCluster;
  const endpoint = spec.controlPlaneEndpoint;
  if (endpoint?.host && endpoint.port) return endpoint.host;
  return spec.apiServerFloatingIP || undefined;
}

/** CAPO's `GetOrCreateFloatingIP`: found by address, else created on the external network, then tagged. */
async function getOrCreateFloatingIp(context: MachineContext, session: OpenStackSession, address?: string) {
  const external = context.openStackCluster.status?.externalNetwork;
  if (!external) throw new Error('a floating IP needs an external network');
  if (address) {
    const [existing] = await neutron.listFloatingIps(session, { floatingIpAddress: address });
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
      neutron.createFloatingIp(session, {
        floating_network_id: external.id,
        description: clusterResourceDescription(context.ref),
        ...(address ? { floating_ip_address: address } : {}),
      }),
  );
  const tags = context.openStackCluster.spec.tags ?? [];
  if (tags.length > 0) await neutron.replaceAllTags(session, 'floatingips', created.id, tags);
  return created;
}

/**
 * The API server floating IP of a control-plane machine in a cluster without load balancer (CAPO's no-LB mode):
 * found or created, then associated with the machine's management port — its port with the machine's address on
 * the cluster network — unless the floating IP is already associated (with the first control-plane machine).
 */
export async function reconcileApiServerFloatingIp(
  context: MachineContext,
  session: OpenStackSession,
  instance: Readonly<nova.Server>,
): Promise<void> {
  const fip = await getOrCreateFloatingIp(context, session, apiServerAddress(context));
  if (fip.port_id) return;
  const networkName = context.openStackCluster.status?.network?.name ?? '';
  const address = instanceAddressOn(instance, networkName);
  if (!address) throw new Error(`server ${instance.id} has no address on the cluster network ${networkName}`);
  const ports = await neutron.listPorts(session, { deviceId: instance.id, fixedIpAddress: address });
  if (ports.length !== 1) {
    throw new Error(`expected one port of server ${instance.id} with address ${address}, found ${ports.length}`);
  }
  const portId = (ports[0] as neutron.Port).id;
  await recordCall(
    context.events,
    {
      action: 'AssociateFloatingIP',
      attempt: `associate floating IP ${fip.floating_ip_address} with port ${portId}`,
      done: () => `Associated floating IP ${fip.floating_ip_address} with port ${portId}`,
    },
    () => neutron.associateFloatingIp(session, fip.id, portId),
  );
  context.logger.info({ floatingIP: fip.floating_ip_address }, 'Associated the API server floating IP');
}

/**
 * On deletion of a control-plane machine without load balancer and without `apiServerFloatingIP`, CAPO deletes
 * every floating IP of the server (found by address).
 */
export async function deleteServerFloatingIps(
  context: MachineContext,
  session: OpenStackSession,
  instance: Readonly<nova.Server>,
): Promise<void> {
  for (const address of floatingAddresses(instance)) {
    for (const fip of await neutron.listFloatingIps(session, { floatingIpAddress: address })) {
      await recordCall(
        context.events,
        {
          action: 'DeleteFloatingIP',
          attempt: `delete floating IP ${address}`,
          done: () => `Deleted floating IP ${address}`,
        },
        () => neutron.deleteFloatingIp(session, fip.id),
      );
    }
  }
}
