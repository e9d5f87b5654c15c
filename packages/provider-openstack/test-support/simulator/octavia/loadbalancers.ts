import { ApiError } from '../errors.js';
import { filteredList } from '../listing.js';
import { insertPort, removePort } from '../neutron/ports.js';
import { created, noContent, ok, type RequestContext, type Route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSecondsNoZone } from '../timestamps.js';
import {
  baseAttributes,
  checkOctaviaQuota,
  countOwned,
  findOwned,
  immutable,
  isImmutable,
  lbaasRoutes,
  requestObject,
} from './common.js';
import type { LoadBalancerRecord, LoadBalancerState } from './records.js';

/** Decides whether a load balancer's provisioning fails (→ provisioning_status ERROR). */
export type LoadBalancerFailurePolicy = (loadBalancer: { readonly name: string }) => boolean;

/** A project's load balancer or Octavia's 404. */
export function findLoadBalancer(runtime: SimulatorRuntime, id: string, context: RequestContext): LoadBalancerRecord {
  return findOwned(runtime.state.loadBalancer.loadBalancers, id, context, 'Load Balancer');
}

function view(state: LoadBalancerState, loadBalancer: LoadBalancerRecord): Record<string, unknown> {
  const { ownsVipPort: _ownsVipPort, ...visible } = loadBalancer;
  return {
    ...visible,
    vip_qos_policy_id: null,
    additional_vips: [],
    listeners: [...state.listeners.values()]
      .filter((listener) => listener.loadbalancer_id === loadBalancer.id)
      .map(({ id }) => ({ id })),
    pools: [...state.pools.values()]
      .filter((pool) => pool.loadbalancer_id === loadBalancer.id)
      .map(({ id }) => ({ id })),
  };
}

function vipPlacement(runtime: SimulatorRuntime, body: Record<string, unknown>) {
  const { network } = runtime.state;
  if (typeof body.vip_port_id === 'string') {
    const port = network.ports.get(body.vip_port_id);
    if (!port) throw new ApiError(400, `Validation failure: Port ${body.vip_port_id} not found.`);
    return { port, owns: false };
  }
  let subnetId = typeof body.vip_subnet_id === 'string' ? body.vip_subnet_id : undefined;
  if (subnetId !== undefined && !network.subnets.has(subnetId))
    throw new ApiError(400, `Validation failure: Subnet ${subnetId} not found.`);
  let networkId = typeof body.vip_network_id === 'string' ? body.vip_network_id : undefined;
  if (networkId !== undefined && !network.networks.has(networkId))
    throw new ApiError(400, `Validation failure: Network ${networkId} not found.`);
  if (subnetId === undefined && networkId === undefined) {
    throw new ApiError(400, 'Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.');
  }
  networkId ??= network.subnets.get(subnetId!)!.network_id;
  subnetId ??= [...network.subnets.values()].find((subnet) => subnet.network_id === networkId)?.id;
  if (subnetId === undefined) throw new ApiError(400, `Validation failure: Network ${networkId} has no subnet.`);
  const fixedIp: Record<string, unknown> = { subnet_id: subnetId };
  if (typeof body.vip_address === 'string') fixedIp.ip_address = body.vip_address;
  return { networkId, fixedIp, owns: true };
}

