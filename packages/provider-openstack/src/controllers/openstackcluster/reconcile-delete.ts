import { isIP } from 'node:net';
import { isConflict, isNotFound } from '../../openstack/errors.js';
import * as neutron from '../../openstack/neutron/index.js';
import * as octavia from '../../openstack/octavia/index.js';
import { recordCall } from '../shared/events.js';
import { clusterResourceName, loadBalancerName, networkName } from '../shared/resource-names.js';
import { type BastionKube, deleteBastion } from './bastion.js';
import { setClusterCondition } from './conditions.js';
import { type ClusterContext, loadBalancerEnabled, statusOf } from './context.js';
import { deleteFloatingIp, deleteFloatingIpByAddress, disassociateFloatingIp } from './floating-ip.js';
import type { PendingDelays } from './pending-delays.js';
import type { NextStep } from './reconcile-normal.js';
import { deleteSecurityGroup } from './security-groups.js';

/** Reason of `Ready=False` while the deletion waits for the cloud. */
const DELETING = 'Deleting';

/**
 * Deletes the cluster's OpenStack resources in CAPO's order — bastion (its floating IP, then its OpenStackServer),
 * load balancer (cascade, its floating IP unless the user gave it), router interfaces and router, the cluster's
 * ports, network, security groups — and the API server floating IP of a cluster without load balancer once no
 * machine uses it. A resource still in use (Neutron or Octavia 409, a load balancer or the bastion being deleted)
 * is waited for with a growing delay, and `Ready` says what blocks. Returns `{}` once everything is gone.
 */
export async function reconcileDelete(
  context: ClusterContext,
  delays: PendingDelays,
  kube: BastionKube,
): Promise<NextStep> {
  const key = `${context.object.metadata.namespace}/${context.object.metadata.name}`;
  try {
    const bastion = await deleteBastion(context, kube);
    const blocker = bastion.done ? await deleteResources(context) : bastion.waitingFor;
    if (blocker) {
      setClusterCondition(context.object, 'Ready', 'False', DELETING, blocker, 'Info');
      return { requeueAfter: delays.next(key, blocker) };
    }
  } catch (error) {
    if (!isConflict(error)) throw error;
    const message = `waiting for a resource still in use: ${(error as Error).message}`;
    setClusterCondition(context.object, 'Ready', 'False', DELETING, message, 'Warning');
    context.logger.info({ err: error }, 'A cluster resource is still in use; deletion retried');
    // The message can differ per request (request IDs): a resource in use is one wait, however the cloud words it.
    return { requeueAfter: delays.next(key, 'a resource in use') };
  }
  delays.reset(key);
  return {};
}

/** Deletes what is there; returns what to wait for, or undefined when all is gone. */
async function deleteResources(context: ClusterContext): Promise<string | undefined> {
  const { object } = context;
  if (loadBalancerEnabled(object)) {
    const waiting = await deleteLoadBalancer(context);
    if (waiting) return waiting;
  } else {
    await deleteApiServerFloatingIp(context);
  }
  if ((object.spec.managedSubnets ?? []).length > 0) {
    await deleteRouter(context);
    await deleteClusterPorts(context);
    await deleteNetwork(context);
  }
  for (const role of ['bastion', 'worker', 'controlplane'] as const) await deleteSecurityGroup(context, role);
  return undefined;
}

async function deleteLoadBalancer(context: ClusterContext): Promise<string | undefined> {
  const { session, object } = context;
  const [lb] = await octavia.listLoadBalancers(session, { name: loadBalancerName(context.ref) });
  if (!lb) return undefined;
  if (lb.provisioning_status.startsWith('PENDING_')) return `load balancer ${lb.id} is ${lb.provisioning_status}`;
  if (lb.vip_port_id) {
    for (const fip of await neutron.listFloatingIps(session, { portId: lb.vip_port_id })) {
      await disassociateFloatingIp(context, fip);
      if (fip.floating_ip_address !== object.spec.apiServerFloatingIP) await deleteFloatingIp(context, fip);
    }
  }
  await recordCall(
    context.events,
    {
      action: 'DeleteLoadBalancer',
      attempt: `delete load balancer ${lb.name}`,
      done: () => `Deleted load balancer ${lb.name} with id ${lb.id}`,
      expected: isNotFound,
    },
    () => octavia.deleteLoadBalancer(session, lb.id),
  ).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
  return `load balancer ${lb.id} is being deleted`;
}

/** The floating IP this controller created as endpoint of a cluster without load balancer. */
async function deleteApiServerFloatingIp(context: ClusterContext): Promise<void> {
  const { spec } = context.object;
  const host = spec.controlPlaneEndpoint?.host;
  if (spec.disableAPIServerFloatingIP || !host || isIP(host) === 0) return;
  if (host === spec.apiServerFloatingIP || host === spec.apiServerFixedIP) return;
  await deleteFloatingIpByAddress(context, host);
}

async function deleteRouter(context: ClusterContext): Promise<void> {
  const { session, object, ref } = context;
  const routers = object.spec.router ? [] : await neutron.listRouters(session, { name: networkName(ref) });
  const subnets = await neutron.listSubnets(session, { name: networkName(ref) });
  const routerIds = object.spec.router ? [statusOf(context).router?.id].filter(Boolean) : routers.map((r) => r.id);
  for (const routerId of routerIds as string[]) {
    const ports = await neutron.listPorts(session, { deviceId: routerId });
    for (const subnet of subnets) {
      if (!ports.some((port) => port.fixed_ips.some((ip) => ip.subnet_id === subnet.id))) continue;
      await neutron.removeRouterInterface(session, routerId, subnet.id).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }
  for (const router of routers) {
    await recordCall(
      context.events,
      {
        action: 'DeleteRouter',
        attempt: `delete router ${router.name}`,
        done: () => `Deleted router ${router.name} with id ${router.id}`,
        expected: isNotFound,
      },
      () => neutron.deleteRouter(session, router.id),
    ).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}

/** Ports CAPO created on the cluster network: named after the OpenStackCluster, or the legacy `<ns>-<name>`. */
async function deleteClusterPorts(context: ClusterContext): Promise<void> {
  const { session, object, ref } = context;
  const [network] = await neutron.listNetworks(session, { name: networkName(ref) });
  if (!network) return;
  const prefixes = [object.metadata.name ?? '', clusterResourceName(ref)].filter((p) => p !== '');
  for (const port of await neutron.listPorts(session, { networkId: network.id })) {
    if (!prefixes.some((prefix) => port.name.startsWith(prefix))) continue;
    await neutron.deletePort(session, port.id).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}

async function deleteNetwork(context: ClusterContext): Promise<void> {
  const { session, ref } = context;
  for (const network of await neutron.listNetworks(session, { name: networkName(ref) })) {
    await neutron.deleteNetwork(session, network.id).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
  delete statusOf(context).network;
}
