import { metav1ConditionListSchema, v1beta1ConditionSchema as sdkV1beta1ConditionSchema } from '@capi-ts/sdk';

/** Condition types a KubeadmConfig reports (v1beta2). */
export const KubeadmConfigCondition = {
  /** Summary of DataSecretAvailable and CertificatesAvailable. */
  Ready: 'Ready',
  /** The bootstrap data Secret exists. */
  DataSecretAvailable: 'DataSecretAvailable',
  /** The cluster certificates the node needs exist. */
  CertificatesAvailable: 'CertificatesAvailable',
  /** The config or its Cluster is paused. */
  Paused: 'Paused',
} as const;

/** `status.conditions`: `metav1.Condition`s keyed by type, at most 32. */
export const conditionListSchema = metav1ConditionListSchema();

/** A Cluster API v1beta1 condition (with `severity`), bounded as Cluster API v1.14 declares it. */
export const v1beta1ConditionSchema = sdkV1beta1ConditionSchema({ bounded: true });
