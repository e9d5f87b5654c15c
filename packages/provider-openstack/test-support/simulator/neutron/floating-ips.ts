import { ApiError } from '../errors.js';
import { filteredList } from '../listing.js';
import { created, noContent, ok, type Reply, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import {
  actingProject,
  findVisible,
  rejectUnknownAttributes,
  resourceBody,
  standardAttributes,
  stringListAttribute,
  touch,
  visible,
} from './common.js';
import { checkNeutronQuota, findNetwork, neutronUsage } from './networks.js';
import { allocateFixedIps, findPort } from './ports.js';
import type { FloatingIpRecord, NetworkState } from './records.js';
import { interfacePorts } from './routers.js';

const createAttributes = [
  'floating_network_id',
  'floating_ip_address',
  'subnet_id',
  'port_id',
  'fixed_ip_address',
  'description',
  'project_id',
  'tenant_id',
  'dns_name',
  'dns_domain',
  'qos_policy_id',
  'tags',
];
const updateAttributes = ['port_id', 'fixed_ip_address', 'description', 'qos_policy_id'];

function findFloatingIp(state: NetworkState, id: string, context: RequestContext): FloatingIpRecord {
  return findVisible(state.floatingIps, id, context.token, {
    type: 'FloatingIPNotFound',
    message: `Floating IP ${id} could not be found`,
  });
}

function view(state: NetworkState, fip: FloatingIpRecord): Record<string, unknown> {
  const port = fip.port_id ? state.ports.get(fip.port_id) : undefined;
  return {
    ...fip,
    port_details: port
      ? {
          name: port.name,
          network_id: port.network_id,
          mac_address: port.mac_address,
          admin_state_up: port.admin_state_up,
          status: port.status,
          device_id: port.device_id,
          device_owner: port.device_owner,
        }
      : null,
  };
}

/**
 * Associates (or with `port_id` absent/null, disassociates — Neutron treats an update without `port_id` as a
 * disassociation) and schedules the status change an L3 agent would report: ACTIVE after association, DOWN after.
 */
function associate(
  runtime: SimulatorRuntime,
  fip: FloatingIpRecord,
  body: Record<string, unknown>,
  context: RequestContext,
): void {
  const state = runtime.state.network;
  const portId = typeof body.port_id === 'string' ? body.port_id : null;
  if (portId === null) {
    if (fip.port_id === null) return;
    fip.port_id = null;
    fip.fixed_ip_address = null;
    fip.router_id = null;
  } else {
    const port = findPort(state, portId, context);
    const fixedIp =
      typeof body.fixed_ip_address === 'string'
        ? port.fixed_ips.find((candidate) => candidate.ip_address === body.fixed_ip_address)
        : port.fixed_ips[0];
    if (!fixedIp) {
      throw new ApiError(
        400,
        `Bad floatingip request: Port ${port.id} does not have fixed ip ${String(body.fixed_ip_address)}.`,
        'BadRequest',
      );
    }
    const router = [...state.routers.values()].find(
      (candidate) =>
        candidate.external_gateway_info?.network_id === fip.floating_network_id &&
        interfacePorts(state, candidate.id).some((routerPort) =>
          routerPort.fixed_ips.some((routerIp) => routerIp.subnet_id === fixedIp.subnet_id),
        ),
    );
    if (!router) {
      throw new ApiError(
        404,
        `External network ${fip.floating_network_id} is not reachable from subnet ${fixedIp.subnet_id}.  Therefore, cannot associate Port ${port.id} with a Floating IP.`,
        'ExternalGatewayForFloatingIPNotFound',
      );
    }
    const taken = [...state.floatingIps.values()].find(
      (other) => other !== fip && other.port_id === port.id && other.fixed_ip_address === fixedIp.ip_address,
    );
    if (taken) {
      throw new ApiError(
        409,
        `Cannot associate floating IP ${fip.floating_ip_address} (${fip.id}) with port ${port.id} using fixed IP ${fixedIp.ip_address}, as that fixed IP already has a floating IP on external network ${taken.floating_network_id}.`,
        'FloatingIPPortAlreadyAssociated',
      );
    }
    if (fip.port_id === port.id && fip.fixed_ip_address === fixedIp.ip_address) return;
    fip.port_id = port.id;
    fip.fixed_ip_address = fixedIp.ip_address;
    fip.router_id = router.id;
  }
  const target = fip.port_id;
  runtime.clock.schedule(runtime.delays.floatingIpMs, () => {
    if (!state.floatingIps.has(fip.id) || fip.port_id !== target) return;
    fip.status = target === null ? 'DOWN' : 'ACTIVE';
    touch(runtime, fip);
  });
}

/** Routes of `/v2.0/floatingips`. */
export function floatingIpRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/floatingips', (context) =>
      filteredList(
        context,
        'floatingips',
        [...state.floatingIps.values()].filter((fip) => visible(context.token, fip)).map((fip) => view(state, fip)),
      ),
    ),
    route('GET', '/v2.0/floatingips/{id}', (context) =>
      ok({ floatingip: view(state, findFloatingIp(state, context.params.id!, context)) }),
    ),
    route('POST', '/v2.0/floatingips', (context): Reply => {
      const body = resourceBody(context, 'floatingip');
      rejectUnknownAttributes(body, createAttributes);
      if (typeof body.floating_network_id !== 'string') {
        throw new ApiError(400, "Failed to parse request. Required attribute 'floating_network_id' not specified");
      }
      const network = findNetwork(state, body.floating_network_id, context);
      if (!network['router:external']) {
        throw new ApiError(
          400,
          `Bad floatingip request: Network ${network.id} is not a valid external network.`,
          'BadRequest',
        );
      }
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'floatingip', neutronUsage(state, projectId, 'floatingip'));
      const requested =
        body.floating_ip_address !== undefined || body.subnet_id !== undefined
          ? [{ ip_address: body.floating_ip_address, subnet_id: body.subnet_id }]
          : undefined;
      const [address] = allocateFixedIps(state, network.id, requested);
      if (!address)
        throw new ApiError(400, `Bad floatingip request: Network ${network.id} has no subnet.`, 'BadRequest');
      const fip: FloatingIpRecord = {
        ...standardAttributes(runtime, projectId, body),
        floating_ip_address: address.ip_address,
        floating_network_id: network.id,
        router_id: null,
        port_id: null,
        fixed_ip_address: null,
        status: 'DOWN',
      };
      fip.tags = stringListAttribute(body, 'tags', []);
      if (typeof body.port_id === 'string') associate(runtime, fip, body, context);
      state.floatingIps.set(fip.id, fip);
      return created({ floatingip: view(state, fip) });
    }),
    route('PUT', '/v2.0/floatingips/{id}', (context) => {
      const fip = findFloatingIp(state, context.params.id!, context);
      const body = resourceBody(context, 'floatingip');
      rejectUnknownAttributes(body, updateAttributes);
      if (typeof body.description === 'string') fip.description = body.description;
      associate(runtime, fip, body, context);
      touch(runtime, fip);
      return ok({ floatingip: view(state, fip) });
    }),
    route('DELETE', '/v2.0/floatingips/{id}', (context) => {
      const fip = findFloatingIp(state, context.params.id!, context);
      state.floatingIps.delete(fip.id);
      return noContent();
    }),
  ];
}
