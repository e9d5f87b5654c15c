import {
  type Controller,
  type ControllerOptions,
  capiTypes,
  clusterPausedTransitionsOrInfrastructureProvisioned,
  clusterToObjects,
  controllerBuilder,
  createPatchHelper,
  EventRecorder,
  getClusterFromMetadata,
  getOwnerMachine,
  type InfraControllerHost,
  informerReader,
  isControlPlaneMachine,
  isPaused,
  machineToInfrastructure,
  predicates,
} from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import { OpenStackMachine } from '../../api/v1beta1/openstack-machine.js';
import { IdentityError } from '../../cloud/identity.js';
import type { CloudSessions } from '../../cloud/sessions.js';
import { PendingDelays } from '../openstackcluster/pending-delays.js';
import { ConditionType } from '../shared/conditions.js';
import { EVENT_COMPONENT } from '../shared/events.js';
import { Finalizers } from '../shared/finalizers.js';
import {
  MACHINE_CONDITION_LAYOUT,
  MACHINE_OWNED_CONDITIONS,
  setMachineCondition,
  setReadySummary,
} from './conditions.js';
import type { MachineContext } from './context.js';
import { reconcileDelete } from './reconcile-delete.js';
import { type NextStep, reconcileNormal } from './reconcile-normal.js';
import {
  machineChanged,
  openStackClusterReadyChanged,
  openStackClusterToMachines,
  serverStateChanged,
  serverToMachine,
} from './watches.js';

/** Options of {@link openStackMachineController}. */
export interface OpenStackMachineControllerOptions {
  /** The manager (its client, cache, registry and logger). */
  manager: InfraControllerHost;
  /** OpenStack sessions from `identityRef`s. */
  sessions: CloudSessions;
  /** Only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (`--watch-filter`). */
  watchFilter?: string;
  /**
   * The OpenStackServer controller's `maxErrorReplacements` (default 3): once a server in ERROR was replaced that
   * often, the machine gets `failureReason`/`failureMessage`.
   */
  maxErrorReplacements?: number;
  /** Concurrency (default 10, CAPO's `--openstackmachine-concurrency`), rate limiter, ... */
  controllerOptions?: ControllerOptions;
  /** Where CAPO's parity events go; by default a recorder of its own (`openstack-controller`). */
  events?: EventRecorder;
}

/**
 * The OpenStackMachine controller (CAPO v0.14's `OpenStackMachineReconciler`): for an OpenStackMachine owned by a
 * Machine of an unpaused Cluster whose OpenStackCluster is ready, once the bootstrap data exists, it creates the
 * OpenStackServer of the machine and, once that is ready, sets providerID, addresses, `ready` and
 * `initialization.provisioned`, and joins control-plane machines to the API server load balancer (or floating IP).
 * Deletion leaves the load balancer, deletes the OpenStackServer and waits for it to be gone. Conditions
 * `InstanceReady`, `APIServerIngressReadyCondition` and the `Ready` summary, with CAPO's reasons; the Nova fault of
 * a server in ERROR shows in them. One patch per reconcile; a reconcile that changes nothing writes nothing.
 *
 * Watches OpenStackMachines; Machines (bootstrap data, Node, deletion); Clusters (pause transitions,
 * infrastructure provisioned) and OpenStackClusters (readiness) mapped to their machines; the owned
 * OpenStackServers (state changes). Only waits on Octavia are polled.
 */
export function openStackMachineController(options: OpenStackMachineControllerOptions): Controller {
  const { manager, sessions } = options;
  const { cache } = manager;
  const reader = informerReader(cache);
  const delays = new PendingDelays();
  const events =
    options.events ?? new EventRecorder({ client: manager.client, component: EVENT_COMPONENT, logger: manager.logger });
  return controllerBuilder(manager)
    .for(OpenStackMachine)
    .watches(capiTypes.machine, machineToInfrastructure(OpenStackMachine), { predicates: [machineChanged] })
    .watches(capiTypes.cluster, clusterToObjects(cache, OpenStackMachine), {
      // A Cluster that reaches the cache after a machine waiting for it wakes that machine.
      predicates: [predicates.or(predicates.created, clusterPausedTransitionsOrInfrastructureProvisioned)],
    })
    .watches(OpenStackCluster, openStackClusterToMachines(cache), { predicates: [openStackClusterReadyChanged] })
    .watches(OpenStackServer, serverToMachine, { predicates: [serverStateChanged] })
    .withEventFilter(predicates.resourceHasFilterLabel(options.watchFilter))
    .withOptions({ maxConcurrentReconciles: 10, ...options.controllerOptions })
    .build(async (request, reconcileContext) => {
      const cached = cache.informerFor(OpenStackMachine).get(request);
      if (!cached) return;
      const logger = reconcileContext.logger;
      const machine = await getOwnerMachine(reader, cached);
      if (!machine) {
        logger.info('Machine Controller has not yet set OwnerRef');
        return;
      }
      const cluster = await getClusterFromMetadata(reader, machine);
      if (!cluster) {
        logger.info('Machine is missing cluster label or cluster does not exist');
        return;
      }
      if (isPaused(cluster, cached)) {
        logger.debug('Reconciliation is paused for this object');
        return;
      }
      const infraName = cluster.spec.infrastructureRef?.name;
      const namespace = cached.metadata.namespace as string;
      const openStackCluster = infraName
        ? await reader.get(OpenStackCluster, { namespace, name: infraName })
        : undefined;
      if (!openStackCluster) {
        logger.info('Waiting for the OpenStackCluster of the Cluster');
        return;
      }
      const deleting = cached.metadata.deletionTimestamp !== undefined;
      if (deleting && !cached.metadata.finalizers?.includes(Finalizers.openStackMachine)) return;

      const helper = createPatchHelper(manager.client, OpenStackMachine, cached, {
        conditionLayout: MACHINE_CONDITION_LAYOUT,
      });
      const context: MachineContext = {
        object: helper.object,
        machine,
        cluster,
        openStackCluster,
        ref: { namespace: cluster.metadata.namespace ?? namespace, name: cluster.metadata.name ?? '' },
        client: manager.client,
        cache,
        sessions,
        delays,
        logger: logger.child({ machine: machine.metadata.name, cluster: cluster.metadata.name }),
        events: events.forObject(helper.object),
      };
      const outcome = await (async (): Promise<NextStep> => {
        try {
          if (!deleting) return await reconcileNormal(context, { maxErrorReplacements: options.maxErrorReplacements });
          const step = await reconcileDelete(context);
          if (step.done) {
            context.object.metadata.finalizers = context.object.metadata.finalizers?.filter(
              (f) => f !== Finalizers.openStackMachine,
            );
          }
          return step.requeueAfter ? { requeueAfter: step.requeueAfter } : {};
        } catch (error) {
          if (error instanceof IdentityError) {
            const T = ConditionType.instanceReady;
            setMachineCondition(context.object, T, 'False', error.problem, error.message, 'Error');
          }
          throw error;
        }
      })().then(
        (next) => ({ next }),
        (error: unknown) => ({ error }),
      );
      setReadySummary(context.object, isControlPlaneMachine(machine));
      await helper.patch(context.object, { ownedConditions: MACHINE_OWNED_CONDITIONS });
      if ('error' in outcome) throw outcome.error;
      return outcome.next.requeueAfter ? { requeueAfter: outcome.next.requeueAfter } : undefined;
    });
}
