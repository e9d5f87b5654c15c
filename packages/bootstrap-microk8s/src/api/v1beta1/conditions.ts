/** Condition types a MicroK8sConfig reports (CABPM's, plus the v1beta2 contract's `Paused`). */
export const MicroK8sConfigCondition = {
  /** Summary of the others. */
  Ready: 'Ready',
  /** The bootstrap data Secret exists. */
  DataSecretAvailable: 'DataSecretAvailable',
  /** The config or its Cluster is paused. */
  Paused: 'Paused',
} as const;

/** Reasons of the `DataSecretAvailable` condition (CABPM's names where it has one). */
export const DataSecretAvailableReason = {
  /** The bootstrap data Secret was written. */
  Available: 'Available',
  /** The Cluster's infrastructure is not provisioned yet. */
  WaitingForClusterInfrastructure: 'WaitingForClusterInfrastructure',
  /** Another control-plane machine initialises the cluster; this one waits to join. */
  WaitingForControlPlaneAvailable: 'WaitingForControlPlaneAvailable',
  /** No control-plane Machine reports an address to join through yet. */
  WaitingForJoinAddresses: 'WaitingForJoinAddresses',
  /** The user-provided `<cluster>-ca` Secret cannot be used (the message tells why). */
  InvalidCertificateAuthority: 'InvalidCertificateAuthority',
  /** The bootstrap data cannot be generated from the given input (the message tells why). */
  DataSecretGenerationFailed: 'DataSecretGenerationFailed',
} as const;
