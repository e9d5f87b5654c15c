import { type Cluster, KubeClient, type ObjectReader, readKubeconfig } from '@capi-ts/sdk';
import { KubeConfig } from '@kubernetes/client-node';

/** The `<cluster>-kubeconfig` Secret does not exist yet, so the workload cluster cannot be reached. */
export class WorkloadClusterUnavailableError extends Error {
  override readonly name = 'WorkloadClusterUnavailableError';
}

/**
 * A client of the workload cluster from its `<cluster>-kubeconfig` Secret (read through `reader`), with TLS
 * verified against the CA in the kubeconfig.
 */
export async function workloadClusterClient(
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
  fieldManager: string,
): Promise<KubeClient> {
  const key = { namespace: cluster.metadata.namespace as string, name: cluster.metadata.name as string };
  const kubeconfig = await readKubeconfig(reader, key);
  if (kubeconfig === undefined) {
    throw new WorkloadClusterUnavailableError(`Secret ${key.namespace}/${key.name}-kubeconfig does not exist yet`);
  }
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  return new KubeClient(config, { fieldManager });
}
