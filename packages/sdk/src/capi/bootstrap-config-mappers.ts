import { type InformerSource, StandardIndex } from '../cache/types.js';
import type { ConfigMap } from '../client/builtin.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type { Request } from '../controller/request.js';
import type { MapFunction } from '../controller/request-mappers.js';
import { CapiLabel } from './constants.js';
import { controlPlaneInitLockName } from './control-plane-init-lock.js';
import { capiTypes } from './resources.js';
import type { ContractVersionedObjectReference, Machine, MachinePool } from './types.js';

// Watch mappings of a bootstrap provider: which of its configs to reconcile when a Machine, MachinePool or the
// control-plane init lock changes. Cluster-wide changes enqueue only the configs still waiting for their data, so a
// busy cluster stays quiet.

/** The bootstrap config kind whose watches {@link bootstrapConfigMappers} maps to. */
export interface BootstrapConfigKind<T extends KubeObject> {
  readonly type: ResourceType<T>;
  /** Whether the config already has its data Secret: such configs need no reconcile on cluster-wide changes. */
  readonly isDataSecretCreated: (config: Readonly<T>) => boolean;
}

/** The watch mappings shared by bootstrap providers, for their config kind. */
export interface BootstrapConfigMappers {
  /** The configs of a cluster still waiting for their data: by the cluster-name label and by the Machines' refs. */
  waitingConfigsOfCluster(namespace: string, clusterName: string): Request[];
  /**
   * Machine → its own config; a control-plane Machine also → the waiting configs of its cluster (its addresses and
   * nodeRef matter to joining nodes, and its deletion may free the init lock).
   */
  machineToConfigs: MapFunction<Machine>;
  /** MachinePool → the config of its machine template. */
  machinePoolToConfig: MapFunction<MachinePool>;
  /** Control-plane init lock ConfigMap → the waiting configs of its cluster (the lock was taken or released). */
  initLockToConfigs: MapFunction<ConfigMap>;
}

/** The {@link BootstrapConfigMappers} of a bootstrap config kind, reading configs and Machines from `cache`. */
export function bootstrapConfigMappers<T extends KubeObject>(
  cache: InformerSource,
  kind: BootstrapConfigKind<T>,
): BootstrapConfigMappers {
  const { type, isDataSecretCreated } = kind;

  const configRequest = (namespace: string | undefined, ref: ContractVersionedObjectReference | undefined) =>
    namespace && ref?.name && ref.kind === type.kind && ref.apiGroup === type.group
      ? [{ namespace, name: ref.name }]
      : [];

  function waitingConfigsOfCluster(namespace: string, clusterName: string): Request[] {
    const key = `${namespace}/${clusterName}`;
    const configs = cache.informerFor(type);
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

  return {
    waitingConfigsOfCluster,
    machineToConfigs: (machine) => {
      const own = configRequest(machine.metadata.namespace, machine.spec.bootstrap.configRef);
      if (machine.metadata.labels?.[CapiLabel.controlPlane] === undefined) return own;
      return [...own, ...waitingConfigsOfCluster(machine.metadata.namespace as string, machine.spec.clusterName)];
    },
    machinePoolToConfig: (pool) => configRequest(pool.metadata.namespace, pool.spec.template.spec.bootstrap.configRef),
    initLockToConfigs: (configMap) => {
      const clusterName = configMap.metadata.labels?.[CapiLabel.clusterName];
      const namespace = configMap.metadata.namespace;
      if (!clusterName || !namespace || configMap.metadata.name !== controlPlaneInitLockName(clusterName)) return [];
      return waitingConfigsOfCluster(namespace, clusterName);
    },
  };
}
