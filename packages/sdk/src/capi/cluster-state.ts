import { isConditionTrue } from '../conditions/getters.js';
import type { Cluster } from './types.js';

// A Cluster's progress as Cluster API v1.14 reports it (v1beta2 fields), with the v1beta1 fields as fallback for
// Clusters written by older controllers.

/** `status.initialization.infrastructureProvisioned`, or v1beta1 `status.infrastructureReady`. */
export function isClusterInfrastructureProvisioned(cluster: Readonly<Cluster>): boolean {
  return (
    cluster.status?.initialization?.infrastructureProvisioned === true || cluster.status?.infrastructureReady === true
  );
}

/**
 * Whether the Cluster's control plane is initialised: the `ControlPlaneInitialized` condition (what CABPK and CABPM
 * read), or `status.initialization.controlPlaneInitialized`, or v1beta1 `status.controlPlaneReady`.
 */
export function isClusterControlPlaneInitialized(cluster: Readonly<Cluster>): boolean {
  return (
    isConditionTrue(cluster, 'ControlPlaneInitialized') ||
    cluster.status?.initialization?.controlPlaneInitialized === true ||
    cluster.status?.controlPlaneReady === true
  );
}
