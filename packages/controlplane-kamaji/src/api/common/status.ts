import { z } from 'zod';

/** A `metav1.Condition`, with the constraints its CRD schema carries. */
export const conditionSchema = z.object({
  type: z
    .string()
    .max(316)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
    ),
  status: z.enum(['True', 'False', 'Unknown']),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.iso.datetime(),
  reason: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/),
  message: z.string().max(32768),
});

/** `status.conditions`. */
export const conditionsSchema = z.array(conditionSchema);

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
