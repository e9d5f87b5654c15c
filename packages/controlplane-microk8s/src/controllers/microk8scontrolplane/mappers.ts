import {
  type CacheEvent,
  CapiLabel,
  type Cluster,
  capiTypes,
  type InformerSource,
  type KubeconfigReference,
  type KubeObject,
  type MapFunction,
  type Request,
  type Secret,
} from '@capi-ts/sdk';
import { MicroK8sControlPlane } from '../../api/v1beta1/index.js';

/** A Cluster's events reconcile its control plane when that is a MicroK8sControlPlane (`spec.controlPlaneRef`). */
export const clusterToControlPlane: MapFunction<Cluster> = (cluster) => {
  const ref = cluster.spec.controlPlaneRef;
  if (!ref || ref.kind !== MicroK8sControlPlane.kind || ref.apiGroup !== MicroK8sControlPlane.group) return [];
  return [{ namespace: cluster.metadata.namespace as string, name: ref.name }];
};

/** Secrets a control plane waits for or writes: the CA (made by the bootstrap provider) and the kubeconfig. */
const WATCHED_SECRET_SUFFIXES = ['-ca', '-kubeconfig'];

/** A `<cluster>-ca` or `<cluster>-kubeconfig` Secret's events reconcile that Cluster's control plane. */
export function secretToControlPlane(cache: InformerSource): MapFunction<Secret> {
  return (secret): Request[] => {
    const clusterName = secret.metadata.labels?.[CapiLabel.clusterName];
    const name = secret.metadata.name ?? '';
    if (!clusterName || !WATCHED_SECRET_SUFFIXES.some((suffix) => name === `${clusterName}${suffix}`)) return [];
    const cluster = cache
      .informerFor(capiTypes.cluster)
      .get({ namespace: secret.metadata.namespace as string, name: clusterName });
    return cluster ? clusterToControlPlane(cluster) : [];
  };
}

/** A workload cluster's events reconcile the control plane of its Cluster. */
export function workloadToControlPlane(
  cache: InformerSource,
): (event: CacheEvent<KubeObject>, reference: KubeconfigReference) => Request[] {
  return (_event, reference) => {
    const cluster = reference.cluster && cache.informerFor(capiTypes.cluster).get(reference.cluster);
    return cluster ? clusterToControlPlane(cluster) : [];
  };
}
