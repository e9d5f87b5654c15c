import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { controlPlaneFieldsShape } from '../common/fields.js';
import { CATEGORIES, controlPlanePrinterColumns, GROUP, SCALE_SUBRESOURCE } from '../common/names.js';
import { apiEndpointSchema, conditionsSchema } from '../common/status.js';

/** `spec` of a v1alpha2 KamajiControlPlane: the template fields plus version, replicas and the endpoint. */
export const kamajiControlPlaneSpecSchema = z.object({
  ...controlPlaneFieldsShape,
  controlPlaneEndpoint: apiEndpointSchema.optional(),
  replicas: z.int32().default(2),
  version: z.string(),
});

/** `status` of a v1alpha2 KamajiControlPlane (Cluster API v1beta2 control plane contract). */
export const kamajiControlPlaneStatusSchema = z.object({
  initialization: z.object({ controlPlaneInitialized: z.boolean().optional() }).optional(),
  ready: z.boolean(),
  readyReplicas: z.int32().optional(),
  replicas: z.int32().optional(),
  availableReplicas: z.int32().optional(),
  upToDateReplicas: z.int32().optional(),
  selector: z.string().optional(),
  externalManagedControlPlane: z.boolean().default(true),
  failureReason: z.string().optional(),
  failureMessage: z.string().optional(),
  version: z.string(),
  conditions: conditionsSchema.optional(),
});

/** A Kamaji-hosted control plane (storage version, Cluster API v1beta2 contract). */
export const KamajiControlPlane = defineResource({
  group: GROUP,
  version: 'v1alpha2',
  kind: 'KamajiControlPlane',
  plural: 'kamajicontrolplanes',
  shortNames: ['ktcp'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A Kubernetes control plane run by Kamaji as a TenantControlPlane in the management cluster.',
  spec: kamajiControlPlaneSpecSchema,
  status: kamajiControlPlaneStatusSchema,
  printerColumns: controlPlanePrinterColumns('.status.initialization.controlPlaneInitialized'),
  subresources: { status: true, scale: SCALE_SUBRESOURCE },
  storage: true,
});

/** A v1alpha2 KamajiControlPlane object. */
export type KamajiControlPlane = InferResource<typeof KamajiControlPlane>;
