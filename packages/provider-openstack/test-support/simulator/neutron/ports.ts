import { ApiError } from '../errors.js';
import { isAdmin, type TokenRecord } from '../identity-state.js';
import { type CustomFilter, filteredList } from '../listing.js';
import { created, noContent, ok, type Reply, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import {
  actingProject,
  booleanAttribute,
  findVisible,
  rejectUnknownAttributes,
  resourceBody,
  standardAttributes,
  stringAttribute,
  stringListAttribute,
  touch,
  visible,
} from './common.js';
import { allocateAddress, cidrContains, parseIpv4, parseIpv4Cidr } from './ipam.js';
import { checkNeutronQuota, findNetwork, neutronUsage } from './networks.js';
import type { FixedIp, NetworkState, PortRecord } from './records.js';
import { ensureDefaultSecurityGroup, findSecurityGroup } from './security-groups.js';

const createAttributes = [
  'network_id',
  'name',
  'description',
  'admin_state_up',
  'mac_address',
  'fixed_ips',
  'security_groups',
  'allowed_address_pairs',
  'propagate_uplink_status',
  'port_security_enabled',
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'device_id',
  'device_owner',
  'project_id',
  'tenant_id',
  'extra_dhcp_opts',
  'dns_name',
  'qos_policy_id',
  'tags',
];
const updateAttributes = [
  'name',
  'description',
  'admin_state_up',
  'mac_address',
  'fixed_ips',
  'security_groups',
  'allowed_address_pairs',
  'propagate_uplink_status',
  'port_security_enabled',
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'device_id',
  'device_owner',
  'extra_dhcp_opts',
  'dns_name',
  'qos_policy_id',
];
const adminOnlyAttributes = ['binding:host_id', 'binding:vif_type', 'binding:vif_details', 'binding:profile'];
const routerOwners = new Set([
  'network:router_interface',
  'network:router_interface_distributed',
  'network:ha_router_replicated_interface',
  'network:router_ha_interface',
  'network:router_gateway',
]);

/** A visible port or Neutron's `PortNotFound`. */
export function findPort(state: NetworkState, id: string, context: RequestContext): PortRecord {
  return findVisible(state.ports, id, context.token, {
    type: 'PortNotFound',
    message: `Port ${id} could not be found.`,
  });
}

function usedAddresses(state: NetworkState, subnetId: string, except?: PortRecord): Set<string> {
  const used = new Set<string>();
  for (const port of state.ports.values()) {
    if (port === except) continue;
    for (const fixedIp of port.fixed_ips) if (fixedIp.subnet_id === subnetId) used.add(fixedIp.ip_address);
  }
  for (const fip of state.floatingIps.values()) used.add(fip.floating_ip_address);
  return used;
}

/**
 * Resolves requested fixed IPs (`[{subnet_id?, ip_address?}]`) on a network into allocations; with no request,
 * one address from the network's first subnet. Conflicts are Neutron's `IpAddressAlreadyAllocated` (409).
 */
export function allocateFixedIps(
  state: NetworkState,
  networkId: string,
  requested: unknown,
  except?: PortRecord,
): FixedIp[] {
  const subnets = [...state.subnets.values()].filter((subnet) => subnet.network_id === networkId);
  const wanted: Array<{ subnet_id?: unknown; ip_address?: unknown }> =
    requested === undefined || requested === null
      ? subnets.slice(0, 1).map((subnet) => ({ subnet_id: subnet.id }))
      : Array.isArray(requested)
        ? (requested as Array<{ subnet_id?: unknown; ip_address?: unknown }>)
        : [];
  const result: FixedIp[] = [];
  for (const entry of wanted) {
    const address = typeof entry.ip_address === 'string' ? parseIpv4(entry.ip_address) : undefined;
    if (entry.ip_address !== undefined && address === undefined) {
      throw new ApiError(
        400,
        `Invalid input for fixed_ips. Reason: '${String(entry.ip_address)}' is not a valid IP address.`,
      );
    }
    const subnet = subnets.find((candidate) =>
      entry.subnet_id !== undefined
        ? candidate.id === entry.subnet_id
        : address !== undefined && cidrContains(parseIpv4Cidr(candidate.cidr)!, address),
    );
    if (!subnet) {
      throw new ApiError(
        400,
        `Invalid input for operation: Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${String(entry.subnet_id ?? entry.ip_address)}.`,
        'InvalidInput',
      );
    }
    const used = usedAddresses(state, subnet.id, except);
    for (const allocated of result) used.add(allocated.ip_address);
    if (typeof entry.ip_address === 'string') {
      if (!cidrContains(parseIpv4Cidr(subnet.cidr)!, address!)) {
        throw new ApiError(
          400,
          `IP address ${entry.ip_address} is not a valid IP for the specified subnet.`,
          'InvalidIpForSubnet',
        );
      }
      if (used.has(entry.ip_address)) {
        throw new ApiError(
          409,
          `IP address ${entry.ip_address} already allocated in subnet ${subnet.id}`,
          'IpAddressAlreadyAllocated',
        );
      }
      result.push({ subnet_id: subnet.id, ip_address: entry.ip_address });
    } else {
      result.push({ subnet_id: subnet.id, ip_address: allocateAddress(subnet, used, networkId) });
    }
  }
  return result;
}

/** Inserts a port record as Neutron would create it (also used by routers, Nova and Octavia). */
export function insertPort(runtime: SimulatorRuntime, projectId: string, body: Record<string, unknown>): PortRecord {
  const state = runtime.state.network;
  const networkId = String(body.network_id);
  const network = state.networks.get(networkId)!;
  const portSecurity = booleanAttribute(body, 'port_security_enabled', network.port_security_enabled);
  const macAddress = stringAttribute(body, 'mac_address', runtime.ids.mac());
  if ([...state.ports.values()].some((port) => port.network_id === networkId && port.mac_address === macAddress)) {
    throw new ApiError(
      409,
      `Unable to complete operation for network ${networkId}. The mac address ${macAddress} is in use.`,
      'MacAddressInUse',
    );
  }
  const hostId = stringAttribute(body, 'binding:host_id', '');
  const port: PortRecord = {
    ...standardAttributes(runtime, projectId, body),
    name: stringAttribute(body, 'name', ''),
    network_id: networkId,
    mac_address: macAddress,
    admin_state_up: booleanAttribute(body, 'admin_state_up', true),
    status: 'DOWN',
    device_id: stringAttribute(body, 'device_id', ''),
    device_owner: stringAttribute(body, 'device_owner', ''),
    fixed_ips: allocateFixedIps(state, networkId, body.fixed_ips),
    allowed_address_pairs: [],
    security_groups: [],
    port_security_enabled: portSecurity,

    extra_dhcp_opts: Array.isArray(body.extra_dhcp_opts) ? body.extra_dhcp_opts : [],
    'binding:host_id': hostId,
    'binding:vif_type': hostId === '' ? 'unbound' : 'ovs',
    'binding:vnic_type': stringAttribute(body, 'binding:vnic_type', 'normal'),
    'binding:profile': (body['binding:profile'] as Record<string, unknown> | undefined) ?? {},
    'binding:vif_details': {},
  };
  port.tags = stringListAttribute(body, 'tags', []);
  port.revision_number = 1;
  if (body.propagate_uplink_status !== undefined) {
    port.propagate_uplink_status = booleanAttribute(body, 'propagate_uplink_status', false);
  }
  applySecurity(runtime, port, body, true);
  state.ports.set(port.id, port);
  return port;
}

function applySecurity(
  runtime: SimulatorRuntime,
  port: PortRecord,
  body: Record<string, unknown>,
  creating: boolean,
): void {
  port.port_security_enabled = booleanAttribute(body, 'port_security_enabled', port.port_security_enabled);
  if (body.security_groups !== undefined) port.security_groups = stringListAttribute(body, 'security_groups', []);
  else if (creating && port.port_security_enabled && !port.device_owner.startsWith('network:')) {
    port.security_groups = [ensureDefaultSecurityGroup(runtime, port.project_id).id];
  }
  if (Array.isArray(body.allowed_address_pairs)) {
    port.allowed_address_pairs = (
      body.allowed_address_pairs as Array<{ ip_address?: unknown; mac_address?: unknown }>
    ).map((pair) => ({
      ip_address: String(pair.ip_address),
      mac_address: typeof pair.mac_address === 'string' ? pair.mac_address : port.mac_address,
    }));
  }
  if (!port.port_security_enabled && port.security_groups.length > 0) {
    throw new ApiError(
      400,
      'Port security must be enabled and port must have an IP address in order to use security groups.',
      'PortSecurityAndIPRequiredForSecurityGroups',
    );
  }
  if (!port.port_security_enabled && port.allowed_address_pairs.length > 0) {
    throw new ApiError(
      409,
      'Port Security must be enabled in order to have allowed address pairs on a port.',
      'AddressPairAndPortSecurityRequired',
    );
  }
}

/** A port as a given token sees it (binding details other than the VNIC type are admin-only). */
export function portView(
  state: NetworkState,
  port: PortRecord,
  token: TokenRecord | undefined,
): Record<string, unknown> {
  const view: Record<string, unknown> = { ...port };
  if (!isAdmin(token)) for (const attribute of adminOnlyAttributes) delete view[attribute];
  const trunk = [...state.trunks.values()].find((candidate) => candidate.port_id === port.id);
  if (trunk) {
    view.trunk_details = {
      trunk_id: trunk.id,
      sub_ports: trunk.sub_ports.map((subPort) => ({
        ...subPort,
        mac_address: state.ports.get(subPort.port_id)?.mac_address,
      })),
    };
  }
  return view;
}

/** Removes a port and clears what referred to it (floating IP associations). */
export function removePort(runtime: SimulatorRuntime, port: PortRecord): void {
  const state = runtime.state.network;
  state.ports.delete(port.id);
  for (const fip of state.floatingIps.values()) {
    if (fip.port_id !== port.id) continue;
    fip.port_id = null;
    fip.fixed_ip_address = null;
    fip.router_id = null;
    fip.status = 'DOWN';
    touch(runtime, fip);
  }
}

const fixedIpsFilter: CustomFilter = (item, values) => {
  const fixedIps = (item.fixed_ips as FixedIp[] | undefined) ?? [];
  return values.every((value) => {
    const [key, wanted] = value.split('=', 2) as [string, string | undefined];
    if (key === 'ip_address_substr') return fixedIps.some((fixedIp) => fixedIp.ip_address.includes(wanted ?? ''));
    if (key !== 'ip_address' && key !== 'subnet_id') {
      throw new ApiError(400, `Invalid input for fixed_ips. Reason: '${value}' is not a valid filter.`);
    }
    return fixedIps.some((fixedIp) => fixedIp[key] === wanted);
  });
};

/** Routes of `/v2.0/ports`. */
export function portRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/ports', (context) => {
      const items = [...state.ports.values()].filter((port) => visible(context.token, port));
      return filteredList(
        context,
        'ports',
        items.map((port) => portView(state, port, context.token)),
        { customFilters: { fixed_ips: fixedIpsFilter } },
      );
    }),
    route('GET', '/v2.0/ports/{id}', (context) =>
      ok({ port: portView(state, findPort(state, context.params.id!, context), context.token) }),
    ),
    route('POST', '/v2.0/ports', (context): Reply => {
      const body = resourceBody(context, 'port');
      rejectUnknownAttributes(body, createAttributes);
      if (typeof body.network_id !== 'string') {
        throw new ApiError(400, "Failed to parse request. Required attribute 'network_id' not specified");
      }
      findNetwork(state, body.network_id, context);
      for (const groupId of stringListAttribute(body, 'security_groups', []))
        findSecurityGroup(state, groupId, context);
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'port', neutronUsage(state, projectId, 'port'));
      return created({ port: portView(state, insertPort(runtime, projectId, body), context.token) });
    }),
    route('PUT', '/v2.0/ports/{id}', (context) => {
      const port = findPort(state, context.params.id!, context);
      const body = resourceBody(context, 'port');
      rejectUnknownAttributes(body, updateAttributes);
      for (const groupId of stringListAttribute(body, 'security_groups', []))
        findSecurityGroup(state, groupId, context);
      const previous = structuredClone(port);
      try {
        port.name = stringAttribute(body, 'name', port.name);
        port.description = stringAttribute(body, 'description', port.description);
        port.admin_state_up = booleanAttribute(body, 'admin_state_up', port.admin_state_up);
        port.device_id = stringAttribute(body, 'device_id', port.device_id);
        port.device_owner = stringAttribute(body, 'device_owner', port.device_owner);
        if (body.propagate_uplink_status !== undefined) {
          port.propagate_uplink_status = booleanAttribute(body, 'propagate_uplink_status', false);
        }
        if ('binding:host_id' in body) {
          port['binding:host_id'] = stringAttribute(body, 'binding:host_id', '');
          port['binding:vif_type'] = port['binding:host_id'] === '' ? 'unbound' : 'ovs';
        }
        if (body.fixed_ips !== undefined)
          port.fixed_ips = allocateFixedIps(state, port.network_id, body.fixed_ips, port);
        applySecurity(runtime, port, body, false);
      } catch (error) {
        Object.assign(port, previous);
        throw error;
      }
      touch(runtime, port);
      return ok({ port: portView(state, port, context.token) });
    }),
    route('DELETE', '/v2.0/ports/{id}', (context) => {
      const port = findPort(state, context.params.id!, context);
      if (routerOwners.has(port.device_owner)) {
        throw new ApiError(
          409,
          `Port ${port.id} cannot be deleted directly via the port API: has device owner ${port.device_owner}.`,
          'ServicePortInUse',
        );
      }
      for (const trunk of state.trunks.values()) {
        if (trunk.port_id === port.id) {
          throw new ApiError(
            409,
            `Port ${port.id} is currently a parent port for trunk ${trunk.id}.`,
            'PortInUseAsTrunkParent',
          );
        }
        if (trunk.sub_ports.some((subPort) => subPort.port_id === port.id)) {
          throw new ApiError(
            409,
            `Port ${port.id} is currently a subport for trunk ${trunk.id}.`,
            'PortInUseAsSubPort',
          );
        }
      }
      removePort(runtime, port);
      return noContent();
    }),
  ];
}