/** Routes of `/lbaas/loadbalancers`. */
export function loadBalancerRoutes(
  runtime: SimulatorRuntime,
  failures: () => LoadBalancerFailurePolicy | undefined,
): Route[] {
  const state = runtime.state.loadBalancer;
  return [
    ...lbaasRoutes('GET', '/loadbalancers', (context) =>
      filteredList(
        context,
        'loadbalancers',
        [...state.loadBalancers.values()]
          .filter(
            (loadBalancer) =>
              loadBalancer.project_id === context.token?.projectId || context.token?.roles.includes('admin'),
          )
          .map((loadBalancer) => view(state, loadBalancer)),
        { unknownFilters: 'ignore', alwaysLinks: true },
      ),
    ),
    ...lbaasRoutes('GET', '/loadbalancers/{id}', (context) =>
      ok({ loadbalancer: view(state, findLoadBalancer(runtime, context.params.id!, context)) }),
    ),
    ...lbaasRoutes('POST', '/loadbalancers', (context) => {
      const body = requestObject(context, 'loadbalancer');
      const provider = typeof body.provider === 'string' ? body.provider : 'amphora';
      if (!state.providers.has(provider)) throw new ApiError(400, `Provider '${provider}' is not enabled.`);
      const flavorId = typeof body.flavor_id === 'string' ? body.flavor_id : null;
      if (flavorId !== null && !state.flavors.get(flavorId)?.enabled) {
        throw new ApiError(400, `Validation failure: Invalid flavor_id.`);
      }
      const projectId = context.token!.projectId!;
      checkOctaviaQuota(
        runtime,
        projectId,
        'load_balancer',
        countOwned(state.loadBalancers, projectId),
        'Load Balancer',
      );
      const placement = vipPlacement(runtime, body);
      const base = baseAttributes(runtime, context, body);
      const port =
        'port' in placement && placement.port
          ? placement.port
          : insertPort(runtime, projectId, {
              network_id: placement.networkId,
              fixed_ips: [placement.fixedIp],
              name: `octavia-lb-${base.id}`,
              device_owner: 'Octavia',
              device_id: `lb-${base.id}`,
            });
      const loadBalancer: LoadBalancerRecord = {
        ...base,
        vip_address: port.fixed_ips[0]?.ip_address ?? '',
        vip_port_id: port.id,
        vip_subnet_id: port.fixed_ips[0]?.subnet_id ?? '',
        vip_network_id: port.network_id,
        provider: provider === 'octavia' ? 'amphora' : provider,
        flavor_id: flavorId,
        availability_zone: typeof body.availability_zone === 'string' ? body.availability_zone : null,
        ownsVipPort: placement.owns,
      };
      state.loadBalancers.set(loadBalancer.id, loadBalancer);
      runtime.clock.schedule(runtime.delays.loadBalancerMs, () => {
        if (loadBalancer.provisioning_status !== 'PENDING_CREATE') return;
        const failed = failures()?.({ name: loadBalancer.name }) === true;
        loadBalancer.provisioning_status = failed ? 'ERROR' : 'ACTIVE';
        loadBalancer.operating_status = failed ? 'ERROR' : 'ONLINE';
        loadBalancer.updated_at = isoSecondsNoZone(runtime.clock.now());
        const vipPort = runtime.state.network.ports.get(loadBalancer.vip_port_id);
        if (vipPort && !failed) vipPort.status = 'ACTIVE';
      });
      return created({ loadbalancer: view(state, loadBalancer) });
    }),
    ...lbaasRoutes('PUT', '/loadbalancers/{id}', (context) => {
      const loadBalancer = findLoadBalancer(runtime, context.params.id!, context);
      const body = requestObject(context, 'loadbalancer');
      if (isImmutable(loadBalancer)) throw immutable(loadBalancer);
      if (typeof body.name === 'string') loadBalancer.name = body.name;
      if (typeof body.description === 'string') loadBalancer.description = body.description;
      if (Array.isArray(body.tags)) loadBalancer.tags = body.tags.map(String);
      if (typeof body.admin_state_up === 'boolean') loadBalancer.admin_state_up = body.admin_state_up;
      loadBalancer.provisioning_status = 'PENDING_UPDATE';
      runtime.clock.schedule(runtime.delays.loadBalancerMs, () => {
        if (loadBalancer.provisioning_status === 'PENDING_UPDATE') loadBalancer.provisioning_status = 'ACTIVE';
      });
      return ok({ loadbalancer: view(state, loadBalancer) });
    }),
    ...lbaasRoutes('DELETE', '/loadbalancers/{id}', (context) => {
      const loadBalancer = findLoadBalancer(runtime, context.params.id!, context);
      if (isImmutable(loadBalancer)) throw immutable(loadBalancer);
      const cascade = ['true', 'True', '1'].includes(context.query.get('cascade') ?? '');
      const children = [...state.listeners.values(), ...state.pools.values()].filter(
        (child) => child.loadbalancer_id === loadBalancer.id,
      );
      if (children.length > 0 && !cascade) {
        throw new ApiError(400, `Validation failure: Cannot delete Load Balancer ${loadBalancer.id} - it has children`);
      }
      loadBalancer.provisioning_status = 'PENDING_DELETE';
      const poolIds = new Set(
        [...state.pools.values()].filter((pool) => pool.loadbalancer_id === loadBalancer.id).map((pool) => pool.id),
      );
      const descendants = [
        ...children,
        ...[...state.members.values()].filter((member) => poolIds.has(member.pool_id)),
        ...[...state.monitors.values()].filter((monitor) => poolIds.has(monitor.pool_id)),
      ];
      for (const child of descendants) child.provisioning_status = 'PENDING_DELETE';
      runtime.clock.schedule(runtime.delays.loadBalancerMs, () => {
        for (const map of [state.listeners, state.pools, state.members, state.monitors] as const) {
          for (const child of descendants) map.delete(child.id);
        }
        state.loadBalancers.delete(loadBalancer.id);
        const port = runtime.state.network.ports.get(loadBalancer.vip_port_id);
        if (port && loadBalancer.ownsVipPort) removePort(runtime, port);
      });
      return noContent();
    }),
  ];
}
