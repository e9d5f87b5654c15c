import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { atLeast } from '../microversion.js';
import type { RequestContext } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import type { ServerRecord } from './records.js';

/** A project's server or Nova's 404 `Instance … could not be found.` */
export function findServer(runtime: SimulatorRuntime, id: string, context: RequestContext): ServerRecord {
  const server = runtime.state.compute.servers.get(id);
  if (!server || (!isAdmin(context.token) && server.projectId !== context.token?.projectId)) {
    throw new ApiError(404, `Instance ${id} could not be found.`);
  }
  return server;
}

/** `self` and `bookmark` links of a compute resource. */
export function computeLinks(runtime: SimulatorRuntime, projectId: string, kind: string, id: string) {
  const root = runtime.serviceUrl('compute');
  return [
    { rel: 'self', href: `${root}/v2.1/${projectId}/${kind}/${id}` },
    { rel: 'bookmark', href: `${root}/${projectId}/${kind}/${id}` },
  ];
}

/** `addresses` of a server: fixed IPs of its ports by network name, plus the floating IPs associated to them. */
export function serverAddresses(runtime: SimulatorRuntime, server: ServerRecord): Record<string, unknown[]> {
  const { network } = runtime.state;
  const addresses: Record<string, unknown[]> = {};
  for (const { portId } of server.ports) {
    const port = network.ports.get(portId);
    if (!port) continue;
    const networkName = network.networks.get(port.network_id)?.name ?? port.network_id;
    const entries = addresses[networkName] ?? [];
    addresses[networkName] = entries;
    for (const fixedIp of port.fixed_ips) {
      entries.push({
        version: 4,
        addr: fixedIp.ip_address,
        'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
      });
      for (const fip of network.floatingIps.values()) {
        if (fip.port_id === port.id && fip.fixed_ip_address === fixedIp.ip_address) {
          entries.push({
            version: 4,
            addr: fip.floating_ip_address,
            'OS-EXT-IPS:type': 'floating',
            'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
          });
        }
      }
    }
  }
  return addresses;
}

function flavorView(runtime: SimulatorRuntime, server: ServerRecord, context: RequestContext): Record<string, unknown> {
  const flavor = runtime.state.compute.flavors.get(server.flavorId);
  if (!atLeast(context.microversion, '2.47')) {
    return {
      id: server.flavorId,
      links: [{ rel: 'bookmark', href: `${runtime.serviceUrl('compute')}/flavors/${server.flavorId}` }],
    };
  }
  return {
    vcpus: flavor?.vcpus,
    ram: flavor?.ram,
    disk: flavor?.disk,
    ephemeral: flavor?.ephemeral ?? 0,
    swap: 0,
    original_name: flavor?.name,
    extra_specs: { ...flavor?.extraSpecs },
  };
}

/** A server as `GET /servers/{id}` shows it at the request's microversion. */
export function serverView(
  runtime: SimulatorRuntime,
  server: ServerRecord,
  context: RequestContext,
): Record<string, unknown> {
  const { network } = runtime.state;
  const securityGroups = new Set<string>();
  for (const { portId } of server.ports) {
    for (const groupId of network.ports.get(portId)?.security_groups ?? []) {
      securityGroups.add(network.securityGroups.get(groupId)?.name ?? groupId);
    }
  }
  const view: Record<string, unknown> = {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: server.projectId,
    user_id: server.userId,
    metadata: server.metadata,
    hostId: server.hostId,
    image:
      server.imageId === ''
        ? ''
        : {
            id: server.imageId,
            links: [{ rel: 'bookmark', href: `${runtime.serviceUrl('compute')}/images/${server.imageId}` }],
          },
    flavor: flavorView(runtime, server, context),
    created: server.created,
    updated: server.updated,
    addresses: serverAddresses(runtime, server),
    accessIPv4: '',
    accessIPv6: '',
    links: computeLinks(runtime, server.projectId, 'servers', server.id),
    'OS-DCF:diskConfig': 'MANUAL',
    progress: 0,
    'OS-EXT-AZ:availability_zone': server.availabilityZone,
    config_drive: server.configDrive ? 'True' : '',
    key_name: server.keyName,
    'OS-SRV-USG:launched_at': server.launchedAt,
    'OS-SRV-USG:terminated_at': null,
    security_groups: [...securityGroups].map((name) => ({ name })),
    'OS-EXT-STS:task_state': server.taskState,
    'OS-EXT-STS:vm_state': server.vmState,
    'OS-EXT-STS:power_state': server.powerState,
    'os-extended-volumes:volumes_attached': server.volumes.map((volume) =>
      atLeast(context.microversion, '2.3')
        ? { id: volume.volumeId, delete_on_termination: volume.deleteOnTermination }
        : { id: volume.volumeId },
    ),
  };
  if (atLeast(context.microversion, '2.9')) view.locked = false;
  if (atLeast(context.microversion, '2.19')) view.description = null;
  if (atLeast(context.microversion, '2.26')) view.tags = server.tags;
  if (atLeast(context.microversion, '2.63')) view.trusted_image_certificates = null;
  if (isAdmin(context.token)) {
    view['OS-EXT-SRV-ATTR:host'] = server.host;
    view['OS-EXT-SRV-ATTR:hypervisor_hostname'] = server.host;
    view['OS-EXT-SRV-ATTR:instance_name'] = `instance-${server.id.slice(0, 8)}`;
  }
  if (server.fault && (server.status === 'ERROR' || server.status === 'DELETED')) {
    const { details, ...fault } = server.fault;
    view.fault = isAdmin(context.token) ? { ...fault, details } : fault;
  }
  return view;
}
