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
  visible,
} from './common.js';
import { checkNeutronQuota, findNetwork, neutronUsage } from './networks.js';
import { findPort, insertPort, removePort } from './ports.js';
import type { NetworkState, PortRecord, RouterRecord } from './records.js';
import { findSubnet } from './subnets.js';

const createAttributes = [
  'name',
  'description',
  'admin_state_up',
  'external_gateway_info',
  'distributed',
  'ha',
  'availability_zone_hints',
  'flavor_id',
  'project_id',
  'tenant_id',
  'tags',
];
const updateAttributes = ['name', 'description', 'admin_state_up', 'external_gateway_info', 'routes'];

/** Device owner of the ports a router interface creates. */
export const routerInterfaceOwner = 'network:router_interface';

/** A visible router or Neutron's `RouterNotFound`. */
export function findRouter(state: NetworkState, id: string, context: RequestContext): RouterRecord {
  return findVisible(state.routers, id, context.token, {
    type: 'RouterNotFound',
    message: `Router ${id} could not be found.`,
  });
}

/** The router's interface ports. */
export function interfacePorts(state: NetworkState, routerId: string): PortRecord[] {
  return [...state.ports.values()].filter(
    (port) => port.device_id === routerId && port.device_owner === routerInterfaceOwner,
  );
}

function setGateway(runtime: SimulatorRuntime, router: RouterRecord, info: unknown, context: RequestContext): void {
  const state = runtime.state.network;
  const gatewayPortId = state.routerGatewayPorts.get(router.id);
  const wanted = info as { network_id?: unknown; enable_snat?: unknown; external_fixed_ips?: unknown } | null;
  if (
    gatewayPortId &&
    (wanted === null ||
      wanted?.network_id !== router.external_gateway_info?.network_id ||
      wanted?.external_fixed_ips !== undefined)
  ) {
    if ([...state.floatingIps.values()].some((fip) => fip.router_id === router.id)) {
      throw new ApiError(
        409,
        `Gateway cannot be updated for router ${router.id}, since a gateway to external network ${router.external_gateway_info?.network_id} is required by one or more floating IPs.`,
        'RouterExternalGatewayInUseByFloatingIp',
      );
    }
    const gatewayPort = state.ports.get(gatewayPortId);
    if (gatewayPort) removePort(runtime, gatewayPort);
    state.routerGatewayPorts.delete(router.id);
    router.external_gateway_info = null;
  }
  if (wanted === null || wanted === undefined || typeof wanted.network_id !== 'string') return;
  const network = findNetwork(state, wanted.network_id, context);
  if (!network['router:external']) {
    throw new ApiError(400, `Bad router request: Network ${network.id} is not an external network.`, 'BadRequest');
  }
  if (state.routerGatewayPorts.has(router.id)) {
    router.external_gateway_info = {
      ...router.external_gateway_info!,
      enable_snat: booleanAttribute(wanted as Record<string, unknown>, 'enable_snat', true),
    };
    return;
  }
  const port = insertPort(runtime, '', {
    network_id: network.id,
    device_id: router.id,
    device_owner: 'network:router_gateway',
    fixed_ips: wanted.external_fixed_ips,
  });
  port.status = 'ACTIVE';
  state.routerGatewayPorts.set(router.id, port.id);
  router.external_gateway_info = {
    network_id: network.id,
    enable_snat: booleanAttribute(wanted as Record<string, unknown>, 'enable_snat', true),
    external_fixed_ips: port.fixed_ips.map((fixedIp) => ({ ...fixedIp })),
  };
}

function interfaceBody(router: RouterRecord, port: PortRecord): Record<string, unknown> {
  const subnetIds = port.fixed_ips.map((fixedIp) => fixedIp.subnet_id);
  return {
    id: router.id,
    tenant_id: router.project_id,

    port_id: port.id,
    network_id: port.network_id,
    subnet_id: subnetIds[0],
    subnet_ids: subnetIds,
  };
}

function addInterface(runtime: SimulatorRuntime, router: RouterRecord, context: RequestContext): Reply {
  const state = runtime.state.network;
  const body = (context.body ?? {}) as { subnet_id?: unknown; port_id?: unknown };
  if (typeof body.port_id === 'string') {
    const port = findPort(state, body.port_id, context);
    if (port.device_id !== '') {
      throw new ApiError(409, `Port ${port.id} is still in use.`, 'PortInUse');
    }
    port.device_id = router.id;
    port.device_owner = routerInterfaceOwner;
    port.status = 'ACTIVE';
    port.security_groups = [];
    touch(runtime, port);
    return ok(interfaceBody(router, port));
  }
  if (typeof body.subnet_id !== 'string') {
    throw new ApiError(400, 'Bad router request: Either subnet_id or port_id must be specified.', 'BadRequest');
  }
  const subnet = findSubnet(state, body.subnet_id, context);
  if (
    interfacePorts(state, router.id).some((port) => port.fixed_ips.some((fixedIp) => fixedIp.subnet_id === subnet.id))
  ) {
    throw new ApiError(400, `Bad router request: Router already has a port on subnet ${subnet.id}.`, 'BadRequest');
  }
  if (subnet.gateway_ip === null) {
    throw new ApiError(400, `Bad router request: Subnet for router interface must have a gateway IP.`, 'BadRequest');
  }
  const port = insertPort(runtime, router.project_id, {
    network_id: subnet.network_id,
    device_id: router.id,
    device_owner: routerInterfaceOwner,
    fixed_ips: [{ subnet_id: subnet.id, ip_address: subnet.gateway_ip }],
  });
  port.status = 'ACTIVE';
  touch(runtime, router);
  return ok(interfaceBody(router, port));
}

