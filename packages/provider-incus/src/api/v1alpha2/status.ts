import { metav1ConditionListSchema, v1beta1ConditionListSchema } from '@capi-ts/sdk';
import { z } from 'zod';

/** `status.initialization`, as the Cluster API v1beta2 contract reads it. */
export const initializationSchema = z
  .object({
    provisioned: z
      .boolean()
      .describe('The infrastructure is provisioned (v1beta2 contract); never reset once true.')
      .optional(),
  })
  .describe('Initialization progress, as the v1beta2 contract reads it.');

/** Cluster API v1beta1 conditions with the bounds CAPN's CRDs carry. */
export const v1beta1ConditionsSchema = () =>
  v1beta1ConditionListSchema({ bounded: true }).describe('Cluster API v1beta1 conditions.');

/** `status.v1beta2`: `metav1.Condition`s, read there first by Cluster API during the transition. */
export const v1beta2StatusSchema = (conditionTypes: string) =>
  z
    .object({
      conditions: metav1ConditionListSchema()
        .describe(`metav1.Conditions; known types are ${conditionTypes}.`)
        .optional(),
    })
    .describe('The v1beta2 contract view of the status during the transition.');

/** Template metadata (`ObjectMeta` of Cluster API: labels and annotations only). */
export const templateObjectMetaSchema = z
  .object({
    labels: z.record(z.string(), z.string()).describe('Labels of the objects created from the template.').optional(),
    annotations: z
      .record(z.string(), z.string())
      .describe('Annotations of the objects created from the template.')
      .optional(),
  })
  .describe('Metadata of the objects created from the template.');
