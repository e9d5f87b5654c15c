import { CapiLabel, capiTypes, type InformerSource, type MapFunction } from '@capi-ts/sdk';
import { type LXCMachine, lxcClusterResource } from '../../api/index.js';

/**
 * An LXCMachine to the LXCCluster of its Cluster (label `cluster.x-k8s.io/cluster-name`, then the cached
 * Cluster's `spec.infrastructureRef`), so that control-plane changes reach the load balancer.
 */
export function lxcMachineToLXCCluster(cache: InformerSource): MapFunction<LXCMachine> {
  return (lxcMachine) => {
    const namespace = lxcMachine.metadata.namespace;
    const clusterName = lxcMachine.metadata.labels?.[CapiLabel.clusterName];
    if (!namespace || !clusterName) return [];
    const cluster = cache.informerFor(capiTypes.cluster).get({ namespace, name: clusterName });
    const ref = cluster?.spec.infrastructureRef;
    if (!ref || ref.kind !== lxcClusterResource.kind || ref.apiGroup !== lxcClusterResource.group) return [];
    return [{ namespace, name: ref.name }];
  };
}
