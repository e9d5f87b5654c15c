export { loadBalancerBackendsController } from './backends-controller.js';
export { type LXCClusterBackendOptions, lxcClusterBackend } from './cluster-backend.js';
export { LXC_CLUSTER_CONDITION_LAYOUT, reportLoadBalancerAvailable } from './cluster-conditions.js';
export { type LXCClusterControllerOptions, lxcClusterController } from './controller.js';
export { lxcMachineToLXCCluster } from './machine-to-lxccluster.js';
