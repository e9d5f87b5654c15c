import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { KubeadmConfig, KubeadmConfigTemplate } from './v1beta2/index.js';

/** `cluster.x-k8s.io/provider` of this provider's objects, as clusterctl names it. */
export const PROVIDER_LABEL = 'bootstrap-kubeadm';

/** Contract labels: the v1beta2 contract is served by v1beta2. */
const contract = { v1beta2: ['v1beta2'] };
const labels = { 'cluster.x-k8s.io/provider': PROVIDER_LABEL };

/** The CRD of KubeadmConfig. */
export const kubeadmConfigCrd = defineCustomResourceDefinition({ versions: [KubeadmConfig], contract, labels });

/** The CRD of KubeadmConfigTemplate. */
export const kubeadmConfigTemplateCrd = defineCustomResourceDefinition({
  versions: [KubeadmConfigTemplate],
  contract,
  labels,
});
