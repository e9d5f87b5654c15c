import type { Cluster } from '@capi-ts/sdk';

// Cluster readiness as Cluster API v1.14 reports it (v1beta2 fields), with the v1beta1 fields as fallback for
// Clusters written by older controllers.

function conditionTrue(cluster: Readonly<Cluster>, type: string): boolean {
  return (cluster.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** `status.initialization.infrastructureProvisioned`, or v1beta1 `status.infrastructureReady`. */
export function isClusterInfrastructureProvisioned(cluster: Readonly<Cluster>): boolean {
  return (
    cluster.status?.initialization?.infrastructureProvisioned === true || cluster.status?.infrastructureReady === true
  );
}

/**
 * Whether the control plane is initialised: the `ControlPlaneInitialized` condition (what CABPK reads), or
 * `status.initialization.controlPlaneInitialized`, or v1beta1 `status.controlPlaneReady`.
 */
export function isClusterControlPlaneInitialized(cluster: Readonly<Cluster>): boolean {
  return (
    conditionTrue(cluster, 'ControlPlaneInitialized') ||
    cluster.status?.initialization?.controlPlaneInitialized === true ||
    cluster.status?.controlPlaneReady === true
  );
}
