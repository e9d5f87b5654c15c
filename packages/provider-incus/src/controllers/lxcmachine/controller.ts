import { type ControllerOptions, type InfraControllerHost, infraMachineController, type Runnable } from '@capi-ts/sdk';
import { LXC_MACHINE_FINALIZER, LXCMachineCondition, lxcMachineResource } from '../../api/index.js';
import { IncusConnections, liveSecretReader } from '../../connection/index.js';
import { identitySecretSource, lxcMachinesOfLXCCluster } from '../identity-secret-source.js';
import { IncusEventHub } from './incus-event-hub.js';
import { lxcMachineBackend } from './machine-backend.js';
import { LXC_MACHINE_CONDITION_LAYOUT } from './machine-conditions.js';

/** Options of {@link lxcMachineController}. */
export interface LXCMachineControllerOptions {
  /** The manager (its client, cache, registry and logger). */
  manager: InfraControllerHost;
  /** Concurrent reconciles (`--concurrency`, CAPN's default 10). */
  concurrency?: number;
  /** Only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (`--watch-filter`). */
  watchFilter?: string;
  /** Connections by identity secret, e.g. shared with the LXCCluster controller; default: its own. */
  connections?: IncusConnections;
  controllerOptions?: ControllerOptions;
}

/**
 * The LXCMachine controller as a manager runnable: Cluster API's infrastructure machine contract (SDK) around
 * the Incus backend, with the Incus event streams as a raw source, so a machine is reconciled as soon as its
 * instance is created, started, stopped or deleted, and with the identity Secret of its LXCCluster as a source too
 * (a fixed secret is used at once). Stopping it closes the event streams and the connections
 * it opened.
 */
export function lxcMachineController(options: LXCMachineControllerOptions): Runnable {
  const logger = options.manager.logger.child({ component: 'incus-events' });
  const ownConnections = !options.connections;
  const connections = options.connections ?? new IncusConnections(liveSecretReader(options.manager.client));
  const hub = new IncusEventHub(logger);
  const controller = infraMachineController({
    manager: options.manager,
    type: lxcMachineResource,
    finalizer: LXC_MACHINE_FINALIZER,
    provisionedCondition: LXCMachineCondition.InstanceProvisioned,
    conditionLayout: LXC_MACHINE_CONDITION_LAYOUT,
    concurrency: options.concurrency,
    watchFilter: options.watchFilter,
    controllerOptions: options.controllerOptions,
    backend: lxcMachineBackend({ connections, hub }),
    rawSources: [
      hub.source,
      identitySecretSource({
        cache: options.manager.cache,
        watchFilter: options.watchFilter,
        toRequests: lxcMachinesOfLXCCluster(options.manager.cache, options.watchFilter),
      }),
    ],
    v1beta1WaitingConditions: true,
  });
  return {
    name: controller.name,
    needsLeaderElection: controller.needsLeaderElection,
    async start(signal) {
      try {
        await controller.start(signal);
      } finally {
        hub.close();
        if (ownConnections) connections.close();
      }
    },
  };
}
