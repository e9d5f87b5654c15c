import type { Validator } from '@capi-ts/sdk';
import type { KubeadmConfig, KubeadmConfigTemplate } from '../api/v1beta2/index.js';
import {
  CONFIG_SPEC_PATH,
  type SpecValidationOptions,
  TEMPLATE_SPEC_PATH,
  validateKubeadmConfigSpec,
} from './spec-validation.js';

/** Upstream's webhook paths (controller-runtime's generated names for the v1beta2 kinds). */
export const WebhookPath = {
  kubeadmConfig: '/validate-bootstrap-cluster-x-k8s-io-v1beta2-kubeadmconfig',
  kubeadmConfigTemplate: '/validate-bootstrap-cluster-x-k8s-io-v1beta2-kubeadmconfigtemplate',
  conversion: '/convert',
} as const;

/** The KubeadmConfig validating webhook: the spec rules on create and update. */
export function kubeadmConfigValidator(options: SpecValidationOptions): Validator<KubeadmConfig> {
  const check = (config: KubeadmConfig) => validateKubeadmConfigSpec(config.spec, CONFIG_SPEC_PATH, options);
  return { validateCreate: check, validateUpdate: (_old, config) => check(config) };
}

/** The KubeadmConfigTemplate validating webhook: the same rules on the template's spec. */
export function kubeadmConfigTemplateValidator(options: SpecValidationOptions): Validator<KubeadmConfigTemplate> {
  const check = (template: KubeadmConfigTemplate) =>
    validateKubeadmConfigSpec(template.spec?.template?.spec, TEMPLATE_SPEC_PATH, options);
  return { validateCreate: check, validateUpdate: (_old, template) => check(template) };
}
