import { listType } from '@capi-ts/sdk';
import { z } from 'zod';
import { boundedString } from './fields.js';

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

const CONDITION_TYPE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/** A `metav1.Condition`. */
export const conditionSchema = z
  .object({
    type: z.string().max(316).regex(CONDITION_TYPE).describe('Type of condition in CamelCase.'),
    status: z.enum(['True', 'False', 'Unknown']).describe('Status of the condition.'),
    observedGeneration: z
      .int()
      .min(0)
      .meta({ format: 'int64' })
      .describe('Generation the condition was set for.')
      .optional(),
    lastTransitionTime: z.iso.datetime({ offset: true }).describe('When the status last changed.'),
    reason: z.string().min(1).max(1024).regex(CONDITION_REASON).describe('Machine-readable reason, in CamelCase.'),
    message: z.string().max(32768).describe('Human-readable detail; may be empty.'),
  })
  .describe('A condition of the object.');

/** A Cluster API v1beta1 condition (with `severity`), kept in `status.deprecated.v1beta1.conditions`. */
export const v1beta1ConditionSchema = z
  .object({
    type: boundedString(1, 256).describe('Type of condition in CamelCase.'),
    status: z.string().describe('Status of the condition: True, False or Unknown.'),
    severity: z.string().max(32).describe('Severity of a False condition: Error, Warning or Info.').optional(),
    lastTransitionTime: z.iso.datetime({ offset: true }).describe('When the status last changed.'),
    reason: boundedString(1, 256).describe('Machine-readable reason, in CamelCase.').optional(),
    message: boundedString(1, 10240).describe('Human-readable detail.').optional(),
  })
  .describe('A Cluster API v1beta1 condition.');

/** `status.conditions`: a map list keyed by type, at most 32. */
export const conditionListSchema = listType(z.array(conditionSchema).max(32), 'map', ['type']);
