/** Finalizer of LXCClusters (CAPN's name, so objects created by the Go provider are handled). */
export const LXC_CLUSTER_FINALIZER = 'lxccluster.infrastructure.cluster.x-k8s.io';
/** Finalizer of LXCMachines (CAPN's name). */
export const LXC_MACHINE_FINALIZER = 'lxcmachine.infrastructure.cluster.x-k8s.io';

/** Condition types of an LXCCluster. */
export const LXCClusterCondition = {
  /** Summary of the others. */
  Ready: 'Ready',
  /** The control plane load balancer exists (or needs nothing from us). */
  LoadBalancerAvailable: 'LoadBalancerAvailable',
  /** The LXCCluster or its Cluster is paused. */
  Paused: 'Paused',
  /** The LXCCluster is being deleted. */
  Deleting: 'Deleting',
} as const;

/** Condition types of an LXCMachine. */
export const LXCMachineCondition = {
  /** Summary of the others. */
  Ready: 'Ready',
  /** The instance exists and runs. */
  InstanceProvisioned: 'InstanceProvisioned',
  /** The LXCMachine or its Cluster is paused. */
  Paused: 'Paused',
  /** The LXCMachine is being deleted. */
  Deleting: 'Deleting',
} as const;

/** Reasons of `LoadBalancerAvailable` (CAPN's strings, including the odd `...AbortedReason`). */
export const LoadBalancerAvailableReason = {
  /** The load balancer is there. */
  Available: 'Available',
  /** The load balancer instance runs but has no address yet (beyond CAPN, which blocks until it has one). */
  WaitingForAddress: 'WaitingForAddress',
  /** A retryable failure; the controller tries again with back-off. */
  ProvisioningFailed: 'LoadBalancerProvisioningFailed',
  /** A failure that retrying cannot fix (bad spec, missing server extension); the message tells what to change. */
  ProvisioningAborted: 'LoadBalancerProvisioningAbortedReason',
  /** The identity secret cannot be read or used, or the server cannot be reached (see {@link IncusConnectionReason}). */
  IdentityUnavailable: 'IdentityUnavailable',
  /** The LXCCluster is being deleted. */
  Deleting: 'Deleting',
} as const;

/** Reasons of `InstanceProvisioned` (CAPN's strings). */
export const InstanceProvisionedReason = {
  /** The instance exists and runs. */
  Provisioned: 'Provisioned',
  WaitingForClusterInfrastructure: 'WaitingForClusterInfrastructure',
  WaitingForControlPlaneAvailable: 'WaitingForControlPlaneAvailable',
  WaitingForBootstrapData: 'WaitingForBootstrapData',
  CreatingInstance: 'CreatingInstance',
  InstanceProvisioningFailed: 'InstanceProvisioningFailed',
  InstanceProvisioningAborted: 'InstanceProvisioningAborted',
  InstanceDeleted: 'InstanceDeleted',
  /** The identity secret cannot be read or used, or the server cannot be reached (see {@link IncusConnectionReason}). */
  IdentityUnavailable: 'IdentityUnavailable',
  Deleting: 'Deleting',
} as const;

/**
 * Reasons for a False `LoadBalancerAvailable` or `InstanceProvisioned` condition when the Incus server cannot be
 * used: the identity secret, the connection or the server's capabilities. Beyond CAPN, which only returns errors.
 */
export const IncusConnectionReason = {
  /** `spec.secretRef` names no Secret in the namespace (or none is set). */
  IdentitySecretNotFound: 'IdentitySecretNotFound',
  /** The Secret lacks a key or holds a value that cannot be used (the message names the key). */
  IdentitySecretInvalid: 'IdentitySecretInvalid',
  /** The server did not answer (refused, timed out, unknown host, no socket). */
  IncusServerUnreachable: 'IncusServerUnreachable',
  /** The server's certificate does not match `server-crt` (or the system CAs when it is empty). */
  IncusServerCertificateRejected: 'IncusServerCertificateRejected',
  /** The server does not trust the client certificate (or rejected it). */
  IncusClientNotTrusted: 'IncusClientNotTrusted',
  /** The server lacks an API extension the requested feature needs (the message names it). */
  MissingServerExtension: 'MissingServerExtension',
} as const;

/** One of {@link IncusConnectionReason}. */
export type IncusConnectionReason = (typeof IncusConnectionReason)[keyof typeof IncusConnectionReason];
