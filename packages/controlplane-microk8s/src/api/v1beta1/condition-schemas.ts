import { z } from 'zod';

// Condition schemas of the status (the same wire shapes as Cluster API's v1beta1 and metav1 conditions).

const V1BETA2_TYPE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const V1BETA2_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/** A Cluster API v1beta1 condition (with `severity`), as CACPM stores it in `status.conditions`. */
export const v1beta1ConditionSchema = z
  .object({
    type: z.string().describe('Type of condition in CamelCase.'),
    status: z.string().describe('Status of the condition: True, False or Unknown.'),
    severity: z.string().describe('Severity of a False condition: Error, Warning or Info.').optional(),
    lastTransitionTime: z.iso.datetime().describe('When the status last changed.'),
    reason: z.string().describe('Machine-readable reason of the last change, in CamelCase.').optional(),
    message: z.string().describe('Human-readable detail of the last change.').optional(),
  })
  .describe('A Cluster API v1beta1 condition.');

/** A `metav1.Condition`, as the v1beta2 contract reads it from `status.v1beta2.conditions`. */
export const v1beta2ConditionSchema = z
  .object({
    type: z.string().max(316).regex(V1BETA2_TYPE).describe('Type of condition in CamelCase.'),
    status: z.enum(['True', 'False', 'Unknown']).describe('Status of the condition.'),
    observedGeneration: z
      .int()
      .min(0)
      .meta({ format: 'int64' })
      .describe('Generation the condition was set for.')
      .optional(),
    lastTransitionTime: z.iso.datetime().describe('When the status last changed.'),
    reason: z.string().min(1).max(1024).regex(V1BETA2_REASON).describe('Machine-readable reason, in CamelCase.'),
    message: z.string().max(32768).describe('Human-readable detail; may be empty.'),
  })
  .describe('A metav1.Condition.');
