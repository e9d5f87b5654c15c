import { ApiError } from '../errors.js';
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
} from './common.js';
import {
  cidrContains,
  defaultAllocationPool,
  formatCidr,
  formatIpv4,
  type Ipv4Cidr,
  parseIpv4,
  parseIpv4Cidr,
} from './ipam.js';
import { checkNeutronQuota, findNetwork, isSharedNetwork, neutronUsage } from './networks.js';
import type { NetworkState, SubnetRecord } from './records.js';

const createAttributes = [
  'network_id',
  'name',
  'description',
  'ip_version',
  'cidr',
  'gateway_ip',
  'allocation_pools',
  'dns_nameservers',
  'host_routes',
  'enable_dhcp',
  'ipv6_ra_mode',
  'ipv6_address_mode',
  'subnetpool_id',
  'prefixlen',
  'service_types',
  'project_id',
  'tenant_id',
  'segment_id',
  'tags',
];
const updateAttributes = [
  'name',
  'description',
  'gateway_ip',
  'allocation_pools',
  'dns_nameservers',
  'host_routes',
  'enable_dhcp',
  'service_types',
];

function invalidInput(message: string): ApiError {
  return new ApiError(400, `Invalid input for operation: ${message}`, 'InvalidInput');
}

/** A visible subnet or Neutron's `SubnetNotFound`. */
export function findSubnet(state: NetworkState, id: string, context: RequestContext): SubnetRecord {
  return findVisible(
    state.subnets,
    id,
    context.token,
    { type: 'SubnetNotFound', message: `Subnet ${id} could not be found.` },
    (subnet) => {
      const network = state.networks.get(subnet.network_id);
      return network !== undefined && isSharedNetwork(network);
    },
  );
}

function parsedCidr(subnet: SubnetRecord): Ipv4Cidr {
  return parseIpv4Cidr(subnet.cidr)!;
}

function allocationPools(body: Record<string, unknown>, cidr: Ipv4Cidr, gateway: number | undefined) {
  const pools = body.allocation_pools;
  if (pools === undefined || pools === null) return [defaultAllocationPool(cidr, gateway)];
  if (!Array.isArray(pools)) throw invalidInput(`allocation_pools must be a list.`);
  return pools.map((pool: unknown) => {
    const { start, end } = (pool ?? {}) as { start?: unknown; end?: unknown };
    const first = typeof start === 'string' ? parseIpv4(start) : undefined;
    const last = typeof end === 'string' ? parseIpv4(end) : undefined;
    if (first === undefined || last === undefined || first > last) {
      throw new ApiError(
        400,
        `Invalid input for allocation_pools. Reason: ${JSON.stringify(pool)} is not a valid pool.`,
      );
    }
    if (!cidrContains(cidr, first) || !cidrContains(cidr, last)) {
      throw new ApiError(
        400,
        `The allocation pool ${String(start)}-${String(end)} spans beyond the subnet cidr ${formatCidr(cidr)}.`,
        'OutOfBoundsAllocationPool',
      );
    }
    return { start: formatIpv4(first), end: formatIpv4(last) };
  });
}

function gatewayAddress(body: Record<string, unknown>, cidr: Ipv4Cidr): number | undefined {
  if (body.gateway_ip === null) return undefined;
  if (body.gateway_ip === undefined) return cidr.network + 1;
  const gateway = typeof body.gateway_ip === 'string' ? parseIpv4(body.gateway_ip) : undefined;
  if (gateway === undefined) {
    throw new ApiError(
      400,
      `Invalid input for gateway_ip. Reason: '${String(body.gateway_ip)}' is not a valid IP address.`,
    );
  }
  return gateway;
}

