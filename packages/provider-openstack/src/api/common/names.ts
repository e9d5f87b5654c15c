/** API group of every CAPO kind. */
export const GROUP = 'infrastructure.cluster.x-k8s.io';

/** `kubectl get cluster-api` lists the kinds in this category. */
export const CATEGORIES = ['cluster-api'];

/** The Cluster API contract the kinds implement, as labels on their CRDs (`cluster.x-k8s.io/v1beta1`). */
export const V1BETA1_CONTRACT = { v1beta1: ['v1beta1'] };

/** The printer column every kind ends with. */
export const AGE_COLUMN = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' } as const;

/** The column naming the owning Cluster, from the `cluster.x-k8s.io/cluster-name` label. */
export const CLUSTER_COLUMN = {
  name: 'Cluster',
  type: 'string',
  jsonPath: '.metadata.labels.cluster\\.x-k8s\\.io/cluster-name',
} as const;
