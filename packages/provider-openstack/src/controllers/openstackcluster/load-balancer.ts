import { isNotImplemented } from '../../openstack/errors.js';
import * as octavia from '../../openstack/octavia/index.js';
import { canonicalAllowedCIDRs } from '../shared/allowed-cidrs.js';
import { recordCall } from '../shared/events.js';
import {
  clusterResourceDescription,
  loadBalancerName,
  loadBalancerPortResourceName,
} from '../shared/resource-names.js';
import { type ClusterContext, statusOf } from './context.js';
import { resolveNetwork, resolveSubnet } from './filters.js';
import { associateFloatingIp, getOrCreateFloatingIp } from './floating-ip.js';
import { ClusterSpecError } from './network.js';

/** CAPO's default API server port. */
export const DEFAULT_API_SERVER_PORT = 6443;
/** CAPO's TCP health monitor defaults: delay, timeout, retries, retries down. */
const MONITOR_DEFAULTS = { delay: 10, timeout: 5, max_retries: 5, max_retries_down: 3 };
/** Octavia API version from which listeners accept `allowed_cidrs`. */
const ALLOWED_CIDRS_MIN_VERSION = 'v2.12';

/**
 * Where a load balancer reconcile stands: done, or waiting for Octavia — after a change this reconcile made
 * (`changed`), or still on an earlier one.
 */
export type LoadBalancerProgress =
  | { readonly state: 'ready' }
  | { readonly state: 'pending'; readonly status: string; readonly changed: boolean };

/** The waiting half of {@link LoadBalancerProgress}. */
export type LoadBalancerPending = Extract<LoadBalancerProgress, { state: 'pending' }>;

/** Waiting on a state Octavia reported. */
const PENDING = (status: string): LoadBalancerProgress => ({ state: 'pending', status, changed: false });
/** Waiting after a change just made. */
const CHANGED: LoadBalancerProgress = { state: 'pending', status: 'PENDING_UPDATE', changed: true };

/** The API server port: `spec.apiServerPort`, else 6443. */
export function apiServerPort(context: ClusterContext): number {
  return context.object.spec.apiServerPort || DEFAULT_API_SERVER_PORT;
}

/** The load balancer's network and subnets: the spec's, else the cluster's (`status.apiServerLoadBalancer.loadBalancerNetwork`). */
async function loadBalancerNetwork(context: ClusterContext) {
  const status = statusOf(context);
  const spec = context.object.spec.apiServerLoadBalancer;
  if (spec?.network) {
    const network = await resolveNetwork(context.session, spec.network);
    const subnets = [];
    for (const param of spec.subnets ?? []) subnets.push(await resolveSubnet(context.session, param, network.id));
    return {
      id: network.id,
      name: network.name,
      tags: network.tags,
      subnets: subnets.map((s) => ({ id: s.id, name: s.name, cidr: s.cidr, tags: s.tags })),
    };
  }
  if (!status.network) throw new ClusterSpecError('the load balancer needs the cluster network');
  return status.network;
}

async function createLoadBalancer(context: ClusterContext, name: string): Promise<octavia.LoadBalancer> {
  const { session, object, ref, logger } = context;
  const spec = object.spec.apiServerLoadBalancer ?? { enabled: true };
  const network = statusOf(context).apiServerLoadBalancer?.loadBalancerNetwork ?? (await loadBalancerNetwork(context));
  const [subnet] = network.subnets ?? [];
  let provider = spec.provider;
  if (provider) {
    const providers = await octavia.listLoadBalancerProviders(session);
    if (!providers.some((p) => p.name === provider)) {
      logger.warn({ provider }, 'The Octavia provider is not offered: the default provider is used');
      context.events.warning('OctaviaProviderNotFound', `Provider ${provider} specified for load balancer not found.`);
      provider = undefined;
    }
  }
  let flavorId: string | undefined;
  if (spec.flavor) {
    const flavors = await octavia.listLoadBalancerFlavors(session);
    flavorId = flavors.find((f) => f.enabled && f.name === spec.flavor)?.id;
    if (!flavorId) {
      context.events.warning('OctaviaFlavorNotFound', `Flavor ${spec.flavor} specified for load balancer not found.`);
      throw new ClusterSpecError(`no enabled Octavia flavor is named ${spec.flavor}`);
    }
  }
  const vipAddress = statusOf(context).apiServerLoadBalancer?.internalIP || object.spec.apiServerFixedIP;
  return recordCall(
    context.events,
    {
      action: 'CreateLoadBalancer',
      attempt: `create load balancer ${name}`,
      done: (lb) => `Created load balancer ${name} with id ${lb.id}`,
    },
    () =>
      octavia.createLoadBalancer(session, {
        name,
        description: clusterResourceDescription(ref),
        ...(subnet ? { vip_subnet_id: subnet.id } : { vip_network_id: network.id }),
        ...(vipAddress ? { vip_address: vipAddress } : {}),
        ...(provider ? { provider } : {}),
        ...(flavorId ? { flavor_id: flavorId } : {}),
        ...(spec.availabilityZone ? { availability_zone: spec.availabilityZone } : {}),
        ...(object.spec.tags && object.spec.tags.length > 0 ? { tags: object.spec.tags } : {}),
      }),
  );
}

