import {
  builtin,
  CapiLabel,
  type Cluster,
  type ConfigMap,
  capiTypes,
  isAlreadyExists,
  isNotFound,
  type KubeClient,
  type Machine,
  type ObjectReader,
  ownerReferenceTo,
} from '@capi-ts/sdk';

// The control-plane init lock, CABPK's `pkg/locking`: ConfigMap `<cluster>-lock` whose `lock-information` key
// names the Machine allowed to initialise the cluster. Creating it is atomic, so exactly one control-plane machine
// wins; a lock naming a Machine that no longer exists is taken over.

const LOCK_KEY = 'lock-information';

/** The lock ConfigMap's name for a cluster. */
export function initLockName(clusterName: string): string {
  return `${clusterName}-lock`;
}

function lockHolder(lock: Readonly<ConfigMap>): string | undefined {
  try {
    const info = JSON.parse(lock.data?.[LOCK_KEY] ?? '') as { machineName?: unknown };
    return typeof info.machineName === 'string' ? info.machineName : undefined;
  } catch {
    return undefined;
  }
}

function lockObject(cluster: Readonly<Cluster>, machineName: string): ConfigMap {
  const name = cluster.metadata.name as string;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      namespace: cluster.metadata.namespace,
      name: initLockName(name),
      labels: { [CapiLabel.clusterName]: name },
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
    },
    data: { [LOCK_KEY]: JSON.stringify({ machineName }) },
  };
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

/**
 * Takes the init lock for `machine`. True when it holds the lock (now or already); false when another existing
 * Machine holds it.
 */
export async function acquireInitLock(
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
      name: initLockName(cluster.metadata.name as string),
    });
    if (!lock) continue;
    const holder = lockHolder(lock);
    if (holder === machineName) return true;
    if (holder && (await reader.get(capiTypes.machine, { namespace, name: holder }))) return false;
    await deleteLock(client, lock);
  }
  return false;
}

/** Releases the init lock (after the control plane is initialised, or when init failed); no request without one. */
export async function releaseInitLock(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<void> {
  const key = { namespace: cluster.metadata.namespace as string, name: initLockName(cluster.metadata.name as string) };
  const lock = await reader.get(builtin.configMap, key);
  if (lock) await deleteLock(client, lock);
}
