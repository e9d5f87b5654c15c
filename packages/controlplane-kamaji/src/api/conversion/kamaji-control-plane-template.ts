import { defineConversion } from '@capi-ts/sdk';
import type { KamajiControlPlaneTemplateV1alpha1 } from '../v1alpha1/kamaji-control-plane-template.js';
import { KamajiControlPlaneTemplate } from '../v1alpha2/kamaji-control-plane-template.js';
import { fieldsFromHub, fieldsToHub } from './fields.js';

/** KamajiControlPlaneTemplate conversion: v1alpha2 is the hub, v1alpha1 a spoke. */
export const kamajiControlPlaneTemplateConversion = defineConversion<KamajiControlPlaneTemplate>({
  hub: { apiVersion: KamajiControlPlaneTemplate.apiVersion, kind: 'KamajiControlPlaneTemplate' },
  spokes: [
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1alpha1',
      toHub: (template: KamajiControlPlaneTemplateV1alpha1): KamajiControlPlaneTemplate => {
        const { template: inner } = template.spec;
        return { ...template, spec: { template: { ...inner, spec: fieldsToHub(inner.spec) } } };
      },
      fromHub: (template: KamajiControlPlaneTemplate): KamajiControlPlaneTemplateV1alpha1 => {
        const { template: inner } = template.spec;
        return {
          ...template,
          spec: { template: { ...inner, spec: fieldsFromHub(inner.spec) } },
        } as KamajiControlPlaneTemplateV1alpha1;
      },
    },
  ],
});
