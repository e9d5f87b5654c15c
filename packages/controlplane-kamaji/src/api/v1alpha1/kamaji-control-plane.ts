import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { controlPlaneFieldsV1alpha1Shape } from '../common/fields.js';
import { CATEGORIES, controlPlanePrinterColumns, GROUP, SCALE_SUBRESOURCE } from '../common/names.js';
import { apiEndpointV1alpha1Schema, conditionsSchema } from '../common/status.js';

/** `spec` of a v1alpha1 KamajiControlPlane (provider ≤ v0.19). */
export const kamajiControlPlaneV1alpha1SpecSchema = z.object({
  ...controlPlaneFieldsV1alpha1Shape,
  controlPlaneEndpoint: apiEndpointV1alpha1Schema.optional(),
  replicas: z.int32().default(2),
  version: z.string(),
});

/** `status` of a v1alpha1 KamajiControlPlane (Cluster API v1beta1 contract: plain counters). */
export const kamajiControlPlaneV1alpha1StatusSchema = z.object({
  initialized: z.boolean(),
  ready: z.boolean(),
  readyReplicas: z.int32(),
  replicas: z.int32(),
  selector: z.string(),
  unavailableReplicas: z.int32(),
  updatedReplicas: z.int32(),
  externalManagedControlPlane: z.boolean().default(true),
  failureReason: z.string().optional(),
  failureMessage: z.string().optional(),
  version: z.string(),
  conditions: conditionsSchema.optional(),
});

/** The v1alpha1 KamajiControlPlane, still served and converted to and from v1alpha2. */
export const KamajiControlPlaneV1alpha1 = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'KamajiControlPlane',
  plural: 'kamajicontrolplanes',
  shortNames: ['ktcp'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A Kubernetes control plane run by Kamaji (v1alpha1, converted to and from v1alpha2).',
  spec: kamajiControlPlaneV1alpha1SpecSchema,
  status: kamajiControlPlaneV1alpha1StatusSchema,
  printerColumns: controlPlanePrinterColumns('.status.initialized'),
  subresources: { status: true, scale: SCALE_SUBRESOURCE },
  storage: false,
});

/** A v1alpha1 KamajiControlPlane object. */
export type KamajiControlPlaneV1alpha1 = InferResource<typeof KamajiControlPlaneV1alpha1>;
