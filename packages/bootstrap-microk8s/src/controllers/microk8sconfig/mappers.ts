import {
  CapiLabel,
  type Cluster,
  type ConfigMap,
  capiTypes,
  controlPlaneInitLockName,
  type InformerSource,
  type KubeObject,
  type Machine,
  type MachinePool,
  type MapFunction,
  type Request,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { MicroK8sConfig } from '../../api/v1beta1/index.js';
import { ClusterSecretSuffix } from './cluster-secrets.js';
import { isDataSecretCreated } from './status.js';

// Watch mappings: which MicroK8sConfigs to reconcile when a Cluster, Machine, MachinePool, lock or Secret changes.
// Cluster-wide changes enqueue only the configs still waiting for their data, so a busy cluster stays quiet.

type ConfigRef = { apiGroup?: string; kind?: string; name?: string } | undefined;

function configRequest(namespace: string | undefined, ref: ConfigRef): Request[] {
  if (!namespace || !ref?.name) return [];
  if (ref.kind !== MicroK8sConfig.kind || ref.apiGroup !== MicroK8sConfig.group) return [];
  return [{ namespace, name: ref.name }];
}

/** The configs of a cluster still waiting for their data: by the cluster-name label and by the Machines' refs. */
export function waitingConfigsOfCluster(cache: InformerSource, namespace: string, clusterName: string): Request[] {
  const key = `${namespace}/${clusterName}`;
  const names = new Set<string>();
  for (const config of cache.informerFor(MicroK8sConfig).byIndex(StandardIndex.clusterName, key)) {
    if (!isDataSecretCreated(config)) names.add(config.metadata.name as string);
  }
  const configs = cache.informerFor(MicroK8sConfig);
  for (const machine of cache.informerFor(capiTypes.machine).byIndex(StandardIndex.clusterName, key)) {
    for (const request of configRequest(namespace, machine.spec.bootstrap.configRef)) {
      const config = configs.get(request);
      if (config && !isDataSecretCreated(config)) names.add(request.name);
    }
  }
  return [...names].sort().map((name) => ({ namespace, name }));
}

/** Cluster → the configs of its machines that still wait (infrastructure, initialisation, endpoint). */
export function clusterToConfigs(cache: InformerSource): MapFunction<Cluster> {
  return (cluster) =>
    waitingConfigsOfCluster(cache, cluster.metadata.namespace as string, cluster.metadata.name as string);
}

/**
 * Machine → its own config; a control-plane Machine also → the waiting configs of its cluster (its addresses are
 * join addresses, and its deletion may free the init lock).
 */
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

function clusterNameFromSuffix(name: string, suffixes: readonly string[]): string | undefined {
  for (const suffix of suffixes) if (name.endsWith(`-${suffix}`)) return name.slice(0, -suffix.length - 1);
  return undefined;
}

/** Init lock ConfigMap → the waiting configs of its cluster (the lock was taken or released). */
export function lockToConfigs(cache: InformerSource): MapFunction<ConfigMap> {
  return (configMap) => {
    const clusterName = configMap.metadata.labels?.[CapiLabel.clusterName];
    const namespace = configMap.metadata.namespace;
    if (!clusterName || !namespace || configMap.metadata.name !== controlPlaneInitLockName(clusterName)) return [];
    return waitingConfigsOfCluster(cache, namespace, clusterName);
  };
}

const SHARED_SUFFIXES = Object.values(ClusterSecretSuffix);

/** Secret → its controlling config (a data Secret), or the waiting configs of the cluster of a shared Secret. */
export function secretToConfigs(cache: InformerSource): MapFunction<Secret> {
  return (secret: Readonly<KubeObject>) => {
    const namespace = secret.metadata.namespace;
    if (!namespace) return [];
    const controller = secret.metadata.ownerReferences?.find(
      (ref) =>
        ref.controller === true &&
        ref.kind === MicroK8sConfig.kind &&
        ref.apiVersion.startsWith(`${MicroK8sConfig.group}/`),
    );
    if (controller) return [{ namespace, name: controller.name }];
    const clusterName = clusterNameFromSuffix(secret.metadata.name ?? '', SHARED_SUFFIXES);
    return clusterName ? waitingConfigsOfCluster(cache, namespace, clusterName) : [];
  };
}
