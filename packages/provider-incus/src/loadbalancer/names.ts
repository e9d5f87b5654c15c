import { createHash } from 'node:crypto';

/** Instance config keys that tie Incus objects to a cluster (CAPN's keys, so mixed fleets agree). */
export const ClusterConfigKey = {
  clusterName: 'user.cluster-name',
  clusterNamespace: 'user.cluster-namespace',
  clusterRole: 'user.cluster-role',
  machineName: 'user.machine-name',
} as const;

/** `user.cluster-role` of control-plane instances. */
export const CONTROL_PLANE_ROLE = 'control-plane';
/** `user.cluster-role` of load balancer instances. */
export const LOAD_BALANCER_ROLE = 'loadbalancer';

/**
 * The load balancer instance of an LXCCluster, as CAPN names it: `<name>-<first 5 hex digits of
 * sha256(namespace)>-lb` (namespace `default` → `c1-37a8e-lb`). Deterministic, so a crash between create and
 * status update finds the instance again instead of creating another.
 */
export function loadBalancerInstanceName(lxcClusterName: string, namespace: string): string {
  const hash = createHash('sha256').update(namespace).digest('hex').slice(0, 5);
  return `${lxcClusterName}-${hash}-lb`;
}
