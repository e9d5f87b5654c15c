import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { MicroK8sControlPlane, MicroK8sControlPlaneTemplate } from './v1beta1/index.js';

/** `cluster.x-k8s.io/provider` of this provider's objects, as CACPM labels them. */
export const PROVIDER_LABEL = 'control-plane-microk8s';

/** Contract labels: v1beta1 serves both the v1beta1 and the v1beta2 contract. */
const contract = { v1beta1: ['v1beta1'], v1beta2: ['v1beta1'] };
const labels = { 'cluster.x-k8s.io/provider': PROVIDER_LABEL };

/** The CRD of MicroK8sControlPlane. */
export const microK8sControlPlaneCrd = defineCustomResourceDefinition({
  versions: [MicroK8sControlPlane],
  contract,
  labels,
});

/** The CRD of MicroK8sControlPlaneTemplate. */
export const microK8sControlPlaneTemplateCrd = defineCustomResourceDefinition({
  versions: [MicroK8sControlPlaneTemplate],
  contract,
  labels,
});
