import {
  type ConditionLayout,
  ConditionLayouts,
  type ConditionSeverity,
  type MachineScope,
  type NewCondition,
  setV1Beta1Condition,
  toV1Beta1Condition,
} from '@capi-ts/sdk';
import { InstanceProvisionedReason, type LXCMachine, LXCMachineCondition } from '../../api/index.js';

/** LXCMachine v1alpha2 keeps CAPN's v1beta1 conditions in `status.conditions`, v1beta2 ones in `status.v1beta2`. */
export const LXC_MACHINE_CONDITION_LAYOUT: ConditionLayout = ConditionLayouts.v1beta1;

/**
 * Reports `InstanceProvisioned` as CAPN does: the v1beta2 condition (summarised into `Ready` by the SDK), plus
 * the v1beta1 `InstanceProvisioned` with its severity and the v1beta1 `Ready` that summarises it.
 */
export function reportInstanceProvisioned(
  scope: MachineScope<LXCMachine>,
  condition: Omit<NewCondition, 'type'>,
  severity: ConditionSeverity = 'Info',
): void {
  const full: NewCondition = { type: LXCMachineCondition.InstanceProvisioned, ...condition };
  scope.setCondition(full);
  setV1Beta1Condition(scope.object, toV1Beta1Condition(full, severity), LXC_MACHINE_CONDITION_LAYOUT);
  setV1Beta1Condition(
    scope.object,
    toV1Beta1Condition({ ...full, type: LXCMachineCondition.Ready }, severity),
    LXC_MACHINE_CONDITION_LAYOUT,
  );
}

/** `InstanceProvisioned=True`. */
export function reportProvisioned(scope: MachineScope<LXCMachine>): void {
  reportInstanceProvisioned(scope, { status: 'True', reason: InstanceProvisionedReason.Provisioned });
}
