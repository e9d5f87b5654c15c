import {
  CapiLabel,
  type Cluster,
  type ConfigMap,
  capiTypes,
  controlPlaneInitLockName,
  type InformerSource,
  type Machine,
  type MachinePool,
  type MapFunction,
  parseClusterSecretName,
  type Request,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { KubeadmConfig } from '../../api/v1beta2/index.js';
import { isDataSecretCreated } from './status.js';

// Watch mappings: which KubeadmConfigs to reconcile when a Cluster, Machine, MachinePool, lock or Secret changes.
// Cluster-wide changes enqueue only the configs still waiting for their data, so a busy cluster stays quiet.

type ConfigRef = { apiGroup?: string; kind?: string; name?: string } | undefined;

function configRequest(namespace: string | undefined, ref: ConfigRef): Request[] {
  if (!namespace || !ref?.name) return [];
  if (ref.kind !== KubeadmConfig.kind || ref.apiGroup !== KubeadmConfig.group) return [];
  return [{ namespace, name: ref.name }];
}

/** The configs of a cluster still waiting for their data: by the cluster-name label and by the Machines' refs. */
export function waitingConfigsOfCluster(cache: InformerSource, namespace: string, clusterName: string): Request[] {
  const key = `${namespace}/${clusterName}`;
  const configs = cache.informerFor(KubeadmConfig);
  const names = new Set<string>();
  for (const config of configs.byIndex(StandardIndex.clusterName, key)) {
    if (!isDataSecretCreated(config)) names.add(config.metadata.name as string);
  }
  for (const machine of cache.informerFor(capiTypes.machine).byIndex(StandardIndex.clusterName, key)) {
    for (const request of configRequest(namespace, machine.spec.bootstrap.configRef)) {
      const config = configs.get(request);
      if (config && !isDataSecretCreated(config)) names.add(request.name);
    }
  }
  return [...names].sort().map((name) => ({ namespace, name }));
}

/** Cluster → the configs of its machines that still wait (infrastructure, initialisation, endpoint, pause). */
export function clusterToConfigs(cache: InformerSource): MapFunction<Cluster> {
  return (cluster) => {
    const namespace = cluster.metadata.namespace as string;
    const waiting = waitingConfigsOfCluster(cache, namespace, cluster.metadata.name as string);
    if (!cluster.spec.paused) return waiting;
    // Pausing must reach every config (its Paused condition), not only the waiting ones.
    const all = cache
      .informerFor(KubeadmConfig)
      .byIndex(StandardIndex.clusterName, `${namespace}/${cluster.metadata.name}`)
      .map((config) => ({ namespace, name: config.metadata.name as string }));
    return [...new Map([...waiting, ...all].map((r) => [r.name, r])).values()];
  };
}

/** Machine → its own config (its version, nodeRef and deletion matter; a control-plane one may free the lock). */
export function machineToConfigs(cache: InformerSource): MapFunction<Machine> {
  return (machine) => {
    const own = configRequest(machine.metadata.namespace, machine.spec.bootstrap.configRef);
    if (machine.metadata.labels?.[CapiLabel.controlPlane] === undefined) return own;
    return [...own, ...waitingConfigsOfCluster(cache, machine.metadata.namespace as string, machine.spec.clusterName)];
  };
}

/** MachinePool → the config of its machine template. */
export const machinePoolToConfig: MapFunction<MachinePool> = (pool) =>
  configRequest(pool.metadata.namespace, pool.spec.template.spec.bootstrap.configRef);

/** Init lock ConfigMap → the waiting configs of its cluster (the lock was taken or released). */
export function lockToConfigs(cache: InformerSource): MapFunction<ConfigMap> {
  return (configMap) => {
    const clusterName = configMap.metadata.labels?.[CapiLabel.clusterName];
    const namespace = configMap.metadata.namespace;
    if (!clusterName || !namespace || configMap.metadata.name !== controlPlaneInitLockName(clusterName)) return [];
    return waitingConfigsOfCluster(cache, namespace, clusterName);
  };
}

function referencesSecret(config: Readonly<KubeadmConfig>, name: string): boolean {
  const spec = config.spec;
  return (
    (spec?.files ?? []).some((f) => f.contentFrom?.secret.name === name) ||
    (spec?.users ?? []).some((u) => u.passwdFrom?.secret.name === name)
  );
}

/**
 * Secret → its controlling config (a data Secret); for a cluster Secret (certificates, kubeconfig) the waiting
 * configs of that cluster; for any other Secret the waiting configs of the namespace whose files or users read it.
 */
export function secretToConfigs(cache: InformerSource): MapFunction<Secret> {
  return (secret) => {
    const namespace = secret.metadata.namespace;
    const name = secret.metadata.name ?? '';
    if (!namespace) return [];
    const controller = secret.metadata.ownerReferences?.find(
      (ref) =>
        ref.controller === true &&
        ref.kind === KubeadmConfig.kind &&
        ref.apiVersion.startsWith(`${KubeadmConfig.group}/`) &&
        ref.name === name,
    );
    if (controller) return [{ namespace, name: controller.name }];
    const clusterSecret = parseClusterSecretName(name);
    const fromClusterSecret = clusterSecret ? waitingConfigsOfCluster(cache, namespace, clusterSecret.clusterName) : [];
    const readers = cache
      .informerFor(KubeadmConfig)
      .list({ namespace })
      .filter((config) => !isDataSecretCreated(config) && referencesSecret(config, name))
      .map((config) => ({ namespace, name: config.metadata.name as string }));
    return [...new Map([...fromClusterSecret, ...readers].map((r) => [r.name, r])).values()];
  };
}
