import {
  ConditionLayouts,
  ConditionReason,
  type ConditionSeverity,
  deleteConditionInBothForms,
  getCondition,
  getV1Beta1Conditions,
  setCondition,
  setV1Beta1Condition,
  summaryCondition,
} from '@capi-ts/sdk';
import { type KubeadmConfig, KubeadmConfigCondition } from '../../api/v1beta2/index.js';

// Status of a KubeadmConfig (v1beta2): metav1 conditions in `status.conditions`, their v1beta1 forms (with
// CABPK's v1beta1 reasons) in `status.deprecated.v1beta1.conditions`, and the contract fields.

/** Where a KubeadmConfig keeps its two condition lists. */
export const CONDITION_LAYOUT = ConditionLayouts.v1beta2;

/** v1beta2 reasons, as CABPK's `kubeadmconfig_types.go`. */
export const ConditionReasons = {
  Available: 'Available',
  NotAvailable: 'NotAvailable',
  InternalError: 'InternalError',
  Ready: 'Ready',
  NotReady: 'NotReady',
  ReadyUnknown: 'ReadyUnknown',
  /** Ours: the data Secret's value is larger than the configured limit. */
  ExceedsLimit: 'ExceedsLimit',
} as const;

/** v1beta1 reasons of the deprecated conditions, as CABPK's v1beta1 API. */
export const V1Beta1Reasons = {
  WaitingForClusterInfrastructure: 'WaitingForClusterInfrastructure',
  WaitingForControlPlaneAvailable: 'WaitingForControlPlaneAvailable',
  DataSecretGenerationFailed: 'DataSecretGenerationFailed',
  CertificatesGenerationFailed: 'CertificatesGenerationFailed',
  CertificatesCorrupted: 'CertificatesCorrupted',
} as const;

/** Ours: reported only while the bootstrap data is larger than the configured limit (cloud user-data caps). */
export const DATA_SECRET_SIZE_CONDITION = 'DataSecretSizeWithinLimit';

/** The condition types this controller owns when patching. */
export const OWNED_CONDITIONS = [
  KubeadmConfigCondition.Ready,
  KubeadmConfigCondition.DataSecretAvailable,
  KubeadmConfigCondition.CertificatesAvailable,
  DATA_SECRET_SIZE_CONDITION,
];

/** Why a condition is not True, in both API forms. */
export interface NotTrue {
  status?: 'False' | 'Unknown';
  reason: string;
  message: string;
  v1beta1Reason: string;
  severity?: ConditionSeverity;
}

function setBoth(config: KubeadmConfig, type: string, state: NotTrue | undefined, trueReason: string): void {
  if (!state) {
    setCondition(config, { type, status: 'True', reason: trueReason }, { layout: CONDITION_LAYOUT });
    setV1Beta1Condition(config, { type, status: 'True' }, CONDITION_LAYOUT);
    return;
  }
  const status = state.status ?? 'False';
  setCondition(config, { type, status, reason: state.reason, message: state.message }, { layout: CONDITION_LAYOUT });
  setV1Beta1Condition(
    config,
    { type, status, reason: state.v1beta1Reason, message: state.message, severity: state.severity ?? 'Info' },
    CONDITION_LAYOUT,
  );
}

/** `DataSecretAvailable=False` (or Unknown) with CABPK's v1beta2 and v1beta1 reasons. */
export function dataSecretNotAvailable(config: KubeadmConfig, state: NotTrue): void {
  setBoth(config, KubeadmConfigCondition.DataSecretAvailable, state, ConditionReasons.Available);
}

/** `CertificatesAvailable` True, or not with a reason. */
export function setCertificatesAvailable(config: KubeadmConfig, state?: NotTrue): void {
  setBoth(config, KubeadmConfigCondition.CertificatesAvailable, state, ConditionReasons.Available);
}

/** Records the data Secret in the status and sets `DataSecretAvailable=True`. */
export function dataSecretCreated(config: KubeadmConfig, secretName: string): void {
  config.status = {
    ...config.status,
    dataSecretName: secretName,
    initialization: { ...config.status?.initialization, dataSecretCreated: true },
  };
  setBoth(config, KubeadmConfigCondition.DataSecretAvailable, undefined, ConditionReasons.Available);
}

/** Whether the data Secret has been recorded. */
export function isDataSecretCreated(config: Readonly<KubeadmConfig>): boolean {
  return config.status?.initialization?.dataSecretCreated === true;
}

/** Reports the data size against the limit: a False condition while it exceeds it, no condition otherwise. */
export function setDataSecretSize(config: KubeadmConfig, sizeBytes: number, limitBytes: number | undefined): void {
  if (limitBytes === undefined || sizeBytes <= limitBytes) {
    deleteConditionInBothForms(config, DATA_SECRET_SIZE_CONDITION, CONDITION_LAYOUT);
    return;
  }
  setBoth(
    config,
    DATA_SECRET_SIZE_CONDITION,
    {
      reason: ConditionReasons.ExceedsLimit,
      v1beta1Reason: ConditionReasons.ExceedsLimit,
      severity: 'Warning',
      message:
        `The bootstrap data is ${sizeBytes} bytes, more than the limit of ${limitBytes} bytes; ` +
        'infrastructure providers with a user-data cap may reject it (see --bootstrap-data-gzip)',
    },
    ConditionReasons.Available,
  );
}

const SUMMARY_REASONS: Record<string, string> = {
  [ConditionReason.IssuesReported]: ConditionReasons.NotReady,
  [ConditionReason.UnknownReported]: ConditionReasons.ReadyUnknown,
  [ConditionReason.InfoReported]: ConditionReasons.Ready,
};

const SUMMARISED = [KubeadmConfigCondition.DataSecretAvailable, KubeadmConfigCondition.CertificatesAvailable];

/**
 * `Ready` in both forms: v1beta2 the summary of DataSecretAvailable and CertificatesAvailable with CABPK's reasons
 * (Ready, NotReady, ReadyUnknown); v1beta1 True when both are True, else the first one that is not.
 */
export function setReadySummary(config: KubeadmConfig): void {
  const summary = summaryCondition(config, KubeadmConfigCondition.Ready, {
    forConditionTypes: SUMMARISED,
    layout: CONDITION_LAYOUT,
  });
  setCondition(
    config,
    { ...summary, reason: SUMMARY_REASONS[summary.reason] ?? summary.reason },
    { layout: CONDITION_LAYOUT },
  );
  const legacy = getV1Beta1Conditions(config, CONDITION_LAYOUT);
  const blocking = SUMMARISED.map((type) => legacy.find((c) => c.type === type)).find(
    (c) => c !== undefined && c.status !== 'True',
  );
  setV1Beta1Condition(
    config,
    blocking
      ? {
          type: KubeadmConfigCondition.Ready,
          status: blocking.status,
          reason: blocking.reason,
          message: blocking.message,
          severity: blocking.severity,
        }
      : { type: KubeadmConfigCondition.Ready, status: 'True' },
    CONDITION_LAYOUT,
  );
}

/** The current v1beta2 reason of `DataSecretAvailable`, if any. */
export function dataSecretReason(config: KubeadmConfig): string | undefined {
  return getCondition(config, KubeadmConfigCondition.DataSecretAvailable, CONDITION_LAYOUT)?.reason;
}
