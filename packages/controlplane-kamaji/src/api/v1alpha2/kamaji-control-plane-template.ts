import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { controlPlaneFieldsShape } from '../common/fields.js';
import { CATEGORIES, GROUP } from '../common/names.js';
import { templateMetadataSchema } from '../common/status.js';

/** `spec` of a v1alpha2 KamajiControlPlaneTemplate; ClusterClass supplies version and replicas. */
export const kamajiControlPlaneTemplateSpecSchema = z.object({
  template: z.object({
    metadata: templateMetadataSchema.meta({ minProperties: 1 }).optional(),
    spec: z.object(controlPlaneFieldsShape),
  }),
});

/** A template of KamajiControlPlanes for ClusterClass (storage version). */
export const KamajiControlPlaneTemplate = defineResource({
  group: GROUP,
  version: 'v1alpha2',
  kind: 'KamajiControlPlaneTemplate',
  plural: 'kamajicontrolplanetemplates',
  shortNames: ['ktcpt'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A template of KamajiControlPlanes, referenced by a ClusterClass.',
  spec: kamajiControlPlaneTemplateSpecSchema,
  storage: true,
});

/** A v1alpha2 KamajiControlPlaneTemplate object. */
export type KamajiControlPlaneTemplate = InferResource<typeof KamajiControlPlaneTemplate>;