function removeInterface(runtime: SimulatorRuntime, router: RouterRecord, context: RequestContext): Reply {
  const state = runtime.state.network;
  const body = (context.body ?? {}) as { subnet_id?: unknown; port_id?: unknown };
  const ports = interfacePorts(state, router.id);
  let port: PortRecord | undefined;
  if (typeof body.port_id === 'string') {
    port = ports.find((candidate) => candidate.id === body.port_id);
    if (!port) {
      throw new ApiError(
        404,
        `Router ${router.id} does not have an interface with id ${body.port_id}`,
        'RouterInterfaceNotFound',
      );
    }
  } else if (typeof body.subnet_id === 'string') {
    const subnetId = body.subnet_id;
    findSubnet(state, subnetId, context);
    port = ports.find((candidate) => candidate.fixed_ips.some((fixedIp) => fixedIp.subnet_id === subnetId));
    if (!port) {
      throw new ApiError(
        404,
        `Router ${router.id} has no interface on subnet ${subnetId}`,
        'RouterInterfaceNotFoundForSubnet',
      );
    }
  } else {
    throw new ApiError(400, 'Bad router request: Either subnet_id or port_id must be specified.', 'BadRequest');
  }
  const subnetIds = new Set(port.fixed_ips.map((fixedIp) => fixedIp.subnet_id));
  const fipInUse = [...state.floatingIps.values()].some((fip) => {
    const target = fip.port_id ? state.ports.get(fip.port_id) : undefined;
    return fip.router_id === router.id && target?.fixed_ips.some((fixedIp) => subnetIds.has(fixedIp.subnet_id));
  });
  if (fipInUse) {
    throw new ApiError(
      409,
      `Router interface for subnet ${[...subnetIds][0]} on router ${router.id} cannot be deleted, as it is required by one or more floating IPs.`,
      'RouterInterfaceInUseByFloatingIP',
    );
  }
  const answer = interfaceBody(router, port);
  removePort(runtime, port);
  touch(runtime, router);
  return ok(answer);
}

/** Routes of `/v2.0/routers`. */
export function routerRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/routers', (context) =>
      filteredList(
        context,
        'routers',
        [...state.routers.values()].filter((router) => visible(context.token, router)) as unknown as Record<
          string,
          unknown
        >[],
      ),
    ),
    route('GET', '/v2.0/routers/{id}', (context) => ok({ router: findRouter(state, context.params.id!, context) })),
    route('POST', '/v2.0/routers', (context): Reply => {
      const body = resourceBody(context, 'router');
      rejectUnknownAttributes(body, createAttributes);
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'router', neutronUsage(state, projectId, 'router'));
      const router: RouterRecord = {
        ...standardAttributes(runtime, projectId, body),
        name: stringAttribute(body, 'name', ''),
        admin_state_up: booleanAttribute(body, 'admin_state_up', true),
        status: 'ACTIVE',
        external_gateway_info: null,
        routes: [],
        availability_zone_hints: stringListAttribute(body, 'availability_zone_hints', []),
        availability_zones: [],
        flavor_id: null,
      };
      router.tags = stringListAttribute(body, 'tags', []);
      router.revision_number = 1;
      setGateway(runtime, router, body.external_gateway_info, context);
      // Neutron revises a router twice more while it plugs the gateway in.
      if (router.external_gateway_info) router.revision_number = 3;
      state.routers.set(router.id, router);
      return created({ router });
    }),
    route('PUT', '/v2.0/routers/{id}', (context) => {
      const router = findRouter(state, context.params.id!, context);
      const body = resourceBody(context, 'router');
      rejectUnknownAttributes(body, updateAttributes);
      router.name = stringAttribute(body, 'name', router.name);
      router.description = stringAttribute(body, 'description', router.description);
      router.admin_state_up = booleanAttribute(body, 'admin_state_up', router.admin_state_up);
      if ('external_gateway_info' in body) setGateway(runtime, router, body.external_gateway_info ?? null, context);
      touch(runtime, router);
      return ok({ router });
    }),
    route('PUT', '/v2.0/routers/{id}/add_router_interface', (context) =>
      addInterface(runtime, findRouter(state, context.params.id!, context), context),
    ),
    route('PUT', '/v2.0/routers/{id}/remove_router_interface', (context) =>
      removeInterface(runtime, findRouter(state, context.params.id!, context), context),
    ),
    route('DELETE', '/v2.0/routers/{id}', (context) => {
      const router = findRouter(state, context.params.id!, context);
      const attached = interfacePorts(state, router.id);
      if (attached.length > 0) {
        const ids = attached.map((port) => port.id).join(', ');
        throw new ApiError(409, `Router ${router.id} has ports still attached: ${ids}`, 'RouterInUse');
      }
      setGateway(runtime, router, null, context);
      state.routers.delete(router.id);
      return noContent();
    }),
  ];
}
