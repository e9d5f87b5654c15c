/** How clusterctl knows this provider: its name, type and the API group of its resources. */
export const providerInfo = {
  name: 'kamaji',
  type: 'ControlPlaneProvider',
  apiGroup: 'controlplane.cluster.x-k8s.io',
} as const;

export {
  conversions,
  kamajiControlPlaneConversion,
  kamajiControlPlaneTemplateConversion,
} from './api/conversion/index.js';
export { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from './api/crds.js';
export { KamajiControlPlaneV1alpha1 } from './api/v1alpha1/kamaji-control-plane.js';
export { KamajiControlPlaneTemplateV1alpha1 } from './api/v1alpha1/kamaji-control-plane-template.js';
export { KamajiControlPlane } from './api/v1alpha2/kamaji-control-plane.js';
export { KamajiControlPlaneTemplate } from './api/v1alpha2/kamaji-control-plane-template.js';
export {
  type KamajiControlPlaneControllerOptions,
  kamajiControlPlaneController,
} from './controllers/kamajicontrolplane/controller.js';
export { type FeatureGates, parseFeatureGates } from './controllers/kamajicontrolplane/features.js';
export { TenantControlPlane } from './kamaji/tenant-control-plane.js';
export { createManager } from './manager.js';
