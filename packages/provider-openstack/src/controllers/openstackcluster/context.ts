import type { Logger, ObjectEventRecorder } from '@capi-ts/sdk';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import type { OpenStackSession } from '../../openstack/session.js';
import type { ClusterRef } from '../shared/resource-names.js';

/** What the reconcile steps of one OpenStackCluster share. */
export interface ClusterContext {
  /** The working copy of the object; steps record what they find in its status. */
  readonly object: OpenStackCluster;
  /** The Cluster's namespace and name: CAPO names the cluster's OpenStack resources after them. */
  readonly ref: ClusterRef;
  readonly session: OpenStackSession;
  readonly logger: Logger;
  /** CAPO's parity events about the OpenStackCluster (network, router, security groups, load balancer, floating IPs). */
  readonly events: ObjectEventRecorder;
}

/** The status of the working copy, created when missing. */
export function statusOf(context: ClusterContext): NonNullable<OpenStackCluster['status']> {
  context.object.status ??= { ready: false };
  return context.object.status;
}

/** Whether the API server load balancer is managed (`apiServerLoadBalancer` present and enabled). */
export function loadBalancerEnabled(cluster: OpenStackCluster): boolean {
  const lb = cluster.spec.apiServerLoadBalancer;
  return lb !== undefined && lb.enabled !== false;
}

/** Whether a bastion is requested. */
export function bastionEnabled(cluster: OpenStackCluster): boolean {
  const bastion = cluster.spec.bastion;
  return bastion !== undefined && bastion.enabled !== false;
}
