import { computeApiOf } from '../../compute/compute-api.js';
import { FilterMatchError } from '../../openstack/errors.js';
import * as nova from '../../openstack/nova/index.js';
import { ConditionReason, ConditionType, FAILURE_REASON_UPDATE_ERROR } from '../shared/conditions.js';
import { failureDomainsFromZones } from '../shared/failure-domains.js';
import { type BastionKube, reconcileBastion } from './bastion.js';
import { setClusterCondition } from './conditions.js';
import { type ClusterContext, loadBalancerEnabled, statusOf } from './context.js';
import { getOrCreateFloatingIp } from './floating-ip.js';
import { apiServerPort, type LoadBalancerPending, reconcileLoadBalancer } from './load-balancer.js';
import {
  ClusterSpecError,
  reconcileExistingNetwork,
  reconcileExternalNetwork,
  reconcileManagedNetwork,
  reconcileRouter,
} from './network.js';
import type { PendingDelays } from './pending-delays.js';
import { reconcileSecurityGroups } from './security-groups.js';

/** What a reconcile asks for next: nothing, or another look after a delay. */
export interface NextStep {
  readonly requeueAfter?: number;
}

/** Whether `endpoint` has a host and a port (CAPI's `APIEndpoint.IsValid`). */
function validEndpoint(endpoint: { host?: string | undefined; port?: number | undefined } | undefined): boolean {
  return Boolean(endpoint?.host) && Boolean(endpoint?.port);
}

/** Runs one step, reporting its failure on `condition` (and `Ready`) before rethrowing it. */
async function step<T>(context: ClusterContext, condition: string, reason: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const fatal = error instanceof FilterMatchError;
    setClusterCondition(context.object, condition, 'False', reason, message, fatal ? 'Error' : 'Warning');
    setClusterCondition(context.object, ConditionType.ready, 'False', ConditionReason.openStackError, message);
    if (fatal) {
      const status = statusOf(context);
      status.failureReason = FAILURE_REASON_UPDATE_ERROR;
      status.failureMessage = message;
    }
    throw error;
  }
}

/**
 * Creates or adopts the cluster's OpenStack resources in CAPO's order: external network; the user's network or
 * the managed network, subnet and router; managed security groups; the control plane endpoint (the load balancer
 * and its floating IP, a floating IP, or the fixed IP); failure domains from the compute availability zones; then
 * `status.ready`, then the bastion. While the load balancer is busy it returns a growing delay.
 */
export async function reconcileNormal(
  context: ClusterContext,
  delays: PendingDelays,
  kube: BastionKube,
): Promise<NextStep> {
  const { object } = context;
  const { spec } = object;
  const key = `${object.metadata.namespace}/${object.metadata.name}`;
  const R = ConditionReason;
  const T = ConditionType;

  await step(context, T.networkReady, R.openStackError, () => reconcileExternalNetwork(context));
  const managed = spec.managedSubnets ?? [];
  if (managed.length === 0) {
    await step(context, T.networkReady, R.openStackError, () => reconcileExistingNetwork(context));
    setClusterCondition(object, T.networkReady, 'True');
    if (spec.router) setClusterCondition(object, T.routerReady, 'True');
  } else {
    await step(context, T.networkReady, R.networkCreateFailed, () => reconcileManagedNetwork(context));
    setClusterCondition(object, T.networkReady, 'True');
    await step(context, T.routerReady, R.routerCreateFailed, () => reconcileRouter(context));
    if (statusOf(context).router) setClusterCondition(object, T.routerReady, 'True');
  }
  await step(context, T.securityGroupsReady, R.securityGroupCreateFailed, () => reconcileSecurityGroups(context));
  setClusterCondition(object, T.securityGroupsReady, 'True');

  const endpoint = await step(context, T.apiEndpointReady, R.apiEndpointConfigFailed, () =>
    controlPlaneEndpoint(context),
  );
  if (typeof endpoint !== 'string') {
    if (endpoint.changed) delays.reset(key);
    const message = 'waiting for the API server load balancer to become ACTIVE';
    setClusterCondition(object, T.apiEndpointReady, 'False', 'LoadBalancerPending', message, 'Info');
    setClusterCondition(object, T.ready, 'False', 'LoadBalancerPending', message, 'Info');
    return { requeueAfter: delays.next(key) };
  }
  delays.reset(key);
  const port = validEndpoint(spec.controlPlaneEndpoint)
    ? (spec.controlPlaneEndpoint?.port ?? 0)
    : apiServerPort(context);
  spec.controlPlaneEndpoint = { host: endpoint, port };
  setClusterCondition(object, T.apiEndpointReady, 'True');

  const zones = await step(context, T.ready, R.openStackError, async () =>
    nova.listAvailabilityZones(await computeApiOf(context.session)),
  );
  const status = statusOf(context);
  const failureDomains = failureDomainsFromZones(
    zones.map((zone) => ({ name: zone.zoneName, available: zone.zoneState.available })),
    spec,
  );
  if (Object.keys(failureDomains).length > 0) status.failureDomains = failureDomains;
  else delete status.failureDomains;

  status.ready = true;
  delete status.failureReason;
  delete status.failureMessage;
  status.initialization = { ...status.initialization, provisioned: true };
  setClusterCondition(object, T.ready, 'True');

  // As CAPO, the bastion comes after Ready; its OpenStackServer's events bring the next reconcile.
  const bastion = await step(context, T.ready, R.openStackError, () => reconcileBastion(context, kube));
  if (!bastion.done) context.logger.info(bastion.waitingFor);
  return {};
}

/**
 * The control plane endpoint host (CAPO's `reconcileControlPlaneEndpoint`), or `pending` while the load balancer
 * is busy, the load balancer's progress: its floating IP or VIP; an endpoint the user set; a floating IP (found by
 * `apiServerFloatingIP` or created); `apiServerFixedIP`.
 */
async function controlPlaneEndpoint(context: ClusterContext): Promise<string | LoadBalancerPending> {
  const { object } = context;
  const { spec } = object;
  const status = statusOf(context);
  if (loadBalancerEnabled(object)) {
    const progress = await reconcileLoadBalancer(context);
    if (progress.state === 'pending') return progress;
    const host = status.apiServerLoadBalancer?.ip || status.apiServerLoadBalancer?.internalIP;
    if (!host) throw new ClusterSpecError('the API server load balancer has no address');
    return host;
  }
  if (validEndpoint(spec.controlPlaneEndpoint)) return spec.controlPlaneEndpoint?.host ?? '';
  if (!spec.disableAPIServerFloatingIP && status.externalNetwork) {
    const fip = await getOrCreateFloatingIp(context, spec.apiServerFloatingIP);
    return fip.floating_ip_address;
  }
  if (spec.apiServerFixedIP) return spec.apiServerFixedIP;
  throw new ClusterSpecError('unable to determine the control plane endpoint');
}
