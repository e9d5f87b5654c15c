export * from './api/conversion/index.js';
export * from './api/crds.js';
export * from './api/v1beta1/index.js';
export * from './api/v1beta2/index.js';
export * from './cloudinit/index.js';
export * from './controllers/kubeadmconfig/index.js';
export * from './ignition/index.js';
export * from './kubeadm/index.js';
export * from './webhooks/spec-validation.js';

/** How clusterctl knows this provider: its name, type and the API group of its resources. */
export const providerInfo = {
  name: 'kubeadm',
  type: 'BootstrapProvider',
  apiGroup: 'bootstrap.cluster.x-k8s.io',
} as const;
