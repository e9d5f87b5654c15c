import {
  builtin,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  controllerBuilder,
  type KubeClient,
} from '@capi-ts/sdk';
import { KubeadmConfig } from '../../api/v1beta2/index.js';
import { clusterToConfigs, kubeadmConfigMappers, secretToConfigs } from './mappers.js';
import { kubeadmConfigReconciler } from './reconciler.js';
import { DEFAULT_SETTINGS, type KubeadmConfigSettings } from './settings.js';

/** Options of {@link kubeadmConfigController}. */
export interface KubeadmConfigControllerOptions {
  /** The manager's cache, registry and logger. */
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** Provider settings; CABPK's defaults when omitted. */
  settings?: Partial<KubeadmConfigSettings>;
  /** How many configs are reconciled at once; default 10. */
  concurrency?: number;
  /** `--watch-filter`: only objects with this `cluster.x-k8s.io/watch-filter` label value. */
  watchFilter?: string;
}

/**
 * The KubeadmConfig controller: reconciles configs, and re-reconciles them on the events they wait for (their
 * Cluster, Machines, MachinePools, the init lock, cluster Secrets, Secrets their files read, their data Secret).
 */
export function kubeadmConfigController(options: KubeadmConfigControllerOptions): Controller {
  const { cache } = options.dependencies;
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const shared = kubeadmConfigMappers(cache);
  return controllerBuilder(options.dependencies)
    .named('kubeadmconfig')
    .for(KubeadmConfig)
    .withWatchFilter(options.watchFilter)
    .watches(capiTypes.machine, shared.machineToConfigs)
    .watches(capiTypes.machinePool, shared.machinePoolToConfig)
    .watches(capiTypes.cluster, clusterToConfigs(cache, shared))
    .watches(builtin.configMap, shared.initLockToConfigs)
    .watches(builtin.secret, secretToConfigs(cache, shared))
    .withConcurrency(options.concurrency ?? 10)
    .build(kubeadmConfigReconciler({ client: options.client, cache, settings }));
}
