import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { MicroK8sConfig, MicroK8sConfigTemplate } from './v1beta1/index.js';

/** `cluster.x-k8s.io/provider` of this provider's objects, as clusterctl names it. */
export const PROVIDER_LABEL = 'bootstrap-microk8s';

/**
 * Contract labels: v1beta1 serves both contracts, so Cluster API v1.14 (v1beta2 contract) and older readers
 * (v1beta1 contract) both resolve it.
 */
const contract = { v1beta1: ['v1beta1'], v1beta2: ['v1beta1'] };
const labels = { 'cluster.x-k8s.io/provider': PROVIDER_LABEL };

/** The CRD of MicroK8sConfig. */
export const microK8sConfigCrd = defineCustomResourceDefinition({ versions: [MicroK8sConfig], contract, labels });

/** The CRD of MicroK8sConfigTemplate. */
export const microK8sConfigTemplateCrd = defineCustomResourceDefinition({
  versions: [MicroK8sConfigTemplate],
  contract,
  labels,
});
