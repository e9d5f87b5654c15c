/** How clusterctl knows this provider: its name, type and the API group of its resources. */
export const providerInfo = {
  name: 'openstack',
  type: 'InfrastructureProvider',
  apiGroup: 'infrastructure.cluster.x-k8s.io',
} as const;

export * from './api/index.js';
export * from './webhooks/index.js';
