import { metav1ConditionListSchema } from '@capi-ts/sdk';
import { z } from 'zod';

/** `status.conditions`: `metav1.Condition`s in a plain array, without descriptions, as Kamaji's CRD declares them. */
export const conditionsSchema = metav1ConditionListSchema({ annotated: false, keyedByType: false });

/** `spec.controlPlaneEndpoint` (Cluster API's `APIEndpoint`) as v1alpha2 declares it. */
export const apiEndpointSchema = z
  .object({
    host: z.string().min(1).max(512).optional(),
    port: z.int32().min(1).max(65535).optional(),
  })
  .meta({ minProperties: 1 });

/** `spec.controlPlaneEndpoint` as v1alpha1 declares it: both fields required once the block is set. */
export const apiEndpointV1alpha1Schema = z.object({
  host: z.string().max(512),
  port: z.int32(),
});

/** Labels and annotations of the object a template stamps out. */
export const templateMetadataSchema = z.object({
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
