import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { KamajiControlPlaneV1alpha1 } from './v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlaneTemplateV1alpha1 } from './v1alpha1/kamaji-control-plane-template.js';
import { KamajiControlPlane } from './v1alpha2/kamaji-control-plane.js';
import { KamajiControlPlaneTemplate } from './v1alpha2/kamaji-control-plane-template.js';

/**
 * Both kinds serve v1alpha2 (storage, Cluster API v1beta2 contract) and v1alpha1 (v1beta1 contract), which upstream
 * v0.20 dropped. The release components point `spec.conversion` at the manager's conversion webhook.
 */
const contract = { v1beta1: ['v1alpha1'], v1beta2: ['v1alpha2'] };

/** The KamajiControlPlane CRD. */
export const kamajiControlPlaneCrd = defineCustomResourceDefinition({
  versions: [KamajiControlPlaneV1alpha1, KamajiControlPlane],
  contract,
});

/** The KamajiControlPlaneTemplate CRD. */
export const kamajiControlPlaneTemplateCrd = defineCustomResourceDefinition({
  versions: [KamajiControlPlaneTemplateV1alpha1, KamajiControlPlaneTemplate],
  contract,
});
