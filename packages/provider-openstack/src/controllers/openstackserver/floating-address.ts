import type { Logger } from '@capi-ts/sdk';
import { neutron, type nova, type OpenStackSession } from '../../openstack/index.js';
import { ConditionReason } from '../shared/conditions.js';

/**
 * The floating IP of a server's pool address cannot be associated (it does not exist, or no port of the server
 * reaches its network): condition reason `FloatingIPError`, retried with back-off.
 */
export class FloatingAddressError extends Error {
  override name = 'FloatingAddressError';
  readonly reason = ConditionReason.floatingIPError;
}

/**
 * CAPO's `GetPortForExternalNetwork`: the first port of the server on a network that has a router (any of the
 * router interface owners) whose external gateway is `externalNetworkId`.
 */
export async function portForExternalNetwork(
  session: OpenStackSession,
  instanceId: string,
  externalNetworkId: string,
): Promise<neutron.Port | undefined> {
  for (const port of await neutron.listPorts(session, { deviceId: instanceId })) {
    const routerPorts = await neutron.listPorts(session, {
      networkId: port.network_id,
      deviceOwner: neutron.routerInterfaceDeviceOwners,
    });
    for (const routerPort of routerPorts) {
      const router = await neutron.getRouter(session, routerPort.device_id);
      if (router.external_gateway_info?.network_id === externalNetworkId) return port;
    }
  }
  return undefined;
}

/** Whether Nova already lists `address` among the server's addresses. */
function serverHasAddress(instance: Readonly<nova.Server>, address: string): boolean {
  return Object.values(instance.addresses).some((list) => list.some((a) => a.addr === address));
}

/** Nova states in which a server's ports may not be bound to it yet (`device_id` set during the build). */
const BUILDING = ['BUILD', ''];

/**
 * CAPO's `associateIPAddressFromIPAddressClaim`: nothing to do when the server already has the address; otherwise
 * the floating IP with that address (none ⇒ {@link FloatingAddressError}) is associated with the server's port on a
 * network routed to the floating IP's network, unless it already is. No such port ⇒ {@link FloatingAddressError},
 * except while the server builds (Nova binds its ports during the build; CAPO reports an error then): answers
 * false, for the next look at the building server.
 */
export async function associateFloatingAddress(
  session: OpenStackSession,
  instance: Readonly<nova.Server>,
  address: string,
  logger: Logger,
): Promise<boolean> {
  if (serverHasAddress(instance, address)) return true;
  const [fip] = await neutron.listFloatingIps(session, { floatingIpAddress: address });
  if (fip === undefined) throw new FloatingAddressError(`floating IP ${address} does not exist`);
  const port = await portForExternalNetwork(session, instance.id, fip.floating_network_id);
  if (port === undefined) {
    if (BUILDING.includes(instance.status)) return false;
    throw new FloatingAddressError(
      `no port of server ${instance.id} is on a network routed to the external network ${fip.floating_network_id} of floating IP ${address}`,
    );
  }
  if (fip.port_id === port.id) return true;
  await neutron.associateFloatingIp(session, fip.id, port.id);
  logger.info({ floatingIP: address, port: port.id }, 'associated the floating IP from the pool');
  return true;
}
