import type { InformerSource } from '../cache/types.js';
import { StandardIndex } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type { Request } from '../controller/request.js';
import { requestFor } from '../controller/request.js';
import type { MapFunction } from '../controller/request-mappers.js';
import type { Cluster, ContractVersionedObjectReference, Machine } from './types.js';

function refersTo(ref: ContractVersionedObjectReference | undefined, type: ResourceType): boolean {
  return ref !== undefined && ref.apiGroup === type.group && ref.kind === type.kind && ref.name !== '';
}

function requestsForReference(
  namespace: string | undefined,
  ref: ContractVersionedObjectReference | undefined,
  type: ResourceType,
): Request[] {
  return namespace && ref && refersTo(ref, type) ? [{ namespace, name: ref.name }] : [];
}

/**
 * A Machine to its infrastructure machine of kind `type`, named by `spec.infrastructureRef` (Cluster API's
 * `util.MachineToInfrastructureMapFunc`): machines of other providers map to nothing.
 */
export function machineToInfrastructure(type: ResourceType): MapFunction<Machine> {
  return (machine) => requestsForReference(machine.metadata.namespace, machine.spec.infrastructureRef, type);
}

/** A Cluster to its infrastructure cluster of kind `type`, named by `spec.infrastructureRef`. */
export function clusterToInfrastructure(type: ResourceType): MapFunction<Cluster> {
  return (cluster) => requestsForReference(cluster.metadata.namespace, cluster.spec.infrastructureRef, type);
}

/**
 * A Cluster to every cached object of `type` labelled with its name (`cluster.x-k8s.io/cluster-name`), in its
 * namespace (Cluster API's `util.ClusterToTypedObjectsMapper`), looked up in the cache's cluster-name index.
 */
export function clusterToObjects<T extends KubeObject>(
  cache: InformerSource,
  type: ResourceType<T>,
): MapFunction<Cluster> {
  return (cluster) => {
    const { namespace, name } = cluster.metadata;
    if (!namespace || !name) return [];
    return cache
      .informerFor(type)
      .byIndex(StandardIndex.clusterName, `${namespace}/${name}`)
      .map((object) => requestFor(object));
  };
}
