/** How clusterctl knows this provider: its name, type and the API group of its resources. */
export const providerInfo = {
  name: 'microk8s',
  type: 'ControlPlaneProvider',
  apiGroup: 'controlplane.cluster.x-k8s.io',
} as const;
