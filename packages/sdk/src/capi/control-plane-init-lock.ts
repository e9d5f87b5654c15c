import { builtin, type ConfigMap } from '../client/builtin.js';
import { isAlreadyExists, isNotFound } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import { CapiLabel } from './constants.js';
import type { ObjectReader } from './object-reader.js';
import { ownerReferenceTo } from './owner-references.js';
import { capiTypes } from './resources.js';
import type { Cluster, Machine } from './types.js';

// The control-plane init lock of the bootstrap providers, CABPK's `ControlPlaneInitMutex` (`pkg/locking`), which
// CABPM shares: ConfigMap `<cluster>-lock`, owned by the Cluster, whose `lock-information` key names the Machine
// allowed to initialise the cluster. Creating it is atomic, so exactly one control-plane machine wins; a lock naming
// a Machine that no longer exists (or nobody) is taken over.

const LOCK_INFORMATION_KEY = 'lock-information';

/** The name of a cluster's control-plane init lock ConfigMap: `<cluster>-lock`. */
export function controlPlaneInitLockName(clusterName: string): string {
  return `${clusterName}-lock`;
}

/**
 * Takes the control-plane init lock of `cluster` for `machine`. True when the machine holds the lock (now or
 * already); false when another existing Machine holds it. A lock whose holder Machine no longer exists, or that
 * names nobody, is deleted and taken over.
 */
export async function acquireControlPlaneInitLock(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
  machine: Readonly<Machine>,
): Promise<boolean> {
  const namespace = cluster.metadata.namespace as string;
  const machineName = machine.metadata.name as string;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.create(builtin.configMap, lockObject(cluster, machineName));
      return true;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const lock = await client.getOptional(builtin.configMap, {
      namespace,
      name: controlPlaneInitLockName(cluster.metadata.name as string),
    });
    if (!lock) continue;
    const holder = lockHolder(lock);
    if (holder === machineName) return true;
    if (holder && (await reader.get(capiTypes.machine, { namespace, name: holder }))) return false;
    await deleteLock(client, lock);
  }
  return false;
}

/**
 * Releases the control-plane init lock of `cluster` (once the control plane is initialised, or when the
 * initialisation failed); no write request when there is no lock.
 */
export async function releaseControlPlaneInitLock(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<void> {
  const lock = await reader.get(builtin.configMap, {
    namespace: cluster.metadata.namespace as string,
    name: controlPlaneInitLockName(cluster.metadata.name as string),
  });
  if (lock) await deleteLock(client, lock);
}

function lockObject(cluster: Readonly<Cluster>, machineName: string): ConfigMap {
  const clusterName = cluster.metadata.name as string;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      namespace: cluster.metadata.namespace,
      name: controlPlaneInitLockName(clusterName),
      labels: { [CapiLabel.clusterName]: clusterName },
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
    },
    data: { [LOCK_INFORMATION_KEY]: JSON.stringify({ machineName }) },
  };
}

function lockHolder(lock: Readonly<ConfigMap>): string | undefined {
  try {
    const information = JSON.parse(lock.data?.[LOCK_INFORMATION_KEY] ?? '') as { machineName?: unknown };
    return typeof information.machineName === 'string' ? information.machineName : undefined;
  } catch {
    return undefined;
  }
}

async function deleteLock(client: KubeClient, lock: Readonly<ConfigMap>): Promise<void> {
  try {
    await client.delete(builtin.configMap, {
      namespace: lock.metadata.namespace as string,
      name: lock.metadata.name as string,
    });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
