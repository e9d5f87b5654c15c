import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { controlPlaneFieldsV1alpha1Shape } from '../common/fields.js';
import { CATEGORIES, GROUP } from '../common/names.js';
import { templateMetadataSchema } from '../common/status.js';

/** `spec` of a v1alpha1 KamajiControlPlaneTemplate. */
export const kamajiControlPlaneTemplateV1alpha1SpecSchema = z.object({
  template: z.object({
    metadata: templateMetadataSchema.optional(),
    spec: z.object(controlPlaneFieldsV1alpha1Shape),
  }),
});

/** The v1alpha1 KamajiControlPlaneTemplate, still served and converted to and from v1alpha2. */
export const KamajiControlPlaneTemplateV1alpha1 = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'KamajiControlPlaneTemplate',
  plural: 'kamajicontrolplanetemplates',
  shortNames: ['ktcpt'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A template of KamajiControlPlanes (v1alpha1, converted to and from v1alpha2).',
  spec: kamajiControlPlaneTemplateV1alpha1SpecSchema,
  storage: false,
});

/** A v1alpha1 KamajiControlPlaneTemplate object. */
export type KamajiControlPlaneTemplateV1alpha1 = InferResource<typeof KamajiControlPlaneTemplateV1alpha1>;
