/**
 * The API group of this provider. A third-party group (not `infrastructure.cluster.x-k8s.io`) is allowed; Cluster
 * API's core controllers then need RBAC on it, granted by a ClusterRole labelled
 * `cluster.x-k8s.io/aggregate-to-manager: "true"`.
 */
export const GROUP = 'infrastructure.example.capi-ts.dev';

/** The only API version, which implements the v1beta2 Cluster API contract. */
export const VERSION = 'v1alpha1';
