import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { CapiLabel, CLUSTER_API_GROUP } from './constants.js';
import type { ObjectReader } from './object-reader.js';
import { groupOf } from './owner-references.js';
import { capiTypes } from './resources.js';
import type { Cluster, Machine, MachinePool } from './types.js';

/** The Cluster `name` in `namespace`, or `undefined` when it does not exist. */
export async function getClusterByName(
  reader: ObjectReader,
  namespace: string,
  name: string,
): Promise<Readonly<Cluster> | undefined> {
  return await reader.get(capiTypes.cluster, { namespace, name });
}

/**
 * The Cluster named by the object's `cluster.x-k8s.io/cluster-name` label, in the object's namespace.
 * `undefined` when the label is missing or empty, or when that Cluster does not exist.
 */
export async function getClusterFromMetadata(
  reader: ObjectReader,
  object: Readonly<KubeObject>,
): Promise<Readonly<Cluster> | undefined> {
  const name = object.metadata.labels?.[CapiLabel.clusterName];
  if (!name || !object.metadata.namespace) return undefined;
  return await getClusterByName(reader, object.metadata.namespace, name);
}

function ownerNameOf(object: Readonly<KubeObject>, kind: string): string | undefined {
  return object.metadata.ownerReferences?.find((r) => r.kind === kind && groupOf(r.apiVersion) === CLUSTER_API_GROUP)
    ?.name;
}

async function getOwner<T extends KubeObject>(
  reader: ObjectReader,
  object: Readonly<KubeObject>,
  type: ResourceType<T>,
): Promise<Readonly<T> | undefined> {
  const name = ownerNameOf(object, type.kind);
  if (!name || !object.metadata.namespace) return undefined;
  return await reader.get(type, { namespace: object.metadata.namespace, name });
}

/**
 * The Cluster that owns `object`: the first owner reference of kind `Cluster` in group `cluster.x-k8s.io`, any
 * version. `undefined` when there is no such reference (the Cluster controller has not set it yet) or when the
 * Cluster does not exist.
 */
export async function getOwnerCluster(
  reader: ObjectReader,
  object: Readonly<KubeObject>,
): Promise<Readonly<Cluster> | undefined> {
  return await getOwner(reader, object, capiTypes.cluster);
}

/**
 * The Machine that owns `object` (an infrastructure machine or a bootstrap config): the first owner reference of
 * kind `Machine` in group `cluster.x-k8s.io`, any version. `undefined` when there is no such reference yet or when
 * the Machine does not exist.
 */
export async function getOwnerMachine(
  reader: ObjectReader,
  object: Readonly<KubeObject>,
): Promise<Readonly<Machine> | undefined> {
  return await getOwner(reader, object, capiTypes.machine);
}

/** The MachinePool that owns `object`, found like {@link getOwnerMachine}. */
export async function getOwnerMachinePool(
  reader: ObjectReader,
  object: Readonly<KubeObject>,
): Promise<Readonly<MachinePool> | undefined> {
  return await getOwner(reader, object, capiTypes.machinePool);
}
