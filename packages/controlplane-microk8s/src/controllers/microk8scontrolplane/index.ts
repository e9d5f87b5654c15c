export { type ClusterAgent, type DqliteRemoveRequest, dqliteRemoveHttpRequest } from './cluster-agent.js';
export { type MicroK8sControlPlaneControllerOptions, microK8sControlPlaneController } from './controller.js';
export { type ControlPlanePlan, planControlPlane } from './plan.js';
export { CONTROL_PLANE_FINALIZER, microK8sControlPlaneReconciler } from './reconciler.js';
