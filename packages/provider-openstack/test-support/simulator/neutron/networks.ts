import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { filteredList } from '../listing.js';
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
import type { NetworkRecord, NetworkState } from './records.js';

const createAttributes = [
  'name',
  'description',
  'admin_state_up',
  'shared',
  'router:external',
  'port_security_enabled',
  'mtu',
  'project_id',
  'tenant_id',
  'availability_zone_hints',
  'dns_domain',
  'qos_policy_id',
  'tags',
  'provider:network_type',
  'provider:physical_network',
  'provider:segmentation_id',
];
const updateAttributes = ['name', 'description', 'admin_state_up', 'shared', 'port_security_enabled', 'mtu'];

/** Networks other projects can see (shared or external). */
export function isSharedNetwork(network: NetworkRecord): boolean {
  return network.shared || network['router:external'];
}

/** A visible network or Neutron's `NetworkNotFound`. */
export function findNetwork(state: NetworkState, id: string, context: RequestContext): NetworkRecord {
  return findVisible(
    state.networks,
    id,
    context.token,
    { type: 'NetworkNotFound', message: `Network ${id} could not be found.` },
    isSharedNetwork,
  );
}

/** The over-quota conflict Neutron answers for every resource type. */
export function overQuota(resource: string): ApiError {
  return new ApiError(409, `Quota exceeded for resources: ['${resource}'].`, 'OverQuota');
}

/** Checks one more `resource` (`network`, `port`, …) against the project's quota. */
export function checkNeutronQuota(runtime: SimulatorRuntime, projectId: string, resource: string, used: number): void {
  if (runtime.quotas.exceeds(projectId, `network.${resource}`, used)) throw overQuota(resource);
}

function count<T extends { project_id: string }>(map: ReadonlyMap<string, T>, projectId: string): number {
  let total = 0;
  for (const record of map.values()) if (record.project_id === projectId) total++;
  return total;
}

/** Number of a project's resources of one Neutron quota resource. */
export function neutronUsage(state: NetworkState, projectId: string, resource: string): number {
  switch (resource) {
    case 'network':
      return count(state.networks, projectId);
    case 'subnet':
      return count(state.subnets, projectId);
    case 'port':
      return count(state.ports, projectId);
    case 'router':
      return count(state.routers, projectId);
    case 'floatingip':
      return count(state.floatingIps, projectId);
    case 'security_group':
      return count(state.securityGroups, projectId);
    case 'security_group_rule':
      return count(state.securityGroupRules, projectId);
    case 'trunk':
      return count(state.trunks, projectId);
    default:
      return 0;
  }
}

/** Creates a network record (also used by the simulator's set-up for the external network). */
export function insertNetwork(
  runtime: SimulatorRuntime,
  projectId: string,
  body: Record<string, unknown>,
): NetworkRecord {
  const network: NetworkRecord = {
    ...standardAttributes(runtime, projectId, body),
    name: stringAttribute(body, 'name', ''),
    admin_state_up: booleanAttribute(body, 'admin_state_up', true),
    mtu: typeof body.mtu === 'number' ? body.mtu : 1450,
    status: 'ACTIVE',
    shared: booleanAttribute(body, 'shared', false),
    'router:external': booleanAttribute(body, 'router:external', false),
    port_security_enabled: booleanAttribute(body, 'port_security_enabled', true),
    availability_zone_hints: stringListAttribute(body, 'availability_zone_hints', []),
    availability_zones: [],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    is_default: false,
  };
  network.revision_number = 1;
  network.tags = stringListAttribute(body, 'tags', []);
  runtime.state.network.networks.set(network.id, network);
  return network;
}

function view(state: NetworkState, network: NetworkRecord): Record<string, unknown> {
  const subnets = [...state.subnets.values()].filter((subnet) => subnet.network_id === network.id);
  return { ...network, subnets: subnets.map((subnet) => subnet.id) };
}

function policyDenied(action: string): ApiError {
  return new ApiError(403, `(rule:${action}) is disallowed by policy`, 'PolicyNotAuthorized');
}

/** Routes of `/v2.0/networks`. */
export function networkRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/networks', (context) => {
      const items = [...state.networks.values()].filter((network) =>
        visible(context.token, network, isSharedNetwork(network)),
      );
      return filteredList(
        context,
        'networks',
        items.map((network) => view(state, network)),
      );
    }),
    route('GET', '/v2.0/networks/{id}', (context) =>
      ok({ network: view(state, findNetwork(state, context.params.id!, context)) }),
    ),
    route('POST', '/v2.0/networks', (context): Reply => {
      const body = resourceBody(context, 'network');
      rejectUnknownAttributes(body, createAttributes);
      if (!isAdmin(context.token) && (body['router:external'] === true || body.shared === true)) {
        throw policyDenied(body.shared === true ? 'create_network:shared' : 'create_network:router:external');
      }
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'network', neutronUsage(state, projectId, 'network'));
      return created({ network: view(state, insertNetwork(runtime, projectId, body)) });
    }),
    route('PUT', '/v2.0/networks/{id}', (context) => {
      const network = findNetwork(state, context.params.id!, context);
      if (!isAdmin(context.token) && network.project_id !== context.token?.projectId) {
        throw policyDenied('update_network');
      }
      const body = resourceBody(context, 'network');
      rejectUnknownAttributes(body, updateAttributes);
      network.name = stringAttribute(body, 'name', network.name);
      network.description = stringAttribute(body, 'description', network.description);
      network.admin_state_up = booleanAttribute(body, 'admin_state_up', network.admin_state_up);
      network.shared = booleanAttribute(body, 'shared', network.shared);
      network.port_security_enabled = booleanAttribute(body, 'port_security_enabled', network.port_security_enabled);
      if (typeof body.mtu === 'number') network.mtu = body.mtu;
      touch(runtime, network);
      return ok({ network: view(state, network) });
    }),
    route('DELETE', '/v2.0/networks/{id}', (context) => {
      const network = findNetwork(state, context.params.id!, context);
      if (!isAdmin(context.token) && network.project_id !== context.token?.projectId) {
        throw policyDenied('delete_network');
      }
      const portsInUse = [...state.ports.values()].filter(
        (port) => port.network_id === network.id && port.device_owner !== 'network:dhcp',
      );
      const floatingIpsInUse = [...state.floatingIps.values()].some((fip) => fip.floating_network_id === network.id);
      if (portsInUse.length > 0 || floatingIpsInUse) {
        const ids = portsInUse.map((port) => port.id).join(', ');
        throw new ApiError(
          409,
          `Unable to complete operation on network ${network.id}. There are one or more ports still in use on the network${ids ? `, id for these ports is: ${ids}` : ''}.`,
          'NetworkInUse',
        );
      }
      for (const subnet of [...state.subnets.values()]) {
        if (subnet.network_id === network.id) state.subnets.delete(subnet.id);
      }
      state.networks.delete(network.id);
      return noContent();
    }),
  ];
}
