/** How clusterctl knows this provider: its name, type and the API group of its resources. */
export const providerInfo = {
  name: 'kubeadm',
  type: 'BootstrapProvider',
  apiGroup: 'bootstrap.cluster.x-k8s.io',
} as const;
