import { type ControllerOptions, type InfraControllerHost, infraClusterController, type Runnable } from '@capi-ts/sdk';
import { LXC_CLUSTER_FINALIZER, LXCClusterCondition, lxcClusterResource } from '../../api/index.js';
import { IncusConnections, liveSecretReader } from '../../connection/index.js';
import { identitySecretSource, lxcClusterItself } from '../identity-secret-source.js';
import { loadBalancerBackendsController } from './backends-controller.js';
import { lxcClusterBackend } from './cluster-backend.js';
import { LXC_CLUSTER_CONDITION_LAYOUT } from './cluster-conditions.js';

/** Options of {@link lxcClusterController}. */
export interface LXCClusterControllerOptions {
  /** The manager (its client, cache, registry and logger). */
  manager: InfraControllerHost;
  /** Only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (`--watch-filter`). */
  watchFilter?: string;
  /** Connections by identity secret; default: a set of its own, reading Secrets live. */
  connections?: IncusConnections;
  controllerOptions?: ControllerOptions;
}

/**
 * The LXCCluster controllers as one manager runnable: Cluster API's infrastructure cluster contract (SDK) around
 * the load balancer backend (create/adopt, endpoint, delete), and the load balancer backends controller that
 * follows the control-plane instances. Both are also reconciled when the identity Secret of an LXCCluster changes.
 * Stopping it closes the Incus connections it opened.
 */
export function lxcClusterController(options: LXCClusterControllerOptions): Runnable {
  const ownConnections = !options.connections;
  const secretSource = () =>
    identitySecretSource({
      cache: options.manager.cache,
      watchFilter: options.watchFilter,
      toRequests: lxcClusterItself,
    });
  const connections = options.connections ?? new IncusConnections(liveSecretReader(options.manager.client));
  const cluster = infraClusterController({
    manager: options.manager,
    type: lxcClusterResource,
    finalizer: LXC_CLUSTER_FINALIZER,
    provisionedCondition: LXCClusterCondition.LoadBalancerAvailable,
    conditionLayout: LXC_CLUSTER_CONDITION_LAYOUT,
    watchFilter: options.watchFilter,
    controllerOptions: options.controllerOptions,
    backend: lxcClusterBackend({ connections, cache: options.manager.cache }),
    rawSources: [secretSource()],
  });
  const backends = loadBalancerBackendsController({
    manager: options.manager,
    connections,
    rawSources: [secretSource()],
    watchFilter: options.watchFilter,
    controllerOptions: options.controllerOptions,
  });
  return {
    name: cluster.name,
    needsLeaderElection: true,
    async start(signal) {
      try {
        await Promise.all([cluster.start(signal), backends.start(signal)]);
      } finally {
        if (ownConnections) connections.close();
      }
    },
  };
}
