import { ApiError } from '../errors.js';
import { filteredList } from '../listing.js';
import { noContent, ok, type RequestContext, type Route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import {
  baseAttributes,
  checkOctaviaQuota,
  countOwned,
  enumAttribute,
  findOwned,
  finishUpdate,
  integerAttribute,
  lbaasRoutes,
  lockForUpdate,
  requestObject,
  unsupportedOption,
} from './common.js';
import { findLoadBalancer } from './loadbalancers.js';
import type {
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  MonitorRecord,
  OctaviaBase,
  PoolRecord,
} from './records.js';

const listenerProtocols = ['TCP', 'UDP', 'HTTP', 'HTTPS', 'TERMINATED_HTTPS', 'SCTP', 'PROMETHEUS'];
const poolProtocols = ['TCP', 'UDP', 'HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'SCTP'];
const algorithms = ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT'];
const monitorTypes = ['PING', 'TCP', 'HTTP', 'HTTPS', 'TLS-HELLO', 'UDP-CONNECT', 'SCTP'];

function activate(record: OctaviaBase, operatingStatus = 'ONLINE'): void {
  record.provisioning_status = 'ACTIVE';
  record.operating_status = operatingStatus;
}

/** Runs a child change through the load balancer's PENDING_UPDATE → ACTIVE cycle. */
function change(
  runtime: SimulatorRuntime,
  loadBalancer: LoadBalancerRecord,
  child: OctaviaBase,
  pending: string,
  complete: () => void,
): void {
  lockForUpdate(runtime, loadBalancer);
  child.provisioning_status = pending;
  finishUpdate(runtime, loadBalancer, complete);
}

function list<T extends OctaviaBase>(
  context: RequestContext,
  collection: string,
  records: Iterable<T>,
  view: (record: T) => Record<string, unknown>,
) {
  const visible = [...records].filter(
    (record) => record.project_id === context.token?.projectId || context.token?.roles.includes('admin'),
  );
  return filteredList(context, collection, visible.map(view), { unknownFilters: 'ignore', alwaysLinks: true });
}

function listenerRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.loadBalancer;
  const view = (listener: ListenerRecord) => {
    const { loadbalancer_id, ...rest } = listener;
    return {
      ...rest,
      loadbalancers: [{ id: loadbalancer_id }],
      insert_headers: {},
      l7policies: [],
      default_tls_container_ref: null,
      sni_container_refs: [],
    };
  };
  const find = (context: RequestContext) => findOwned(state.listeners, context.params.id!, context, 'Listener');
  return [
    ...lbaasRoutes('GET', '/listeners', (context) => list(context, 'listeners', state.listeners.values(), view)),
    ...lbaasRoutes('GET', '/listeners/{id}', (context) => ok({ listener: view(find(context)) })),
    ...lbaasRoutes('POST', '/listeners', (context) => {
      const body = requestObject(context, 'listener');
      const loadBalancer = findLoadBalancer(runtime, String(body.loadbalancer_id), context);
      const protocol = enumAttribute(body, 'protocol', listenerProtocols);
      const port = integerAttribute(body, 'protocol_port', 1, 65535);
      const allowedCidrs = Array.isArray(body.allowed_cidrs) ? body.allowed_cidrs.map(String) : null;
      if (allowedCidrs && loadBalancer.provider === 'ovn')
        throw unsupportedOption('ovn', 'OVN provider does not support allowed_cidrs option');
      if (
        [...state.listeners.values()].some(
          (other) =>
            other.loadbalancer_id === loadBalancer.id && other.protocol_port === port && other.protocol === protocol,
        )
      ) {
        throw new ApiError(
          409,
          `Another Listener on this Load Balancer is already using protocol ${protocol} and protocol_port ${port}`,
        );
      }
      checkOctaviaQuota(
        runtime,
        loadBalancer.project_id,
        'listener',
        countOwned(state.listeners, loadBalancer.project_id),
        'Listener',
      );
      const listener: ListenerRecord = {
        ...baseAttributes(runtime, context, body),
        loadbalancer_id: loadBalancer.id,
        protocol,
        protocol_port: port,
        default_pool_id: null,
        connection_limit: typeof body.connection_limit === 'number' ? body.connection_limit : -1,
        allowed_cidrs: allowedCidrs,
        timeout_client_data: 50000,
        timeout_member_connect: 5000,
        timeout_member_data: 50000,
        timeout_tcp_inspect: 0,
      };
      change(runtime, loadBalancer, listener, 'PENDING_CREATE', () => activate(listener));
      state.listeners.set(listener.id, listener);
      return { status: 201, body: { listener: view(listener) } };
    }),
    ...lbaasRoutes('PUT', '/listeners/{id}', (context) => {
      const listener = find(context);
      const body = requestObject(context, 'listener');
      const loadBalancer = state.loadBalancers.get(listener.loadbalancer_id)!;
      if (body.allowed_cidrs !== undefined && loadBalancer.provider === 'ovn') {
        throw unsupportedOption('ovn', 'OVN provider does not support allowed_cidrs option');
      }
      lockForUpdate(runtime, loadBalancer);
      if (typeof body.name === 'string') listener.name = body.name;
      if (typeof body.description === 'string') listener.description = body.description;
      if (Array.isArray(body.tags)) listener.tags = body.tags.map(String);
      if (body.allowed_cidrs !== undefined)
        listener.allowed_cidrs = Array.isArray(body.allowed_cidrs) ? body.allowed_cidrs.map(String) : null;
      if (typeof body.connection_limit === 'number') listener.connection_limit = body.connection_limit;
      listener.provisioning_status = 'PENDING_UPDATE';
      finishUpdate(runtime, loadBalancer, () => activate(listener));
      return ok({ listener: view(listener) });
    }),
    ...lbaasRoutes('DELETE', '/listeners/{id}', (context) => {
      const listener = find(context);
      const loadBalancer = state.loadBalancers.get(listener.loadbalancer_id)!;
      change(runtime, loadBalancer, listener, 'PENDING_DELETE', () => state.listeners.delete(listener.id));
      return noContent();
    }),
  ];
}

function poolRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.loadBalancer;
  const view = (pool: PoolRecord) => {
    const { loadbalancer_id, listener_id, ...rest } = pool;
    return {
      ...rest,
      loadbalancers: [{ id: loadbalancer_id }],
      listeners: listener_id ? [{ id: listener_id }] : [],
      members: [...state.members.values()].filter((member) => member.pool_id === pool.id).map(({ id }) => ({ id })),
      session_persistence: null,
      tls_enabled: false,
    };
  };
  const find = (context: RequestContext) => findOwned(state.pools, context.params.id!, context, 'Pool');
  return [
    ...lbaasRoutes('GET', '/pools', (context) => list(context, 'pools', state.pools.values(), view)),
    ...lbaasRoutes('GET', '/pools/{id}', (context) => ok({ pool: view(find(context)) })),
    ...lbaasRoutes('POST', '/pools', (context) => {
      const body = requestObject(context, 'pool');
      const listener =
        typeof body.listener_id === 'string'
          ? findOwned(state.listeners, body.listener_id, context, 'Listener')
          : undefined;
      const loadBalancerId = listener?.loadbalancer_id ?? body.loadbalancer_id;
      if (typeof loadBalancerId !== 'string') {
        throw new ApiError(400, 'Validation failure: loadbalancer_id or listener_id must be specified.');
      }
      const loadBalancer = findLoadBalancer(runtime, loadBalancerId, context);
      const protocol = enumAttribute(body, 'protocol', poolProtocols);
      const algorithm = enumAttribute(body, 'lb_algorithm', algorithms);
      if (loadBalancer.provider === 'ovn' && algorithm !== 'SOURCE_IP_PORT') {
        throw unsupportedOption('ovn', `OVN provider does not support ${algorithm} algorithm`);
      }
      if (loadBalancer.provider === 'amphora' && algorithm === 'SOURCE_IP_PORT') {
        throw unsupportedOption('amphora', 'Amphora provider does not support SOURCE_IP_PORT algorithm.');
      }
      if (listener?.default_pool_id) {
        throw new ApiError(409, `Listener ${listener.id} is already using default pool ${listener.default_pool_id}.`);
      }
      checkOctaviaQuota(
        runtime,
        loadBalancer.project_id,
        'pool',
        countOwned(state.pools, loadBalancer.project_id),
        'Pool',
      );
      const pool: PoolRecord = {
        ...baseAttributes(runtime, context, body),
        loadbalancer_id: loadBalancer.id,
        listener_id: listener?.id ?? null,
        protocol,
        lb_algorithm: algorithm,
        healthmonitor_id: null,
      };
      change(runtime, loadBalancer, pool, 'PENDING_CREATE', () => activate(pool));
      state.pools.set(pool.id, pool);
      if (listener) listener.default_pool_id = pool.id;
      return { status: 201, body: { pool: view(pool) } };
    }),
    ...lbaasRoutes('DELETE', '/pools/{id}', (context) => {
      const pool = find(context);
      const loadBalancer = state.loadBalancers.get(pool.loadbalancer_id)!;
      change(runtime, loadBalancer, pool, 'PENDING_DELETE', () => {
        for (const member of [...state.members.values()])
          if (member.pool_id === pool.id) state.members.delete(member.id);
        if (pool.healthmonitor_id) state.monitors.delete(pool.healthmonitor_id);
        for (const listener of state.listeners.values())
          if (listener.default_pool_id === pool.id) listener.default_pool_id = null;
        state.pools.delete(pool.id);
      });
      return noContent();
    }),
  ];
}

function memberRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.loadBalancer;
  const view = (member: MemberRecord) => {
    const { pool_id: _poolId, ...rest } = member;
    return { ...rest, monitor_address: null, monitor_port: null };
  };
  const pool = (context: RequestContext) => findOwned(state.pools, context.params.pool!, context, 'Pool');
  const find = (context: RequestContext) => {
    const member = findOwned(state.members, context.params.id!, context, 'Member');
    if (member.pool_id !== pool(context).id) throw new ApiError(404, `Member ${member.id} could not be found.`);
    return member;
  };
  return [
    ...lbaasRoutes('GET', '/pools/{pool}/members', (context) => {
      const poolId = pool(context).id;
      return list(
        context,
        'members',
        [...state.members.values()].filter((member) => member.pool_id === poolId),
        view,
      );
    }),
    ...lbaasRoutes('GET', '/pools/{pool}/members/{id}', (context) => ok({ member: view(find(context)) })),
    ...lbaasRoutes('POST', '/pools/{pool}/members', (context) => {
      const owner = pool(context);
      const body = requestObject(context, 'member');
      if (typeof body.address !== 'string' || body.address === '') {
        throw new ApiError(400, "Invalid input for field/attribute address. Value: 'None'. Mandatory field missing.");
      }
      const port = integerAttribute(body, 'protocol_port', 1, 65535);
      if (typeof body.subnet_id === 'string' && !runtime.state.network.subnets.has(body.subnet_id)) {
        throw new ApiError(400, `Validation failure: Subnet ${body.subnet_id} not found.`);
      }
      if (
        [...state.members.values()].some(
          (other) => other.pool_id === owner.id && other.address === body.address && other.protocol_port === port,
        )
      ) {
        throw new ApiError(
          409,
          `Another member on this pool is already using ip address ${body.address} on protocol_port ${port}`,
        );
      }
      const loadBalancer = state.loadBalancers.get(owner.loadbalancer_id)!;
      checkOctaviaQuota(
        runtime,
        loadBalancer.project_id,
        'member',
        countOwned(state.members, loadBalancer.project_id),
        'Member',
      );
      const member: MemberRecord = {
        ...baseAttributes(runtime, context, body),
        pool_id: owner.id,
        address: body.address,
        protocol_port: port,
        subnet_id: typeof body.subnet_id === 'string' ? body.subnet_id : null,
        weight: typeof body.weight === 'number' ? body.weight : 1,
        backup: body.backup === true,
      };
      change(runtime, loadBalancer, member, 'PENDING_CREATE', () =>
        activate(member, owner.healthmonitor_id ? 'ONLINE' : 'NO_MONITOR'),
      );
      state.members.set(member.id, member);
      return { status: 201, body: { member: view(member) } };
    }),
    ...lbaasRoutes('DELETE', '/pools/{pool}/members/{id}', (context) => {
      const member = find(context);
      const loadBalancer = state.loadBalancers.get(pool(context).loadbalancer_id)!;
      change(runtime, loadBalancer, member, 'PENDING_DELETE', () => state.members.delete(member.id));
      return noContent();
    }),
  ];
}

function monitorRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.loadBalancer;
  const view = (monitor: MonitorRecord) => {
    const { pool_id, ...rest } = monitor;
    return { ...rest, pools: [{ id: pool_id }], domain_name: null, http_version: null };
  };
  const find = (context: RequestContext) => findOwned(state.monitors, context.params.id!, context, 'Health Monitor');
  const timing = (body: Record<string, unknown>, monitor?: MonitorRecord) => {
    const delay = body.delay === undefined && monitor ? monitor.delay : integerAttribute(body, 'delay', 0, 2147483647);
    const timeout =
      body.timeout === undefined && monitor ? monitor.timeout : integerAttribute(body, 'timeout', 0, 2147483647);
    if (timeout > delay)
      throw new ApiError(
        400,
        'Validation failure: The delay value must be greater than or equal to the timeout value.',
      );
    const maxRetries =
      body.max_retries === undefined && monitor ? monitor.max_retries : integerAttribute(body, 'max_retries', 1, 10);
    const maxRetriesDown =
      body.max_retries_down === undefined
        ? (monitor?.max_retries_down ?? 3)
        : integerAttribute(body, 'max_retries_down', 1, 10);
    return { delay, timeout, max_retries: maxRetries, max_retries_down: maxRetriesDown };
  };
  return [
    ...lbaasRoutes('GET', '/healthmonitors', (context) =>
      list(context, 'healthmonitors', state.monitors.values(), view),
    ),
    ...lbaasRoutes('GET', '/healthmonitors/{id}', (context) => ok({ healthmonitor: view(find(context)) })),
    ...lbaasRoutes('POST', '/healthmonitors', (context) => {
      const body = requestObject(context, 'healthmonitor');
      const pool = findOwned(state.pools, String(body.pool_id), context, 'Pool');
      const type = enumAttribute(body, 'type', monitorTypes);
      const loadBalancer = state.loadBalancers.get(pool.loadbalancer_id)!;
      if (loadBalancer.provider === 'ovn' && !['TCP', 'UDP-CONNECT'].includes(type)) {
        throw unsupportedOption('ovn', `OVN provider does not support ${type} health monitor type`);
      }
      if (pool.healthmonitor_id) throw new ApiError(409, 'This pool already has a health monitor');
      checkOctaviaQuota(
        runtime,
        loadBalancer.project_id,
        'health_monitor',
        countOwned(state.monitors, loadBalancer.project_id),
        'Health Monitor',
      );
      const http = type === 'HTTP' || type === 'HTTPS';
      const monitor: MonitorRecord = {
        ...baseAttributes(runtime, context, body),
        pool_id: pool.id,
        type,
        ...timing(body),
        http_method: http ? String(body.http_method ?? 'GET') : null,
        url_path: http ? String(body.url_path ?? '/') : null,
        expected_codes: http ? String(body.expected_codes ?? '200') : null,
      };
      change(runtime, loadBalancer, monitor, 'PENDING_CREATE', () => {
        activate(monitor);
        for (const member of state.members.values()) if (member.pool_id === pool.id) member.operating_status = 'ONLINE';
      });
      state.monitors.set(monitor.id, monitor);
      pool.healthmonitor_id = monitor.id;
      return { status: 201, body: { healthmonitor: view(monitor) } };
    }),
    ...lbaasRoutes('PUT', '/healthmonitors/{id}', (context) => {
      const monitor = find(context);
      const body = requestObject(context, 'healthmonitor');
      const loadBalancer = state.loadBalancers.get(state.pools.get(monitor.pool_id)!.loadbalancer_id)!;
      const updated = timing(body, monitor);
      lockForUpdate(runtime, loadBalancer);
      Object.assign(monitor, updated);
      if (typeof body.name === 'string') monitor.name = body.name;
      monitor.provisioning_status = 'PENDING_UPDATE';
      finishUpdate(runtime, loadBalancer, () => activate(monitor));
      return ok({ healthmonitor: view(monitor) });
    }),
    ...lbaasRoutes('DELETE', '/healthmonitors/{id}', (context) => {
      const monitor = find(context);
      const pool = state.pools.get(monitor.pool_id)!;
      const loadBalancer = state.loadBalancers.get(pool.loadbalancer_id)!;
      change(runtime, loadBalancer, monitor, 'PENDING_DELETE', () => {
        state.monitors.delete(monitor.id);
        pool.healthmonitor_id = null;
      });
      return noContent();
    }),
  ];
}

/** Routes of listeners, pools, members and health monitors. */
export function childRoutes(runtime: SimulatorRuntime): Route[] {
  return [...listenerRoutes(runtime), ...poolRoutes(runtime), ...memberRoutes(runtime), ...monitorRoutes(runtime)];
}
