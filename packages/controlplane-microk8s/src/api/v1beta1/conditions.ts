/** Condition types a MicroK8sControlPlane reports (CACPM's, plus the v1beta2 contract's `Paused`). */
export const MicroK8sControlPlaneCondition = {
  /** Summary of MachinesCreated, Resized, MachinesReady, Available and MachinesBootstrapped. */
  Ready: 'Ready',
  /** At least one control-plane node is Ready, so the API server accepts requests. */
  Available: 'Available',
  /** Every control-plane Machine was created from the templates. */
  MachinesCreated: 'MachinesCreated',
  /** The number of control-plane Machines equals `spec.replicas`. */
  Resized: 'Resized',
  /** Aggregate of the control-plane Machines' Ready conditions. */
  MachinesReady: 'MachinesReady',
  /**
   * The Kubernetes components of every control-plane node serve. MicroK8s runs them in one process (kubelite)
   * next to the kubelet, so a control-plane Node's Ready condition tells their health.
   */
  ControlPlaneComponentsHealthy: 'ControlPlaneComponentsHealthy',
  /** Every control-plane Machine reports an internal address. */
  MachinesBootstrapped: 'MachinesBootstrapped',
  /**
   * v1beta2 only: aggregate of the control-plane Machines' `UpToDate` conditions, which this controller sets (Cluster
   * API's Machine controller leaves them to the control-plane provider).
   */
  MachinesUpToDate: 'MachinesUpToDate',
  /** The control plane or its Cluster is paused. */
  Paused: 'Paused',
} as const;

/** Reasons of the conditions above (CACPM's names where it has one). */
export const MicroK8sControlPlaneReason = {
  WaitingForMicroK8sBoot: 'WaitingForMicroK8sBoot',
  WaitingForMachines: 'WaitingForMachines',
  ScalingUp: 'ScalingUp',
  ScalingDown: 'ScalingDown',
  Deleting: 'Deleting',
  InfrastructureTemplateCloningFailed: 'InfrastructureTemplateCloningFailed',
  MachineGenerationFailed: 'MachineGenerationFailed',
  Available: 'Available',
  Resized: 'Resized',
  Created: 'Created',
  Bootstrapped: 'Bootstrapped',
  /** MachinesReady (Cluster API's KubeadmControlPlane reasons). */
  Ready: 'Ready',
  NotReady: 'NotReady',
  ReadyUnknown: 'ReadyUnknown',
  NoReplicas: 'NoReplicas',
  /** ControlPlaneComponentsHealthy (Cluster API's KubeadmControlPlane reasons). */
  Healthy: 'Healthy',
  NotHealthy: 'NotHealthy',
  HealthUnknown: 'HealthUnknown',
  InspectionFailed: 'InspectionFailed',
  /** MachinesUpToDate (Cluster API's KubeadmControlPlane reasons; NoReplicas above too). */
  UpToDate: 'UpToDate',
  NotUpToDate: 'NotUpToDate',
  UpToDateUnknown: 'UpToDateUnknown',
} as const;
