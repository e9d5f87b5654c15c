import { FieldPath, field, jsonEqual, type Validator } from '@capi-ts/sdk';
import type { OpenStackMachineTemplate } from '../api/v1beta1/openstack-machine-template.js';
import { isTopologyDryRun } from './topology-dry-run.js';

const TEMPLATE_SPEC = FieldPath.of('spec', 'template', 'spec');

/**
 * OpenStackMachineTemplate admission (CAPO's `openStackMachineTemplateWebhook`): a template cannot carry a
 * providerID, and its `spec.template.spec` cannot change (except in Cluster API topology dry-runs).
 */
export const openStackMachineTemplateValidator = {
  validateCreate: (template) =>
    template.spec.template.spec.providerID === undefined
      ? []
      : [field.forbidden(TEMPLATE_SPEC.child('providerID'), 'cannot be set in templates')],
  validateUpdate: (oldTemplate, newTemplate, context) => {
    if (isTopologyDryRun(context, newTemplate)) return [];
    if (jsonEqual(oldTemplate.spec.template.spec, newTemplate.spec.template.spec)) return [];
    return [
      field.invalid(
        TEMPLATE_SPEC,
        newTemplate.spec.template.spec,
        'OpenStackMachineTemplate spec.template.spec field is immutable. Please create a new resource instead. Ref doc: https://cluster-api.sigs.k8s.io/tasks/change-machine-template.html',
      ),
    ];
  },
} satisfies Validator<OpenStackMachineTemplate>;
