import { FieldPath, field, jsonEqual, type Validator } from '@capi-ts/sdk';
import type { OpenStackClusterTemplate } from '../api/v1beta1/openstack-cluster-template.js';

/**
 * OpenStackClusterTemplate admission (CAPO's `openStackClusterTemplateWebhook`): `spec.template.spec` cannot
 * change. Unlike the machine template there is no topology dry-run exemption upstream.
 */
export const openStackClusterTemplateValidator = {
  validateUpdate: (oldTemplate, newTemplate) => {
    if (jsonEqual(oldTemplate.spec.template.spec, newTemplate.spec.template.spec)) return [];
    return [
      field.invalid(
        FieldPath.of('OpenStackClusterTemplate', 'spec', 'template', 'spec'),
        newTemplate.spec.template.spec,
        'OpenStackClusterTemplate spec.template.spec field is immutable. Please create new resource instead.',
      ),
    ];
  },
} satisfies Validator<OpenStackClusterTemplate>;
