import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { KubeadmConfigTemplateV1beta1, KubeadmConfigV1beta1 } from './v1beta1/index.js';
import { KubeadmConfig, KubeadmConfigTemplate } from './v1beta2/index.js';

/** `cluster.x-k8s.io/provider` of this provider's objects, as clusterctl names it. */
export const PROVIDER_LABEL = 'bootstrap-kubeadm';

/**
 * Both kinds serve v1beta2 (storage, v1beta2 contract) and v1beta1 (v1beta1 contract), as Cluster API v1.14 does;
 * the release components point `spec.conversion` at the manager's conversion webhook.
 */
const contract = { v1beta1: ['v1beta1'], v1beta2: ['v1beta2'] };
const labels = { 'cluster.x-k8s.io/provider': PROVIDER_LABEL };

/** The CRD of KubeadmConfig. */
export const kubeadmConfigCrd = defineCustomResourceDefinition({
  versions: [KubeadmConfigV1beta1, KubeadmConfig],
  contract,
  labels,
});

/** The CRD of KubeadmConfigTemplate. */
export const kubeadmConfigTemplateCrd = defineCustomResourceDefinition({
  versions: [KubeadmConfigTemplateV1beta1, KubeadmConfigTemplate],
  contract,
  labels,
});
