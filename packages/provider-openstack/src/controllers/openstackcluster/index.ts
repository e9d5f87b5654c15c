/** The OpenStackCluster controller: network, router, security groups, API server load balancer and endpoint. */
export { type OpenStackClusterControllerOptions, openStackClusterController } from './controller.js';
export { PendingDelays } from './pending-delays.js';
