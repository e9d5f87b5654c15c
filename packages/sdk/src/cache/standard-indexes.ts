import type { KubeObject } from '../client/object.js';
import { type IndexFunction, StandardIndex } from './types.js';

/** The CAPI label that ties an object to its Cluster. */
export const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

/** The index functions behind {@link StandardIndex}, which every store keeps. */
export const standardIndexFunctions: Readonly<Record<string, IndexFunction<KubeObject>>> = {
  [StandardIndex.namespace]: (object) => (object.metadata.namespace ? [object.metadata.namespace] : []),
  [StandardIndex.ownerUid]: (object) => (object.metadata.ownerReferences ?? []).map((owner) => owner.uid),
  [StandardIndex.clusterName]: (object) => {
    const cluster = object.metadata.labels?.[CLUSTER_NAME_LABEL];
    return cluster ? [`${object.metadata.namespace ?? ''}/${cluster}`] : [];
  },
};
