/**
 * The provider's API: CAPO's kinds with their zod schemas (types, runtime validation) and CRDs. v1beta1 holds the
 * Cluster API kinds and the types shared with v1alpha1 (as upstream's Go packages do).
 */
export * from './crds.js';
export * from './v1alpha1/openstack-cluster-identity.js';
export * from './v1alpha1/openstack-floating-ip-pool.js';
export * from './v1alpha1/openstack-server.js';
export * from './v1beta1/block-devices.js';
export * from './v1beta1/cluster-spec.js';
export * from './v1beta1/cluster-status.js';
export * from './v1beta1/filters.js';
export * from './v1beta1/identity.js';
export * from './v1beta1/machine-spec.js';
export * from './v1beta1/openstack-cluster.js';
export * from './v1beta1/openstack-cluster-template.js';
export * from './v1beta1/openstack-machine.js';
export * from './v1beta1/openstack-machine-template.js';
export * from './v1beta1/ports.js';
export * from './v1beta1/security-group-rules.js';
export * from './v1beta1/status-types.js';
