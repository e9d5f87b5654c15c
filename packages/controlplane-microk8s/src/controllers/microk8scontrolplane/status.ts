import {
  ConditionLayouts,
  type ConditionSeverity,
  type Machine,
  setCondition,
  setConditionInBothForms,
  summaryCondition,
} from '@capi-ts/sdk';
import {
  MicroK8sControlPlaneCondition as Condition,
  type MicroK8sControlPlane,
  MicroK8sControlPlaneReason as Reason,
} from '../../api/v1beta1/index.js';
import { controlPlaneSelector } from './desired-objects.js';
import { type ConditionValue, controlPlaneComponentsHealthy, machinesReady } from './health.js';
import type { WorkloadNode } from './nodes.js';
import { isOutdated } from './plan.js';
import { type MachineUpToDateValue, machinesUpToDate } from './up-to-date.js';
import { compareVersions } from './versions.js';

// Status of a MicroK8sControlPlane: CACPM's v1beta1 fields and conditions, the v1beta2 contract's counters and
// `initialization.controlPlaneInitialized`, and metav1.Conditions in `status.v1beta2.conditions`.

/** Where a MicroK8sControlPlane keeps its two condition lists. */
export const CONDITION_LAYOUT = ConditionLayouts.v1beta1;

/** The condition types this controller owns when patching. */
export const OWNED_CONDITIONS = [
  Condition.Ready,
  Condition.Available,
  Condition.MachinesCreated,
  Condition.Resized,
  Condition.MachinesBootstrapped,
  Condition.MachinesReady,
  Condition.ControlPlaneComponentsHealthy,
  Condition.MachinesUpToDate,
];

/** Sets one condition in both forms. */
export function setStatusCondition(
  controlPlane: MicroK8sControlPlane,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message = '',
  severity: ConditionSeverity = 'Info',
): void {
  setConditionInBothForms(controlPlane, { type, status, reason, message }, { layout: CONDITION_LAYOUT, severity });
}

/** What the workload cluster told about the control-plane nodes; `undefined` when it could not be reached. */
export interface WorkloadObservation {
  readyControlPlaneNodes: number;
  /** Every Node of the workload cluster. */
  nodes: readonly Readonly<WorkloadNode>[];
}

function setValue(controlPlane: MicroK8sControlPlane, type: string, value: ConditionValue): void {
  const severity = value.status === 'False' ? 'Warning' : 'Info';
  setStatusCondition(controlPlane, type, value.status, value.reason, value.message, severity);
}

/**
 * Writes the counters, versions, initialization and conditions from the Machines and the workload cluster;
 * `machineUpToDateValues` holds the `UpToDate` conditions computed for the Machines this control plane owns.
 */
export function updateStatus(
  controlPlane: MicroK8sControlPlane,
  clusterName: string,
  machines: readonly Machine[],
  workload: WorkloadObservation | undefined,
  machineUpToDateValues: readonly MachineUpToDateValue[],
): void {
  const desired = controlPlane.spec?.replicas ?? 1;
  const version = controlPlane.spec?.version ?? '';
  const replicas = machines.length;
  const ready = workload?.readyControlPlaneNodes ?? 0;
  const upToDate = machines.filter((m) => !isOutdated(m, version)).length;
  const versions = machines.map((m) => m.spec.version).filter((v): v is string => v !== undefined);
  const oldest = versions.sort(compareVersions)[0];
  const wasInitialized = controlPlane.status?.initialized === true;
  const initialized = wasInitialized || ready > 0;
  const bootstrapped = replicas > 0 && machines.every((m) => m.status?.addresses?.some((a) => a.type === 'InternalIP'));
  controlPlane.status = {
    ...controlPlane.status,
    selector: controlPlaneSelector(clusterName),
    replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    upToDateReplicas: upToDate,
    unavailableReplicas: Math.max(replicas - ready, 0),
    ...(oldest ? { version: oldest } : {}),
    initialized,
    ready: ready > 0,
    bootstrapped,
    initialization: { controlPlaneInitialized: initialized },
    v1beta2: {
      ...controlPlane.status?.v1beta2,
      readyReplicas: ready,
      availableReplicas: ready,
      upToDateReplicas: upToDate,
    },
  };
  if (ready > 0) setStatusCondition(controlPlane, Condition.Available, 'True', Reason.Available);
  else {
    setStatusCondition(
      controlPlane,
      Condition.Available,
      'False',
      Reason.WaitingForMicroK8sBoot,
      'No control-plane node is Ready yet',
    );
  }
  if (bootstrapped) setStatusCondition(controlPlane, Condition.MachinesBootstrapped, 'True', Reason.Bootstrapped);
  else {
    setStatusCondition(
      controlPlane,
      Condition.MachinesBootstrapped,
      'False',
      replicas === 0 ? Reason.WaitingForMachines : Reason.WaitingForMicroK8sBoot,
      'Waiting for every control-plane Machine to report an internal address',
    );
  }
  setValue(controlPlane, Condition.MachinesReady, machinesReady(machines));
  setValue(
    controlPlane,
    Condition.ControlPlaneComponentsHealthy,
    controlPlaneComponentsHealthy(machines, workload?.nodes),
  );
  // v1beta2 only, as KubeadmControlPlane (its v1beta1 conditions have no MachinesUpToDate).
  setCondition(
    controlPlane,
    { type: Condition.MachinesUpToDate, ...machinesUpToDate(machineUpToDateValues) },
    { layout: CONDITION_LAYOUT },
  );
  if (replicas === desired) setStatusCondition(controlPlane, Condition.Resized, 'True', Reason.Resized);
  else {
    const up = replicas < desired;
    setStatusCondition(
      controlPlane,
      Condition.Resized,
      'False',
      up ? Reason.ScalingUp : Reason.ScalingDown,
      `Scaling ${up ? 'up' : 'down'} from ${replicas} to ${desired} Machines`,
    );
  }
}

/** Sets `Ready` in both forms as the summary of the other conditions. */
export function setReadySummary(controlPlane: MicroK8sControlPlane): void {
  const ready = summaryCondition(controlPlane, Condition.Ready, {
    forConditionTypes: [
      Condition.MachinesCreated,
      Condition.Resized,
      Condition.MachinesReady,
      Condition.Available,
      Condition.MachinesBootstrapped,
    ],
    layout: CONDITION_LAYOUT,
  });
  setConditionInBothForms(controlPlane, ready, { layout: CONDITION_LAYOUT });
}
