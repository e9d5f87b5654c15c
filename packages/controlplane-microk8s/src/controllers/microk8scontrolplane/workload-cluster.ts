import { type Cluster, KubeClient, type ObjectReader, readKubeconfig } from '@capi-ts/sdk';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * A client of the workload cluster, from its `<cluster>-kubeconfig` Secret; `undefined` while the Secret does not
 * exist. TLS is verified against the CA in the kubeconfig.
 */
export async function workloadClient(
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<KubeClient | undefined> {
  const kubeconfig = await readKubeconfig(reader, {
    namespace: cluster.metadata.namespace as string,
    name: cluster.metadata.name as string,
  });
  if (kubeconfig === undefined) return undefined;
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  return new KubeClient(config);
}
