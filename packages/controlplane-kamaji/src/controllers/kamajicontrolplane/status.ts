import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import type { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';

type KcpStatus = NonNullable<KamajiControlPlane['status']>;

/** TenantControlPlane states in which the tenant API server serves: Kamaji keeps serving while it upgrades. */
const SERVING = new Set(['Ready', 'Upgrading']);

/** Whether the TenantControlPlane's API server is serving. */
export function isServing(tcp: Readonly<TenantControlPlane>): boolean {
  return SERVING.has(tcp.status?.kubernetesResources?.version?.status ?? '');
}

/**
 * The KamajiControlPlane status fields copied from the TenantControlPlane: replica counters, selector and the
 * running version from Kamaji's Deployment; `initialization.controlPlaneInitialized` once Kamaji reported `Ready`
 * (it never goes back); `ready` while the API server serves.
 */
export function statusFromTenantControlPlane(
  current: KamajiControlPlane['status'],
  tcp: Readonly<TenantControlPlane>,
): KcpStatus {
  const deployment = tcp.status?.kubernetesResources?.deployment;
  const version = tcp.status?.kubernetesResources?.version;
  const initialized = current?.initialization?.controlPlaneInitialized === true || version?.status === 'Ready';
  const status: KcpStatus = {
    ...(current ?? { externalManagedControlPlane: true }),
    ready: isServing(tcp),
    version: version?.version ?? current?.version ?? '',
    replicas: deployment?.replicas ?? 0,
    readyReplicas: deployment?.readyReplicas ?? 0,
    availableReplicas: deployment?.availableReplicas ?? 0,
    upToDateReplicas: deployment?.updatedReplicas ?? 0,
    externalManagedControlPlane: true,
  };
  if (initialized) status.initialization = { ...current?.initialization, controlPlaneInitialized: true };
  if (deployment?.selector) status.selector = deployment.selector;
  return status;
}
