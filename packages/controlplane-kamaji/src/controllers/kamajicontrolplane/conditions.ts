/** The condition types of a KamajiControlPlane, as upstream names them. */
export const KcpCondition = {
  TenantControlPlaneCreated: 'TenantControlPlaneCreated',
  TenantControlPlaneAddressReady: 'TenantControlPlaneAddressReady',
  ControlPlaneEndpointPatched: 'ControlPlaneEndpointPatched',
  InfrastructureClusterPatched: 'InfrastructureClusterPatched',
  KamajiControlPlaneIsInitialized: 'KamajiControlPlaneIsInitialized',
  KamajiControlPlaneIsReady: 'KamajiControlPlaneIsReady',
  KubeadmResourcesCreated: 'KubeadmResourcesCreated',
  Available: 'Available',
  /** Upstream's condition of a TenantControlPlane in an external cluster: the connection to it. */
  FoundExternalReferenceClient: 'FoundExternalReferenceClient',
} as const;

/** Condition reasons. `Succeeded`, `Pending` and `Failed` are upstream's; the others say more precisely why. */
export const KcpReason = {
  Succeeded: 'Succeeded',
  Pending: 'Pending',
  Failed: 'Failed',
  Available: 'Available',
  NotAvailable: 'NotAvailable',
  /** The spec cannot be turned into a TenantControlPlane (e.g. a certificate SAN with a port). */
  InvalidSpec: 'InvalidSpec',
  /** A version change Kamaji refuses: a downgrade or a skipped minor version. */
  UnsupportedVersionChange: 'UnsupportedVersionChange',
  /** The API server (Kamaji's admission webhook) refused the TenantControlPlane. */
  TenantControlPlaneRejected: 'TenantControlPlaneRejected',
  UnsupportedInfrastructure: 'UnsupportedInfrastructure',
  MismatchingEndpoint: 'MismatchingEndpoint',
  UnmanagedControlPlaneAddress: 'UnmanagedControlPlaneAddress',
  /** Patching the infrastructure cluster is turned off with the SkipInfraClusterPatch feature gate. */
  Skipped: 'Skipped',
} as const;
