import type { ClusterKey } from './certificate-authority.js';
import { clusterSecretName, SecretDataKey, SecretPurpose } from './cluster-secrets.js';

/** Where the kubeconfig of a remote cluster is: one key of a Secret in the management cluster. */
export interface KubeconfigReference {
  readonly namespace: string;
  readonly secretName: string;
  readonly key: string;
  /** The Cluster the kubeconfig reaches; when it is deleted, the connection is torn down. */
  readonly cluster?: ClusterKey;
}

/** The workload cluster of a Cluster API Cluster: key `value` of its `<cluster>-kubeconfig` Secret. */
export function clusterKubeconfigReference(cluster: ClusterKey): KubeconfigReference {
  return {
    namespace: cluster.namespace,
    secretName: clusterSecretName(cluster.name, SecretPurpose.kubeconfig),
    key: SecretDataKey.value,
    cluster: { namespace: cluster.namespace, name: cluster.name },
  };
}

/** One string per reference: `<namespace>/<secret>/<key>`. */
export function kubeconfigReferenceKey(reference: KubeconfigReference): string {
  return `${reference.namespace}/${reference.secretName}/${reference.key}`;
}
