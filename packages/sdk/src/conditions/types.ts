/** Status of a condition: `True`, `False` or `Unknown`. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/**
 * A v1beta2 condition: the shape of `metav1.Condition`, which the CAPI v1beta2 contract recommends.
 *
 * The generated CRD schema requires `type`, `status`, `lastTransitionTime`, `reason` (1–1024 characters,
 * `^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$`) and `message` (may be empty, at most 32768 characters).
 *
 * Conditions are public: every user who can read the object reads them, and CAPI copies them into its own
 * objects. Never put secrets, tokens or credentials in a reason or a message.
 */
export interface Condition {
  /** CamelCase type, e.g. `Ready`; may carry a DNS-subdomain prefix (`example.com/Ready`). */
  type: string;
  status: ConditionStatus;
  /** `metadata.generation` of the object when the condition was last set. */
  observedGeneration?: number;
  /** RFC 3339 time, in whole seconds, of the last change of `status`. */
  lastTransitionTime: string;
  /** CamelCase machine-readable reason for the last change. */
  reason: string;
  /** Human-readable detail; empty when there is nothing to add. */
  message: string;
}

/**
 * What a reconciler states when it sets a condition. `lastTransitionTime` is filled in (or kept) by
 * {@link setCondition}, `observedGeneration` comes from the object, `message` defaults to empty.
 */
export interface NewCondition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message?: string;
  /** Only used when the status changes or the condition is new; defaults to now. */
  lastTransitionTime?: string;
  /** Overwritten with `metadata.generation` when the object has one. */
  observedGeneration?: number;
}

/** How serious a v1beta1 condition with status `False` is. */
export type ConditionSeverity = 'Error' | 'Warning' | 'Info';

/**
 * A v1beta1 condition: CAPI's own `Condition` type (`api/core/v1beta1`), required by the v1beta1 contract.
 * It has a `severity` (set only when `status` is `False`) and no `observedGeneration`.
 */
export interface V1Beta1Condition {
  type: string;
  status: ConditionStatus;
  severity?: ConditionSeverity;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** Standard CAPI condition types (`api/core/v1beta2/condition_consts.go`). */
export const ConditionType = {
  /** The object is fully functional; mirrored from a ControlPlane into the Cluster. */
  Available: 'Available',
  /** The object is ready; mirrored from infrastructure and bootstrap objects into their owners. */
  Ready: 'Ready',
  /** The object (or its Cluster) is paused; see the pause semantics of the contract. */
  Paused: 'Paused',
  /** The object is being deleted; its message tells what deletion is waiting for. */
  Deleting: 'Deleting',
  ScalingUp: 'ScalingUp',
  ScalingDown: 'ScalingDown',
  RollingOut: 'RollingOut',
  Remediating: 'Remediating',
} as const;

/** Reasons used by the conditions helpers and the standard CAPI reasons providers reuse. */
export const ConditionReason = {
  /** A condition expected by mirror or summary does not exist (yet) on the source object. */
  NotYetReported: 'NotYetReported',
  /** A condition was read without a reason; CAPI fills this in. */
  NoReasonReported: 'NoReasonReported',
  /** Summary: at least one condition in scope reports an issue. */
  IssuesReported: 'IssuesReported',
  /** Summary: no issue, but at least one condition in scope is `Unknown`. */
  UnknownReported: 'UnknownReported',
  /** Summary: every condition in scope is in its normal state. */
  InfoReported: 'InfoReported',
  Paused: 'Paused',
  NotPaused: 'NotPaused',
  Deleting: 'Deleting',
  NotDeleting: 'NotDeleting',
  DeletionCompleted: 'DeletionCompleted',
  Provisioned: 'Provisioned',
  NotProvisioned: 'NotProvisioned',
  WaitingForClusterInfrastructureReady: 'WaitingForClusterInfrastructureReady',
  WaitingForControlPlaneInitialized: 'WaitingForControlPlaneInitialized',
  WaitingForBootstrapData: 'WaitingForBootstrapData',
  InternalError: 'InternalError',
  InspectionFailed: 'InspectionFailed',
  ConnectionDown: 'ConnectionDown',
} as const;