/** Creates a subnet record after validating it (also used by the simulator's set-up). */
export function insertSubnet(
  runtime: SimulatorRuntime,
  projectId: string,
  body: Record<string, unknown>,
): SubnetRecord {
  const state = runtime.state.network;
  const networkId = body.network_id;
  if (typeof networkId !== 'string') {
    throw new ApiError(400, "Failed to parse request. Required attribute 'network_id' not specified", 'HTTPBadRequest');
  }
  const ipVersion = body.ip_version ?? 4;
  if (ipVersion !== 4 && ipVersion !== '4') {
    throw invalidInput('the simulator implements IPv4 subnets only.');
  }
  if (typeof body.cidr !== 'string') throw new ApiError(400, 'Bad subnets request: a cidr must be specified.');
  const cidr = parseIpv4Cidr(body.cidr);
  if (!cidr) throw new ApiError(400, `Invalid input for cidr. Reason: '${body.cidr}' is not a valid IP subnet.`);
  for (const other of state.subnets.values()) {
    const existing = parsedCidr(other);
    if (other.network_id === networkId && existing.network <= cidr.broadcast && cidr.network <= existing.broadcast) {
      throw invalidInput(
        `Requested subnet with cidr: ${formatCidr(cidr)} for network: ${networkId} overlaps with another subnet.`,
      );
    }
  }
  const gateway = gatewayAddress(body, cidr);
  if (gateway !== undefined && !cidrContains(cidr, gateway)) {
    throw invalidInput(`Gateway IP ${formatIpv4(gateway)} is not in subnet ${formatCidr(cidr)}.`);
  }
  const subnet: SubnetRecord = {
    ...standardAttributes(runtime, projectId, body),
    name: stringAttribute(body, 'name', ''),
    network_id: networkId,
    ip_version: 4,
    cidr: formatCidr(cidr),
    gateway_ip: gateway === undefined ? null : formatIpv4(gateway),
    allocation_pools: allocationPools(body, cidr, gateway),
    dns_nameservers: stringListAttribute(body, 'dns_nameservers', []),
    host_routes: Array.isArray(body.host_routes) ? (body.host_routes as SubnetRecord['host_routes']) : [],
    enable_dhcp: booleanAttribute(body, 'enable_dhcp', true),
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    subnetpool_id: null,
    service_types: stringListAttribute(body, 'service_types', []),
  };
  subnet.tags = stringListAttribute(body, 'tags', []);
  state.subnets.set(subnet.id, subnet);
  touch(runtime, state.networks.get(networkId)!);
  return subnet;
}

/** Routes of `/v2.0/subnets`. */
export function subnetRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/subnets', (context) => {
      const items = [...state.subnets.values()].filter((subnet) => {
        try {
          return findSubnet(state, subnet.id, context) === subnet;
        } catch {
          return false;
        }
      });
      return filteredList(context, 'subnets', items as unknown as Record<string, unknown>[]);
    }),
    route('GET', '/v2.0/subnets/{id}', (context) => ok({ subnet: findSubnet(state, context.params.id!, context) })),
    route('POST', '/v2.0/subnets', (context): Reply => {
      const body = resourceBody(context, 'subnet');
      rejectUnknownAttributes(body, createAttributes);
      if (typeof body.network_id === 'string') findNetwork(state, body.network_id, context);
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'subnet', neutronUsage(state, projectId, 'subnet'));
      return created({ subnet: insertSubnet(runtime, projectId, body) });
    }),
    route('PUT', '/v2.0/subnets/{id}', (context) => {
      const subnet = findSubnet(state, context.params.id!, context);
      const body = resourceBody(context, 'subnet');
      rejectUnknownAttributes(body, updateAttributes);
      const cidr = parsedCidr(subnet);
      subnet.name = stringAttribute(body, 'name', subnet.name);
      subnet.description = stringAttribute(body, 'description', subnet.description);
      subnet.dns_nameservers = stringListAttribute(body, 'dns_nameservers', subnet.dns_nameservers);
      subnet.enable_dhcp = booleanAttribute(body, 'enable_dhcp', subnet.enable_dhcp);
      if ('gateway_ip' in body) {
        const gateway = gatewayAddress(body, cidr);
        subnet.gateway_ip = gateway === undefined ? null : formatIpv4(gateway);
      }
      if (body.allocation_pools !== undefined) {
        subnet.allocation_pools = allocationPools(body, cidr, parseIpv4(subnet.gateway_ip ?? ''));
      }
      if (Array.isArray(body.host_routes)) subnet.host_routes = body.host_routes as SubnetRecord['host_routes'];
      touch(runtime, subnet);
      return ok({ subnet });
    }),
    route('DELETE', '/v2.0/subnets/{id}', (context) => {
      const subnet = findSubnet(state, context.params.id!, context);
      const inUse = [...state.ports.values()].some(
        (port) =>
          port.device_owner !== 'network:dhcp' && port.fixed_ips.some((fixedIp) => fixedIp.subnet_id === subnet.id),
      );
      if (inUse) {
        throw new ApiError(
          409,
          `Unable to complete operation on subnet ${subnet.id}: One or more ports have an IP allocation from this subnet.`,
          'SubnetInUse',
        );
      }
      state.subnets.delete(subnet.id);
      const network = state.networks.get(subnet.network_id);
      if (network) touch(runtime, network);
      return noContent();
    }),
  ];
}
