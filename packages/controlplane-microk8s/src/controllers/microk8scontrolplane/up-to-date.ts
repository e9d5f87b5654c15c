import { aggregateCondition, type Machine } from '@capi-ts/sdk';
import { MicroK8sControlPlaneReason as Reason } from '../../api/v1beta1/index.js';
import type { ConditionValue } from './health.js';
import { isOutdated } from './plan.js';

/**
 * Cluster API's v1beta2 `UpToDate` condition of a Machine and its reasons. For Machines owned by a control plane,
 * Cluster API's Machine controller leaves it to the control-plane provider (as KubeadmControlPlane sets it).
 */
export const MachineUpToDate = {
  type: 'UpToDate',
  reasons: { upToDate: 'UpToDate', notUpToDate: 'NotUpToDate', updating: 'Updating' },
} as const;

/**
 * A control-plane Machine's `UpToDate`, with the planner's notion of outdated (another minor than `version`: a
 * MicroK8s snap track per minor, so patch releases roll nothing out). KubeadmControlPlane's messages: one
 * `* <why>` line per difference; `Updating` while this Machine is being upgraded in place.
 */
export function machineUpToDate(
  machine: Readonly<Machine>,
  version: string,
  upgradingInPlace: boolean,
): ConditionValue {
  const { reasons } = MachineUpToDate;
  if (upgradingInPlace) {
    return {
      status: 'False',
      reason: reasons.updating,
      message: `* In-place upgrade to ${version} in progress`,
    };
  }
  if (isOutdated(machine, version)) {
    const current = machine.spec.version ?? 'not set';
    return { status: 'False', reason: reasons.notUpToDate, message: `* Version ${current}, ${version} required` };
  }
  return { status: 'True', reason: reasons.upToDate, message: '' };
}

/** A Machine and the `UpToDate` condition computed for it. */
export interface MachineUpToDateValue {
  machine: Readonly<Machine>;
  value: ConditionValue;
}

/**
 * The control plane's v1beta2 `MachinesUpToDate`, aggregated from its Machines' `UpToDate` as KubeadmControlPlane
 * does: True/`NoReplicas` without Machines; otherwise Cluster API's aggregation (see `aggregateCondition`) with the
 * reasons `NotUpToDate`, `UpToDateUnknown` and `UpToDate`.
 */
export function machinesUpToDate(machines: readonly MachineUpToDateValue[]): ConditionValue {
  if (machines.length === 0) return { status: 'True', reason: Reason.NoReplicas, message: '' };
  return aggregateCondition(
    machines.map(({ machine, value }) => ({ name: machine.metadata.name as string, ...value })),
    {
      kind: { singular: 'Machine', plural: 'Machines' },
      reasons: { issue: Reason.NotUpToDate, unknown: Reason.UpToDateUnknown, info: Reason.UpToDate },
    },
  );
}
