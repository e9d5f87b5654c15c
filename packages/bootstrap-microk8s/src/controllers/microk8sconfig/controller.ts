import {
  builtin,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  controllerBuilder,
  type KubeClient,
} from '@capi-ts/sdk';
import { MicroK8sConfig } from '../../api/v1beta1/index.js';
import { clusterToConfigs, microK8sConfigMappers, secretToConfigs } from './mappers.js';
import { microK8sConfigReconciler } from './reconciler.js';

/** Options of {@link microK8sConfigController}. */
export interface MicroK8sConfigControllerOptions {
  /** The manager's cache, registry and logger. */
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** How many configs are reconciled at once; default 10. */
  concurrency?: number;
  /** `--watch-filter`: only objects with this `cluster.x-k8s.io/watch-filter` label value. */
  watchFilter?: string;
}

/**
 * The MicroK8sConfig controller: reconciles configs, and re-reconciles them on the events they wait for (their
 * Cluster, Machines, MachinePools, the init lock, the shared Secrets and their data Secret).
 */
export function microK8sConfigController(options: MicroK8sConfigControllerOptions): Controller {
  const { cache } = options.dependencies;
  const shared = microK8sConfigMappers(cache);
  return controllerBuilder(options.dependencies)
    .named('microk8sconfig')
    .for(MicroK8sConfig)
    .withWatchFilter(options.watchFilter)
    .watches(capiTypes.machine, shared.machineToConfigs)
    .watches(capiTypes.machinePool, shared.machinePoolToConfig)
    .watches(capiTypes.cluster, clusterToConfigs(shared))
    .watches(builtin.configMap, shared.initLockToConfigs)
    .watches(builtin.secret, secretToConfigs(shared))
    .withConcurrency(options.concurrency ?? 10)
    .build(microK8sConfigReconciler({ client: options.client, cache }));
}
