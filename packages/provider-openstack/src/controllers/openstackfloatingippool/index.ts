/** The OpenStackFloatingIPPool controller: a Cluster API IPAM provider of floating IPs. */
export * from './controller.js';
export * from './reconciler.js';