/**
 * The API server load balancer (CAPO's `ReconcileLoadBalancer`, cluster side), one step per reconcile while Octavia
 * is busy: found by name or created on the load balancer network; recorded in status; once ACTIVE its floating IP
 * (unless disabled) is found or created, recorded and associated to the VIP port; then per port (API server port
 * and `additionalPorts`) a TCP listener, a pool and a TCP health monitor, and the listeners' allowed CIDRs where
 * Octavia supports them. Returns `pending` while the load balancer is not ACTIVE (the caller polls).
 */
export async function reconcileLoadBalancer(context: ClusterContext): Promise<LoadBalancerProgress> {
  const { session, object, ref } = context;
  const status = statusOf(context);
  const name = loadBalancerName(ref);
  const network = status.apiServerLoadBalancer?.loadBalancerNetwork ?? (await loadBalancerNetwork(context));
  let lb = (await octavia.listLoadBalancers(session, { name }))[0];
  const created = !lb;
  lb ??= await createLoadBalancer(context, name);
  status.apiServerLoadBalancer = {
    ...status.apiServerLoadBalancer,
    name: lb.name,
    id: lb.id,
    internalIP: lb.vip_address ?? '',
    ip: status.apiServerLoadBalancer?.ip ?? '',
    tags: lb.tags,
    loadBalancerNetwork: network,
  };
  if (lb.provisioning_status === 'ERROR') {
    throw new ClusterSpecError(`load balancer ${lb.id} is in ERROR: delete it to have it recreated`);
  }
  if (lb.provisioning_status !== 'ACTIVE') return created ? CHANGED : PENDING(lb.provisioning_status);

  if (!object.spec.disableAPIServerFloatingIP && status.externalNetwork) {
    const apiStatus = status.apiServerLoadBalancer;
    const fip = await getOrCreateFloatingIp(context, apiStatus.ip || object.spec.apiServerFloatingIP);
    apiStatus.ip = fip.floating_ip_address;
    if (lb.vip_port_id && fip.port_id !== lb.vip_port_id) {
      await associateFloatingIp(context, fip, lb.vip_port_id);
    }
  }

  const lbSpec = object.spec.apiServerLoadBalancer;
  const ovn = (lb.provider ?? lbSpec?.provider) === 'ovn';
  const allowedCIDRs = await supportedAllowedCIDRs(context, ovn);
  if (allowedCIDRs) status.apiServerLoadBalancer.allowedCIDRs = allowedCIDRs;
  else delete status.apiServerLoadBalancer.allowedCIDRs;
  const ports = [apiServerPort(context), ...(lbSpec?.additionalPorts ?? [])];
  for (const port of ports) {
    const progress = await reconcilePort(context, lb, port, ovn, allowedCIDRs);
    if (progress.state === 'pending') return progress;
  }
  return { state: 'ready' };
}

async function supportedAllowedCIDRs(context: ClusterContext, ovn: boolean): Promise<string[] | undefined> {
  if (ovn) return undefined;
  const version = await octavia.latestOctaviaVersion(context.session);
  if (!octavia.octaviaVersionAtLeast(version, ALLOWED_CIDRS_MIN_VERSION)) return undefined;
  const { allowedCIDRs, invalid } = canonicalAllowedCIDRs(context.object);
  for (const value of invalid) {
    context.events.warning(
      'FailedIPAddressValidation',
      `${value} is not a valid IPv4 nor CIDR address and will not get applied to allowed_cidrs`,
    );
  }
  return allowedCIDRs;
}

