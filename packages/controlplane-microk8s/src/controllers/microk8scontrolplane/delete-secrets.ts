import { builtin, type Cluster, clusterSecretName, type KubeClient } from '@capi-ts/sdk';

/** The Secrets CACPM deletes with the control plane: kubeconfig, CA, join token and cluster-agent token. */
export const CLUSTER_SECRET_SUFFIXES = ['kubeconfig', 'ca', 'jointoken', 'capi-auth-token'] as const;

/** Deletes the cluster's Secrets listed in {@link CLUSTER_SECRET_SUFFIXES} (absent ones are skipped). */
export async function deleteClusterSecrets(client: KubeClient, cluster: Readonly<Cluster>): Promise<void> {
  const namespace = cluster.metadata.namespace as string;
  for (const suffix of CLUSTER_SECRET_SUFFIXES) {
    await client.delete(builtin.secret, {
      namespace,
      name: clusterSecretName(cluster.metadata.name as string, suffix),
    });
  }
}
