import {
  ConditionLayouts,
  type ConditionSeverity,
  getCondition,
  setConditionInBothForms,
  summaryCondition,
} from '@capi-ts/sdk';
import { DataSecretAvailableReason, type MicroK8sConfig, MicroK8sConfigCondition } from '../../api/v1beta1/index.js';

// Status of a MicroK8sConfig: v1beta2 conditions in `status.v1beta2.conditions` with their v1beta1 copies in
// `status.conditions` (the layout of a v1beta1 API version during the transition), plus the contract fields.

/** Where a MicroK8sConfig keeps its two condition lists. */
export const CONDITION_LAYOUT = ConditionLayouts.v1beta1;

/** The condition types this controller owns when patching. */
export const OWNED_CONDITIONS = [MicroK8sConfigCondition.Ready, MicroK8sConfigCondition.DataSecretAvailable];

/** Sets `DataSecretAvailable=False` with a reason and a message. */
export function dataSecretNotAvailable(
  config: MicroK8sConfig,
  reason: string,
  message: string,
  severity: ConditionSeverity = 'Info',
): void {
  setConditionInBothForms(
    config,
    { type: MicroK8sConfigCondition.DataSecretAvailable, status: 'False', reason, message },
    { layout: CONDITION_LAYOUT, severity },
  );
}

/** The reason of the current `DataSecretAvailable` condition, if any. */
export function dataSecretReason(config: MicroK8sConfig): string | undefined {
  return getCondition(config, MicroK8sConfigCondition.DataSecretAvailable, CONDITION_LAYOUT)?.reason;
}

/** Records the data Secret in the status fields of both contracts and sets `DataSecretAvailable=True`. */
export function dataSecretCreated(config: MicroK8sConfig, secretName: string): void {
  config.status = {
    ...config.status,
    ready: true,
    dataSecretName: secretName,
    initialization: { ...config.status?.initialization, dataSecretCreated: true },
  };
  setConditionInBothForms(
    config,
    {
      type: MicroK8sConfigCondition.DataSecretAvailable,
      status: 'True',
      reason: DataSecretAvailableReason.Available,
    },
    { layout: CONDITION_LAYOUT },
  );
}

/** Whether the data Secret has been recorded (either contract's field). */
export function isDataSecretCreated(config: Readonly<MicroK8sConfig>): boolean {
  return config.status?.ready === true || config.status?.initialization?.dataSecretCreated === true;
}

/** Sets `Ready` in both forms as the summary of `DataSecretAvailable`. */
export function setReadySummary(config: MicroK8sConfig): void {
  const ready = summaryCondition(config, MicroK8sConfigCondition.Ready, {
    forConditionTypes: [MicroK8sConfigCondition.DataSecretAvailable],
    layout: CONDITION_LAYOUT,
  });
  const severity: ConditionSeverity =
    dataSecretReason(config) === DataSecretAvailableReason.DataSecretGenerationFailed ? 'Error' : 'Info';
  setConditionInBothForms(config, ready, { layout: CONDITION_LAYOUT, severity });
}