/** Listener, pool and monitor of one port; each creation makes the load balancer busy, so one at a time. */
async function reconcilePort(
  context: ClusterContext,
  lb: octavia.LoadBalancer,
  port: number,
  ovn: boolean,
  allowedCIDRs: string[] | undefined,
): Promise<LoadBalancerProgress> {
  const { session, object, ref } = context;
  const name = loadBalancerPortResourceName(ref, port);
  const tags = object.spec.tags && object.spec.tags.length > 0 ? { tags: object.spec.tags } : {};
  const listener = (await octavia.listListeners(session, { name }))[0];
  if (!listener) {
    await recordCall(
      context.events,
      {
        action: 'CreateListener',
        attempt: `create listener ${name}`,
        done: (created) => `Created listener ${name} with id ${created.id}`,
      },
      () =>
        octavia.createListener(session, {
          name,
          protocol: 'TCP',
          protocol_port: port,
          loadbalancer_id: lb.id,
          ...tags,
          ...(allowedCIDRs && allowedCIDRs.length > 0 ? { allowed_cidrs: allowedCIDRs } : {}),
        }),
    );
    return CHANGED;
  }
  if (allowedCIDRs && [...(listener.allowed_cidrs ?? [])].sort().join(',') !== allowedCIDRs.join(',')) {
    await recordCall(
      context.events,
      {
        action: 'UpdateListener',
        attempt: `update listener ${name}`,
        done: () => `Updated allowed_cidrs ${allowedCIDRs.join(', ')} for listener ${name} with id ${listener.id}`,
      },
      () => octavia.updateListenerAllowedCidrs(session, listener.id, allowedCIDRs),
    );
    return CHANGED;
  }
  const pool = (await octavia.listPools(session, { name }))[0];
  if (!pool) {
    await recordCall(
      context.events,
      { action: 'CreatePool', attempt: `create pool ${name}`, done: (p) => `Created pool ${name} with id ${p.id}` },
      () =>
        octavia.createPool(session, {
          name,
          protocol: 'TCP',
          lb_algorithm: ovn ? 'SOURCE_IP_PORT' : 'ROUND_ROBIN',
          listener_id: listener.id,
          ...tags,
        }),
    );
    return CHANGED;
  }
  const monitorSpec = object.spec.apiServerLoadBalancer?.monitor;
  const timing = {
    delay: monitorSpec?.delay || MONITOR_DEFAULTS.delay,
    timeout: monitorSpec?.timeout || MONITOR_DEFAULTS.timeout,
    max_retries: monitorSpec?.maxRetries || MONITOR_DEFAULTS.max_retries,
    max_retries_down: monitorSpec?.maxRetriesDown || MONITOR_DEFAULTS.max_retries_down,
  };
  const monitor = (await octavia.listHealthMonitors(session, { name }))[0];
  if (!monitor) {
    try {
      await recordCall(
        context.events,
        {
          action: 'CreateMonitor',
          attempt: `create monitor ${name}`,
          done: (m) => `Created monitor ${name} with id ${m.id}`,
          expected: isNotImplemented,
        },
        () => octavia.createHealthMonitor(session, { name, pool_id: pool.id, ...timing }),
      );
    } catch (error) {
      if (!isNotImplemented(error)) throw error;
      context.logger.info({ name }, 'The Octavia provider has no health monitors: skipped');
      context.events.warning(
        'SkippedCreateMonitor',
        "Health Monitor is not created as it's not implemented with the current Octavia provider.",
      );
      return { state: 'ready' };
    }
    return CHANGED;
  }
  const changes = Object.fromEntries(
    Object.entries(timing).filter(([key, value]) => monitor[key as keyof typeof timing] !== value),
  );
  if (Object.keys(changes).length > 0) {
    await recordCall(
      context.events,
      {
        action: 'UpdateMonitor',
        attempt: `update monitor ${name}`,
        done: () => `Updated monitor ${name} with id ${monitor.id}`,
      },
      () => octavia.updateHealthMonitor(session, monitor.id, changes),
    );
    return CHANGED;
  }
  return { state: 'ready' };
}
